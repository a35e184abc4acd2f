"""Run a search for the page, the JSON API and the bench: one code path, through haystack.

A SearchRequest (validated parameters) becomes a SearchQuerySet: auto_query, filter, facet,
order_by, highlight and a slice. The configured haystack engine answers it (ours: exact
matching, search.backend); this module only loads the page's rows for their citation and
address, and names facet values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext as _
from haystack.query import SearchQuerySet

from bulletin.models import Article, Block, Bulletin, Gazette

from .documents import heading_paths
from .query import ParsedQuery, date_bound, parse
from .schema import KIND_LABELS

PAGE_SIZE = 20
SORTS = {"relevance", "date"}
FACETS = ("year", "gazette", "doc_type", "issuer", "category", "kind", "bulletin")
FACET_LIMIT = 30  # values a facet lists, most matches first
WORD_PARAMS = ("gazette", "doc_type", "category", "issuer", "kind")
NUMBER_PARAMS = ("year", "bulletin", "article")
DIGITS = re.compile(r"[0-9]{1,9}")  # ASCII digits only: "²".isdigit() is True
MAX_WORD_PARAM = 100


def _text(value) -> str:
    """A parameter as text without NUL and other control characters (one line in a message)."""
    return "".join(c for c in (value or "") if c.isprintable() or c == " ")


@dataclass
class SearchRequest:
    q: str = ""
    page: object = 1
    year: int | None = None
    bulletin: int | None = None
    article: int | None = None
    gazette: str = ""
    doc_type: str = ""
    category: str = ""
    issuer: str = ""
    kind: str = ""
    date_from: str = ""
    date_to: str = ""
    sort: str = "relevance"
    problems: list[str] = field(default_factory=list)

    @classmethod
    def from_querydict(cls, data) -> "SearchRequest":
        """Every parameter checked; what is wrong is ignored and named in `problems` (the page
        shows them, the API answers 400). Numbers are ASCII digits only: '²'.isdigit() and
        '٣'.isdecimal() are True, and int() accepts the second but not the first."""
        request = cls(q=_text(data.get("q"))[:1000])
        page = _text(data.get("page")).strip()
        if page and not (DIGITS.fullmatch(page) and int(page) >= 1):
            request.problems.append(f"参数 page={page[:20]} 不是页码（正整数），已从第 1 页开始。")
        else:
            request.page = page or 1
        for name in NUMBER_PARAMS:
            value = _text(data.get(name)).strip()
            if value and DIGITS.fullmatch(value):
                setattr(request, name, int(value))
            elif value:
                request.problems.append(_("参数 %(name)s=%(value)s 不是数字，已忽略。") % {"name": name, "value": value[:20]})
        for name in WORD_PARAMS:
            setattr(request, name, _text(data.get(name)).strip()[:MAX_WORD_PARAM])
        for name, end in (("date_from", 0), ("date_to", 1)):
            value = _text(data.get(name)).strip()[:20]
            if value and (not value.isascii() or date_bound(value, end) is None):
                request.problems.append(_("参数 %(name)s=%(value)s 无法识别为日期（应为 2024、2024-03 或 2024-03-15），已忽略。")
                                        % {"name": name, "value": value})
            elif value:
                setattr(request, name, value)
        sort = _text(data.get("sort")).strip()
        if sort and sort not in SORTS:
            request.problems.append(f"参数 sort={sort[:20]} 无效（可用 relevance 或 date），已按相关度排序。")
        request.sort = sort if sort in SORTS else "relevance"
        return request

    def filters(self) -> dict:
        """SearchQuerySet.filter() keyword arguments of the page's own filters."""
        out = {name: getattr(self, name) for name in (*NUMBER_PARAMS, *WORD_PARAMS) if getattr(self, name)}
        if self.date_from:
            out["published__gte"] = date_bound(self.date_from, 0)
        if self.date_to:
            out["published__lte"] = date_bound(self.date_to, 1)
        return out

    def params(self) -> dict:
        """The request as query parameters (for links that change one of them)."""
        names = ("q", *NUMBER_PARAMS, *WORD_PARAMS, "date_from", "date_to")
        out = {name: getattr(self, name) for name in names}
        out["sort"] = self.sort if self.sort != "relevance" else ""
        return out


@dataclass
class SearchOutcome:
    request: SearchRequest
    parsed: ParsedQuery | None = None
    message: str = ""
    count: int = 0
    page: object = None  # django Page of Hit
    facets: dict = field(default_factory=lambda: {name: {} for name in FACETS})
    labels: dict = field(default_factory=dict)  # facet name -> value -> what the page shows
    page_out_of_range: bool = False

    @property
    def results(self):
        return list(self.page.object_list) if self.page else []


@dataclass
class Hit:
    kind: str  # block kind, "title" or "category"
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
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, "正文")

    @property
    def citation(self) -> str:
        """《吉林市人民政府公报》2024年第1期 · 政府工作报告 · 三、2024年工作安排 › （一）…"""
        parts = [str(self.bulletin), self.article.title if self.article else ""]
        if self.section_path:
            parts.append(" › ".join(self.section_path))
        return " · ".join(p for p in parts if p)


def build_queryset(request: SearchRequest) -> SearchQuerySet:
    sqs = SearchQuerySet()
    if request.q.strip():
        sqs = sqs.auto_query(request.q)
    filters = request.filters()
    if filters:
        sqs = sqs.filter(**filters)
    for name in FACETS:
        sqs = sqs.facet(name, limit=FACET_LIMIT)
    if request.sort == "date":
        sqs = sqs.order_by("-published")
    return sqs.highlight()


class _Page:
    """A sequence for Django's Paginator: len() is the exact count, the slice asked for is the
    page already fetched (or fetched now)."""

    def __init__(self, sqs, count, start, results):
        self.sqs, self.count, self.start, self.results = sqs, count, start, results

    def __len__(self):
        return self.count

    def __getitem__(self, window: slice):
        if window.start == self.start:
            return self.results
        return list(self.sqs[window.start:window.stop])


def run_search(request: SearchRequest, strict_page: bool = False) -> SearchOutcome:
    outcome = SearchOutcome(request=request)
    parsed = outcome.parsed = parse(request.q)
    parsed.notes[:0] = request.problems
    positive = any(not item.negated for group in parsed.groups for item in group)
    if not positive and not parsed.has_filters and not request.filters():
        if not request.q.strip():
            outcome.message = _("请输入检索词。")
        elif parsed.groups:
            outcome.message = _("只有排除词，请至少输入一个要查找的词或一个筛选条件（如 year:2024）。")
        else:
            outcome.message = _("检索词中没有可检索的文字（只有标点或符号），请换个说法。")
        return outcome
    number = _page_number(request.page)
    sqs = build_queryset(request)
    start = (number - 1) * PAGE_SIZE if number else 0
    results = list(sqs[start:start + PAGE_SIZE])
    outcome.count = sqs.count()
    outcome.facets.update({name: dict(pairs) for name, pairs in sqs.facet_counts().get("fields", {}).items()})
    outcome.labels = _facet_labels(outcome.facets)
    paginator = Paginator(_Page(sqs, outcome.count, start, results), PAGE_SIZE)
    try:
        outcome.page = paginator.page(request.page)
    except (EmptyPage, PageNotAnInteger):
        outcome.page_out_of_range = True
        if strict_page:
            return outcome
        outcome.page = paginator.get_page(request.page)
    outcome.page.object_list = _load_hits(outcome.page.object_list)
    if not outcome.count:
        outcome.message = _("没有找到匹配的结果。")
    return outcome


def _page_number(page) -> int | None:
    text = str(page)
    return int(text) if DIGITS.fullmatch(text) and int(text) >= 1 else None


def _facet_labels(facets: dict) -> dict:
    bulletins = (Bulletin.objects.filter(pk__in=list(facets.get("bulletin", {}))).select_related("gazette")
                 .only("pk", "gazette__name", "year", "issue"))
    several = len(facets.get("gazette", {})) > 1
    return {
        "bulletin": {b.pk: (f"{b.gazette.name} " if several else "") + f"{b.year}年第{b.issue}期" for b in bulletins},
        "gazette": dict(Gazette.objects.filter(slug__in=list(facets.get("gazette", {}))).values_list("slug", "name")),
        "kind": {k: KIND_LABELS.get(k, k) for k in facets.get("kind", {})},
    }


def _load_hits(results) -> list[Hit]:
    hits = [Hit(getattr(r, "kind", "") or ("title" if r.model_name == "article" else "paragraph"), int(r.pk),
                r.score or 0.0, highlight=(getattr(r, "highlighted", None) or {}).get("text", [""])[0])
            for r in results]
    # Our engine hands over the rows it read for the snippets; another engine's results are loaded here.
    given = {(r.model_name, int(r.pk)): r.row for r in results if getattr(r, "row", None) is not None}
    block_ids = [h.object_id for h, r in zip(hits, results) if r.model_name == "block" and ("block", h.object_id) not in given]
    article_ids = [h.object_id for h, r in zip(hits, results) if r.model_name == "article" and ("article", h.object_id) not in given]
    blocks = Block.objects.select_related("article__bulletin__gazette").in_bulk(block_ids) if block_ids else {}
    articles = Article.objects.select_related("bulletin__gazette").in_bulk(article_ids) if article_ids else {}
    blocks.update({pk: row for (model, pk), row in given.items() if model == "block"})
    articles.update({pk: row for (model, pk), row in given.items() if model == "article"})
    paths = heading_paths(blocks.values())
    loaded = []
    for hit, result in zip(hits, results):
        if result.model_name == "block" and hit.object_id in blocks:
            block = hit.block = blocks[hit.object_id]
            hit.article, hit.text = block.article, block.text
            hit.section_path = paths.get(block.pk, [])
            hit.url = f"{hit.article.get_absolute_url()}#{block.anchor}"
        elif result.model_name == "article" and hit.object_id in articles:
            hit.article = articles[hit.object_id]
            hit.text = hit.article.category if hit.kind == "category" else hit.article.title
            hit.url = hit.article.get_absolute_url()
        else:
            continue  # deleted from the DB after the index was read: skip rather than fail
        hit.bulletin = hit.article.bulletin
        loaded.append(hit)
    return loaded
