"""Source files on disk and the database rows that name them, kept in step.

A file is written before the transaction that names it commits; a process killed in between
leaves a file nobody names. Writers hold a shared lock (an flock: the kernel drops it when they
die) from before the file is written until after the commit; the sweep takes it exclusively, so
whatever it finds unnamed is truly orphaned, never a file whose row is about to commit.
"""
from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

_local = threading.local()


def _lock_path() -> Path:
    path = Path(settings.DATA_DIR) / ".files-lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def files_guard():
    """Held (shared, re-entrant per thread) while files are written whose rows are not committed yet."""
    depth = getattr(_local, "depth", 0)
    if depth:
        _local.depth = depth + 1
        try:
            yield
        finally:
            _local.depth -= 1
        return
    with open(_lock_path(), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_SH)
        _local.depth = 1
        try:
            yield
        finally:
            _local.depth = 0
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def exclusive_files():
    """Yields True if no writer is between "file written" and "row committed" (then none can
    start until the block ends), False if one is: come back later."""
    with open(_lock_path(), "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def source_files() -> set[str]:
    """Every stored source file, as the name a FileField holds (relative to MEDIA_ROOT)."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return set()
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def orphan_sources() -> set[str]:
    from .models import Bulletin

    named = set(Bulletin.objects.exclude(source_file="").values_list("source_file", flat=True))
    return source_files() - named


def remove_orphan_sources() -> list[str]:
    """Delete source files no bulletin names (only when no writer is mid-way)."""
    with exclusive_files() as free:
        if not free:
            return []
        orphans = sorted(orphan_sources())
        for name in orphans:
            try:
                os.unlink(Path(settings.MEDIA_ROOT) / name)
            except FileNotFoundError:
                pass
        return orphans
