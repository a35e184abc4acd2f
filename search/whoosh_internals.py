"""The one place that reads Whoosh's private structures (tests/search/test_whoosh_internals.py
fails loudly when a Whoosh release changes them).

Whoosh 2.7's W3 codec keeps a term's postings in blocks; its public matcher hands them out one
Python call per posting. Counting 30,000 hits that way costs more than the rest of a search, so
the blocks are read whole here: ids (delta-encoded unless "byte ids"), weights.
"""
from __future__ import annotations

from itertools import accumulate


SUPPORTED_WHOOSH = (2, 7)  # the release these attributes were read from (checked by the test)


def posting_blocks(leaves, field: str, term: str):
    """(offset, docnums, weights) per posting block of ``term``, read block-wise.

    Whoosh 3 blocks hold delta-encoded ids; decoding them with itertools.accumulate (C) instead of
    the matcher's per-posting Python calls is what makes counting large result sets cheap.
    weights is None (all 1.0), one float for the block, or an array.
    """
    for reader, offset in leaves:
        if (field, term) not in reader:
            continue
        matcher = reader.postings(field, term)
        leaf = getattr(matcher, "child", matcher)  # deletions are subtracted by the callers
        if not (hasattr(leaf, "_read_data") and hasattr(leaf, "_atend")):  # another codec: slow path
            for d in leaf.all_ids():
                yield offset, (d,), leaf.weight()
            continue
        while not leaf._atend:
            if leaf._data is None:
                leaf._read_data()
            ids, weights = leaf._data[0], leaf._data[1]
            yield offset, (ids if leaf._byteids else list(accumulate(ids))), weights
            leaf._next_block()
