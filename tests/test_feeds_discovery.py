"""Feeds (Atom validated by feedparser), sitemap, robots.txt, OpenSearch, and the <head> of the
pages (feed discovery, canonical links, meta descriptions), through Django's test client.
Expected values come from the database and the corpus, never from the code under test."""
import html
import math
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest

from bulletin.models import Article, Block, Bulletin, Gazette
from search.analysis import normalize
from tests.corpus_archive import corpus_archive  # noqa: F401

pytestmark = pytest.mark.django_db
HOST = "http://testserver"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def address(bulletin) -> str:
    return f"{HOST}/{bulletin.gazette.slug}/{bulletin.year}/{bulletin.issue}/"


class HeadLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.metas = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.links.append(dict(attrs))
        elif tag == "meta":
            self.metas.append(dict(attrs))


def head_of(client, url) -> HeadLinks:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = HeadLinks()
    parser.feed(response.content.decode())
    return parser


def parsed_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, feedparser.parse(response.content)


def test_atom_feed_of_all_issues_validates_and_lists_the_newest(client, corpus_archive):
    response, feed = parsed_feed(client, "/feeds/issues.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.bozo == 0 and feed.version == "atom10"
    assert feed.feed.title and feed.feed.links[0].href == f"{HOST}/"
    newest = Bulletin.objects.select_related("gazette").order_by("-imported_at", "-pk")
    assert [e.link for e in feed.entries] == [address(b) for b in newest]
    first = newest[0]
    assert feed.entries[0].title == f"《{first.gazette.name}》{first.year}年第{first.issue}期"
    for title in first.articles.values_list("title", flat=True):
        assert title in feed.entries[0].summary
    assert all(e.id and e.updated for e in feed.entries)


def test_rss_and_per_gazette_feeds(client, corpus_archive):
    gazette = Gazette.objects.order_by("slug").first()
    _, rss = parsed_feed(client, f"/feeds/{gazette.slug}/issues.rss")
    assert rss.bozo == 0 and rss.version == "rss20"
    assert [e.link for e in rss.entries] == [address(b) for b in gazette.bulletins.order_by("-imported_at", "-pk")]
    _, atom = parsed_feed(client, f"/feeds/{gazette.slug}/issues.atom")
    assert atom.version == "atom10" and gazette.name in atom.feed.title
    assert client.get("/feeds/no-such-gazette/issues.atom").status_code == 404


def test_search_feed_runs_the_query_newest_first(client, corpus_archive):
    response, feed = parsed_feed(client, "/feeds/search.atom?q=通知&page=3&sort=relevance")
    assert feed.bozo == 0 and feed.version == "atom10"
    texts = [*Article.objects.values_list("title", flat=True), *Block.objects.values_list("text", flat=True)]
    truth = sum("通知" in normalize(t) for t in texts)  # documents holding the word: blocks and titles
    assert len(feed.entries) == min(truth, 20) > 0  # the first page of hits
    dates = [e.published_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    for entry in feed.entries:  # every hit holds the word: its block (#p-n) or its article title
        path = urlsplit(entry.link)
        gazette, year, issue, position = path.path.strip("/").split("/")
        article = Article.objects.get(bulletin__gazette__slug=gazette, bulletin__year=year, bulletin__issue=issue,
                                      position=position)
        text = article.blocks.get(position=int(path.fragment[2:])).text if path.fragment else article.title
        assert "通知" in normalize(text)
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert parse_qs(urlsplit(self_link).query) == {"q": ["通知"]}  # page and order are not part of it


def test_a_search_page_links_its_feed_with_its_filters(client, corpus_archive):
    head = head_of(client, "/search/?q=通知&year=2024&page=2&sort=relevance")
    feeds = [link for link in head.links if link.get("rel") == "alternate" and "search" in link.get("href", "")]
    assert {link["type"] for link in feeds} == {"application/atom+xml", "application/rss+xml"}
    for link in feeds:
        assert parse_qs(urlsplit(link["href"]).query) == {"q": ["通知"], "year": ["2024"]}
        response = client.get(link["href"])
        assert response.status_code == 200 and feedparser.parse(response.content).bozo == 0
    visible = re.findall(r'<p class="search-feed">.*?</p>', client.get("/search/?q=通知&year=2024").content.decode())
    assert len(visible) == 1
    assert {html.unescape(h) for h in re.findall(r'href="([^"]+)"', visible[0])} == {link["href"] for link in feeds}
    ignored = head_of(client, "/search/?q=通知&year=²")  # a parameter the search ignores is not in its feed
    assert {link["href"] for link in ignored.links if "search.atom" in link.get("href", "")} == {
        "/feeds/search.atom?q=%E9%80%9A%E7%9F%A5"}


def test_odd_search_feed_parameters_never_fail(client, corpus_archive):
    for query in ("year=²", "q=%00", "q=" + "〔" * 900, "date_from=2024-13", "q=-", "bulletin=99999999999"):
        response = client.get(f"/feeds/search.rss?{query}")
        assert response.status_code == 200, query
        assert feedparser.parse(response.content).version == "rss20"


def all_sitemap_urls(client) -> dict[str, str]:
    index = ET.fromstring(client.get("/sitemap.xml").content)
    urls = {}
    for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS):
        response = client.get(loc.text.removeprefix(HOST))
        assert response.status_code == 200
        for url in ET.fromstring(response.content).findall("s:url", SITEMAP_NS):
            urls[url.find("s:loc", SITEMAP_NS).text] = url.find("s:lastmod", SITEMAP_NS).text
    return urls


def expected_addresses() -> set[str]:
    articles = {f"{address(a.bulletin)}{a.position}/" for a in Article.objects.select_related("bulletin__gazette")}
    bulletins = {address(b) for b in Bulletin.objects.select_related("gazette")}
    gazettes = {f"{HOST}/{g.slug}/" for g in Gazette.objects.all()}
    assert len(articles) == Article.objects.count() == 36
    return articles | bulletins | gazettes


def test_sitemap_lists_every_article_issue_and_gazette_with_lastmod(client, corpus_archive):
    urls = all_sitemap_urls(client)
    assert set(urls) == expected_addresses()
    assert all(urls.values())  # every URL has a lastmod


def test_sitemap_is_paginated_when_large(client, corpus_archive, monkeypatch):
    from discovery import sitemaps

    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 5)
    index = ET.fromstring(client.get("/sitemap.xml").content)
    article_pages = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS) if "articles" in loc.text]
    assert len(article_pages) == math.ceil(36 / 5)
    assert set(all_sitemap_urls(client)) == expected_addresses()


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines and "Disallow: /search/" in lines
    sitemap = next(line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap: "))
    assert sitemap == f"{HOST}/sitemap.xml" and client.get("/sitemap.xml").status_code == 200


def test_opensearch_description_and_its_link(client, corpus_archive):
    response = client.get("/opensearch.xml")
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    root = ET.fromstring(response.content)
    ns = {"o": "http://a9.com/-/spec/opensearch/1.1/"}
    assert len(root.find("o:ShortName", ns).text) <= 16
    html = next(u.get("template") for u in root.findall("o:Url", ns) if u.get("type") == "text/html")
    found = client.get(html.replace("{searchTerms}", "通知").removeprefix(HOST))
    assert found.status_code == 200 and "共找到" in found.content.decode()
    for url in ("/", "/search/?q=通知", Article.objects.first().get_absolute_url()):
        search_links = [link for link in head_of(client, url).links if link.get("rel") == "search"]
        assert [link["href"] for link in search_links] == ["/opensearch.xml"]
        assert search_links[0]["type"] == "application/opensearchdescription+xml"


def test_gazette_issue_and_article_pages_have_canonical_and_description(client, corpus_archive):
    article = Article.objects.select_related("bulletin__gazette").exclude(doc_number="").first()
    b = article.bulletin
    pages = {
        f"/{b.gazette.slug}/": b.gazette.name,
        b.get_absolute_url(): f"《{b.gazette.name}》{b.year}年第{b.issue}期全文，{b.published.year}年",
        article.get_absolute_url(): article.title,
    }
    for url, expected_words in pages.items():
        head = head_of(client, url)
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        assert canonical == [f"{HOST}{url}"], url
        descriptions = [m["content"] for m in head.metas if m.get("name") == "description"]
        assert len(descriptions) == 1 and expected_words[:30] in descriptions[0], url
        assert 20 <= len(descriptions[0]) <= 151
    issue_description = [m["content"] for m in head_of(client, b.get_absolute_url()).metas if m.get("name") == "description"][0]
    assert f"共{b.articles.count()}篇" in issue_description
    article_description = [m["content"] for m in head_of(client, article.get_absolute_url()).metas
                           if m.get("name") == "description"][0]
    assert article.doc_number in article_description


def test_pages_offer_the_feeds_of_their_gazette(client, corpus_archive):
    article = Article.objects.select_related("bulletin__gazette").first()
    slug = article.bulletin.gazette.slug
    for url in (f"/{slug}/", article.bulletin.get_absolute_url(), article.get_absolute_url()):
        alternates = {link["href"] for link in head_of(client, url).links if link.get("rel") == "alternate"}
        assert {f"/feeds/{slug}/issues.atom", f"/feeds/{slug}/issues.rss", "/feeds/issues.atom"} <= alternates
    home = {link["href"] for link in head_of(client, "/").links if link.get("rel") == "alternate"}
    assert home == {"/feeds/issues.atom", "/feeds/issues.rss"}
