"""The read-only JSON API: gazettes, bulletins, articles (with their blocks) and search.
GET, HEAD and OPTIONS only; every query parameter validated by api.params."""
from __future__ import annotations

import logging

from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from bulletin import selectors
from bulletin.models import Article, Bulletin, Gazette
from citations.doc_numbers import doc_number_key
from citations.models import DocNumberKey
from citations.reading import citations_of
from search.engine import SearchOutcome, SearchRequest, run_search

from . import params, serializers

log = logging.getLogger(__name__)


class ArchivePagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise NotFound("页码超出范围") from None


class ValidatedListView(generics.ListAPIView):
    pagination_class = ArchivePagination
    params_class = params.PageParams

    def list(self, request, *args, **kwargs):
        self.params = params.validated(self.params_class, request)
        return super().list(request, *args, **kwargs)


class GazetteList(ValidatedListView):
    """全部公报刊物。"""

    name = "公报刊物"
    serializer_class = serializers.GazetteSerializer
    queryset = Gazette.objects.annotate(bulletin_count=Count("bulletins")).order_by("slug")

    @extend_schema(parameters=[params.PageParams])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class GazetteDetail(generics.RetrieveAPIView):
    """一份公报刊物。"""

    name = "公报刊物"
    serializer_class = serializers.GazetteSerializer

    def get_object(self):
        gazette = Gazette.objects.annotate(bulletin_count=Count("bulletins")).filter(slug=self.kwargs["gazette"]).first()
        if gazette is None:
            raise NotFound("没有这份公报")
        return gazette


class BulletinList(ValidatedListView):
    """各期公报，新→旧；可按公报与年份筛选。"""

    name = "各期公报"
    serializer_class = serializers.BulletinSerializer
    params_class = params.BulletinParams

    def get_queryset(self):
        bulletins = selectors.bulletin_list()
        if self.params.get("gazette"):
            bulletins = bulletins.filter(gazette__slug=self.params["gazette"])
        if self.params.get("year"):
            bulletins = bulletins.filter(year=self.params["year"])
        return bulletins

    @extend_schema(parameters=[params.BulletinParams])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


def _bulletin(kwargs) -> Bulletin:
    try:
        return selectors.bulletin_at(kwargs["gazette"], kwargs["year"], kwargs["issue"])
    except Http404:
        raise NotFound("没有这一期") from None


class BulletinDetail(generics.RetrieveAPIView):
    """一期公报及其目录。"""

    name = "一期公报"
    serializer_class = serializers.BulletinDetailSerializer

    def get_object(self):
        bulletin = _bulletin(self.kwargs)
        bulletin.article_list = list(bulletin.articles.select_related("bulletin__gazette").order_by("position"))
        bulletin.article_count = len(bulletin.article_list)
        return bulletin


class ArticleList(ValidatedListView):
    """文章（不含正文），按期新→旧、期内序号；可按公报、年份、期号、文种、文号筛选。"""

    name = "文章"
    serializer_class = serializers.ArticleSerializer
    params_class = params.ArticleParams

    def get_queryset(self):
        p = self.params
        articles = Article.objects.select_related("bulletin__gazette").order_by(
            "-bulletin__year", "-bulletin__issue", "bulletin__gazette__name", "position")
        for name, column in (("gazette", "bulletin__gazette__slug"), ("year", "bulletin__year"),
                             ("issue", "bulletin__issue"), ("doc_type", "doc_type")):
            if p.get(name):
                articles = articles.filter(**{column: p[name]})
        if p.get("doc_number"):
            key = doc_number_key(p["doc_number"])
            if key:
                articles = articles.filter(pk__in=DocNumberKey.objects.filter(key=key).values("article_id"))
            else:
                articles = articles.filter(doc_number=p["doc_number"].strip())
        return articles

    @extend_schema(parameters=[params.ArticleParams])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ArticleDetail(generics.RetrieveAPIView):
    """一篇文章：元数据、按阅读顺序的正文块、文号引用与被引用。"""

    name = "文章"
    serializer_class = serializers.ArticleDetailSerializer

    def get_object(self):
        k = self.kwargs
        try:
            article = selectors.article_at(k["gazette"], k["year"], k["issue"], k["position"])
        except Http404:
            raise NotFound("没有这篇文章") from None
        article.body = selectors.body_of(article)
        article.citations = citations_of(article)
        return article

    def get_serializer_context(self):
        context = super().get_serializer_context()
        k = self.kwargs
        context["article_url"] = reverse("bulletin:article", args=[k["gazette"], k["year"], k["issue"], k["position"]])
        return context


class SearchView(APIView):
    """全文检索：与检索页同一引擎与筛选条件（每页 20 条）。"""

    name = "全文检索"

    @extend_schema(parameters=[params.SearchParams], responses=serializers.SearchResultSerializer)
    def get(self, request):
        p = params.validated(params.SearchParams, request)
        search_request = SearchRequest(**{name: value for name, value in p.items() if name != "page"},
                                       page=p.get("page", 1))
        try:
            outcome = run_search(search_request, strict_page=True)
        except Exception:  # an odd query gives a message, as on the page, never a 500
            log.exception("API search failed for q=%r", search_request.q[:200])
            outcome = SearchOutcome(request=search_request, message="检索出错，请修改检索词后重试。")
        if outcome.page_out_of_range:
            raise NotFound("页码超出范围")
        page = outcome.page
        data = {
            "count": outcome.count,
            "page": page.number if page else 1,
            "pages": page.paginator.num_pages if page else 0,
            "next": self._page_link(request, page.next_page_number()) if page and page.has_next() else None,
            "previous": self._page_link(request, page.previous_page_number()) if page and page.has_previous() else None,
            "results": outcome.results,
            "facets": {name: {str(k): v for k, v in counts.items()} for name, counts in outcome.facets.items()},
            "notes": list(outcome.parsed.notes) if outcome.parsed else [],
            "message": outcome.message,
        }
        return Response(serializers.SearchResultSerializer(data, context={"request": request}).data)

    @staticmethod
    def _page_link(request, number: int) -> str:
        query = request.query_params.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


class ApiRoot(APIView):
    """接口目录。"""

    name = "接口目录"

    @extend_schema(responses={200: dict})
    def get(self, request):
        def url(name):
            return request.build_absolute_uri(reverse(name))
        return Response({
            "gazettes": url("api:gazettes"), "bulletins": url("api:bulletins"), "articles": url("api:articles"),
            "search": url("api:search"), "schema": url("api:schema"), "docs": url("api:docs"),
        })
