#!/usr/bin/env python
"""Searches and page views while editors import: a bounded load test on loopback.

    python bench/import_load.py [--base-paragraphs 3000] [--import-paragraphs 400] [--editors 2]
                                [--searchers 4] [--max-requests 600] [--pause 0.2] [--max-seconds 300] [--threads 1]

Works in its own ARCHIVE_DATA_DIR (a temp dir, removed afterwards unless --keep); the project's data
is never touched. Builds a synthetic archive and its index, starts gunicorn with 2 workers bound to
127.0.0.1 only, then, at the same time:
  * `--editors` editors each log in to the admin, upload a printer-spread PDF bulletin made by
    tests/pdf_factory.py (about --import-paragraphs paragraphs), wait for the job worker (started
    beside gunicorn) to parse it, preview it, confirm, and wait for the job to be indexed;
  * `--searchers` clients send search requests (JSON API and HTML page) and page views
    until the imports are done (at most --max-requests in all, --max-seconds in time);
  * a watcher polls one query's per-bulletin facet counts: a bulletin must appear in the index
    with all its documents at once, never part of them.
Reports errors (HTTP status other than 200, connection failures, search error messages; must be 0),
latency p50/p95/max overall and while an import was running, each import's step times, and ends
with one JSON line.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ["经济", "推进", "营商环境", "乡村振兴", "科技 创新", '"高质量发展"', "城市更新", "安全生产", "碳纤维", "民生"]
WATCH_QUERY = "推进"
PASSWORD = "bench-" + secrets.token_hex(8)


def percentile(values, pct):
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(data_dir: Path, base_paragraphs: int, editors: int, import_paragraphs: int) -> list[Path]:
    os.environ["ARCHIVE_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()
    from django.contrib.auth.models import Permission, User
    from django.core.management import call_command

    from search import synthetic, writer
    from tests import pdf_factory as pf

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    start = time.perf_counter()
    synthetic.build_archive(base_paragraphs)
    documents = writer.rebuild_from_database()
    print(f"base archive: {base_paragraphs} paragraphs, {documents} index documents in {time.perf_counter() - start:.1f} s", flush=True)
    for n in range(editors):
        user = User.objects.create_user(f"editor{n}", password=PASSWORD, is_staff=True)
        user.user_permissions.add(*Permission.objects.filter(content_type__app_label="bulletin",
                                                             codename__in=["add_bulletin", "view_bulletin"]))
    files = []
    per_section = 10
    for n in range(editors):
        articles = max(1, round(import_paragraphs / (4 * per_section)))
        doc = pf.sample_document(seed=100 + n, articles=articles, sections=4, paragraphs_per_section=per_section)
        doc.issue = 5 + n
        path = data_dir / f"bench-import-{n}.pdf"
        path.write_bytes(pf.render_pdf(pf.layout(doc), spreads=True))
        paragraphs = sum(len(a.paragraphs) for a in doc.articles)
        print(f"import file {n}: {path.stat().st_size // 1024} KB PDF, {len(doc.articles)} articles, {paragraphs} paragraphs", flush=True)
        files.append(path)
    return files


class Editor:
    """One editor's browser session: cookies, CSRF tokens from the forms, redirects not followed."""

    def __init__(self, base: str, username: str):
        self.base, self.username = base, username
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.steps: dict[str, float] = {}
        self.outcome = ""

    def request(self, path, data=None, headers=None, timeout=600):
        req = urllib.request.Request(self.base + path, data=data, headers={"Referer": self.base + path, **(headers or {})})
        try:
            with self.opener.open(req, timeout=timeout) as response:
                return response.status, response.headers, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read().decode("utf-8", "replace")

    def csrf(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def run(self, pdf: Path, windows: list, flows: list, lock: threading.Lock):
        try:
            self._run(pdf, windows, flows, lock)
        except Exception as exc:  # reported in the summary instead of a thread traceback
            self.outcome = f"failed: {type(exc).__name__}: {exc}"
        finally:
            with lock:
                for flow in flows:
                    if flow[2] is self and flow[1] is None:
                        flow[1] = time.monotonic()

    def _run(self, pdf: Path, windows: list, flows: list, lock: threading.Lock):
        status, _, html = self.request("/admin/login/")
        body = urllib.parse.urlencode({"username": self.username, "password": PASSWORD,
                                       "csrfmiddlewaretoken": self.csrf(html), "next": "/admin/"}).encode()
        status, headers, _ = self.request("/admin/login/", body)
        assert status == 302, f"login failed: {status}"
        _, _, html = self.request("/admin/bulletin/bulletin/upload/")
        boundary = uuid.uuid4().hex
        payload = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrfmiddlewaretoken\"\r\n\r\n{self.csrf(html)}\r\n"
                   f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{pdf.name}\"\r\n"
                   "Content-Type: application/pdf\r\n\r\n").encode() + pdf.read_bytes() + f"\r\n--{boundary}--\r\n".encode()
        start = time.monotonic()
        with lock:
            flows.append([start, None, self])
        status, headers, html = self.request("/admin/bulletin/bulletin/upload/", payload,
                                             {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        self.steps["upload_parse_s"] = time.monotonic() - start
        if status != 302:
            self.outcome = f"upload refused: {status} {re.sub(r'<[^>]+>', ' ', html)[:300]}"
            return
        preview = headers["Location"]
        start = time.monotonic()
        status, _, html = self.request(preview)
        while 'http-equiv="refresh"' in html:  # the job worker parses; the page refreshes itself
            time.sleep(0.5)
            status, _, html = self.request(preview)
        self.steps["preview_s"] = time.monotonic() - start
        token = preview.rstrip("/").rsplit("/", 1)[-1]
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.csrf(html), "token": token, "action": "import"}).encode()
        start = time.monotonic()
        with lock:
            windows.append([start, None])
            window = windows[-1]
        status, headers, _ = self.request(preview, body)
        if status == 302 and headers.get("Location") == preview:  # queued: the worker stores and indexes it
            html = ""
            while not re.search(r'data-state="(indexed|failed)"', html):
                time.sleep(0.5)
                _, _, html = self.request(preview)
            found = re.search(r'id="job-bulletin" href="([^"]+)"', html)
            headers = {"Location": found.group(1) if found else ""}
        end = time.monotonic()
        with lock:
            window[1] = end
        self.steps["confirm_s"] = end - start
        location = headers.get("Location", "") if headers else ""
        created = status == 302 and re.search(ADDRESS, location)
        self.outcome = "created " + location if created else f"confirm failed: {status} {location}"


ADDRESS = r"/([a-z][a-z0-9-]*)/(\d+)/(\d+)/$"  # where a confirmed upload lands: the issue's address


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-paragraphs", type=int, default=3000)
    parser.add_argument("--import-paragraphs", type=int, default=400, help="paragraphs per imported bulletin")
    parser.add_argument("--editors", type=int, default=2)
    parser.add_argument("--searchers", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=600)
    parser.add_argument("--pause", type=float, default=0.2, help="seconds each searcher waits between requests")
    parser.add_argument("--max-seconds", type=int, default=300)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (>1: gthread workers)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    os.environ["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(40)
    os.environ["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1"
    server = worker = None
    try:
        files = prepare(data_dir, args.base_paragraphs, args.editors, args.import_paragraphs)
        port = free_port()
        gunicorn = Path(sys.executable).with_name("gunicorn")
        server = subprocess.Popen(
            [str(gunicorn), "-w", "2", "--threads", str(args.threads), "-b", f"127.0.0.1:{port}", "--timeout", "600", "--log-level", "warning",
             "config.wsgi:application"], cwd=ROOT, env={**os.environ})
        worker = subprocess.Popen([sys.executable, "manage.py", "archive_worker", "-v0"], cwd=ROOT, env={**os.environ})
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/api/search?q=" + urllib.parse.quote("经济"), timeout=10).read()
                break
            except OSError:
                time.sleep(0.2)
        for q in QUERIES * 2:  # warm both workers' searchers and jieba
            urllib.request.urlopen(base + "/api/search?q=" + urllib.parse.quote(q), timeout=60).read()

        lock = threading.Lock()
        samples: list[tuple[float, float, str, str]] = []  # (start, latency ms, kind, error or "")
        windows: list[list] = []  # confirm requests: [start, end]
        flows: list[list] = []  # upload (parse) to confirmed: [start, end, editor]
        snapshots: list[dict] = []
        editors = [Editor(base, f"editor{n}") for n in range(args.editors)]
        editor_threads = [threading.Thread(target=e.run, args=(f, windows, flows, lock)) for e, f in zip(editors, files)]
        deadline = time.monotonic() + args.max_seconds

        def busy():
            return any(t.is_alive() for t in editor_threads)

        def budget_left():
            with lock:
                return len(samples) < args.max_requests and time.monotonic() < deadline

        def fetch(path, kind):
            start = time.monotonic()
            error, body = "", b""
            try:
                with urllib.request.urlopen(base + path, timeout=120) as response:
                    body = response.read()
                    if response.status != 200:
                        error = f"HTTP {response.status}"
            except urllib.error.HTTPError as exc:
                error = f"HTTP {exc.code}"
            except OSError as exc:
                error = type(exc).__name__
            if not error and kind == "api" and "检索出错" in body.decode("utf-8", "replace"):
                error = "search error message"
            with lock:
                samples.append((start, (time.monotonic() - start) * 1000, kind, error))
            return body

        def searcher(offset):
            i = offset
            while busy() and budget_left():
                q = urllib.parse.quote(QUERIES[i % len(QUERIES)])
                kind = ("api", "page", "view")[i % 3]
                path = {"api": f"/api/search?q={q}", "page": f"/search/?q={q}", "view": "/"}[kind]
                fetch(path, kind)
                i += 1
                time.sleep(args.pause)

        def watcher():
            while busy() and budget_left():
                body = fetch("/api/search?q=" + urllib.parse.quote(WATCH_QUERY), "api")
                try:
                    snapshots.append(json.loads(body)["facets"]["bulletin"])
                except (ValueError, KeyError):
                    pass
                time.sleep(0.2)

        started = time.monotonic()
        for t in editor_threads:
            t.start()
        load_threads = [threading.Thread(target=searcher, args=(n * 7,)) for n in range(args.searchers)]
        load_threads.append(threading.Thread(target=watcher))
        for t in load_threads:
            t.start()
        for t in editor_threads + load_threads:
            t.join()
        elapsed = time.monotonic() - started

        final = json.loads(urllib.request.urlopen(base + "/api/search?q=" + urllib.parse.quote(WATCH_QUERY), timeout=60).read())["facets"]["bulletin"]
        from bulletin.models import Bulletin

        addresses = [m.groups() for e in editors for m in [re.search(ADDRESS, e.outcome)] if m]
        new_ids = [Bulletin.objects.get(gazette__slug=slug, year=int(year), issue=int(issue)).pk
                   for slug, year, issue in addresses]
        partial = [(bid, snap.get(str(bid)), final.get(str(bid))) for snap in snapshots for bid in new_ids
                   if snap.get(str(bid)) not in (None, final.get(str(bid)))]
        errors = [s for s in samples if s[3]]
        during = [s[1] for s in samples if any(w[0] <= s[0] <= (w[1] or float("inf")) for w in windows)]
        in_flow = [s[1] for s in samples if any(w[0] <= s[0] <= (w[1] or float("inf")) for w in flows)]
        latencies = [s[1] for s in samples]
        summary = {
            "requests": len(samples), "errors": len(errors), "error_kinds": sorted({s[3] for s in errors}),
            "seconds": round(elapsed, 1), "rps": round(len(samples) / elapsed, 1) if elapsed else None,
            "p50_ms": round(percentile(latencies, 50) or 0, 1), "p95_ms": round(percentile(latencies, 95) or 0, 1),
            "max_ms": round(max(latencies or [0]), 1),
            "during_import_requests": len(in_flow),
            "during_import_p50_ms": round(percentile(in_flow, 50) or 0, 1),
            "during_import_p95_ms": round(percentile(in_flow, 95) or 0, 1),
            "during_import_max_ms": round(max(in_flow or [0]), 1),
            "during_confirm_requests": len(during),
            "during_confirm_p50_ms": round(percentile(during, 50) or 0, 1),
            "during_confirm_p95_ms": round(percentile(during, 95) or 0, 1),
            "during_confirm_max_ms": round(max(during or [0]), 1),
            "imports": [{"outcome": e.outcome, **{k: round(v, 1) for k, v in e.steps.items()}} for e in editors],
            "imports_ok": sum(1 for e in editors if e.outcome.startswith("created")),
            "watch_snapshots": len(snapshots), "partial_bulletin_seen": len(partial),
            "new_bulletin_index_counts": {str(b): final.get(str(b)) for b in new_ids},
        }
        for e in editors:
            print(f"{e.username}: {e.outcome}; " + ", ".join(f"{k} {v:.1f}" for k, v in e.steps.items()), flush=True)
        print(f"{len(samples)} requests in {elapsed:.1f} s ({summary['rps']} req/s), {len(errors)} errors"
              f"{' ' + str(summary['error_kinds']) if errors else ''}; latency p50 {summary['p50_ms']} ms, "
              f"p95 {summary['p95_ms']} ms, max {summary['max_ms']} ms", flush=True)
        print(f"while an upload was parsed or confirmed: {len(in_flow)} requests, p50 {summary['during_import_p50_ms']} ms, "
              f"p95 {summary['during_import_p95_ms']} ms, max {summary['during_import_max_ms']} ms; during the confirm "
              f"(store + index) requests: {len(during)}, p50 {summary['during_confirm_p50_ms']} ms, "
              f"p95 {summary['during_confirm_p95_ms']} ms, max {summary['during_confirm_max_ms']} ms", flush=True)
        print(f"index watch: {len(snapshots)} snapshots, partial bulletins seen: {len(partial)}", flush=True)
        summary["gunicorn"] = f"2 workers x {args.threads} thread(s)"
        print(json.dumps(summary, ensure_ascii=False))
        if errors or partial or summary["imports_ok"] != len(editors):
            sys.exit(1)
    finally:
        if worker is not None:
            worker.kill()
            worker.wait(timeout=30)
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        if args.keep:
            print(f"data kept in {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
