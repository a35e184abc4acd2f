"""The one place that reads Whoosh's private structures (tests/search/test_whoosh_internals.py
fails loudly when a Whoosh release changes them).

Whoosh 2.7's W3 codec keeps a term's postings in blocks of up to 128; its public matcher hands
them out one Python call per posting. Counting 300,000 hits that way costs more than the rest of
a search, so the blocks are read whole here — ids (delta-encoded unless "byte ids") and weights —
and decoded into numpy arrays, a term's entry found in the segment's terms reader directly. The
project's own posting format (ArrayCodec, below) makes a block one np.frombuffer.
"""
from __future__ import annotations

import sys
from array import array

import numpy as np
from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher, W3PostingsWriter
from whoosh.reading import TermNotFound

SUPPORTED_WHOOSH = (2, 7)  # the release these attributes were read from (checked by the test)
_FAST_PATH = ("_read_data", "_atend", "_data", "_next_block", "_byteids")
_TERMS_READER = ("items_from", "term_info", "_codec", "_postfile")


def leaf_postings(reader, field: str, term, weights: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
    """(docnums, weights) of ``term`` (str or bytes) in one segment reader, as numpy arrays,
    deleted documents included (callers subtract them once). weights is None unless asked for."""
    terms = _terms_index(reader)
    if terms is None:  # another codec or reader: the public, slow path
        if (field, term) not in reader:
            return _empty(weights)
        return _public(reader.postings(field, term), weights)
    term_bytes = term if isinstance(term, bytes) else reader.schema[field].to_bytes(term)
    try:
        info = terms.term_info(field, term_bytes)
    except TermNotFound:
        return _empty(weights)
    leaf = terms._codec.postings_reader(terms._postfile, info, reader.schema[field].format, term=(field, term_bytes))
    if not _fast(leaf):
        return _public(leaf, weights)
    blocks = _Blocks(weights)
    blocks.read(leaf)
    return blocks.decode(), (blocks.decoded_weights() if weights else None)


def leaf_postings_of_prefix(reader, field: str, prefix: str) -> np.ndarray:
    """The docnums of every term of ``field`` starting with ``prefix`` in one segment reader,
    concatenated (a document once per term it has). A one-character query has thousands of short
    posting lists per segment: they are read in the terms index's order, each term's entry taken
    from that walk (no second lookup, no deleted-documents set built per term as
    reader.postings() does), and decoded in one pass."""
    terms = _terms_index(reader)
    if terms is None:
        found = [leaf_postings(reader, field, t)[0] for t in reader.expand_prefix(field, prefix)]
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)
    prefix_bytes = reader.schema[field].to_bytes(prefix)
    codec, postfile, format_ = terms._codec, terms._postfile, reader.schema[field].format
    blocks, slow = _Blocks(False), []
    for (name, term_bytes), info in terms.items_from(field, prefix_bytes):
        if name != field or not term_bytes.startswith(prefix_bytes):
            break
        leaf = codec.postings_reader(postfile, info, format_, term=(field, term_bytes))
        if _fast(leaf):
            blocks.read(leaf)
        else:
            slow.append(_public(leaf, False)[0])
    return np.concatenate([blocks.decode(), *slow]) if slow else blocks.decode()


def _terms_index(reader):
    """A segment reader's W3 terms reader (term → posting list entry), or None."""
    terms = getattr(reader, "_terms", None)
    return terms if all(hasattr(terms, name) for name in _TERMS_READER) else None


def _fast(leaf) -> bool:
    return all(hasattr(leaf, name) for name in _FAST_PATH)


def _empty(weights: bool):
    return np.zeros(0, dtype=np.int64), (np.zeros(0) if weights else None)


def _public(matcher, weights: bool):
    """Whoosh's public matcher interface, one posting at a time."""
    ids, found = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        found.append(matcher.weight())
        matcher.next()
    return np.array(ids, dtype=np.int64), (np.array(found, dtype=np.float64) if weights else None)


class _Blocks:
    """Posting blocks decoded one by one into numpy arrays of absolute ids (and weights)."""

    def __init__(self, weights: bool):
        self.ids = []
        self.weights = [] if weights else None

    def read(self, leaf) -> None:
        while not leaf._atend:
            if leaf._data is None:
                leaf._read_data()
            ids, block_weights = leaf._data[0], leaf._data[1]
            if leaf._byteids:
                block = np.array(ids, dtype=np.int64)
            elif isinstance(ids, bytes):
                block = decode_ids(ids)
            else:  # W3's own block: a tuple of deltas from 0
                block = np.cumsum(np.array(ids, dtype=np.int64))
            self.ids.append(block)
            if self.weights is not None:
                self.weights.append(decode_weights(block_weights, len(block)))
            leaf._next_block()

    def decode(self) -> np.ndarray:
        return np.concatenate(self.ids) if self.ids else np.zeros(0, dtype=np.int64)

    def decoded_weights(self) -> np.ndarray:
        return np.concatenate(self.weights) if self.weights else np.zeros(0)


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


# --- The project's posting format --------------------------------------------------------------
#
# Whoosh's W3 codec stores a block's ids and weights as pickled tuples of Python ints and floats,
# zlib-compressed: decoding a million postings costs a million Python objects. ArrayCodec keeps
# W3's files, block layout and block statistics, and stores each block's ids (first id, then the
# deltas) and weights as little-endian arrays of the narrowest width that holds them, inside the
# same pickled tuple: a block decodes with np.frombuffer. Its matcher still serves Whoosh's
# public API (merging, the public slow path), and blocks written by the plain W3 codec (an index
# built before) still decode.

_FLOAT_MARK = ord("f")


def pack_ints(values) -> bytes:
    """Non-negative integers (a sequence or an array) as one width byte (1, 2 or 4) and the
    values, little-endian, at that width."""
    top = max(values) if len(values) else 0
    width = 1 if top < 1 << 8 else 2 if top < 1 << 16 else 4
    if isinstance(values, np.ndarray):
        return bytes((width,)) + values.astype(f"<u{width}").tobytes()
    packed = array(_ARRAY_CODES[width], values)  # most posting lists are a few postings: no numpy
    if sys.byteorder == "big":
        packed.byteswap()
    return bytes((width,)) + packed.tobytes()


_ARRAY_CODES = {width: next(c for c in "BHILQ" if array(c).itemsize == width) for width in (1, 2, 4)}
# Blocks up to this many postings are packed with plain Python (numpy's per-call cost dominates).
SMALL_BLOCK = 64


def unpack_numbers(data: bytes) -> np.ndarray:
    """pack_ints()'s values, or a float32 array written as b"f" + its bytes."""
    if data[0] == _FLOAT_MARK:
        return np.frombuffer(data, dtype="<f4", offset=1)
    return np.frombuffer(data, dtype=f"<u{data[0]}", offset=1)


def decode_ids(data: bytes) -> np.ndarray:
    """A block's absolute ids from ArrayPostingsWriter's deltas (the first delta is the first id)."""
    return np.cumsum(unpack_numbers(data), dtype=np.int64)


def decode_weights(data, count: int) -> np.ndarray:
    """A block's weights: None (all 1.0), one float for all, packed numbers, or a W3 tuple."""
    if data is None or isinstance(data, float):
        return np.full(count, data or 1.0)
    if isinstance(data, bytes):
        return unpack_numbers(data).astype(np.float64)
    return np.array(data, dtype=np.float64)


class ArrayPostingsWriter(W3PostingsWriter):
    def _mini_ids(self):
        if self._byteids:  # term vectors (not in this schema): W3's own form
            return super()._mini_ids()
        ids = self._ids
        if len(ids) <= SMALL_BLOCK:
            return pack_ints([b - a for a, b in zip((0, *ids), ids)])
        return pack_ints(np.diff(np.frombuffer(ids, dtype=np.uint32).astype(np.int64), prepend=0))

    def _mini_weights(self):
        weights = self._weights
        first = weights[0] if len(weights) else 1.0
        if all(w == first for w in weights):
            return None if first == 1.0 else float(first)
        if all(w.is_integer() and 0 <= w < 1 << 16 for w in weights):
            return pack_ints([int(w) for w in weights])  # term frequencies: small whole numbers
        packed = array("f", weights)
        if sys.byteorder == "big":
            packed.byteswap()
        return bytes((_FLOAT_MARK,)) + packed.tobytes()


class ArrayLeafMatcher(W3LeafMatcher):
    """W3's matcher for ArrayPostingsWriter's blocks (and W3's own), for Whoosh's public API."""

    def _read_ids(self):
        if self._data is None:
            self._read_data()
        if isinstance(self._data[0], bytes) and not self._byteids:
            self._ids = tuple(decode_ids(self._data[0]).tolist())
        else:
            super()._read_ids()

    def _read_weights(self):
        if self._data is None:
            self._read_data()
        if isinstance(self._data[1], bytes):
            self._weights = array("f", decode_weights(self._data[1], self._blocklength).tolist())
        else:
            super()._read_weights()


class ArrayCodec(W3Codec):
    # W3 records each block's shortest and longest document (for its own scorer's block skipping),
    # reading the length column once per posting while a segment is written: 15 % of a build. The
    # project ranks with its own BM25 (search.matching) and never asks for them.
    length_stats = False

    def postings_writer(self, dbfile, byteids=False):
        return ArrayPostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                   compression=self._compression, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return ArrayLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)
