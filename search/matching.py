"""Exact match sets and the ranking query for a parsed user query.

Matching (which documents, how many, facets) uses posting lists read block-wise into Python sets,
so counting 30,000 hits costs set operations, not a Python loop through Whoosh matchers:

* a part of 2 characters (any script) is one bigram posting list: exact;
* 3+ characters: the intersection of its bigrams' postings, then verified as a substring
  of the document's search form (no false positives, and no false negatives by construction);
* 1 character: the union of the grams starting with it (every character starts a gram).

Ranking is BM25 over the word field's postings (term frequencies and document frequencies
from the index), computed for the matched set only, then a top-k heap for the page shown.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .analysis import part_grams, query_words
from .whoosh_internals import posting_blocks
from .query import Item, ParsedQuery, parts_of
from .schema import WORD_COLUMNS
from .snapshot import BM25_K1, Snapshot


def posting_ids(snap: Snapshot, field: str, term: str) -> set[int]:
    """Global docnums having ``term`` in ``field`` (deleted documents excluded)."""
    found: set[int] = set()
    for offset, ids, _weights in posting_blocks(snap.leaves, field, term):
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


def part_matches(snap: Snapshot, part: str) -> set[int]:
    """Documents whose search form holds ``part`` as a substring, in any script."""
    if len(part) == 1:
        found: set[int] = set()
        for gram in snap.searcher.reader().expand_prefix("grams", part):
            found |= posting_ids(snap, "grams", gram.decode("utf-8") if isinstance(gram, bytes) else gram)
        return found
    candidates = _intersect_all([posting_ids(snap, "grams", g) for g in dict.fromkeys(part_grams(part))])
    return candidates if len(part) == 2 else _verified(snap, candidates, part)


def item_matches(snap: Snapshot, item: Item) -> set[int] | None:
    parts = parts_of(item.text, item.phrase)
    return _intersect_all([part_matches(snap, p) for p in parts]) if parts else None


def all_documents(snap: Snapshot) -> set[int]:
    return set(range(len(snap.texts))) - snap.deleted


def matching_docnums(snap: Snapshot, parsed: ParsedQuery, filters: dict | None = None,
                     ranges: dict | None = None, excluded: dict | None = None) -> set[int] | None:
    """The exact set of matching docnums; None when the query has neither a positive item nor a
    filter. ``filters``/``ranges``/``excluded`` come from the caller (a page's own filters, a
    SearchQuerySet's filter() and exclude()), on top of those written in the query."""
    positives, negatives = [], set()
    for group in parsed.groups:
        if len(group) == 1 and group[0].negated:
            negatives |= item_matches(snap, group[0]) or set()
            continue
        alternatives = [s for s in (item_matches(snap, item) for item in group) if s is not None]
        if alternatives:
            positives.append(set().union(*alternatives))
    filters = {**parsed.filters, **(filters or {})}
    ranges = {**parsed.ranges, **(ranges or {})}
    if not positives and not filters and not ranges:
        return None
    matched = (_intersect_all(positives) if positives else all_documents(snap)) - negatives
    return apply_filters(snap, matched, filters, ranges, excluded or {})


def _indices(matched: set[int]) -> np.ndarray:
    return np.fromiter(matched, dtype=np.int64, count=len(matched))


def _by_column(snap: Snapshot, matched: set[int], name: str, values, keep: bool) -> set[int]:
    column = snap.columns[name]
    if name in WORD_COLUMNS:
        wanted = [snap.generation.code(name, str(v)) for v in values]
    else:
        wanted = [int(v) for v in values]
    docs = _indices(matched)
    mask = np.isin(column[docs], wanted)
    return set(docs[mask if keep else ~mask].tolist())


def apply_filters(snap: Snapshot, matched: set[int], filters: dict, ranges: dict, excluded: dict) -> set[int]:
    """Keep the documents with one of each filter's values, within each range, without the excluded
    values, through the columns (vectorised)."""
    for name, value in filters.items():
        values = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        matched = _by_column(snap, matched, name, values, keep=True)
    for name, (low, high) in ranges.items():
        docs = _indices(matched)
        values = snap.columns[name][docs]
        matched = set(docs[(values >= low) & (values <= high)].tolist())
    for name, value in excluded.items():
        values = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        matched = _by_column(snap, matched, name, values, keep=False)
    return matched


def ranking_terms(parsed: ParsedQuery) -> list[str]:
    """jieba words of the positive items (the word field): what BM25 scores."""
    words = []
    for group in parsed.groups:
        for item in group:
            if not item.negated:
                for part in parts_of(item.text, item.phrase):
                    part_words = query_words(part)
                    # A lone character (副 in 省域|副|中心城市) adds little to the ranking but has
                    # one of the longest posting lists: leave it out when the part has real words.
                    longer = [w for w in part_words if len(w) > 1]
                    words += longer or part_words
    return list(dict.fromkeys(words))


# A hit in what names a document outranks a mention in its body.
KIND_BOOST = {"title": 3.0, "doc_number": 3.0, "doc_title": 2.0, "heading": 1.5}
PHRASE_BOOST = 1.5  # several words found together, as typed, above the same words scattered


@dataclass
class Scores:
    """The scored matches: docnums and their scores (numpy arrays, in no order)."""

    docs: np.ndarray
    values: np.ndarray

    def __len__(self):
        return len(self.docs)


def top_of(snap: Snapshot, scores: Scores, matched: set[int], limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best of ``matched``: by score, ties newest first; matches without a score
    (林化 inside 吉林化纤 has no word of its own) follow, newest first."""
    published = snap.columns["published"]
    top: list[tuple[int, float]] = []
    if len(scores):
        docs, values = scores.docs, scores.values
        if len(docs) > 4 * limit:  # only the best few need sorting
            keep = np.argpartition(-values, limit - 1)[:limit]
            cutoff = values[keep].min()
            chosen = values >= cutoff  # every tie at the cutoff competes on date
            docs, values = docs[chosen], values[chosen]
        order = np.lexsort((docs, -published[docs], -values))[:limit]
        top = list(zip(docs[order].tolist(), values[order].tolist()))
    if len(top) < limit:
        rest = _indices(matched - set(scores.docs.tolist())) if len(scores) else _indices(matched)
        order = np.lexsort((rest, -published[rest]))[:limit - len(top)]
        top += [(d, 0.0) for d in rest[order].tolist()]
    return top


def score(snap: Snapshot, parsed: ParsedQuery, matched: set[int]) -> Scores:
    """Scores of ``matched``: BM25 over the word field, boosted for titles, 文号 and headings and
    for the words found together as typed; a 文号 query's own 文号 above all (top_of() orders
    ties, and matches without a scored word, newest first).

    Whoosh's own collector scores every match one Python call at a time (and its block-max
    skipping cannot skip when paragraphs are short and term frequencies alike); this reads each
    term's postings block-wise once, vectorised. Document length is the text length in characters.
    """
    empty = Scores(np.zeros(0, dtype=np.int64), np.zeros(0))
    if len(matched) <= 1 and not parsed.doc_number:
        return empty
    total = max(1, len(snap.texts) - len(snap.deleted))
    length_norm = snap.length_norm
    wanted = np.zeros(len(snap.texts), dtype=bool)
    wanted[_indices(matched)] = True
    sums = np.zeros(len(snap.texts))
    for word in ranking_terms(parsed):
        df = snap.document_frequency("text", word)
        if not df:
            continue
        idf = math.log(1 + (total - df + 0.5) / (df + 0.5)) * (BM25_K1 + 1)
        for offset, ids, weights in posting_blocks(snap.leaves, "text", word):
            docs = np.asarray(ids, dtype=np.int64) + offset
            if weights is None or isinstance(weights, float):
                tf = np.full(len(docs), weights or 1.0)
            else:
                tf = np.asarray(weights, dtype=np.float64)
            keep = wanted[docs]
            docs, tf = docs[keep], tf[keep]
            sums[docs] += idf * tf / (tf + length_norm[docs])
    docs = np.flatnonzero(sums)
    values = sums[docs]
    kinds = snap.columns["kind"]
    if len(docs):
        boosts = np.ones(len(snap.vocabularies["kind"]) + 1)
        for kind, boost in KIND_BOOST.items():
            boosts[snap.generation.code("kind", kind)] = boost  # code -1 (absent) lands on the spare slot
        values = values * boosts[kinds[docs]]
        together = _typed_together(parsed)
        if together:
            texts = snap.texts
            values = values * np.array([PHRASE_BOOST if together in texts[d] else 1.0 for d in docs.tolist()])
    if parsed.doc_number:
        top_score = (values.max() if len(values) else 0.0) + 1.0
        doc_number = snap.generation.code("kind", "doc_number")
        own = [d for d in matched if kinds[d] == doc_number and parsed.doc_number in snap.texts[d]]
        if own:
            merged = dict(zip(docs.tolist(), values.tolist()))
            for d in own:
                merged[d] = merged.get(d, 0.0) + top_score
            docs = np.fromiter(merged.keys(), dtype=np.int64, count=len(merged))
            values = np.fromiter(merged.values(), dtype=np.float64, count=len(merged))
    return Scores(docs, values)


def _typed_together(parsed: ParsedQuery) -> str:
    """The positive single items joined as typed (冰雪 旅游 → 冰雪旅游), when there are several."""
    items = [g[0] for g in parsed.groups if len(g) == 1 and not g[0].negated]
    if len(items) < 2:
        return ""
    return "".join("".join(parts_of(i.text, True)) for i in items)
