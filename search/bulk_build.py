"""A whole index built in parallel, in segments small enough to be sorted in memory.

Whoosh's writer collects every posting of a segment in a pool and, past its memory limit, pickles
sorted runs to disk and merges them back: at a million paragraphs (160 million postings) that
round trip is a third of the build. Here each worker process indexes its share of the bulletins
into a private index of its own, committing a segment every DOCS_PER_SEGMENT documents, so a
pool never spills; the segments' files are then moved into the live index and committed there in
one new generation (readers see the old index until that moment, then the new one whole).

Workers read their documents from the database themselves (nothing is pickled through the
parent), and die with the parent (a killed rebuild leaves no process holding anything).
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import shutil
import signal
from collections.abc import Callable

from whoosh import index as whoosh_index

from .analysis import search_form
from .documents import documents_for_bulletins
from .schema import build_schema, posting_codec
from .texts import segment_texts
from .whoosh_internals import index_segments

# 100,000 documents make about 14 million postings: ~2.3 GB by Whoosh's own estimate, under
# POOL_LIMIT_MB, so a segment is sorted in memory; a million paragraphs make 13 segments.
DOCS_PER_SEGMENT = 100_000
POOL_LIMIT_MB = 3072
BUILD_DIR_PREFIX = ".build-"  # Whoosh's clean-up ignores names starting with a dot


def build_segments(path: str, bulletin_ids: list[int], procs: int, progress: Callable[[int], None] | None = None,
                   docs_per_segment: int | None = None) -> tuple[list, int]:
    """Index the bulletins' documents into new segment files inside ``path`` (not yet committed
    there); returns (segments, documents). ``procs`` worker processes, or in-process if 1."""
    docs_per_segment = docs_per_segment or DOCS_PER_SEGMENT
    for name in os.listdir(path):  # the caller holds the write lock: any build directory is a killed build's
        if name.startswith(BUILD_DIR_PREFIX):
            shutil.rmtree(os.path.join(path, name), ignore_errors=True)
    shares = [bulletin_ids[k::procs] for k in range(procs)] if procs > 1 else [bulletin_ids]
    shares = [share for share in shares if share]
    directories = [os.path.join(path, f"{BUILD_DIR_PREFIX}{os.getpid()}-{k}") for k in range(len(shares))]
    try:
        if len(shares) <= 1:
            counts = [_build_share(directories[0], shares[0], docs_per_segment, progress)] if shares else []
        else:
            counts = _run_workers(directories, shares, docs_per_segment)
        segments = []
        for directory in directories:
            segments += _adopt(directory, path)
        return segments, sum(counts)
    finally:
        for directory in directories:
            shutil.rmtree(directory, ignore_errors=True)


def _run_workers(directories: list[str], shares: list[list[int]], docs_per_segment: int) -> list[int]:
    from django.db import connections

    connections.close_all()  # never share a database connection across fork(): each opens its own
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [context.Process(target=_worker, args=(directory, share, docs_per_segment, results), daemon=True)
               for directory, share in zip(directories, shares)]
    for worker in workers:
        worker.start()
    counts = {}
    try:
        while len(counts) < len(workers):
            try:
                directory, count = results.get(timeout=5)
                counts[directory] = count
            except queue.Empty:  # check that nobody died without reporting
                failed = [w for w in workers if w.exitcode not in (None, 0)]
                if failed:
                    raise RuntimeError(f"索引构建进程异常退出（退出码 {failed[0].exitcode}）") from None
    finally:
        for worker in workers:
            if worker.is_alive() and len(counts) < len(workers):
                worker.kill()
            worker.join()
    return [counts[directory] for directory in directories]


def _worker(directory: str, share: list[int], docs_per_segment: int, results) -> None:
    _die_with_parent()
    results.put((directory, _build_share(directory, share, docs_per_segment, None)))


def _die_with_parent() -> None:
    """Linux: this process gets SIGKILL when its parent dies (prctl PR_SET_PDEATHSIG)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: a killed parent's workers finish their share and exit
    if os.getppid() == 1:
        os._exit(1)  # the parent died before the line above took effect


def _build_share(directory: str, bulletin_ids: list[int], docs_per_segment: int, progress) -> int:
    """Index the documents of ``bulletin_ids`` into a new index at ``directory``, one segment per
    ``docs_per_segment`` documents, each with its verification texts (search.texts) written
    beside it, so the first search after a rebuild does not read them from the database;
    returns how many documents."""
    os.makedirs(directory, exist_ok=True)
    ix = whoosh_index.create_in(directory, build_schema())
    count = 0
    forms: list[str] = []  # the current segment's search forms, in docnum order

    def commit(writer) -> None:
        known = {s.segment_id() for s in index_segments(ix)}
        writer.commit(merge=False)
        for segment in index_segments(ix):
            if segment.segment_id() not in known:
                segment_texts(directory, segment.segment_id(), len(forms), lambda: forms)
        forms.clear()

    writer = ix.writer(limitmb=POOL_LIMIT_MB, codec=posting_codec(), compound=False)
    for document in documents_for_bulletins(bulletin_ids):
        writer.add_document(**document)
        forms.append(search_form(document["grams"]))
        count += 1
        if progress and count % 10000 == 0:
            progress(count)
        if len(forms) >= docs_per_segment:
            commit(writer)
            writer = ix.writer(limitmb=POOL_LIMIT_MB, codec=posting_codec(), compound=False)
    commit(writer)
    return count


def _adopt(directory: str, path: str) -> list:
    """Move the segments' files from a worker's index into the live index directory; return the
    segments (committed there by the caller)."""
    segments = [s for s in index_segments(whoosh_index.open_dir(directory)) if s.doc_count_all()]
    names = tuple(segment.segment_id() + "." for segment in segments)
    for name in os.listdir(directory):
        if name.startswith(names):
            os.replace(os.path.join(directory, name), os.path.join(path, name))
    return segments
