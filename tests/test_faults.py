"""Fault injection: kill -9 the import command, the job worker and the index writer at each phase
(real processes, ARCHIVE_FAULT=<point>, see bulletin/faults.py) and check from outside that the
archive converges within 60 s — database and index agree document by document, no source file
nobody names, no staged upload left, no unfinished job, the index lock free — and that a new
import is searchable within 10 s afterwards."""
from __future__ import annotations

import fcntl
import os
import secrets
import shutil
import subprocess
import time

import pytest

from .fault_harness import Archive, Server

pytestmark = pytest.mark.faults
CONVERGE_S, SEARCHABLE_S = 60, 10


def _postgres(url: str):
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    return psycopg.connect(dbname="postgres", user=config["USER"], password=config["PASSWORD"] or None,
                           host=config["HOST"] or None, port=config["PORT"] or None, autocommit=True)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """A migrated empty archive, made once: SQLite file to copy, or a PostgreSQL template
    database when the suite runs on PostgreSQL (DATABASE_URL)."""
    url = os.environ.get("DATABASE_URL", "")
    root = tmp_path_factory.mktemp("faults-template")
    if not url.startswith(("postgres://", "postgresql://")):
        Archive(root).setup()
        yield {"sqlite": root / "data" / "archive.sqlite3"}
        return
    name = f"faults_template_{secrets.token_hex(4)}"
    with _postgres(url) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    Archive(root, url.rsplit("/", 1)[0] + "/" + name).setup()
    yield {"url": url, "template": name}
    with _postgres(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def archive(tmp_path, migrated):
    database_url, name = "", ""
    if "sqlite" in migrated:
        (tmp_path / "data").mkdir()
        shutil.copy(migrated["sqlite"], tmp_path / "data" / "archive.sqlite3")
    else:
        name = f"faults_{secrets.token_hex(6)}"
        with _postgres(migrated["url"]) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{migrated["template"]}"')
        database_url = migrated["url"].rsplit("/", 1)[0] + "/" + name
    archive = Archive(tmp_path, database_url)
    yield archive
    archive.stop_all()
    if name:
        with _postgres(migrated["url"]) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _job(archive, path) -> str:
    return archive.query("import json\nfrom jobs.runner import create_job\n"
                         f"print(json.dumps(create_job(open({str(path)!r}, 'rb').read(), 'upload.txt').token))")


def _job_state(archive, token) -> dict:
    return archive.query("import json\nfrom jobs.models import ImportJob\n"
                         f"j = ImportJob.objects.get(token={token!r})\n"
                         "print(json.dumps({'state': j.state, 'error': j.error, 'bulletin': j.bulletin_id}))")


def _wait_job(archive, token, states, limit=60) -> dict:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        job = _job_state(archive, token)
        if job["state"] in states:
            return job
        time.sleep(0.5)
    raise AssertionError(f"job still {job} after {limit} s")


def _confirm(archive, token) -> None:
    archive.query("import json\nfrom jobs.models import ImportJob\nfrom jobs.runner import confirm\n"
                  f"print(json.dumps(confirm(ImportJob.objects.get(token={token!r}), replace=False)))")


@pytest.mark.parametrize("fault", ["store:before-commit", "index:before-apply", "index:before-commit"])
def test_import_command_killed_at_each_phase_converges(archive, fault):
    archive.start_worker()
    path, word = archive.new_bulletin_file()
    result = archive.import_file(path, fault=fault)
    assert result.returncode == -9, (result.returncode, result.stderr[-1000:])
    archive.killed_at = time.monotonic()
    committed = fault != "store:before-commit"
    elapsed, state = archive.wait_converged(CONVERGE_S)
    assert state["bulletins"] == (1 if committed else 0)
    assert (archive.searchable(word) >= 1) == committed
    assert archive.import_and_time_search(SEARCHABLE_S)[1] <= SEARCHABLE_S


@pytest.mark.parametrize("fault", ["job:parsing", "store:before-commit", "index:before-apply", "index:before-commit"])
def test_worker_killed_at_each_phase_converges(archive, fault):
    path, word = archive.new_bulletin_file()
    once = archive.root / "fault-once"
    once.write_text("")
    archive.env["ARCHIVE_FAULT_ONCE"] = str(once)  # the restarted worker goes on normally
    worker = archive.start_worker(fault=fault)
    token = _job(archive, path)
    if fault != "job:parsing":
        _wait_job(archive, token, {"parsed"})
        _confirm(archive, token)
    assert worker.wait(timeout=120) == -9  # it died at the fault point
    archive.killed_at = time.monotonic()
    assert not once.exists()
    archive.start_worker()  # what serve.sh's loop (or systemd) does
    if fault == "job:parsing":
        assert _wait_job(archive, token, {"parsed", "failed"})["state"] == "parsed"
        _confirm(archive, token)
    job = _wait_job(archive, token, {"indexed", "failed"})
    assert job["state"] == "indexed" and job["bulletin"], job
    elapsed, state = archive.wait_converged(CONVERGE_S)
    assert state["bulletins"] == 1 and archive.searchable(word) >= 1
    assert archive.import_and_time_search(SEARCHABLE_S)[1] <= SEARCHABLE_S


def test_rebuild_killed_leaves_no_lock_and_no_helper_process(archive):
    for _ in range(2):
        path, _word = archive.new_bulletin_file()
        assert archive.import_file(path).returncode == 0
    result = archive.manage("search_rebuild", "--procs", "2", fault="rebuild:before-commit")
    assert result.returncode == -9
    archive.killed_at = time.monotonic()
    deadline = time.monotonic() + 5
    while archive.lock_holders() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert archive.lock_holders() == [] and archive.lock_free()  # its forked helpers died with it
    archive.start_worker()
    archive.wait_converged(CONVERGE_S)
    assert archive.import_and_time_search(SEARCHABLE_S)[1] <= SEARCHABLE_S


def test_rebuild_reads_the_database_under_the_lock(archive):
    """A bulletin committed while a rebuild waits for the lock is in the rebuilt index, even with
    its own index update lost (no worker runs here to apply the outbox)."""
    lock_path = str(archive.data / "whoosh_index") + ".writer-lock"
    os.makedirs(os.path.dirname(lock_path), exist_ok=True)
    with open(lock_path, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a long write is going on
        rebuild = archive.popen("search_rebuild", "--procs", "1")
        time.sleep(3)  # the rebuild has started and waits for the lock
        path, word = archive.new_bulletin_file()
        assert archive.import_file(path, fault="index:before-apply").returncode == -9  # committed, not indexed
        assert rebuild.poll() is None
        fcntl.flock(held, fcntl.LOCK_UN)
    assert rebuild.wait(timeout=120) == 0, rebuild.stdout.read()[-2000:]
    assert archive.searchable(word) >= 1
    assert archive.state()["differ"] == 0


def test_a_dead_holders_leftover_is_taken_over(archive):
    """A process that holds the lock file open after the recorded holder died (what Whoosh's
    helpers did before they died with their parent) is stopped, with a message, and the import
    gets through."""
    lock_path = str(archive.data / "whoosh_index") + ".writer-lock"
    os.makedirs(os.path.dirname(lock_path), exist_ok=True)
    dead = subprocess.Popen(["true"])
    dead.wait()
    with open(lock_path, "w") as handle:
        handle.write(f"{dead.pid}\n")
    # A leftover: an orphan holding the flock, whose parent (a shell) exits at once.
    subprocess.run(["sh", "-c", f"flock -x {lock_path} sleep 300 >/dev/null 2>&1 &"], check=True)
    deadline = time.monotonic() + 5
    while archive.lock_free() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not archive.lock_free()
    path, word = archive.new_bulletin_file()
    result = archive.import_file(path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"holder pid {dead.pid} died" in result.stderr
    assert archive.searchable(word) >= 1 and archive.lock_free() and archive.lock_holders() == []


def test_gunicorn_worker_killed_during_confirm_converges(archive):
    """The web worker dies inside the confirm's transaction: nothing is half-done, the editor
    confirms again (gunicorn has started a new worker) and the import goes through the worker."""
    once = archive.root / "fault-once"
    once.write_text("")
    archive.env["ARCHIVE_FAULT_ONCE"] = str(once)
    archive.start_worker()
    server = Server(archive, fault="confirm:before-commit")
    server.login()
    path, word = archive.new_bulletin_file()
    job_path = server.upload(path)
    token = job_path.rstrip("/").rsplit("/", 1)[-1]
    status, _, html = server.request(job_path)
    while 'http-equiv="refresh"' in html:  # what the editor's browser does: the page refreshes itself
        time.sleep(0.5)
        status, _, html = server.request(job_path)
    assert status == 200 and "确认导入" in html
    with pytest.raises(OSError):  # the connection drops with the killed worker
        server.confirm(job_path)
    archive.killed_at = time.monotonic()
    assert not once.exists()
    assert _job_state(archive, token)["state"] == "previewed"  # the confirm's transaction rolled back
    deadline = time.monotonic() + 60
    while True:  # gunicorn's master starts a new worker
        try:
            status, location, _ = server.confirm(job_path)
            break
        except OSError:
            assert time.monotonic() < deadline
            time.sleep(0.3)
    assert status == 302 and location == job_path
    assert _wait_job(archive, token, {"indexed", "failed"})["state"] == "indexed"
    archive.wait_converged(CONVERGE_S)
    assert archive.searchable(word) >= 1
    assert archive.import_and_time_search(SEARCHABLE_S)[1] <= SEARCHABLE_S
