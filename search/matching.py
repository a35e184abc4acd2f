"""Exact match sets and the ranking query for a parsed user query.

Matching (which documents, how many, facets) works on sorted numpy arrays of docnums read from
the posting blocks, so counting 300,000 hits costs array operations, not Python objects:

* a part of 2 characters (any script) is one bigram posting list: exact;
* 3+ characters: candidates from its rarest bigrams' postings (intersected while that is cheaper
  than verifying), then verified as substrings of the documents' search forms (search.texts):
  no false positives, and no false negatives by construction;
* 1 character: the union of the grams starting with it (every character starts a gram).

Ranking is BM25 over the word field's postings (term frequencies and document frequencies
from the index), computed for the matched set only, then a top-k selection for the page shown.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .analysis import part_grams, query_words
from .query import Item, ParsedQuery, parts_of
from .schema import WORD_COLUMNS
from .snapshot import BM25_K1, Snapshot
from .whoosh_internals import leaf_postings_of_prefix, postings

EMPTY = np.zeros(0, dtype=np.int64)
# Verifying a candidate (one find in the mapped texts) costs about as much as decoding this many
# postings: a further bigram's postings are read only while they are fewer than the candidates
# times this. (Measured at a million paragraphs: 760 ns a candidate, 41 ns a posting.)
VERIFY_COST_IN_POSTINGS = 20


def posting_docs(snap: Snapshot, field: str, term: str) -> np.ndarray:
    """Sorted global docnums having ``term`` in ``field`` (deleted documents included: callers
    keep the live ones once, at the end)."""
    return postings(snap.leaves, field, term)[0]


def _in_sorted(values: np.ndarray, sorted_docs: np.ndarray) -> np.ndarray:
    """Mask of ``values`` found in the sorted array ``sorted_docs``."""
    if not len(sorted_docs):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_docs, values), len(sorted_docs) - 1)
    return sorted_docs[at] == values


def intersect(arrays: list[np.ndarray]) -> np.ndarray:
    """The docnums in every one of ``arrays`` (each sorted, unique)."""
    if not arrays:
        return EMPTY
    arrays = sorted(arrays, key=len)
    result = arrays[0]
    for other in arrays[1:]:
        if not len(result):
            break
        result = result[_in_sorted(result, other)]
    return result


def union(snap: Snapshot, arrays: list[np.ndarray]) -> np.ndarray:
    """The docnums in any of ``arrays``, sorted, unique (through a mask: linear, no sort)."""
    arrays = [a for a in arrays if len(a)]
    if len(arrays) <= 1:
        return arrays[0] if arrays else EMPTY
    mask = np.zeros(len(snap.live), dtype=bool)
    for array in arrays:
        mask[array] = True
    return np.flatnonzero(mask)


def part_matches(snap: Snapshot, part: str) -> np.ndarray:
    """Documents whose search form holds ``part`` as a substring, in any script."""
    if len(part) == 1:
        # Segment by segment: each segment's own grams, never a lookup of a gram it lacks.
        # (A document is listed once per gram it has: the mask makes the set.)
        mask = np.zeros(len(snap.live), dtype=bool)
        for reader, offset in snap.leaves:
            mask[leaf_postings_of_prefix(reader, "grams", part) + offset] = True
        return np.flatnonzero(mask)
    grams = sorted(dict.fromkeys(part_grams(part)), key=lambda g: snap.document_frequency("grams", g))
    candidates = posting_docs(snap, "grams", grams[0])
    if len(part) == 2:
        return candidates
    for gram in grams[1:]:
        if not len(candidates) or snap.document_frequency("grams", gram) > VERIFY_COST_IN_POSTINGS * len(candidates):
            break
        candidates = candidates[_in_sorted(candidates, posting_docs(snap, "grams", gram))]
    return snap.text_store.containing(candidates, part) if len(candidates) else EMPTY


def item_matches(snap: Snapshot, item: Item) -> np.ndarray | None:
    parts = parts_of(item.text, item.phrase)
    return intersect([part_matches(snap, p) for p in parts]) if parts else None


def all_documents(snap: Snapshot) -> np.ndarray:
    return np.flatnonzero(snap.live)


def matching_docnums(snap: Snapshot, parsed: ParsedQuery, filters: dict | None = None,
                     ranges: dict | None = None, excluded: dict | None = None) -> np.ndarray | None:
    """The exact set of matching docnums (sorted array); None when the query has neither a
    positive item nor a filter. ``filters``/``ranges``/``excluded`` come from the caller (a page's
    own filters, a SearchQuerySet's filter() and exclude()), on top of those written in the query."""
    positives, negatives = [], []
    for group in parsed.groups:
        if len(group) == 1 and group[0].negated:
            found = item_matches(snap, group[0])
            if found is not None:
                negatives.append(found)
            continue
        alternatives = [s for s in (item_matches(snap, item) for item in group) if s is not None]
        if alternatives:
            positives.append(union(snap, alternatives))
    filters = {**parsed.filters, **(filters or {})}
    ranges = {**parsed.ranges, **(ranges or {})}
    if not positives and not filters and not ranges:
        return None
    matched = intersect(positives) if positives else all_documents(snap)
    matched = matched[snap.live[matched]]
    if negatives:
        matched = matched[~_in_sorted(matched, union(snap, negatives))]
    return apply_filters(snap, matched, filters, ranges, excluded or {})


def _by_column(snap: Snapshot, matched: np.ndarray, name: str, values, keep: bool) -> np.ndarray:
    column = snap.columns[name]
    if name in WORD_COLUMNS:
        wanted = [snap.generation.code(name, str(v)) for v in values]
    else:
        wanted = [int(v) for v in values]
    mask = np.isin(column[matched], wanted)
    return matched[mask if keep else ~mask]


def apply_filters(snap: Snapshot, matched: np.ndarray, filters: dict, ranges: dict, excluded: dict) -> np.ndarray:
    """Keep the documents with one of each filter's values, within each range, without the excluded
    values, through the columns (vectorised)."""
    for name, value in filters.items():
        values = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        matched = _by_column(snap, matched, name, values, keep=True)
    for name, (low, high) in ranges.items():
        values = snap.columns[name][matched]
        matched = matched[(values >= low) & (values <= high)]
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


def top_of(snap: Snapshot, scores: Scores, matched: np.ndarray, limit: int) -> list[tuple[int, float]]:
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
        rest = matched[~_in_sorted(matched, scores.docs)] if len(scores) else matched
        order = np.lexsort((rest, -published[rest]))[:limit - len(top)]
        top += [(d, 0.0) for d in rest[order].tolist()]
    return top


def score(snap: Snapshot, parsed: ParsedQuery, matched: np.ndarray) -> Scores:
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
    total = max(1, snap.live_count)
    length_norm = snap.length_norm
    # Sums per matched document (indexed like ``matched``): no array the size of the archive, whose
    # allocation and scan would cost more than the postings at a million documents.
    sums = np.zeros(len(matched))
    for word in ranking_terms(parsed):
        df = snap.document_frequency("text", word)
        if not df or not len(matched):
            continue
        idf = math.log(1 + (total - df + 0.5) / (df + 0.5)) * (BM25_K1 + 1)
        docs, tf = postings(snap.leaves, "text", word, weights=True)
        at = np.minimum(np.searchsorted(matched, docs), len(matched) - 1)
        keep = matched[at] == docs
        docs, tf, at = docs[keep], tf[keep], at[keep]
        sums[at] += idf * tf / (tf + length_norm[docs])
    scored = np.flatnonzero(sums)
    docs, values = matched[scored], sums[scored]
    kinds = snap.columns["kind"]
    if len(docs):
        boosts = np.ones(len(snap.vocabularies["kind"]) + 1)
        for kind, boost in KIND_BOOST.items():
            boosts[snap.generation.code("kind", kind)] = boost  # code -1 (absent) lands on the spare slot
        values = values * boosts[kinds[docs]]
        together = _typed_together(parsed)
        if together:
            # The typed phrase's own matches (exact, from the index), not a scan of every scored text.
            values = values * np.where(_in_sorted(docs, part_matches(snap, together)), PHRASE_BOOST, 1.0)
    if parsed.doc_number:
        top_score = (values.max() if len(values) else 0.0) + 1.0
        doc_number = snap.generation.code("kind", "doc_number")
        own = snap.text_store.containing(matched[kinds[matched] == doc_number], parsed.doc_number).tolist()
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
