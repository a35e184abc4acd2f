"""A throwaway archive driven only through processes (manage.py, the job worker, gunicorn), so
the fault-injection tests and bench/faults.py can kill any of them with SIGKILL and then check,
from outside, that the archive converges.

The checks use independent truths: the database's rows (read by a separate process), a scan of
the source directory, the index read document by document, and an flock attempt on the lock.
"""
from __future__ import annotations

import fcntl
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "jilin-gazette-2024-01.txt"
# Rare characters: a marker made of them is found only in the bulletin that carries it.
RARE = "鑫淼焱垚犇骉麤龘靐齉"
INSPECTOR = """
import io, json, sys, traceback
from contextlib import redirect_stdout
from django.db import connection
for line in sys.stdin:
    out = io.StringIO()
    try:
        with redirect_stdout(out):
            exec(json.loads(line), {})
        print("RESULT " + out.getvalue().strip().splitlines()[-1], flush=True)
    except Exception:
        print("ERROR " + json.dumps(traceback.format_exc()[-3000:]), flush=True)
    finally:
        connection.close()
"""


def marker(n: int) -> str:
    digits = f"{n:04d}"
    return "".join(RARE[int(d)] for d in digits) + "垚鑫"


def bulletin_text(year: int, issue: int, word: str) -> bytes:
    """The sample bulletin as another issue, with ``word`` in its first paragraph."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = (text.replace("2024 年第 1期", f"{year} 年第 {issue}期")
            .replace("2024年2月15日出版", f"{year}年{issue}月15日出版")
            .replace("面对外部需求走弱", f"面对外部需求走弱{word}"))
    return text.encode("utf-8")


class Archive:
    """One data directory (and database): its processes, and checks on its state."""

    def __init__(self, root: Path, database_url: str = ""):
        self.root = Path(root)
        self.data = self.root / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.root),
            "ARCHIVE_DATA_DIR": str(self.data),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.issues = 0
        self.processes: list[subprocess.Popen] = []
        self.inspector: subprocess.Popen | None = None
        self.killed_at: float | None = None  # when the process under test died (set by the test)
        self.timings: dict[str, float] = {}  # for bench/faults.py

    # ------------------------------------------------------------ processes

    def _env(self, fault: str | None) -> dict:
        return {**self.env, **({"ARCHIVE_FAULT": fault} if fault else {})}

    def manage(self, *args, fault: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self._env(fault),
                              capture_output=True, text=True, timeout=timeout)

    def popen(self, *args, fault: str | None = None, module: str | None = None) -> subprocess.Popen:
        command = [sys.executable, *(["-m", module] if module else ["manage.py"]), *args]
        process = subprocess.Popen(command, cwd=ROOT, env=self._env(fault), stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, stdin=subprocess.PIPE, text=True)
        self.processes.append(process)
        return process

    def start_worker(self, fault: str | None = None) -> subprocess.Popen:
        return self.popen("archive_worker", "--interval", "0.2", "--sweep-interval", "0.5", "-v0", fault=fault)

    def stop_all(self) -> None:
        self.inspector = None
        for process in self.processes:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=30)
        self.processes.clear()

    def setup(self) -> None:
        result = self.manage("migrate", "--noinput", "-v0")
        assert result.returncode == 0, result.stderr[-2000:]

    def new_bulletin_file(self) -> tuple[Path, str]:
        self.issues += 1
        word = marker(self.issues)
        year, issue = 2030 + (self.issues - 1) // 12, (self.issues - 1) % 12 + 1
        path = self.root / f"bulletin-{self.issues}.txt"
        path.write_bytes(bulletin_text(year, issue, word))
        return path, word

    def import_file(self, path: Path, fault: str | None = None, timeout: float = 300):
        return self.manage("import_bulletin", str(path), fault=fault, timeout=timeout)

    # ------------------------------------------------------------ checks

    def query(self, code: str) -> object:
        """Run Python inside the project and return the JSON it prints last. One long-lived
        process (the inspector) runs every query: each reads the database as committed (autocommit,
        connection closed after each query) and the index as it is on disk."""
        self.send(code)
        return self.receive()

    def send(self, code: str) -> None:
        if self.inspector is None or self.inspector.poll() is not None:
            self.inspector = self.popen("shell", "-v0", "-c", INSPECTOR)
        self.inspector.stdin.write(json.dumps(code) + "\n")
        self.inspector.stdin.flush()

    def receive(self) -> object:
        for line in self.inspector.stdout:
            if line.startswith("RESULT "):
                return json.loads(line[7:])
            if line.startswith("ERROR "):
                raise AssertionError(json.loads(line[6:]))
        raise AssertionError("the inspector process died")

    def state(self) -> dict:
        """The database's and index's view, read in one process: document refs on both sides,
        source files the database names, pending outbox rows and unfinished jobs."""
        return self.query(
            "import json\n"
            "from bulletin.models import Bulletin\n"
            "from search.repair import database_refs, index_refs\n"
            "from search.models import IndexChange\n"
            "from jobs.models import ImportJob\n"
            "d, i = database_refs(), index_refs()\n"
            "print(json.dumps({'database': len(d), 'index': len(i), 'differ': len(set(d) ^ set(i)),\n"
            " 'named': sorted(Bulletin.objects.exclude(source_file='').values_list('source_file', flat=True)),\n"
            " 'bulletins': Bulletin.objects.count(), 'outbox': IndexChange.objects.count(),\n"
            " 'jobs': list(ImportJob.objects.values_list('state', flat=True))}))")

    def source_files(self) -> list[str]:
        root = self.data / "sources"
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []

    def lock_free(self) -> bool:
        """Nobody holds the index write lock (an flock attempt from outside)."""
        lock = Path(str(self.data / "whoosh_index") + ".writer-lock")
        if not lock.exists():
            return True
        with open(lock, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            fcntl.flock(handle, fcntl.LOCK_UN)
            return True

    def lock_holders(self) -> list[int]:
        """Processes that have the lock file open (leftover children of a killed writer)."""
        lock = os.path.realpath(str(self.data / "whoosh_index") + ".writer-lock")
        holders = []
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                if any(os.path.realpath(f"/proc/{pid}/fd/{fd}") == lock for fd in os.listdir(f"/proc/{pid}/fd")):
                    holders.append(int(pid))
            except OSError:
                continue
        return holders

    def converged(self) -> tuple[bool, dict]:
        state = self.state()
        orphans = sorted(set(self.source_files()) - set(state["named"]))
        staged = [p.name for p in (self.data / "uploads").iterdir()] if (self.data / "uploads").exists() else []
        unfinished = [s for s in state["jobs"] if s in ("uploaded", "confirmed", "stored")]
        detail = {**state, "orphans": orphans, "staged": staged, "unfinished": unfinished,
                  "lock_free": self.lock_free()}
        del detail["named"]
        ok = (state["differ"] == 0 and not orphans and state["outbox"] == 0 and not unfinished
              and detail["lock_free"] and not [s for s in staged if not s.startswith("incoming-")])
        return ok, detail

    def wait_converged(self, limit: float = 60) -> tuple[float, dict]:
        """Seconds until the archive converged (raises AssertionError with the last state if not)."""
        start = self.killed_at or time.monotonic()
        while True:
            ok, detail = self.converged()
            elapsed = time.monotonic() - start
            if ok:
                self.timings["converged_s"] = round(elapsed, 2)
                check = self.query("import io, json\nfrom django.core.management import call_command\n"
                                   "out = io.StringIO()\ncall_command('search_check', '--fail', stdout=out)\n"
                                   "print(json.dumps(out.getvalue()))")
                assert "OK: index and database agree" in check, check
                return elapsed, detail
            if elapsed > limit:
                raise AssertionError(f"not converged after {elapsed:.0f} s: {detail}")
            time.sleep(0.5)

    def searchable(self, word: str) -> int:
        return self.query("import json\nfrom search.engine import SearchRequest, run_search\n"
                          f"print(json.dumps(run_search(SearchRequest(q={word!r})).count))")

    def import_and_time_search(self, limit: float = 10) -> tuple[float, float]:
        """Import a new bulletin with a fresh word. Returns (seconds the import command took,
        seconds from its end until a search finds the word). The search runs in a process
        started beforehand (Django and the dictionary loaded), so its start-up is not counted."""
        path, word = self.new_bulletin_file()
        go = self.root / f"go-{self.issues}"
        # The inspector (Django and the dictionary loaded) waits for the import's end, then searches.
        self.query("from search.engine import SearchRequest, run_search\nrun_search(SearchRequest(q='预热'))\nprint(1)")
        self.send(
            "import json, os, time\n"
            "from search.engine import SearchRequest, run_search\n"
            f"go = {str(go)!r}\n"
            "while not os.path.exists(go): time.sleep(0.02)\n"
            "ended = float(open(go).read())\n"
            f"while run_search(SearchRequest(q={word!r})).count < 1 and time.time() - ended < {limit + 20}:\n"
            "    time.sleep(0.1)\n"
            "print(json.dumps(time.time() - ended))\n")
        start = time.monotonic()
        result = self.import_file(path)
        took = time.monotonic() - start
        # Written aside and renamed: the inspector polls for the file and must never read it empty.
        pending = go.with_suffix(".pending")
        pending.write_text(repr(time.time()))
        pending.rename(go)
        assert result.returncode == 0, result.stderr[-2000:]
        lag = self.receive()
        self.timings.update(import_s=round(took, 2), searchable_after_import_s=round(lag, 2))
        assert lag <= limit, f"{word} not searchable {limit} s after its import ({lag:.1f} s)"
        return took, lag


def kill9(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


class Server:
    """gunicorn serving an Archive (one worker, so a killed worker is the one that had the
    request), and a logged-in editor's HTTP session."""

    def __init__(self, archive: Archive, fault: str | None = None):
        import http.cookiejar
        import socket
        import urllib.request

        self.archive = archive
        result = archive.manage("collectstatic", "--noinput", "-v0")  # the admin's pages need the manifest
        assert result.returncode == 0, result.stderr[-2000:]
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = archive.popen("config.wsgi:application", "--bind", f"127.0.0.1:{self.port}", "--workers", "1",
                                     "--threads", "2", "--no-control-socket", "--timeout", "120", module="gunicorn",
                                     fault=fault)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  _NoRedirect())
        deadline = time.monotonic() + 90
        while True:
            try:
                self.request("/admin/login/")
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise AssertionError("gunicorn did not start")
                time.sleep(0.3)

    def request(self, path: str, data: dict | None = None, files: dict | None = None) -> tuple[int, str, str]:
        import urllib.error
        import urllib.parse
        import urllib.request

        body, headers = None, {"Referer": self.base + path}
        if files:
            boundary = "----faults" + secrets.token_hex(8)
            parts = []
            for name, value in (data or {}).items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
            for name, (filename, content) in files.items():
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                             f"Content-Type: text/plain\r\n\r\n".encode() + content + b"\r\n")
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif data is not None:
            body = urllib.parse.urlencode(data).encode()
        try:
            with self.opener.open(urllib.request.Request(self.base + path, data=body, headers=headers), timeout=120) as r:
                return r.status, r.headers.get("Location", ""), r.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode(errors="replace")

    def csrf(self, path: str) -> str:
        import re

        status, _location, html = self.request(path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def login(self) -> None:
        self.archive.query("from django.contrib.auth.models import User\n"
                           "User.objects.filter(username='editor').exists() or "
                           "User.objects.create_superuser('editor', '', 'pw-editor-faults')\nprint(1)")
        status, location, _ = self.request("/admin/login/", {"csrfmiddlewaretoken": self.csrf("/admin/login/"),
                                                             "username": "editor", "password": "pw-editor-faults",
                                                             "next": "/admin/"})
        assert status == 302 and location == "/admin/", (status, location)

    def upload(self, path: Path) -> str:
        """Upload a file; returns the job page's path."""
        upload_url = "/admin/bulletin/bulletin/upload/"
        status, location, html = self.request(upload_url, {"csrfmiddlewaretoken": self.csrf(upload_url)},
                                              files={"file": (path.name, path.read_bytes())})
        assert status == 302 and location.startswith(upload_url), (status, location, html[-500:])
        return location

    def confirm(self, job_path: str) -> tuple[int, str, str]:
        token = job_path.rstrip("/").rsplit("/", 1)[-1]
        return self.request(job_path, {"csrfmiddlewaretoken": self.csrf(job_path), "token": token, "action": "import"})


def _no_redirect_class():
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    return NoRedirect


_NoRedirect = _no_redirect_class()
