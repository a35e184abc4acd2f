#!/usr/bin/env python
"""Search benchmark on a synthetic archive (sentences of the sample recombined).

    python bench/search.py --paragraphs 10000 [--rounds 5] [--load-seconds 20]

Works in its own ARCHIVE_DATA_DIR (a temp dir unless --data-dir is given); the project's data
is never touched. Prints index build time, paragraphs/s, index size, query latency p50/p95 for
20 typical queries through the API's code path (engine.run_search, first page highlighted), the
same for a plain Django icontains scan, optionally requests/s served by 2 gunicorn workers, and
ends with one JSON line:
{"paragraphs", "build_s", "index_mb", "p50_ms", "p95_ms", "scan_p50_ms", "scan_p95_ms"}
"""
import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    # single words
    "经济", "碳纤维", "纤维", "冰雪", "招商引资", "乡村振兴", "营商环境", "旅游",
    # two words
    "冰雪 经济", "产业 项目", "吉林 化纤", "民生 保障", "科技 创新", "城市 更新",
    # phrases
    '"冰雪旅游"', '"省域副中心城市"', '"高质量发展"', '"固定资产投资"', '"吉林化纤"', '"营商环境"',
]


def percentile(values, pct):
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def cpu_seconds():
    """CPU time of this process plus its finished children (Whoosh's indexing processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def setup_django(data_dir):
    os.environ["ARCHIVE_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("ARCHIVE_ALLOW_INSECURE_KEY", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def time_queries(run_one, rounds):
    for q in QUERIES:  # warm-up: searcher open, caches, jieba
        run_one(q)
    samples = []
    for _ in range(rounds):
        for q in QUERIES:
            start = time.perf_counter()
            run_one(q)
            samples.append((time.perf_counter() - start) * 1000)
    return percentile(samples, 50), percentile(samples, 95)


def scan_search(q):
    """What a user gets without an index: AND of icontains, count, first page, ordered by id."""
    from bulletin.models import Paragraph
    from search.query import parse

    qs = Paragraph.objects.select_related("article__bulletin")
    for group in parse(q).groups:
        for item in group:
            qs = qs.filter(text__icontains=item.text)
    return qs.count(), [p.text for p in qs.order_by("pk")[:20]]


def api_search(q):
    from search.engine import SearchRequest, run_search

    outcome = run_search(SearchRequest(q=q))
    return outcome.count, [h.highlight for h in outcome.results]


def load_test(data_dir, seconds, concurrency=4, port=8765):
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "config.settings"}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "--preload", "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
         "config.wsgi:application"], cwd=ROOT, env=env)
    try:
        base = f"http://127.0.0.1:{port}/api/search?q="
        for _ in range(100):
            try:
                urllib.request.urlopen(base + urllib.parse.quote("经济"), timeout=5).read()
                break
            except OSError:
                time.sleep(0.2)
        for q in QUERIES:  # warm every worker's searcher a little
            urllib.request.urlopen(base + urllib.parse.quote(q), timeout=30).read()
        done, errors, latencies = [0], [0], []
        lock, stop = threading.Lock(), time.monotonic() + seconds

        def client(offset):
            i = offset
            while time.monotonic() < stop:
                url = base + urllib.parse.quote(QUERIES[i % len(QUERIES)])
                i += 1
                start = time.perf_counter()
                try:
                    with urllib.request.urlopen(url, timeout=30) as response:
                        ok = response.status == 200 and response.read()
                except OSError:
                    ok = False
                with lock:
                    latencies.append((time.perf_counter() - start) * 1000)
                    done[0] += 1 if ok else 0
                    errors[0] += 0 if ok else 1

        started = time.monotonic()
        threads = [threading.Thread(target=client, args=(n * 5,)) for n in range(concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
        return {"requests": done[0], "errors": errors[0], "seconds": round(elapsed, 1),
                "rps": round(done[0] / elapsed, 1), "concurrency": concurrency,
                "p50_ms": round(percentile(latencies, 50), 1), "p95_ms": round(percentile(latencies, 95), 1)}
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paragraphs", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over the 20 queries")
    parser.add_argument("--load-seconds", type=int, default=0, help="also run a gunicorn load test")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--data-dir", help="keep the archive here (default: a temp dir, removed); an archive "
                        "already there is reused")
    parser.add_argument("--no-rebuild", action="store_true", help="reuse the index in --data-dir (build_s null)")
    args = parser.parse_args()

    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="bench-search-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        setup_django(data_dir)
        from search import synthetic, writer

        from bulletin.models import Paragraph

        existing = Paragraph.objects.count()
        if existing and existing != args.paragraphs:
            sys.exit(f"{data_dir} holds {existing} paragraphs, not {args.paragraphs}")
        if not existing:
            start = time.perf_counter()
            synthetic.build_archive(args.paragraphs)
            print(f"archive: {args.paragraphs} paragraphs in the database in {time.perf_counter() - start:.1f} s", flush=True)

        build_s = None
        if not (args.no_rebuild and args.data_dir):
            start, cpu_start = time.perf_counter(), cpu_seconds()
            documents = writer.rebuild_from_database()
            build_s, build_cpu = time.perf_counter() - start, cpu_seconds() - cpu_start
            print(f"index: {documents} documents in {build_s:.1f} s = {args.paragraphs / build_s:.0f} paragraphs/s "
                  f"(CPU {build_cpu:.1f} s in this process and its indexing processes; on a 2-core machine "
                  f"shared with other work the wall time is above CPU/2)", flush=True)
        index_dir = Path(writer.index_path())
        index_mb = sum(f.stat().st_size for f in index_dir.iterdir()) / 2**20
        print(f"index size: {index_mb:.1f} MB", flush=True)

        for q in QUERIES:
            count, _ = api_search(q)
            scan_count, _ = scan_search(q)
            print(f"  {q!s:<16} index {count:>7}   icontains scan {scan_count:>7}", flush=True)
        p50, p95 = time_queries(api_search, args.rounds)
        print(f"index search (API code path, page 1 highlighted): p50 {p50:.1f} ms, p95 {p95:.1f} ms", flush=True)
        scan_p50, scan_p95 = time_queries(scan_search, args.rounds)
        print(f"icontains scan: p50 {scan_p50:.1f} ms, p95 {scan_p95:.1f} ms", flush=True)
        if args.load_seconds:
            print("load (2 gunicorn workers, --preload):", json.dumps(load_test(data_dir, args.load_seconds, args.concurrency)), flush=True)
        print(json.dumps({"paragraphs": args.paragraphs, "build_s": round(build_s, 1) if build_s is not None else None, "index_mb": round(index_mb, 1),
                          "p50_ms": round(p50, 1), "p95_ms": round(p95, 1),
                          "scan_p50_ms": round(scan_p50, 1), "scan_p95_ms": round(scan_p95, 1)}))
    finally:
        if not args.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
