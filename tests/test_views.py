"""Browsing pages through Django's test client, with rows created directly (no importer)."""
import datetime
import re

import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.files.base import ContentFile
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletin.body import BodyBlock, table_of_contents
from bulletin.models import Article, Block
from tests.browser.sample_data import make_bulletin, store_blocks

pytestmark = pytest.mark.django_db


@pytest.fixture
def bulletin():
    return make_bulletin()


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "sources"
    return settings.MEDIA_ROOT


def article_url(bulletin, position):
    return reverse("bulletin:article", args=[bulletin.gazette.slug, bulletin.year, bulletin.issue, position])


def source_url(bulletin):
    return reverse("bulletin:source", args=[bulletin.gazette.slug, bulletin.year, bulletin.issue])


def ids_in_order(html, prefix):
    return re.findall(rf'id="({prefix}-\d+)"', html)


def breadcrumb_texts(html):
    nav = re.search(r'<nav class="breadcrumbs" aria-label="面包屑导航">(.*?)</nav>', html, re.S)
    assert nav, "no breadcrumb nav"
    text = re.sub(r"<[^>]+>", "", nav.group(1))
    return [part.strip() for part in re.split(r"›", re.sub(r"\s+", " ", text))]


# --- the frame every page shares ---------------------------------------------------------------

def test_base_frame_lang_viewport_search_and_css(client, bulletin):
    html = client.get(reverse("bulletin:home")).content.decode()
    assert '<html lang="zh-Hans">' in html
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    assert 'href="/static/css/site.css"' in html
    form = re.search(r"<form[^>]*>.*?</form>", html, re.S).group(0)
    assert 'action="/search/"' in form and 'method="get"' in form
    assert 'name="q"' in form and "required" not in form
    label_for = re.search(r'<label for="([^"]+)"', form).group(1)
    assert f'id="{label_for}"' in form
    assert f'<a class="site-name" href="{reverse("bulletin:home")}">公报档案</a>' in html


def test_stylesheet_has_print_and_wide_screen_rules():
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert "@media print" in css and "@media (min-width" in css
    assert "line-height" in css


def test_messages_are_shown():
    request = RequestFactory().get("/")
    request._messages = CookieStorage(request)
    messages.success(request, "已导入 <2024年第1期>")
    html = render_to_string("bulletin/home.html", {"groups": [], "years": []}, request=request)
    assert "message--success" in html
    assert "已导入 &lt;2024年第1期&gt;" in html


# --- home and year -----------------------------------------------------------------------------

def test_home_groups_by_year_newest_first(client, bulletin, django_assert_max_num_queries):
    make_bulletin(year=2024, issue=2, total_issue=256, published=datetime.date(2024, 3, 15))
    make_bulletin(year=2023, issue=12, total_issue=254, published=datetime.date(2023, 12, 15))
    with django_assert_max_num_queries(1):
        response = client.get(reverse("bulletin:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index('id="y2024"') < html.index('id="y2023"')
    assert html.index("2024年第2期") < html.index("2024年第1期") < html.index("2023年第12期")
    assert "总第255期" in html and "2024年2月15日" in html and "2篇" in html
    year_nav = re.search(r'<nav class="year-nav".*?</nav>', html, re.S).group(0)
    assert year_nav.index(reverse("bulletin:year", args=[2024])) < year_nav.index(reverse("bulletin:year", args=[2023]))
    assert breadcrumb_texts(html) == ["档案"]


def test_home_empty_archive(client):
    response = client.get(reverse("bulletin:home"))
    assert response.status_code == 200
    assert "档案中还没有公报" in response.content.decode()


def test_year_page(client, bulletin, django_assert_max_num_queries):
    make_bulletin(year=2023, issue=12)
    with django_assert_max_num_queries(2):
        response = client.get(reverse("bulletin:year", args=[2024]))
    html = response.content.decode()
    assert "2024年第1期" in html and "2023年第12期" not in html
    assert breadcrumb_texts(html) == ["档案", "2024年"]
    assert '<span aria-current="page">2024年</span>' in html
    assert f'href="{reverse("bulletin:year", args=[2023])}"' in html


def test_unknown_year_is_404(client, bulletin):
    assert client.get(reverse("bulletin:year", args=[1999])).status_code == 404


# --- bulletin --------------------------------------------------------------------------------

def test_bulletin_page_shows_facts_and_toc(client, bulletin, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(bulletin.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    for fact in ("吉林市人民政府公报", "2024年", "第1期", "总第255期", "2024年2月15日", "导入时间"):
        assert fact in html
    assert breadcrumb_texts(html) == ["档案", "吉林市人民政府公报", "2024年", "第1期"]
    # TOC by category, in article order, with start pages and paragraph counts.
    assert html.index("<h3>卷首语</h3>") < html.index("实干创新担使命") < html.index("<h3>市政府办公室文件</h3>")
    assert html.index("<h3>市政府办公室文件</h3>") < html.index(f'href="{article_url(bulletin, 2)}">政府工作报告</a>')
    assert "第1页 · 8段" in html
    assert f"第4页 · {Block.objects.filter(article__position=2, kind='paragraph').count()}段" in html
    assert "下载原始文件" not in html  # no source file stored


def test_bulletin_queries_do_not_grow_with_articles(client, bulletin):
    with CaptureQueriesContext(connection) as small:
        client.get(bulletin.get_absolute_url())
    for position in range(3, 40):
        article = Article.objects.create(bulletin=bulletin, position=position, title=f"通知{position}", category="通知")
        Block.objects.create(article=article, position=1, kind="paragraph", text="正文")
    with CaptureQueriesContext(connection) as large:
        response = client.get(bulletin.get_absolute_url())
    assert "通知39" in response.content.decode()
    assert len(large) == len(small) <= 6


def test_download_link_and_source_file(client, bulletin, media_root):
    bulletin.source_name = "jilin-2024-01.txt"
    bulletin.source_file.save("abc123.txt", ContentFile("吉林市人民政府公报".encode()), save=True)
    html = client.get(bulletin.get_absolute_url()).content.decode()
    url = source_url(bulletin)
    assert url == "/jilin/2024/1/source/"
    assert f'href="{url}"' in html and "下载原始文件" in html and "jilin-2024-01.txt" in html
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "吉林市人民政府公报"
    assert 'attachment; filename="jilin-2024-01.txt"' in response["Content-Disposition"]


def test_source_404_without_file_or_when_missing(client, bulletin, media_root):
    assert client.get(source_url(bulletin)).status_code == 404
    bulletin.source_file.name = "bulletins/2024/gone.txt"
    bulletin.save()
    assert client.get(source_url(bulletin)).status_code == 404


def test_unknown_bulletin_is_404(client, bulletin):
    for path in ("/jilin/2024/9/", "/jilin/2024/9/source/", "/nosuch/2024/1/", "/jilin/2024/99999999999999999999/",
                 "/bulletins/999/", "/bulletins/999/source/", "/bulletins/999/articles/1/", "/nosuch/"):
        assert client.get(path).status_code == 404, path


# --- article ---------------------------------------------------------------------------------

def test_article_page_text_toc_and_anchors(client, bulletin, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(article_url(bulletin, 2))
    html = response.content.decode()
    assert response.status_code == 200
    assert article_url(bulletin, 2) == "/jilin/2024/1/2/"
    assert breadcrumb_texts(html) == ["档案", "吉林市人民政府公报", "2024年", "第1期", "政府工作报告"]
    # The subtitle as printed (its dashes once), the speaker centred under it.
    assert '<p class="block block--subtitle" id="p-1">——2024年1月16日在吉林市第十七届人民代表大会第四次会议上<a' in html
    assert "————" not in html
    assert '<p class="block block--speaker" id="p-2">市长 王吉<a' in html

    report = Article.objects.get(bulletin=bulletin, position=2)
    blocks = list(report.blocks.order_by("position"))
    # Every block once, in order, with its own anchor; every block but a heading with its ¶ link.
    assert ids_in_order(html, "p") == [f"p-{b.position}" for b in blocks]
    for b in blocks:
        if b.kind != "heading":
            assert f'<a class="pilcrow" href="#p-{b.position}"' in html
    heading = {b.text: b.position for b in blocks if b.kind == "heading"}
    one, one_one = heading["一、2023年工作回顾"], heading["（一）经济运行逆势上扬"]
    # Nested TOC: the （一） entries sit inside the 一、 entry's list.
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    assert re.search(
        rf'<li><a href="#p-{one}">一、2023年工作回顾</a>\s*<ol>\s*<li><a href="#p-{one_one}">（一）经济运行逆势上扬</a>', toc
    )
    assert toc.count("<li") == len(heading)
    assert f'<h2 class="section-heading level-1" id="p-{one}">一、2023年工作回顾</h2>' in html
    assert f'<h3 class="section-heading level-2" id="p-{one_one}">（一）经济运行逆势上扬</h3>' in html
    # Previous / next.
    assert f'rel="prev" href="{article_url(bulletin, 1)}"' in html
    assert 'rel="next"' not in html


def test_article_without_headings_has_no_toc_and_links_next(client, bulletin):
    html = client.get(article_url(bulletin, 1)).content.decode()
    assert 'class="toc"' not in html
    assert ids_in_order(html, "p") == [f"p-{n}" for n in range(1, 9)]
    assert f'rel="next" href="{article_url(bulletin, 2)}"' in html and 'rel="prev"' not in html
    assert breadcrumb_texts(html) == ["档案", "吉林市人民政府公报", "2024年", "第1期", "实干创新担使命 奋勇争先立涛头"]


def test_article_queries_do_not_grow_with_blocks(client, bulletin):
    with CaptureQueriesContext(connection) as small:
        client.get(article_url(bulletin, 1))
    foreword = Article.objects.get(bulletin=bulletin, position=1)
    foreword.blocks.all().delete()
    items = []
    for n in range(1, 400):
        if n % 13 == 1:
            items.append(("heading", f"节{n}", 1 + n % 2, ""))
        items.append(("paragraph", f"段落{n}", None, ""))
    items.append(("table", "甲 乙\n1 2", None, ""))
    store_blocks(foreword, items)
    Block.objects.filter(article=foreword, kind="table").update(rows=[["甲", "乙"], ["1", "2"]])
    with CaptureQueriesContext(connection) as large:
        html = client.get(article_url(bulletin, 1)).content.decode()
    assert f'id="p-{len(items)}"' in html and "<td>2</td>" in html
    assert len(large) == len(small) <= 8


def test_article_404s(client, bulletin):
    other = make_bulletin(year=2023, issue=12)
    assert client.get(article_url(bulletin, 99)).status_code == 404
    # An article position under the wrong bulletin id is not found, not borrowed.
    Article.objects.filter(bulletin=other, position=2).delete()
    assert client.get(article_url(other, 2)).status_code == 404
    assert client.get("/jilin/2025/1/1/").status_code == 404


def test_data_is_escaped(client, bulletin):
    article = Article.objects.get(bulletin=bulletin, position=1)
    article.title = "关于<b>加强</b>管理的通知"
    article.doc_number = '吉市政办发〔2024〕1号"><script>'
    article.save()
    Block.objects.filter(article=article, position=1).update(text="<script>alert('x')</script>正文")
    Block.objects.filter(article=article, position=2).update(kind="heading", level=1, number="一、",
                                                             text="一、<img src=x onerror=alert(1)>")
    Block.objects.filter(article=article, position=3).update(kind="table", text="x", rows=[["<b>表</b>", "</table>"]])
    bulletin.gazette.name = "<i>公报</i>"
    bulletin.gazette.save()
    pages = [
        client.get(article_url(bulletin, 1)).content.decode(),
        client.get(bulletin.get_absolute_url()).content.decode(),
        client.get(reverse("bulletin:home")).content.decode(),
    ]
    article_html = pages[0]
    assert "<script>alert" not in article_html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;正文" in article_html
    assert "关于&lt;b&gt;加强&lt;/b&gt;管理的通知" in article_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in article_html
    assert "〔2024〕1号&quot;&gt;&lt;script&gt;" in article_html
    assert "&lt;b&gt;表&lt;/b&gt;" in article_html and "&lt;/table&gt;" in article_html
    for html in pages:
        assert "<i>公报</i>" not in html and "&lt;i&gt;公报&lt;/i&gt;" in html
        assert "<b>加强</b>" not in html


# --- assembly helpers ------------------------------------------------------------------------

def test_table_of_contents_keeps_parts_with_unknown_parent():
    body = [BodyBlock(1, "heading", "a", 1, parent=None), BodyBlock(2, "heading", "b", 2, parent=1),
            BodyBlock(3, "heading", "c", 2, parent=77), BodyBlock(4, "paragraph", "x", parent=3)]
    tree = table_of_contents(body)
    assert [n.block.position for n in tree] == [1, 3]
    assert [n.block.position for n in tree[0].children] == [2]
