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
    matcher = reader.postings(field, term)
    leaf = getattr(matcher, "child", matcher)
    if not all(hasattr(leaf, name) for name in _FAST_PATH):  # another codec: the public, slow path
        ids, found = [], []
        while leaf.is_active():
            ids.append(leaf.id())
            found.append(leaf.weight())
            leaf.next()
        return np.array(ids, dtype=np.int64), (np.array(found, dtype=np.float64) if weights else None)
    flat, lengths, flat_weights = [], [], []
    while not leaf._atend:
        if leaf._data is None:
            leaf._read_data()
        ids, block_weights = leaf._data[0], leaf._data[1]
        flat.extend(ids)
        lengths.append(len(ids))
        if weights:
            if block_weights is None or isinstance(block_weights, float):
                flat_weights.extend([block_weights or 1.0] * len(ids))
            else:
                flat_weights.extend(block_weights)
        leaf._next_block()
    docs = np.array(flat, dtype=np.int64)
    if not leaf._byteids and len(docs):
        # Each block's ids are deltas from 0: a running sum, restarted at every block.
        sums = np.cumsum(docs)
        ends = np.cumsum(lengths)
        block_base = np.concatenate(([0], sums[ends[:-1] - 1]))
        docs = sums - np.repeat(block_base, lengths)
    return docs, (np.array(flat_weights, dtype=np.float64) if weights else None)


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
