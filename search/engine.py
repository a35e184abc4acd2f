"""Run a search: one code path for the HTML page, the JSON API and the benchmark.

The index snapshot (searcher + columns) is kept per thread and reopened only when the index has
a new generation (search.snapshot). The exact match set comes from posting lists
(search.matching) and gives the count and the facets; only the page shown is ranked (BM25 from
the index's postings, top-k heap) and only its rows are loaded from the database and highlighted.
"""
from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from bulletin.models import Article, Block, Bulletin

from .documents import heading_paths
from .highlight import highlight
from .matching import matching_docnums, rank
from .query import ParsedQuery, parse
from .schema import KIND_ARTICLE, KIND_PARAGRAPH, parse_ref
from .snapshot import current_snapshot

PAGE_SIZE = 20
SORTS = {"relevance", "date"}


@dataclass
class SearchRequest:
    q: str = ""
    page: object = 1
    year: int | None = None
    bulletin: int | None = None
    article: int | None = None
    sort: str = "relevance"

    @classmethod
    def from_querydict(cls, data) -> "SearchRequest":
        def number(name):
            value = (data.get(name) or "").strip()
            return int(value) if value.isdigit() and len(value) <= 9 else None

        sort = data.get("sort") or "relevance"
        return cls(q=data.get("q") or "", page=data.get("page") or 1, year=number("year"),
                   bulletin=number("bulletin"), article=number("article"),
                   sort=sort if sort in SORTS else "relevance")

    def filters(self) -> dict[str, int]:
        return {k: v for k, v in (("year", self.year), ("bulletin", self.bulletin), ("article", self.article)) if v}


@dataclass
class SearchOutcome:
    request: SearchRequest
    parsed: ParsedQuery | None = None
    message: str = ""
    count: int = 0
    page: object = None  # django Page of Hit
    facets: dict = field(default_factory=lambda: {"year": {}, "bulletin": {}})
    bulletin_names: dict = field(default_factory=dict)
    page_out_of_range: bool = False

    @property
    def results(self):
        return list(self.page.object_list) if self.page else []


@dataclass
class Hit:
    kind: str
    object_id: int
    score: float
    text: str = ""
    highlight: str = ""
    url: str = ""
    bulletin: Bulletin | None = None
    article: Article | None = None
    block: Block | None = None
    section_path: list[str] = field(default_factory=list)

    @property
    def citation(self) -> str:
        """《吉林市人民政府公报》2024年第1期 · 政府工作报告 · 三、2024年工作安排 › （一）…"""
        parts = [str(self.bulletin), self.article.title if self.article else ""]
        if self.section_path:
            parts.append(" › ".join(self.section_path))
        return " · ".join(p for p in parts if p)


class _LazyHits:
    """A sequence for Django's Paginator: len() is the exact match count; a slice ranks only
    as far as that page (BM25 top-k heap, or a heap on the published column for date order)."""

    def __init__(self, snap, parsed, matched: set[int], sort: str):
        self.snap, self.parsed, self.matched, self.sort = snap, parsed, matched, sort

    def __len__(self):
        return len(self.matched)

    def __getitem__(self, window: slice):
        if window.stop <= window.start or not self.matched:
            return []
        if self.sort == "date":
            published = self.snap.columns["published"]
            order = heapq.nsmallest(window.stop, self.matched, key=lambda d: (-published[d], d))
            scores = dict.fromkeys(order, 0.0)
        else:
            order, scores = self._ranked(window.stop)
        refs = self.snap.columns["ref"]
        return [(*parse_ref(refs[d]), scores[d]) for d in order[window.start:window.stop]]

    def _ranked(self, limit: int):
        ranked = rank(self.snap, self.parsed, self.matched, limit)
        return [d for d, _ in ranked], dict(ranked)


def run_search(request: SearchRequest, strict_page: bool = False) -> SearchOutcome:
    outcome = SearchOutcome(request=request)
    parsed = outcome.parsed = parse(request.q)
    if not request.q.strip():
        outcome.message = "请输入检索词。"
        return outcome
    snap = current_snapshot()
    if snap is None:
        outcome.message = "检索索引尚未建立，请管理员运行 manage.py search_rebuild。"
        return outcome
    matched = matching_docnums(snap, parsed, request.filters())
    if matched is None:
        outcome.message = ("只有排除词，请至少输入一个要查找的词。" if parsed.groups
                           else "检索词中没有可检索的文字（只有标点或符号），请换个说法。")
        return outcome
    outcome.count = len(matched)
    outcome.facets = _facets(snap, matched)
    outcome.bulletin_names = _bulletin_labels(outcome.facets["bulletin"])
    paginator = Paginator(_LazyHits(snap, parsed, matched, request.sort), PAGE_SIZE)
    try:
        outcome.page = paginator.page(request.page)
    except (EmptyPage, PageNotAnInteger):
        outcome.page_out_of_range = True
        if strict_page:
            return outcome
        outcome.page = paginator.get_page(request.page)
    outcome.page.object_list = _load_hits(outcome.page.object_list, parsed.terms_for_highlight())
    if not outcome.count:
        outcome.message = "没有找到匹配的结果。"
    return outcome


def _bulletin_labels(bulletin_ids) -> dict[int, str]:
    """"2024年第3期", prefixed with the gazette's name only when several gazettes are listed."""
    bulletins = list(Bulletin.objects.filter(pk__in=list(bulletin_ids)).select_related("gazette")
                     .only("pk", "gazette__name", "year", "issue"))
    several = len({b.gazette_id for b in bulletins}) > 1
    return {b.pk: (f"{b.gazette.name} " if several else "") + f"{b.year}年第{b.issue}期" for b in bulletins}


def _facets(snap, matched) -> dict:
    facets = {}
    for name in ("year", "bulletin"):
        column = snap.columns[name]
        counts = Counter(column[d] for d in matched)
        facets[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], -kv[0])))
    return facets


def _load_hits(rows, terms) -> list[Hit]:
    hits = [Hit(kind, object_id, score) for kind, object_id, score in rows]
    paragraph_ids = [h.object_id for h in hits if h.kind == KIND_PARAGRAPH]
    article_ids = [h.object_id for h in hits if h.kind == KIND_ARTICLE]
    blocks = Block.objects.select_related("article__bulletin__gazette").in_bulk(paragraph_ids)
    articles = Article.objects.select_related("bulletin__gazette").in_bulk(article_ids)
    paths = heading_paths(blocks.values())
    loaded = []
    for hit in hits:
        if hit.kind == KIND_PARAGRAPH and hit.object_id in blocks:
            block = hit.block = blocks[hit.object_id]
            hit.article, hit.text = block.article, block.text
            hit.section_path = paths.get(block.pk, [])
            hit.url = f"{hit.article.get_absolute_url()}#{block.anchor}"
        elif hit.kind == KIND_ARTICLE and hit.object_id in articles:
            hit.article = articles[hit.object_id]
            hit.text, hit.url = hit.article.title, hit.article.get_absolute_url()
        else:
            continue  # deleted from the DB after the index was read: skip rather than fail
        hit.bulletin = hit.article.bulletin
        hit.highlight = highlight(hit.text, terms)
        loaded.append(hit)
    return loaded
