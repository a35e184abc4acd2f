"""The one way to write the index: a serialized writer.

Whoosh's own lock fails at once (LockError) when a second writer appears, and haystack hides
that failure. Here every write, in any thread or process, first takes a blocking lock (a thread
lock, then an flock on a file beside the index), so writers queue instead of failing, and each
change is one Whoosh commit: readers see the old generation or the new one, never half.
"""
from __future__ import annotations

import fcntl
import logging
import os
import signal
import threading
import time
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from whoosh import index as whoosh_index
from whoosh.query import Or, Term
from whoosh.writing import CLEAR

from bulletin.faults import fault_point

from .analysis import load_jieba
from .bulk_build import build_segments
from .documents import documents_for_bulletins
from .schema import build_schema, posting_codec, schema_signature

log = logging.getLogger(__name__)
WRITE_LOCK_TIMEOUT_S = 600
_thread_lock = threading.RLock()


class IndexWriteTimeout(RuntimeError):
    pass


def index_path() -> str:
    return settings.HAYSTACK_CONNECTIONS["default"]["PATH"]


def open_index(path: str | None = None):
    """Open the index, creating it (empty) if missing or if it has another schema."""
    path = path or index_path()
    os.makedirs(path, exist_ok=True)
    if whoosh_index.exists_in(path):
        ix = whoosh_index.open_dir(path)
        if schema_signature(ix.schema) == schema_signature(build_schema()):
            return ix
    return whoosh_index.create_in(path, build_schema())


def _holder(handle) -> int:
    """The pid recorded in the lock file by its last holder (0: none, or released cleanly)."""
    handle.seek(0)
    text = handle.read().split()
    return int(text[0]) if text and text[0].isdigit() else 0


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _flock_holders(lock_path: str) -> list[int]:
    """Processes holding the flock on ``lock_path``: those with a descriptor of the locked open
    file (its fdinfo lists the lock). Waiters have the file open too, but not the locked
    description, so they are never among them."""
    target = os.path.realpath(lock_path)
    holders = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            for fd in os.listdir(f"/proc/{entry}/fd"):
                if os.path.realpath(f"/proc/{entry}/fd/{fd}") != target:
                    continue
                with open(f"/proc/{entry}/fdinfo/{fd}") as info:
                    if any(line.startswith("lock:") and "FLOCK" in line for line in info):
                        holders.append(int(entry))
                        break
        except OSError:
            continue
    return holders


def _kill_orphaned_holders(lock_path: str) -> list[int]:
    """Stop the processes still holding the lock although its recorded holder is gone: the forked
    helpers of a killed writer (or anything they forked), writing behind everybody's back."""
    killed = []
    for pid in _flock_holders(lock_path):
        try:
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)
        except OSError:
            pass
    return killed


@contextmanager
def _process_lock(path: str, timeout: float):
    """An flock beside the index. The kernel drops it when its holder dies (kill -9 included);
    the holder's pid is written into the file, so a waiter can name who it waits for and take
    the lock over from the leftovers of a holder that is gone."""
    lock_path = os.path.normpath(path) + ".writer-lock"
    os.makedirs(os.path.dirname(lock_path), exist_ok=True)
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + timeout
        dead_since: dict[int, float] = {}
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(handle)
                if holder and holder != os.getpid() and not _alive(holder):
                    # Held, though the recorded holder is gone, for a whole second (a new holder
                    # records itself at once): leftovers of the dead one. Stop them.
                    first = dead_since.setdefault(holder, time.monotonic())
                    if time.monotonic() - first > 1 and _holder(handle) == holder:
                        killed = _kill_orphaned_holders(lock_path)
                        log.warning("index lock held after its holder pid %s died: stopped its leftover "
                                    "processes %s and took the lock over", holder, killed)
                        dead_since[holder] = float("inf")  # once
                if time.monotonic() > deadline:
                    raise IndexWriteTimeout(f"index writer busy for more than {timeout:.0f} s "
                                            f"(lock {lock_path}, holder pid {holder or '?'})")
                time.sleep(0.05)
        previous = _holder(handle)
        if previous and previous != os.getpid() and not _alive(previous):
            log.warning("index lock taken over from pid %s, which died while writing", previous)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()  # released cleanly: no holder recorded
            handle.flush()
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def serialized_writer(path: str | None = None, *, clear: bool = False, timeout: float = WRITE_LOCK_TIMEOUT_S):
    """Yield a Whoosh writer while holding the index write lock; commit on success, cancel on error.

    clear=True drops every existing document in the same commit (a rebuild is atomic for readers).
    Segments are written as separate files, not one compound file: Whoosh opens a part of a
    compound file as a private in-memory copy (BytesIO over its mmap), per searcher, so every
    thread of every worker would hold its own copy of the postings; separate files are read
    through the operating system's page cache, shared.
    """
    path = path or index_path()
    load_jieba()  # before the lock: nobody waits on a dictionary load
    with _thread_lock, _process_lock(path, timeout):
        ix = open_index(path)
        if clear and schema_signature(ix.schema) != schema_signature(build_schema()):
            # Only when the schema itself changed (a deploy): start over with the current one.
            ix = whoosh_index.create_in(path, build_schema())
        writer = ix.writer(limitmb=256, compound=False, codec=posting_codec())
        if clear:
            # Whoosh's documented attribute: the commit's merge policy. A caller may replace it
            # (rebuild_from_database commits segments built beside the index instead).
            writer.mergetype = CLEAR
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        writer.commit()


def apply_bulletin_changes(added: Iterable[int] = (), removed: Iterable[int] = (), path: str | None = None) -> int:
    """Remove the documents of ``removed`` and (re)index ``added`` in ONE commit; returns docs added."""
    added, removed = list(dict.fromkeys(added)), list(dict.fromkeys(removed))
    if not added and not removed:
        return 0
    count = 0
    with serialized_writer(path) as writer:
        for bulletin_id in {*removed, *added}:
            writer.delete_by_term("bulletin_key", str(bulletin_id))
        for document in documents_for_bulletins(added):
            writer.add_document(**document)
            count += 1
    return count


def write_documents(documents: Iterable[dict], path: str | None = None) -> int:
    """Add or replace (by doc_id) a batch of documents in one commit.

    Old versions are found with ONE searcher for the whole batch (Whoosh's update_document
    opens one per document, which made stock haystack indexing ~5x slower).
    """
    documents = list(documents)
    if not documents:
        return 0
    with serialized_writer(path) as writer:
        searcher = writer.searcher()
        try:
            ids = [d["doc_id"] for d in documents]
            for start in range(0, len(ids), 500):
                writer.delete_by_query(Or([Term("doc_id", i) for i in ids[start:start + 500]]), searcher=searcher)
        finally:
            searcher.close()
        for document in documents:
            writer.add_document(**document)
    return len(documents)


def delete_documents(doc_ids: Iterable[str], path: str | None = None) -> None:
    with serialized_writer(path) as writer:
        for doc_id in doc_ids:
            writer.delete_by_term("doc_id", doc_id)


def clear_index(path: str | None = None) -> None:
    with serialized_writer(path, clear=True):
        pass


def rebuild_from_database(path: str | None = None, progress=None, procs: int | None = None) -> int:
    """Reindex every bulletin in one commit (readers keep the old index until it lands)."""
    from bulletin.models import Bulletin

    path = path or index_path()
    procs = procs or min(4, os.cpu_count() or 1)
    with serialized_writer(path, clear=True) as writer:
        # The list is read under the lock: a bulletin stored while this rebuild waited is in it.
        ids = list(Bulletin.objects.order_by("pk").values_list("pk", flat=True))
        segments, count = build_segments(path, ids, procs, progress)
        writer.mergetype = lambda _writer, _old_segments: segments  # the new generation: only these
        fault_point("rebuild:before-commit")
    return count
