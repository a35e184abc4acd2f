"""Answer one StructuredQuery on the current index snapshot: the exact match set, facets, the
order asked for and the slice. The haystack backend calls this; so, through SearchQuerySet, do
the page, the API and the bench.

A per-thread cache keeps the last queries' match sets and scores for the snapshot they were
computed on, so haystack's count(), facet_counts() and a page's slice cost one matching. It is
bounded in bytes, not only in entries: a one-character query's set at a million paragraphs
takes megabytes, and every thread of every worker holds its own cache.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

from bulletin.models import Article, Block

from .highlight import highlight as snippet
from .highlight import match_spans
from .matching import all_documents, matching_docnums, score, top_of
from .query import ParsedQuery, parse
from .schema import KIND_ARTICLE, KIND_PARAGRAPH, WORD_COLUMNS, article_ref_mask, parse_ref
from .snapshot import current_snapshot

CACHE_SIZE = 8
# What a thread's cache may hold beyond the entry in use (the latest is always kept: the request
# that made it asks for its count, facets and page in turn).
CACHE_BYTES = 8 << 20
_local = threading.local()
COLUMN_FACETS = ("year", "issue", "bulletin", "article", "published", "signed")


@dataclass
class RawHit:
    kind: str  # KIND_PARAGRAPH (a block) or KIND_ARTICLE (its title)
    pk: int
    score: float
    block_kind: str = ""  # the block's kind, "title" or "category"
    text: str = ""
    highlight: str = ""
    row: object = None  # the Block or Article, with its bulletin and gazette loaded


@dataclass
class Answer:
    count: int = 0
    hits: list[RawHit] = field(default_factory=list)
    facets: dict[str, dict] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    parsed: ParsedQuery | None = None


@dataclass
class _Cached:
    matched: np.ndarray | None  # sorted docnums
    scores: object = None  # matching.Scores, computed when a page is ordered by relevance

    @property
    def nbytes(self) -> int:
        held = self.matched.nbytes if self.matched is not None else 0
        return held + (self.scores.docs.nbytes + self.scores.values.nbytes if self.scores is not None else 0)


def _cache(snap) -> OrderedDict:
    cache = getattr(_local, "cache", None)
    if cache is None or getattr(_local, "snapshot", None) is not snap:
        cache = _local.cache = OrderedDict()
        _local.snapshot = snap
    return cache


def _trim(cache: OrderedDict) -> None:
    """Drop the oldest entries beyond CACHE_SIZE, or beyond CACHE_BYTES besides the latest."""
    while len(cache) > CACHE_SIZE or (len(cache) > 1 and sum(e.nbytes for e in list(cache.values())[:-1]) > CACHE_BYTES):
        cache.popitem(last=False)


def execute(query, start: int = 0, end: int | None = None, facets=None, sort_by=None, models=None,
            highlight: bool = False) -> Answer:
    answer = Answer()
    parsed = answer.parsed = parse(" ".join(query.text))
    answer.messages += parsed.notes
    snap = current_snapshot()
    if snap is None:
        answer.messages.append(_("检索索引尚未建立，请管理员运行 manage.py search_check --repair。"))
        return answer
    kinds = _kinds_of(models)
    key = (str(query), kinds)
    cache = _cache(snap)
    entry = cache.get(key)
    if entry is None:
        matched = matching_docnums(snap, parsed, query.filters, query.ranges, query.excluded)
        if matched is None and not "".join(query.text).strip():
            matched = all_documents(snap)  # SearchQuerySet() with no condition: everything
        if matched is not None and kinds is not None:
            refs = snap.columns["ref"]
            is_article = article_ref_mask(refs[matched])
            keep = np.zeros(len(matched), dtype=bool)
            if KIND_ARTICLE in kinds:
                keep |= is_article
            if KIND_PARAGRAPH in kinds:
                keep |= ~is_article
            matched = matched[keep]
        entry = cache[key] = _Cached(matched)
    cache.move_to_end(key)
    _trim(cache)
    matched = entry.matched
    if matched is None:
        answer.messages.append(_("只有排除词，请至少输入一个要查找的词或一个筛选条件。") if parsed.groups
                               else _("请输入检索词（或 year:2024 之类的筛选条件）；只有标点或符号无法检索。"))
        return answer
    answer.count = len(matched)
    for name in facets or ():
        limit = (facets[name] or {}).get("limit") if isinstance(facets, dict) else None
        answer.facets[name] = _facet(snap, name, matched, int(limit) if limit else None)
    limit = answer.count if end is None else min(end, answer.count)
    if limit > start:
        order = _ordered(snap, parsed, entry, sort_by, limit)
        refs = snap.columns["ref"]
        answer.hits = [RawHit(*parse_ref(int(refs[d])), s) for d, s in order[start:limit]]
        _fill(answer.hits, parsed.terms_for_highlight() if highlight else None)
    return answer


def _kinds_of(models) -> frozenset | None:
    if not models:
        return None
    names = {m._meta.model_name for m in models}
    return frozenset(k for k, name in ((KIND_PARAGRAPH, "block"), (KIND_ARTICLE, "article")) if name in names)


def _facet(snap, name: str, docs: np.ndarray, limit: int | None = None) -> dict:
    """Counts of the matches (docnums ``docs``) per value, most first (the first ``limit``)."""
    if name not in WORD_COLUMNS and name not in COLUMN_FACETS:
        return {}
    values, counts = _value_counts(snap.columns[name][docs], snap.generation.bounds(name))
    if name in WORD_COLUMNS:  # a few dozen values: sorted by their text
        vocabulary = snap.vocabularies[name]
        pairs = sorted(((vocabulary[v], n) for v, n in zip(values.tolist(), counts.tolist()) if vocabulary[v]),
                       key=lambda kv: (-kv[1], kv[0]))
        return dict(pairs[:limit] if limit else pairs)
    order = np.lexsort((-values, -counts))  # thousands of bulletins: ordered in numpy, then cut
    order = order[:limit] if limit else order
    return dict(zip(values[order].tolist(), counts[order].tolist()))


# Values spanning at most this range are counted in an array of that size (linear) instead of sorted
# (np.unique): codes, years, issues, bulletin and article ids; dates (yyyymmdd) span more.
COUNTING_RANGE = 1 << 22


def _value_counts(values: np.ndarray, bounds: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values and how often each occurs (np.unique's answer, ascending); ``bounds``
    are the column's smallest and largest values (known per generation: no pass to find them)."""
    low, high = bounds
    if not len(values):
        return values, np.zeros(0, dtype=np.int64)
    if high - low > COUNTING_RANGE or low < 0:
        return np.unique(values, return_counts=True)
    if high > COUNTING_RANGE:  # counted from ``low`` (one more pass over the values)
        counts = np.bincount(values - low, minlength=high - low + 1)
        present = np.flatnonzero(counts)
        return present + low, counts[present]
    counts = np.bincount(values, minlength=high + 1)  # from 0: years, codes and ids need no shift
    present = np.flatnonzero(counts)
    return present, counts[present]


def _ordered(snap, parsed: ParsedQuery, entry: _Cached, sort_by, limit: int) -> list[tuple[int, float]]:
    """The first ``limit`` matches: by relevance, or by a column (a query of filters alone lists
    its set newest first)."""
    sort = (list(sort_by or []) or [""])[0]
    field_name = sort.lstrip("-")
    if not sort and not any(not i.negated for g in parsed.groups for i in g):
        sort, field_name = "-published", "published"
    if field_name and field_name != "score":
        if field_name not in snap.columns:
            raise ValueError(f"不能按“{field_name}”排序")
        docs = entry.matched
        column = snap.columns[field_name][docs].astype(np.int64)
        keys = -column if sort.startswith("-") else column
        order = np.lexsort((docs, -snap.columns["published"][docs], keys))[:limit]
        return [(d, 0.0) for d in docs[order].tolist()]
    if entry.scores is None:
        entry.scores = score(snap, parsed, entry.matched)
    return top_of(snap, entry.scores, entry.matched, limit)


def _fill(hits: list[RawHit], parts: list[str] | None) -> None:
    """Each hit's row (with its article, bulletin and gazette: one query per model), kind and
    snippet."""
    blocks = Block.objects.select_related("article__bulletin__gazette").in_bulk(
        [h.pk for h in hits if h.kind == KIND_PARAGRAPH])
    articles = Article.objects.select_related("bulletin__gazette").in_bulk(
        [h.pk for h in hits if h.kind == KIND_ARTICLE])
    for hit in hits:
        if hit.kind == KIND_PARAGRAPH:
            hit.row = blocks.get(hit.pk)
            hit.block_kind, hit.text = (hit.row.kind, hit.row.text) if hit.row else ("", "")
        else:
            hit.row = articles.get(hit.pk)
            title, category = (hit.row.title, hit.row.category) if hit.row else ("", "")
            hit.block_kind, hit.text = "title", title
            if parts and category and not match_spans(title, parts) and match_spans(category, parts):
                hit.block_kind, hit.text = "category", category  # the article's 栏目 matched
        if parts is not None:
            hit.highlight = snippet(hit.text, parts)
