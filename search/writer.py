"""The one way to write the index: a serialized writer.

Whoosh's own lock fails at once (LockError) when a second writer appears, and haystack hides
that failure. Here every write, in any thread or process, first takes a blocking lock (a thread
lock, then an flock on a file beside the index), so writers queue instead of failing, and each
change is one Whoosh commit: readers see the old generation or the new one, never half.
"""
from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from whoosh import index as whoosh_index
from whoosh.query import Or, Term
from whoosh.writing import CLEAR

from .analysis import load_jieba
from .bulk_build import build_segments
from .documents import documents_for_bulletins
from .schema import build_schema, posting_codec, schema_signature

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


@contextmanager
def _process_lock(path: str, timeout: float):
    lock_path = os.path.normpath(path) + ".writer-lock"
    os.makedirs(os.path.dirname(lock_path), exist_ok=True)
    with open(lock_path, "a") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise IndexWriteTimeout(f"index writer busy for more than {timeout:.0f} s")
                time.sleep(0.05)
        try:
            yield
        finally:
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
    return count
