"""Named points where the fault-injection tests kill the process (kill -9 of itself), to stop
it exactly between two steps: ARCHIVE_FAULT=<point name>. Unset in normal use: a dictionary
lookup, nothing else."""
import os
import signal


def fault_point(name: str) -> None:
    if os.environ.get("ARCHIVE_FAULT") != name:
        return
    once = os.environ.get("ARCHIVE_FAULT_ONCE")  # a file: fire only while it exists, then never again
    if once:
        try:
            os.unlink(once)
        except FileNotFoundError:
            return
    os.kill(os.getpid(), signal.SIGKILL)
