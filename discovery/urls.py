from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from . import feeds, views
from .sitemaps import SITEMAPS

app_name = "discovery"

urlpatterns = [
    path("feeds/issues.rss", feeds.IssuesFeed(), name="issues_rss"),
    path("feeds/issues.atom", feeds.IssuesAtomFeed(), name="issues_atom"),
    re_path(r"^feeds/(?P<gazette>[a-z][a-z0-9-]{0,39})/issues\.rss$", feeds.IssuesFeed(), name="gazette_issues_rss"),
    re_path(r"^feeds/(?P<gazette>[a-z][a-z0-9-]{0,39})/issues\.atom$", feeds.IssuesAtomFeed(), name="gazette_issues_atom"),
    path("feeds/search.rss", feeds.SearchFeed(), name="search_rss"),
    path("feeds/search.atom", feeds.SearchAtomFeed(), name="search_atom"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "discovery:sitemap_section"},
         name="sitemap"),
    re_path(r"^sitemap-(?P<section>gazettes|bulletins|articles)\.xml$", sitemap_views.sitemap, {"sitemaps": SITEMAPS},
            name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("opensearch.xml", views.opensearch, name="opensearch"),
]
