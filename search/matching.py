"""Exact match sets and the ranking query for a parsed user query.

Matching (which documents, how many, facets) uses posting lists read block-wise into Python sets,
so counting 30,000 hits costs set operations, not a Python loop through Whoosh matchers:

* a CJK part of 2 characters is one bigram posting list: exact;
* 3+ characters: the intersection of its bigrams' postings, then verified as a substring
  of the document's text (no false positives, and no false negatives by construction);
* 1 character: the union of the grams starting with it (every character starts a gram);
* non-CJK words: the word field's postings (several words: intersection + substring check).

Ranking is BM25 over the word field's postings (term frequencies and document frequencies
from the index), computed for the matched set only, then a top-k heap for the page shown.
"""
from __future__ import annotations

import heapq
import math
from itertools import accumulate

from .analysis import IS_CJK, query_bigrams, query_words
from .query import Item, ParsedQuery, parts_of, script_runs
from .snapshot import BM25_K1, Snapshot


def _posting_blocks(snap: Snapshot, field: str, term: str):
    """(offset, docnums, weights) per posting block of ``term``, read block-wise.

    Whoosh 3 blocks hold delta-encoded ids; decoding them with itertools.accumulate (C) instead of
    the matcher's per-posting Python calls is what makes counting large result sets cheap.
    weights is None (all 1.0), one float for the block, or an array.
    """
    for reader, offset in snap.leaves:
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


def posting_ids(snap: Snapshot, field: str, term: str) -> set[int]:
    """Global docnums having ``term`` in ``field`` (deleted documents excluded)."""
    found: set[int] = set()
    for offset, ids, _weights in _posting_blocks(snap, field, term):
        found.update(ids if not offset else [d + offset for d in ids])
    return found - snap.deleted if snap.deleted else found


def _verified(snap: Snapshot, candidates: set[int], needle: str) -> set[int]:
    texts = snap.texts
    return {d for d in candidates if needle in texts[d]}


def _intersect_all(sets: list[set[int]]) -> set[int]:
    if not sets:
        return set()
    sets = sorted(sets, key=len)
    result = set(sets[0])
    for other in sets[1:]:
        result &= other
        if not result:
            break
    return result


def run_matches(snap: Snapshot, run: str) -> set[int] | None:
    """Documents containing one script run; None if the run has nothing searchable."""
    if IS_CJK.match(run):
        if len(run) == 1:
            reader = snap.searcher.reader()
            found: set[int] = set()
            for gram in reader.expand_prefix("grams", run):
                found |= posting_ids(snap, "grams", gram.decode("utf-8") if isinstance(gram, bytes) else gram)
            return found
        grams = query_bigrams(run)
        candidates = _intersect_all([posting_ids(snap, "grams", g) for g in dict.fromkeys(grams)])
        return candidates if len(run) == 2 else _verified(snap, candidates, run)
    words = query_words(run)
    if not words:
        return None
    candidates = _intersect_all([posting_ids(snap, "text", w) for w in dict.fromkeys(words)])
    return candidates if len(words) == 1 else _verified(snap, candidates, run)


def item_matches(snap: Snapshot, item: Item) -> set[int] | None:
    sets = [s for part in parts_of(item.text, item.phrase) for s in map(lambda r: run_matches(snap, r), script_runs(part))
            if s is not None]
    return _intersect_all(sets) if sets else None


def matching_docnums(snap: Snapshot, parsed: ParsedQuery, filters: dict[str, int]) -> set[int] | None:
    """The exact set of matching docnums; None when the query has nothing positive to search."""
    positives, negatives = [], set()
    for group in parsed.groups:
        if len(group) == 1 and group[0].negated:
            negatives |= item_matches(snap, group[0]) or set()
            continue
        alternatives = [s for s in (item_matches(snap, item) for item in group) if s is not None]
        if alternatives:
            positives.append(set().union(*alternatives))
    if not positives:
        return None
    matched = _intersect_all(positives) - negatives
    for name, value in {**parsed.filters, **filters}.items():
        column = snap.columns[name]
        matched = {d for d in matched if column[d] == value}
    return matched




def ranking_terms(parsed: ParsedQuery) -> list[str]:
    """jieba words of the positive items (the word field): what BM25 scores."""
    words = []
    for group in parsed.groups:
        for item in group:
            if not item.negated:
                for part in parts_of(item.text, item.phrase):
                    for run in script_runs(part):
                        run_words = query_words(run)
                        # A lone character (副 in 省域|副|中心城市) adds little to the ranking but has
                        # one of the longest posting lists: leave it out when the run has real words.
                        longer = [w for w in run_words if len(w) > 1]
                        words += longer or run_words
    return list(dict.fromkeys(words))


def rank(snap: Snapshot, parsed: ParsedQuery, matched: set[int], limit: int) -> list[tuple[int, float]]:
    """Top ``limit`` of ``matched`` by BM25 over the word field, ties and zero scores by docnum.

    Whoosh's own collector scores every match one Python call at a time (and its block-max
    skipping cannot skip when paragraphs are short and term frequencies alike); this reads each
    term's postings block-wise once. Document length is the text length in characters.
    """
    if len(matched) <= limit and len(matched) <= 1:
        return [(d, 0.0) for d in matched]
    total = max(1, len(snap.texts) - len(snap.deleted))
    length_norm = snap.length_norm
    scores: dict[int, float] = {}
    for word in ranking_terms(parsed):
        postings = posting_weights(snap, "text", word, matched)
        if not postings:
            continue
        df = snap.document_frequency("text", word)
        idf = math.log(1 + (total - df + 0.5) / (df + 0.5)) * (BM25_K1 + 1)
        get = scores.get
        for doc, tf in postings:
            scores[doc] = get(doc, 0.0) + idf * tf / (tf + length_norm[doc])
    top = heapq.nlargest(limit, scores.items(), key=lambda kv: (kv[1], -kv[0]))
    if len(top) < limit:  # matches without a scored word (e.g. 林化 inside 吉林化纤) follow, in index order
        rest = heapq.nsmallest(limit - len(top), (d for d in matched if d not in scores))
        top += [(d, 0.0) for d in rest]
    return top


def posting_weights(snap: Snapshot, field: str, term: str, keep: set[int]) -> list[tuple[int, float]]:
    """(docnum, term frequency) for the postings of ``term`` whose docnum is in ``keep``."""
    out = []
    for offset, ids, weights in _posting_blocks(snap, field, term):
        if weights is None or isinstance(weights, float):
            tf = weights or 1.0
            out.extend((d + offset, tf) for d in ids if d + offset in keep)
        else:
            out.extend((d + offset, w) for d, w in zip(ids, weights) if d + offset in keep)
    return out
