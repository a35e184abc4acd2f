"""A worker gives freed query arrays back to the operating system (search.memory)."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Four threads each allocate and free arrays of a few megabytes (as queries do) while small live
# blocks land between them; prints how many MB stayed resident once every thread is done.
PROBE = """
import sys, threading
import numpy as np
if sys.argv[1] == "release":
    from search.memory import release_freed_arrays
    assert release_freed_arrays()
def anon():
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("RssAnon")) // 1024
kept = []
def query_like():
    for size in (3_000_000, 2_000_000, 1_000_000, 500_000):
        for _ in range(3):
            a = np.ones(size); kept.append(np.ones(1000)); b = np.ones(size // 2); del a, b
before = anon()
threads = [threading.Thread(target=query_like) for _ in range(4)]
[t.start() for t in threads]; [t.join() for t in threads]
print(anon() - before)
"""


def _kept_mb(mode: str) -> int:
    out = subprocess.run([sys.executable, "-c", PROBE, mode], cwd=ROOT, capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def test_freed_arrays_leave_the_process():
    assert _kept_mb("release") < 5


def test_without_the_setting_glibc_keeps_them_so_the_test_above_can_fail():
    assert _kept_mb("default") >= 30
