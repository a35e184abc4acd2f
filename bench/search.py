#!/usr/bin/env python
"""Search benchmark on a synthetic archive (corpus and sample sentences, many gazettes, 20 years).

    python bench/search.py --paragraphs 100000 [--rounds 3] [--load-seconds 20] [--data-dir DIR]

Works in its own ARCHIVE_DATA_DIR (a temp dir unless --data-dir is given); the project's data
is never touched. For a fixed query mix (1-, 2-, 4-character and mixed-script terms, phrases,
exclusions, filters, filters alone) it times the API's code path (SearchQuerySet through our
haystack engine: exact count, facets, page 1 with highlights) and the same queries on SQLite
FTS5 (trigram tokenizer over the same rows' search forms, LIKE for parts under 3 characters), in
the same run, and checks that both count the same. Then it imports one more bulletin and times
confirm → searchable. Ends with one JSON line:
{"paragraphs", "documents", "build_s", "index_mb", "rss_mb" (a fresh worker, 4 threads), "p50_ms", "p95_ms", "fts5_build_s",
 "fts5_mb", "fts5_p50_ms", "fts5_p95_ms", "counts_agree", "import_to_searchable_s"}
"""
import argparse
import json
import os
import resource
import shutil
import sqlite3
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
    # one and two characters
    "市", "户", "经济", "旅游", "项目",
    # four characters and more
    "冰雪旅游", "营商环境", "乡村振兴", "高质量发展", "固定资产投资",
    # mixed scripts, numbers
    "5G", "T1000", "6.7%", "2018年",
    # phrases
    '"省域副中心城市"', '"非物质文化遗产"', '"各区县人民政府"',
    # words, exclusions, alternatives
    "经济 发展", "经济 -旅游", "冰雪 OR 旅游",
    # filters, and filters alone
    "经济 year:2023", "发展 type:通知", "通知 gazette:jilin", "year:2024 type:决定",
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


def setup_django(data_dir, migrate=True):
    os.environ["ARCHIVE_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("ARCHIVE_ALLOW_INSECURE_KEY", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    if migrate:
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


def api_search(q):
    from search.engine import SearchRequest, run_search

    outcome = run_search(SearchRequest(q=q))
    return outcome.count, [h.highlight for h in outcome.results]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Fts5:
    """The same rows in SQLite FTS5 (trigram tokenizer) beside the archive, queried with the same
    semantics: each query part of 3+ characters a MATCH phrase, shorter parts LIKE."""

    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(path)

    def build(self) -> float:
        from bulletin.models import Article, Block
        from search.analysis import SEGMENT_BREAK, search_form

        start = time.perf_counter()
        db = self.db
        db.execute("DROP TABLE IF EXISTS fts")
        db.execute("CREATE VIRTUAL TABLE fts USING fts5(body, year UNINDEXED, gazette UNINDEXED, "
                   "doc_type UNINDEXED, published UNINDEXED, tokenize='trigram')")
        rows = Block.objects.values_list("pk", "text", "article__bulletin__year", "article__bulletin__gazette__slug",
                                         "article__doc_type", "article__bulletin__published")
        batch = []
        for pk, text, year, gazette, doc_type, published in rows.iterator(chunk_size=5000):
            batch.append((pk * 2, search_form(text), year, gazette, doc_type, str(published)))
            if len(batch) >= 5000:
                db.executemany("INSERT INTO fts(rowid, body, year, gazette, doc_type, published) VALUES (?,?,?,?,?,?)", batch)
                batch = []
        for pk, title, category, year, gazette, doc_type, published in Article.objects.values_list(
                "pk", "title", "category", "bulletin__year", "bulletin__gazette__slug", "doc_type",
                "bulletin__published").iterator(chunk_size=5000):
            body = search_form(SEGMENT_BREAK.join(v for v in (title, category) if v))
            batch.append((pk * 2 + 1, body, year, gazette, doc_type, str(published)))
        db.executemany("INSERT INTO fts(rowid, body, year, gazette, doc_type, published) VALUES (?,?,?,?,?,?)", batch)
        db.commit()
        return time.perf_counter() - start

    def size_mb(self) -> float:
        return self.path.stat().st_size / 2**20

    def search(self, q):
        """(count, first page of snippets) of the query, as our engine means it."""
        from search.query import parse, parts_of

        parsed = parse(q)
        where, params, matches = [], [], []
        for group in parsed.groups:
            alternatives = []
            for item in group:
                conditions = []
                for part in parts_of(item.text, item.phrase):
                    if len(part) >= 3:
                        conditions.append("rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)")
                        params.append('"' + part.replace('"', '""') + '"')
                        if not item.negated:
                            matches.append(part)
                    else:
                        conditions.append("body LIKE ?")
                        params.append("%" + part.replace("%", "\\%").replace("_", "\\_") + "%")
                        conditions[-1] += " ESCAPE '\\'"
                clause = "(" + " AND ".join(conditions) + ")"
                alternatives.append(f"NOT {clause}" if item.negated else clause)
            where.append("(" + " OR ".join(alternatives) + ")")
        columns = {"year": "year", "gazette": "gazette", "doc_type": "doc_type"}
        for name, value in parsed.filters.items():
            where.append(f"{columns[name]} = ?")
            params.append(value)
        sql_where = " AND ".join(where) or "1"
        count = self.db.execute(f"SELECT count(*) FROM fts WHERE {sql_where}", params).fetchone()[0]
        order = "published DESC, rowid"
        page = self.db.execute(f"SELECT rowid, body FROM fts WHERE {sql_where} ORDER BY {order} LIMIT 20", params).fetchall()
        return count, [body for _, body in page]


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


def worker_rss(data_dir: Path, threads: int = 4) -> float:
    """RSS (MB) of a fresh process that, like a gunicorn worker with ``threads`` threads, has
    answered the query mix on every thread."""
    code = (
        "import sys, threading, importlib.util; "
        f"spec = importlib.util.spec_from_file_location('bench_search', {str(Path(__file__).resolve())!r}); "
        "bench = importlib.util.module_from_spec(spec); spec.loader.exec_module(bench); "
        f"bench.setup_django({str(data_dir)!r}, migrate=False); "
        "ts = [threading.Thread(target=lambda: [bench.api_search(q) for q in bench.QUERIES]) "
        f"for _ in range({threads})]; [t.start() for t in ts]; [t.join() for t in ts]; print(bench.rss_mb())"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=1800)
    if out.returncode:
        raise SystemExit(out.stderr[-2000:])
    return float(out.stdout.strip().splitlines()[-1])


def import_to_searchable() -> float:
    """Seconds from an editor's confirm (store_bulletin) to the bulletin being found by search."""
    from django.db import transaction

    from bulletin.ingest import parse_bulletin
    from bulletin.services import delete_bulletin, store_bulletin
    from search.engine import SearchRequest, run_search

    data = (ROOT / "tests" / "corpus" / "inputs" / "b03-a4.txt").read_bytes()
    parsed = parse_bulletin(data, "b03-a4.txt")
    parsed.year, parsed.issue = 2099, 1  # a new issue, whatever the archive holds
    needle = "year:2099 gazette:loudi"  # b03 is 娄底's bulletin
    start = time.perf_counter()
    with transaction.atomic():
        outcome = store_bulletin(parsed, source_bytes=data + b"\n2099", source_name="bench.txt")
    found = run_search(SearchRequest(q=needle)).count
    elapsed = time.perf_counter() - start
    delete_bulletin(outcome.bulletin)  # leave the archive as it was
    if not found:
        raise SystemExit("the imported bulletin is not searchable")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paragraphs", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the query mix")
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
        from bulletin.models import Article, Block
        from search import synthetic, writer

        existing = Block.objects.filter(kind="paragraph").count()
        if existing and existing != args.paragraphs:
            sys.exit(f"{data_dir} holds {existing} paragraphs, not {args.paragraphs}")
        if not existing:
            start = time.perf_counter()
            synthetic.build_archive(args.paragraphs, corpus=True, paragraphs_per_bulletin=200)
            print(f"archive: {args.paragraphs} paragraphs in the database in {time.perf_counter() - start:.1f} s", flush=True)
        documents = Block.objects.count() + Article.objects.count()

        build_s = None
        if not (args.no_rebuild and args.data_dir):
            start, cpu_start = time.perf_counter(), cpu_seconds()
            indexed = writer.rebuild_from_database()
            build_s, build_cpu = time.perf_counter() - start, cpu_seconds() - cpu_start
            print(f"index: {indexed} documents in {build_s:.1f} s (CPU {build_cpu:.1f} s with its indexing processes)", flush=True)
        index_dir = Path(writer.index_path())
        index_mb = sum(f.stat().st_size for f in index_dir.iterdir()) / 2**20
        print(f"index size: {index_mb:.1f} MB", flush=True)

        fts = Fts5(data_dir / "fts5.sqlite3")
        fts5_build_s = fts.build()
        print(f"fts5: built in {fts5_build_s:.1f} s, {fts.size_mb():.1f} MB", flush=True)

        agree = True
        for q in QUERIES:
            count, _ = api_search(q)
            fts_count, _ = fts.search(q)
            agree &= count == fts_count
            print(f"  {q!s:<22} index {count:>8}   fts5 {fts_count:>8}{'' if count == fts_count else '   DIFFERENT'}", flush=True)
        p50, p95 = time_queries(api_search, args.rounds)
        print(f"index search (API code path): p50 {p50:.1f} ms, p95 {p95:.1f} ms", flush=True)
        worker = worker_rss(data_dir)
        print(f"a fresh worker after the query mix on 4 threads: RSS {worker:.0f} MB", flush=True)
        fts_p50, fts_p95 = time_queries(fts.search, args.rounds)
        print(f"fts5 search: p50 {fts_p50:.1f} ms, p95 {fts_p95:.1f} ms", flush=True)
        import_s = import_to_searchable()
        print(f"import → searchable: {import_s:.1f} s", flush=True)
        if args.load_seconds:
            print("load (2 gunicorn workers, --preload):", json.dumps(load_test(data_dir, args.load_seconds, args.concurrency)), flush=True)
        print(json.dumps({"paragraphs": args.paragraphs, "documents": documents,
                          "build_s": round(build_s, 1) if build_s is not None else None, "index_mb": round(index_mb, 1),
                          "rss_mb": round(worker), "p50_ms": round(p50, 1), "p95_ms": round(p95, 1),
                          "fts5_build_s": round(fts5_build_s, 1), "fts5_mb": round(fts.size_mb(), 1),
                          "fts5_p50_ms": round(fts_p50, 1), "fts5_p95_ms": round(fts_p95, 1),
                          "counts_agree": agree, "import_to_searchable_s": round(import_s, 2)}))
    finally:
        if not args.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
