"""Atom and RSS feeds (django.contrib.syndication): new issues, for all gazettes or one, and a
saved search (the search page's own query, run by search.engine.run_search, newest first)."""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from bulletin import selectors
from bulletin.models import Article, Bulletin, Gazette
from search.engine import SearchOutcome, SearchRequest, run_search

log = logging.getLogger(__name__)
ISSUES_IN_FEED = 30
# Parameters of the search page that do not change what is found.
NOT_QUERY = ("page", "sort", "format")
# What XML 1.0 cannot carry (a query may hold anything).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return NOT_XML.sub("", text)


class IssuesFeed(Feed):
    """New issues as the archive receives them (the latest imported first)."""

    feed_type = Rss201rev2Feed
    url_name = "discovery:issues_rss"
    gazette_url_name = "discovery:gazette_issues_rss"

    def get_object(self, request, gazette: str | None = None):
        return selectors.gazette_at(gazette) if gazette else None

    def title(self, gazette: Gazette | None):
        return f"{gazette.name} · 新一期" if gazette else "公报档案 · 新一期"

    def description(self, gazette: Gazette | None):
        return f"《{gazette.name}》新收录的各期" if gazette else "公报档案新收录的各期市人民政府公报"

    subtitle = description  # Atom's name for it

    def link(self, gazette: Gazette | None):
        return gazette.get_absolute_url() if gazette else reverse("bulletin:home")

    def feed_url(self, gazette: Gazette | None):
        return reverse(self.gazette_url_name, args=[gazette.slug]) if gazette else reverse(self.url_name)

    def items(self, gazette: Gazette | None):
        titles = Prefetch("articles", queryset=Article.objects.only("bulletin_id", "position", "title").order_by("position"))
        bulletins = Bulletin.objects.select_related("gazette").prefetch_related(titles).order_by("-imported_at", "-pk")
        if gazette is not None:
            bulletins = bulletins.filter(gazette=gazette)
        return bulletins[:ISSUES_IN_FEED]

    def item_title(self, bulletin: Bulletin):
        return str(bulletin)

    def item_description(self, bulletin: Bulletin):
        articles = list(bulletin.articles.all())
        day = bulletin.published
        published = f"{day.year}年{day.month}月{day.day}日出版，" if day else ""
        return xml_safe(f"{published}共{len(articles)}篇：" + "；".join(a.title for a in articles))

    def item_link(self, bulletin: Bulletin):
        return bulletin.get_absolute_url()

    def item_pubdate(self, bulletin: Bulletin):
        return bulletin.imported_at

    def item_updateddate(self, bulletin: Bulletin):
        return bulletin.parsed_at or bulletin.imported_at

    def item_categories(self, bulletin: Bulletin):
        return [bulletin.gazette.name]


class IssuesAtomFeed(IssuesFeed):
    feed_type = Atom1Feed
    url_name = "discovery:issues_atom"
    gazette_url_name = "discovery:gazette_issues_atom"


@dataclass
class SavedSearch:
    request: SearchRequest
    query_string: str  # the search page's parameters that select the hits
    outcome: SearchOutcome


def search_query_string(params) -> str:
    """The parameters of a search page that a feed of it keeps (not its page or order)."""
    kept = QueryDict(mutable=True)
    for name, values in params.lists():
        if name not in NOT_QUERY:
            kept.setlist(name, [v for v in values if v][:1])
    return kept.urlencode()


class SearchFeed(Feed):
    """The hits of a search, newest first: an alert for an RSS reader."""

    feed_type = Rss201rev2Feed
    url_name = "discovery:search_rss"

    def get_object(self, request):
        query_string = search_query_string(request.GET)
        search_request = SearchRequest.from_querydict(QueryDict(query_string))
        search_request.sort = "date"
        try:
            outcome = run_search(search_request)
        except Exception:  # an odd query gives an empty feed, never a 500
            log.exception("search feed failed for q=%r", search_request.q[:200])
            outcome = SearchOutcome(request=search_request, message="检索出错")
        return SavedSearch(search_request, query_string, outcome)

    def title(self, saved: SavedSearch):
        what = xml_safe(saved.request.q.strip()[:60]) or "筛选结果"
        return f"检索“{what}” · 公报档案"

    def description(self, saved: SavedSearch):
        return f"公报档案中符合检索“{xml_safe(saved.request.q.strip()[:60])}”的最新内容（按出版日期，新→旧）"

    subtitle = description

    def link(self, saved: SavedSearch):
        separator = "&" if saved.query_string else ""
        return f"{reverse('search:search')}?{saved.query_string}{separator}sort=date"

    def feed_url(self, saved: SavedSearch):
        return f"{reverse(self.url_name)}?{saved.query_string}" if saved.query_string else reverse(self.url_name)

    def items(self, saved: SavedSearch):
        return saved.outcome.results

    def item_title(self, hit):
        return xml_safe(hit.citation)

    def item_description(self, hit):
        return xml_safe(hit.text[:500])

    def item_link(self, hit):
        return hit.url

    def item_pubdate(self, hit):
        bulletin = hit.bulletin
        if bulletin.published:
            return timezone.make_aware(dt.datetime.combine(bulletin.published, dt.time(0, 0)))
        return bulletin.imported_at

    def item_updateddate(self, hit):
        return hit.bulletin.parsed_at or hit.bulletin.imported_at


class SearchAtomFeed(SearchFeed):
    feed_type = Atom1Feed
    url_name = "discovery:search_atom"
