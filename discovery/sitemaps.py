"""sitemap.xml (django.contrib.sitemaps): every gazette, issue and article at its permanent
address, with the time its content last changed; an index over pages of SITEMAP_LIMIT URLs."""
from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import Coalesce

from bulletin.models import Article, Bulletin, Gazette

SITEMAP_LIMIT = 5000  # URLs per sitemap page (the protocol allows 50,000; smaller pages are cheaper)


def _changed(bulletin: Bulletin):
    return bulletin.parsed_at or bulletin.imported_at


def _latest_change(queryset, prefix: str = ""):
    return queryset.aggregate(latest=Max(Coalesce(f"{prefix}parsed_at", f"{prefix}imported_at")))["latest"]


class GazetteSitemap(Sitemap):
    limit = SITEMAP_LIMIT
    changefreq = "weekly"

    def items(self):
        return Gazette.objects.annotate(
            changed=Max(Coalesce("bulletins__parsed_at", "bulletins__imported_at"))).order_by("slug")

    def lastmod(self, gazette):
        return gazette.changed

    def get_latest_lastmod(self):
        return _latest_change(Bulletin.objects.all())


class BulletinSitemap(Sitemap):
    limit = SITEMAP_LIMIT

    def items(self):
        return Bulletin.objects.select_related("gazette").only(
            "pk", "year", "issue", "parsed_at", "imported_at", "gazette__slug").order_by("pk")

    def lastmod(self, bulletin):
        return _changed(bulletin)

    def get_latest_lastmod(self):
        return _latest_change(Bulletin.objects.all())


class ArticleSitemap(Sitemap):
    limit = SITEMAP_LIMIT

    def items(self):
        return Article.objects.select_related("bulletin__gazette").only(
            "pk", "position", "bulletin__year", "bulletin__issue", "bulletin__parsed_at", "bulletin__imported_at",
            "bulletin__gazette__slug").order_by("pk")

    def lastmod(self, article):
        return _changed(article.bulletin)

    def get_latest_lastmod(self):
        return _latest_change(Bulletin.objects.all())


SITEMAPS = {"gazettes": GazetteSitemap, "bulletins": BulletinSitemap, "articles": ArticleSitemap}
