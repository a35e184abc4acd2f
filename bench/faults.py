#!/usr/bin/env python
"""kill -9 at every phase, then time how long the archive takes to converge.

    python bench/faults.py [--only NAME]

Runs the scenarios of tests/test_faults.py (each on a fresh archive in a temp directory: SQLite,
or PostgreSQL when DATABASE_URL is set), plus a rebuild killed from outside at a random moment,
and reports, per scenario: seconds from the kill until search_check agrees with no orphan file,
no unfinished job and no held lock (converged_s), then seconds a new import took and how long
after it a search found it. The last line is one JSON object.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")

from tests import test_faults as t  # noqa: E402
from tests.fault_harness import Archive  # noqa: E402


def rebuild_killed_from_outside(archive: Archive) -> None:
    for _ in range(3):
        path, _word = archive.new_bulletin_file()
        assert archive.import_file(path).returncode == 0
    rebuild = archive.popen("search_rebuild", "--procs", "2")
    time.sleep(random.uniform(2.0, 5.0))  # somewhere in its run: loading, indexing or committing
    os.kill(rebuild.pid, signal.SIGKILL)
    rebuild.wait()
    archive.killed_at = time.monotonic()
    deadline = time.monotonic() + 5
    while archive.lock_holders() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert archive.lock_holders() == [], "helpers of the killed rebuild still hold the lock"
    archive.start_worker()
    archive.wait_converged(t.CONVERGE_S)
    archive.import_and_time_search(t.SEARCHABLE_S)


SCENARIOS = {
    **{f"import command killed at {f}": (t.test_import_command_killed_at_each_phase_converges, f)
       for f in ("store:before-commit", "index:before-apply", "index:before-commit")},
    **{f"worker killed at {f}": (t.test_worker_killed_at_each_phase_converges, f)
       for f in ("job:parsing", "store:before-commit", "index:before-apply", "index:before-commit")},
    "rebuild killed at its commit": (t.test_rebuild_killed_leaves_no_lock_and_no_helper_process, None),
    "rebuild killed from outside": (rebuild_killed_from_outside, None),
    "gunicorn worker killed during confirm": (t.test_gunicorn_worker_killed_during_confirm_converges, None),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="run the scenarios whose name contains this")
    args = parser.parse_args()
    template = Path(tempfile.mkdtemp(prefix="faults-template-"))
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url:
        Archive(template).setup()
    results, failures = {}, {}
    for name, (scenario, fault) in SCENARIOS.items():
        if args.only and args.only not in name:
            continue
        root = Path(tempfile.mkdtemp(prefix="faults-"))
        archive = Archive(root, database_url)
        if database_url:
            archive.setup()  # (a shared PostgreSQL database: fresh tables are not made here)
        else:
            (root / "data").mkdir(exist_ok=True)
            shutil.copy(template / "data" / "archive.sqlite3", root / "data" / "archive.sqlite3")
        start = time.monotonic()
        try:
            scenario(archive, fault) if fault else scenario(archive)
            results[name] = {**archive.timings, "scenario_s": round(time.monotonic() - start, 1)}
        except AssertionError as exc:
            failures[name] = str(exc)[:500]
        finally:
            archive.stop_all()
            shutil.rmtree(root, ignore_errors=True)
        print(f"{name}: {results.get(name) or failures.get(name)}", flush=True)
    shutil.rmtree(template, ignore_errors=True)
    summary = {
        "scenarios": len(results) + len(failures),
        "failed": failures,
        "max_converged_s": max((r.get("converged_s", 0) for r in results.values()), default=None),
        "max_searchable_after_import_s": max((r.get("searchable_after_import_s", 0) for r in results.values()), default=None),
        "max_import_s": max((r.get("import_s", 0) for r in results.values()), default=None),
        "limits": {"converged_s": t.CONVERGE_S, "searchable_after_import_s": t.SEARCHABLE_S},
        "results": results,
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
