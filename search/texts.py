"""The documents' search forms, one file per Whoosh segment, memory-mapped and shared by workers.

A query part of 3+ characters is answered from bigram candidates verified as substrings of each
document's search form (the way a trigram index rechecks rows). Held as Python strings, those
forms cost every worker about 340 bytes a document — a third of its memory at a million
paragraphs — and a fresh worker a minute of database reads. Written once per segment (segments
never change) and mapped read-only, they live in the operating system's page cache, shared by
every worker and kept across restarts; a worker's resident set holds the pages its queries touched.
(Read with pread instead, a worker would hold none of them, but on this machine a system call per
candidate made the verification six times slower than a mapped find.)

UTF-16-LE, two bytes for every Chinese character where UTF-8 takes three: the mapped files are a
third smaller, and so is the part of a worker's memory they fill (0.37 GB → 0.25 GB at a million
paragraphs). A match is counted only at an even offset from the document's start, i.e. on a
character boundary; surrogate halves never equal a BMP character, so a needle cannot match half
of one.

The files are named after their segment (``MAIN_<id>.texts.utf16le`` and ``….utf16le.npy``), so
Whoosh's own clean-up deletes them with the segment's files when it is merged away.
"""
from __future__ import annotations

import mmap
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

ENCODING = "utf-16-le"
TEXT_SUFFIX, INDEX_SUFFIX = ".texts.utf16le", ".texts.utf16le.npy"
EARLIER_SUFFIXES = (".texts.utf8", ".texts.npy")  # the UTF-8 files of an earlier release, replaced


@dataclass
class SegmentTexts:
    """One segment's texts: UTF-16-LE bytes (mapped) and, per document, its byte offset and
    length in characters (row 0: offsets, n + 1 of them; row 1: lengths, n of them and a 0)."""

    data: mmap.mmap | bytes
    table: np.ndarray  # shape (2, n + 1), int64, mapped

    def __len__(self) -> int:
        return self.table.shape[1] - 1

    @property
    def lengths(self) -> np.ndarray:
        return self.table[1, :-1]

    def containing(self, local: np.ndarray, needle: bytes) -> np.ndarray:
        """The documents of ``local`` (segment docnums) whose text holds ``needle`` (encoded)."""
        find, offsets = self.data.find, self.table[0]
        starts, ends = offsets[local].tolist(), offsets[local + 1].tolist()
        keep = []
        for start, end in zip(starts, ends):
            at = find(needle, start, end)
            while at >= 0 and (at - start) & 1:  # straddles two characters: look further
                at = find(needle, at + 1, end)
            keep.append(at >= 0)
        return local[np.fromiter(keep, dtype=bool, count=len(keep))] if keep else local

    def text(self, docnum: int) -> str:
        offsets = self.table[0]
        return bytes(self.data[int(offsets[docnum]):int(offsets[docnum + 1])]).decode(ENCODING, "surrogatepass")


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
            for suffix in EARLIER_SUFFIXES:
                try:
                    os.remove(base + suffix)
                except FileNotFoundError:
                    pass
    return _open(base, count)  # a third failure is an error worth seeing


def _open(base: str, count: int) -> SegmentTexts:
    table = np.load(base + INDEX_SUFFIX, mmap_mode="r")
    if table.shape != (2, count + 1):
        raise ValueError(f"{base}: {table.shape[1] - 1} texts for {count} documents")
    with open(base + TEXT_SUFFIX, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
    return SegmentTexts(data, table)


def _write(base: str, texts: Iterable[str]) -> None:
    """Write both files under temporary names, then rename: readers see whole files or none.
    (Names starting with a dot are ignored by Whoosh's clean-up while they are being written.)"""
    directory, name = os.path.split(base)
    temp = os.path.join(directory, f".{name}.{os.getpid()}")
    offsets, lengths = [0], []
    with open(temp + TEXT_SUFFIX, "wb") as out:
        position = 0
        for text in texts:
            encoded = text.encode(ENCODING, "surrogatepass")
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
        encoded = needle.encode(ENCODING, "surrogatepass")
        bounds = np.searchsorted(docs, self.starts)
        found = [part.containing(docs[bounds[i]:bounds[i + 1]] - self.starts[i], encoded) + self.starts[i]
                 for i, part in enumerate(self.parts) if bounds[i + 1] > bounds[i]]
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)

    def text(self, docnum: int) -> str:
        i = int(np.searchsorted(self.starts, docnum, side="right")) - 1
        return self.parts[i].text(docnum - int(self.starts[i]))
