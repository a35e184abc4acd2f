"""The one place that reads Whoosh's private structures (tests/search/test_whoosh_internals.py
fails loudly when a Whoosh release changes them).

Whoosh 2.7's W3 codec keeps a term's postings in blocks of up to 128; its public matcher hands
them out one Python call per posting. Counting 300,000 hits that way costs more than the rest of
a search, so the blocks are read whole here — ids (delta-encoded unless "byte ids") and weights —
and decoded into numpy arrays in one pass per term.
"""
from __future__ import annotations

import numpy as np

SUPPORTED_WHOOSH = (2, 7)  # the release these attributes were read from (checked by the test)
_FAST_PATH = ("_read_data", "_atend", "_data", "_next_block", "_byteids")


def leaf_postings(reader, field: str, term: str, weights: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
    """(docnums, weights) of ``term`` in one segment reader, as numpy arrays, deleted documents
    included (callers subtract them once). weights is None unless asked for."""
    if (field, term) not in reader:
        return np.zeros(0, dtype=np.int64), (np.zeros(0) if weights else None)
    leaf = _leaf_matcher(reader, field, term)
    if leaf is None:  # another codec: the public, slow path
        ids, found = [], []
        matcher = reader.postings(field, term)
        while matcher.is_active():
            ids.append(matcher.id())
            found.append(matcher.weight())
            matcher.next()
        return np.array(ids, dtype=np.int64), (np.array(found, dtype=np.float64) if weights else None)
    blocks = _Blocks(weights)
    blocks.read(leaf)
    return blocks.decode(), (np.array(blocks.weights, dtype=np.float64) if weights else None)


def leaf_postings_of_terms(reader, field: str, terms) -> np.ndarray:
    """The docnums of every one of ``terms`` (bytes, as the reader lists them) in one segment
    reader, concatenated (a document once per term it has): one decoding pass for them all, where
    a one-character query has thousands of short posting lists."""
    blocks, slow = _Blocks(False), []
    for term in terms:
        leaf = _leaf_matcher(reader, field, term)
        if leaf is None:
            slow.append(leaf_postings(reader, field, term)[0])
        else:
            blocks.read(leaf)
    return np.concatenate([blocks.decode(), *slow]) if slow else blocks.decode()


def _leaf_matcher(reader, field: str, term):
    matcher = reader.postings(field, term)
    leaf = getattr(matcher, "child", matcher)
    return leaf if all(hasattr(leaf, name) for name in _FAST_PATH) else None


class _Blocks:
    """Posting blocks gathered raw (delta-encoded ids, weights) and decoded in one numpy pass."""

    def __init__(self, weights: bool):
        self.flat, self.lengths, self.byte_ids = [], [], False
        self.weights = [] if weights else None

    def read(self, leaf) -> None:
        self.byte_ids |= bool(leaf._byteids)
        while not leaf._atend:
            if leaf._data is None:
                leaf._read_data()
            ids, block_weights = leaf._data[0], leaf._data[1]
            self.flat.extend(ids)
            self.lengths.append(len(ids))
            if self.weights is not None:
                if block_weights is None or isinstance(block_weights, float):
                    self.weights.extend([block_weights or 1.0] * len(ids))
                else:
                    self.weights.extend(block_weights)
            leaf._next_block()

    def decode(self) -> np.ndarray:
        docs = np.array(self.flat, dtype=np.int64)
        if self.byte_ids or not len(docs):
            return docs
        # Each block's ids are deltas from 0: a running sum, restarted at every block.
        sums = np.cumsum(docs)
        ends = np.cumsum(self.lengths)
        block_base = np.concatenate(([0], sums[ends[:-1] - 1]))
        return sums - np.repeat(block_base, self.lengths)


def postings(leaves, field: str, term: str, weights: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
    """(global docnums ascending, weights) of ``term`` over every (segment reader, offset) leaf."""
    parts = [(ids + offset, found) for (reader, offset) in leaves
             for ids, found in [leaf_postings(reader, field, term, weights)] if len(ids)]
    if not parts:
        return np.zeros(0, dtype=np.int64), (np.zeros(0) if weights else None)
    if len(parts) == 1:
        return parts[0]
    return (np.concatenate([ids for ids, _ in parts]),
            np.concatenate([found for _, found in parts]) if weights else None)


def index_segments(ix) -> list:
    """The segments of an index's latest generation (Whoosh keeps the list private: _segments)."""
    return list(ix._segments())
