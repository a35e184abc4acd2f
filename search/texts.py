"""The documents' search forms, one file per Whoosh segment, read through the page cache.

A query part of 3+ characters is answered from bigram candidates verified as substrings of each
document's search form (the way a trigram index rechecks rows). Held as Python strings, those
forms cost every worker about 340 bytes a document — a third of its memory at a million
paragraphs — and a fresh worker a minute of database reads. Written once per segment (segments
never change), they are read with ``os.pread``: the bytes live in the operating system's page
cache, shared by every worker, kept across restarts and given back under memory pressure; a
worker holds only the window it is checking. (Mapped instead, every page a query touched stayed
in each worker's resident set: 370 MB at a million paragraphs.)

UTF-8, because it is compact and self-synchronising: a match of a whole encoded needle always
starts on a character boundary, so ``bytes.find`` verifies without decoding.

The files are named after their segment (``MAIN_<id>.texts.utf8``, ``MAIN_<id>.texts.npy``), so
Whoosh's own clean-up deletes them with the segment's files when it is merged away.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

TEXT_SUFFIX, INDEX_SUFFIX = ".texts.utf8", ".texts.npy"
# Candidates within this many bytes of a window's first one are checked from one read: a system
# call costs about as much as copying a few pages, so dense candidates share one.
READ_WINDOW_BYTES = 1 << 16


@dataclass
class SegmentTexts:
    """One segment's texts: UTF-8 bytes (an open file, read with pread) and, per document, its
    byte offset and length in characters (row 0: offsets, n + 1 of them; row 1: lengths, n of
    them and a 0)."""

    file: object  # the open .texts.utf8 (unbuffered: pread needs no buffer)
    table: np.ndarray  # shape (2, n + 1), int64, mapped

    def __len__(self) -> int:
        return self.table.shape[1] - 1

    @property
    def lengths(self) -> np.ndarray:
        return self.table[1, :-1]

    def containing(self, local: np.ndarray, needle: bytes) -> np.ndarray:
        """The documents of ``local`` (segment docnums, ascending) whose text holds ``needle``."""
        offsets = self.table[0]
        starts, ends = offsets[local], offsets[local + 1]
        keep = np.zeros(len(local), dtype=bool)
        first, count, fd = 0, len(local), self.file.fileno()
        while first < count:
            # The window: this candidate and every following one that ends within READ_WINDOW_BYTES.
            last = max(first + 1, int(np.searchsorted(ends, starts[first] + READ_WINDOW_BYTES, side="right")))
            base = int(starts[first])
            window = os.pread(fd, int(ends[last - 1]) - base, base)
            find = window.find
            keep[first:last] = [find(needle, s, e) >= 0 for s, e in
                                zip((starts[first:last] - base).tolist(), (ends[first:last] - base).tolist())]
            first = last
        return local[keep]

    def text(self, docnum: int) -> str:
        start, end = int(self.table[0][docnum]), int(self.table[0][docnum + 1])
        return os.pread(self.file.fileno(), end - start, start).decode("utf-8")


def segment_texts(directory: str, segment_id: str, count: int,
                  load: Callable[[], Iterable[str]]) -> SegmentTexts:
    """The segment's texts, written from ``load()`` (its ``count`` documents' search forms, in
    docnum order) the first time any process asks for them."""
    base = os.path.join(directory, segment_id)
    for _attempt in range(3):
        try:
            return _open(base, count)
        except (FileNotFoundError, ValueError):
            _write(base, load())
    return _open(base, count)  # a third failure is an error worth seeing


def _open(base: str, count: int) -> SegmentTexts:
    table = np.load(base + INDEX_SUFFIX, mmap_mode="r")
    if table.shape != (2, count + 1):
        raise ValueError(f"{base}: {table.shape[1] - 1} texts for {count} documents")
    return SegmentTexts(open(base + TEXT_SUFFIX, "rb", buffering=0), table)


def _write(base: str, texts: Iterable[str]) -> None:
    """Write both files under temporary names, then rename: readers see whole files or none.
    (Names starting with a dot are ignored by Whoosh's clean-up while they are being written.)"""
    directory, name = os.path.split(base)
    temp = os.path.join(directory, f".{name}.{os.getpid()}")
    offsets, lengths = [0], []
    with open(temp + TEXT_SUFFIX, "wb") as out:
        position = 0
        for text in texts:
            encoded = text.encode("utf-8")
            out.write(encoded)
            position += len(encoded)
            offsets.append(position)
            lengths.append(len(text))
    table = np.array([offsets, [*lengths, 0]], dtype=np.int64)
    with open(temp + INDEX_SUFFIX, "wb") as out:
        np.save(out, table)
    os.replace(temp + TEXT_SUFFIX, base + TEXT_SUFFIX)
    os.replace(temp + INDEX_SUFFIX, base + INDEX_SUFFIX)


class TextStore:
    """Every segment's texts of one index generation, addressed by global docnum."""

    def __init__(self, parts: list[SegmentTexts]):
        self.parts = parts
        sizes = [len(p) for p in parts]
        self.starts = np.cumsum([0, *sizes]).astype(np.int64)

    def __len__(self) -> int:
        return int(self.starts[-1])

    def lengths(self) -> np.ndarray:
        return np.concatenate([p.lengths for p in self.parts]) if self.parts else np.zeros(0, dtype=np.int64)

    def containing(self, docs: np.ndarray, needle: str) -> np.ndarray:
        """The docnums of ``docs`` (sorted ascending) whose text holds ``needle``."""
        encoded = needle.encode("utf-8")
        bounds = np.searchsorted(docs, self.starts)
        found = [part.containing(docs[bounds[i]:bounds[i + 1]] - self.starts[i], encoded) + self.starts[i]
                 for i, part in enumerate(self.parts) if bounds[i + 1] > bounds[i]]
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)

    def text(self, docnum: int) -> str:
        i = int(np.searchsorted(self.starts, docnum, side="right")) - 1
        return self.parts[i].text(docnum - int(self.starts[i]))
