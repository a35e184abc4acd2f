"""In Chromium: the feed links a browser discovers in a page's <head> lead to real feeds, and a
文号 cited in an article's text is a link that lands on the cited article."""
import datetime
import json
import re

import feedparser
import pytest

from bulletin.ingest.document import Article as ParsedArticle
from bulletin.ingest.document import Block as ParsedBlock
from bulletin.ingest.document import ParsedBulletin
from bulletin.services import store_bulletin
from tests.browser.sample_data import make_bulletin

pytestmark = pytest.mark.browser


def store(gazette, year, issue, title, paragraphs, doc_number=""):
    blocks = ([ParsedBlock("doc_number", doc_number)] if doc_number else []) + [ParsedBlock("paragraph", p) for p in paragraphs]
    parsed = ParsedBulletin(gazette=gazette, year=year, issue=issue, total_issue=None, published=datetime.date(year, 3, 1),
                            articles=[ParsedArticle(title=title, doc_number=doc_number, blocks=blocks)])
    data = json.dumps(parsed.to_json_dict(), ensure_ascii=False).encode()
    return store_bulletin(parsed, source_bytes=data, source_name=f"{year}-{issue}.json").bulletin.articles.get()


def test_feed_discovery_on_a_gazette_page(open_page, transactional_db):
    make_bulletin()
    page = open_page()
    page.goto("/jilin/")
    links = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    titles = links.evaluate_all("els => els.map(e => e.title)")
    assert "吉林市人民政府公报 新一期（Atom）" in titles
    # The address as the browser resolves it (absolute, on this server), fetched by the browser.
    href = links.evaluate_all("els => els.map(e => e.href)")[titles.index("吉林市人民政府公报 新一期（Atom）")]
    assert re.fullmatch(r"http://[^/]+/feeds/jilin/issues\.atom", href)
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.body())
    assert feed.bozo == 0 and [e.title for e in feed.entries] == ["《吉林市人民政府公报》2024年第1期"]
    assert page.locator('head link[rel="search"]').evaluate("e => e.href").endswith("/opensearch.xml")


@pytest.fixture
def indexed_sample(transactional_db):
    from search import writer

    make_bulletin()
    writer.rebuild_from_database(procs=1)
    yield
    writer.clear_index()  # the rows go with this test; so do their index entries


def test_search_page_offers_the_feed_of_its_query(open_page, indexed_sample):
    page = open_page()
    page.goto("/")
    page.get_by_role("searchbox", name="搜索公报").fill("固定资产投资")
    page.get_by_role("button", name="搜索").click()
    page.wait_for_url(re.compile(r"/search/\?q="))
    href = page.locator('head link[rel="alternate"][type="application/rss+xml"]').first.evaluate("e => e.href")
    assert "/feeds/search.rss?q=%E5%9B%BA%E5%AE%9A%E8%B5%84%E4%BA%A7%E6%8A%95%E8%B5%84" in href
    feed = feedparser.parse(page.request.get(href).body())
    assert feed.version == "rss20" and feed.entries
    assert all("固定资产投资" in e.summary for e in feed.entries if "#p-" in e.link)


def test_click_a_citation_and_land_on_the_cited_article(open_page, transactional_db, screenshot):
    citing = store("测试市人民政府公报", 2024, 2, "关于落实节水工作的通知",
                   ["为贯彻《国务院办公厅关于科技节水建议的复函》（国办函[2005]第21号）精神，现通知如下。",
                    "同时执行京政办发〔2016〕26号。"])
    cited = store("测试市人民政府公报", 2005, 1, "国务院办公厅关于科技节水建议的复函", ["温家宝总理对您的建议十分重视。"],
                  doc_number="国办函〔2005〕21号")
    page = open_page()
    page.goto(citing.get_absolute_url())
    link = page.locator("#p-1").get_by_role("link", name="国办函[2005]第21号")
    assert link.is_visible()
    cites = page.get_by_role("list", name="引用")
    assert "京政办发〔2016〕26号（本档案未收录）" in re.sub(r"\s+", "", cites.inner_text())
    screenshot(page, "article-citations")
    link.click()
    page.wait_for_url(re.compile(re.escape(cited.get_absolute_url()) + "$"))
    assert page.get_by_role("heading", level=1).inner_text() == "国务院办公厅关于科技节水建议的复函"
    cited_by = page.get_by_role("list", name="被引用")
    cited_by.get_by_role("link", name="关于落实节水工作的通知").click()
    page.wait_for_url(re.compile(re.escape(citing.get_absolute_url()) + "$"))


def test_api_schema_is_readable_as_a_page_without_a_cdn(open_page, transactional_db):
    page = open_page()
    outside = []
    page.on("request", lambda request: outside.append(request.url) if "127.0.0.1" not in request.url
            and "localhost" not in request.url and not request.url.startswith("data:") else None)
    page.goto("/api/docs/")
    assert page.get_by_role("heading", level=1).inner_text() == "公报档案数据接口"
    operations = page.locator(".api-operation h2").all_inner_texts()
    assert "GET /api/search/" in operations and "GET /api/articles/{gazette}/{year}/{issue}/{position}/" in operations
    search = page.locator(".api-operation", has_text="GET /api/search/")
    assert search.get_by_role("cell", name="q", exact=True).is_visible()  # its parameters, in a table
    assert outside == []  # everything came from this server
