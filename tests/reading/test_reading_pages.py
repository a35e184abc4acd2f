"""The article page as a reader uses it (issue 10, items 6–8) through Django's client: numbers in
the margin, citation text per paragraph, the print line, searched terms marked, the subtitle's
dashes, the collapsible table of contents, the font stack, and the home page."""
from __future__ import annotations

import datetime
import html as htmllib
import re
from pathlib import Path

import pytest
from django.conf import settings

from bulletin.models import Article, Block
from search import writer
from tests.browser.sample_data import make_bulletin, store_blocks

REPORT = "/jilin/2024/1/2/"


@pytest.fixture
def bulletin(db):
    return make_bulletin()


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def element(html, anchor):
    """The element carrying id=anchor, up to its closing tag (p, h*, div)."""
    match = re.search(rf'<(p|h\d|div)\b[^>]*\bid="{anchor}"[^>]*>.*?</\1>', html, re.S)
    assert match, anchor
    return match.group(0)


# --- 6. reading ------------------------------------------------------------------------------

def test_every_block_but_headings_shows_its_number_linking_to_its_anchor(client, bulletin):
    html = page(client, REPORT)
    blocks = list(Block.objects.filter(article__position=2).order_by("position"))
    assert len(blocks) > 20
    for block in blocks:
        own = element(html, f"p-{block.position}")
        numbers = re.findall(r'<a class="pilcrow" href="#(p-\d+)"[^>]*>(\d+)</a>', own)
        if block.kind == "heading":
            assert numbers == []
        else:
            assert numbers == [(f"p-{block.position}", str(block.position))]


def test_each_paragraph_offers_its_citation_text_without_javascript(client, bulletin):
    html = page(client, REPORT)
    boxes = re.findall(r'<details class="cite">.*?<textarea[^>]*>(.*?)</textarea>', html, re.S)
    paragraphs = Block.objects.filter(article__position=2, kind="paragraph").order_by("position")
    assert len(boxes) == paragraphs.count()  # one per paragraph, none for headings or the title block
    first = paragraphs.first()
    # Written out from the sample's facts: gazette, year, issue, title, the paragraph's number, the address.
    assert htmllib.unescape(boxes[0]) == (
        f"《吉林市人民政府公报》2024年第1期 · 政府工作报告 · 第{first.position}段 · "
        f"http://testserver/jilin/2024/1/2/#p-{first.position}")
    assert first.position == 3  # after the subtitle and the speaker
    # The copy button is there for the script to reveal; hidden without JavaScript.
    assert re.search(r'<button type="button" class="cite__copy" data-copy hidden>复制</button>', html)
    assert 'src="/static/js/reading.js"' in html


def test_print_line_has_the_permanent_address_and_dates(client, bulletin):
    html = page(client, REPORT)
    line = re.sub(r"<[^>]+>", "", re.search(r'<p class="print-source">.*?</p>', html, re.S).group(0))
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()
    assert line == (f"永久地址：http://testserver/jilin/2024/1/2/ · 出版日期：2024年2月15日 · "
                    f"打印日期：{today.year}年{today.month}月{today.day}日")
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text(encoding="utf-8")
    screen, printed = css.split("@media print", 1)
    assert ".print-source { display: none; }" in screen and ".print-source { display: block;" in printed


def test_search_terms_from_a_hit_are_marked_in_the_article(client, bulletin):
    html = page(client, REPORT + "?hl=全省第一 -增速")
    texts = Block.objects.filter(article__position=2).values_list("text", flat=True)
    expected = sum(t.count("全省第一") for t in texts)
    assert expected > 5
    assert html.count('<mark class="hl">全省第一</mark>') == expected + 1  # + the note naming the term
    assert '<mark class="hl">增速</mark>' not in html  # an excluded word is not marked
    assert "已标出检索词" in html
    plain = page(client, REPORT)
    assert "<mark" not in plain and "已标出检索词" not in plain


def test_marking_escapes_the_text_and_the_term(client, bulletin):
    article = Article.objects.get(position=1)
    Block.objects.filter(article=article).delete()
    store_blocks(article, [("paragraph", '甲<b onclick="x()">乙</b>丙 & 丁', None, "")])
    html = page(client, '/jilin/2024/1/1/?hl="<b onclick"')
    body = element(html, "p-1")
    assert body.startswith('<p class="block block--paragraph para" id="p-1">甲<mark class="hl">&lt;b onclick</mark>'
                           '=&quot;x()&quot;&gt;乙&lt;/b&gt;丙 &amp; 丁<a class="pilcrow"')
    assert "<b onclick" not in html
    assert page(client, "/jilin/2024/1/1/?hl=" + "长" * 5000)  # absurd input: a page, never an error


def test_search_hits_link_to_the_article_with_the_query(client, bulletin):
    writer.rebuild_from_database(procs=1)
    try:
        html = page(client, "/search/?q=全省第一")
    finally:
        writer.clear_index()
    links = re.findall(r'<p class="search-cite">.*?<a href="([^"]+)"', html, re.S)
    assert links
    hl = "hl=%E5%85%A8%E7%9C%81%E7%AC%AC%E4%B8%80"  # 全省第一, percent-encoded
    for link in links:
        assert re.fullmatch(rf"/jilin/2024/1/\d+/\?{hl}(#p-\d+)?", htmllib.unescape(link)), link
    target = htmllib.unescape(links[0])
    assert '<mark class="hl">全省第一</mark>' in page(client, target.split("#")[0])


@pytest.mark.parametrize("stored", ["2024年1月16日在吉林市第十七届人民代表大会第四次会议上",
                                    "——2024年1月16日在吉林市第十七届人民代表大会第四次会议上"])
def test_subtitle_dashes_printed_once(client, bulletin, stored):
    Article.objects.filter(position=2).update(subtitle=stored)
    html = page(client, "/jilin/2024/1/")
    assert '<span class="toc-subtitle">——2024年1月16日在吉林市第十七届人民代表大会第四次会议上</span>' in html
    assert "———" not in html
    assert "———" not in page(client, REPORT)


# --- 7. phone, fonts, accessibility --------------------------------------------------------------

def test_table_of_contents_is_a_details_closed_by_default_opened_on_wide_screens(client, bulletin):
    html = page(client, REPORT)
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    assert re.search(r'<details class="toc__details" id="toc-details"><summary id="toc-title">本文目录</summary>', toc)
    assert " open" not in toc.split(">", 2)[1]  # closed as served: a phone shows the text first
    # Opened where there is room by the page's script file (the CSP allows no inline script).
    assert "<script>" not in html and re.search(r'<script src="[^"]*js/reading\.js" defer>', html)
    script = (Path(settings.BASE_DIR) / "static" / "js" / "reading.js").read_text()
    assert 'matchMedia("(min-width: 701px)")' in script and '"toc-details"' in script


def test_font_stacks_put_cjk_faces_first_and_a_song_face_for_long_texts():
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text(encoding="utf-8")
    stack = lambda name: [f.strip().strip('"') for f in  # noqa: E731
                          re.search(rf"--{name}:(.*?);", css, re.S).group(1).split(",")]
    sans, serif = stack("font"), stack("font-serif")
    assert sans[:3] == ["PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC"]
    assert serif[:3] == ["Noto Serif CJK SC", "Source Han Serif SC", "Songti SC"]
    # Faces with a real bold before SimSun (regular only), and the generic family last.
    assert serif.index("SimSun") > serif.index("Songti SC") and serif[-1] == "serif"
    assert re.search(r"\.article-body \{ font-family: var\(--font-serif\); \}", css)


# --- 8. home ------------------------------------------------------------------------------------

def test_home_search_latest_issue_per_gazette_and_gazette_then_year(client, bulletin, django_assert_max_num_queries):
    make_bulletin(year=2024, issue=2, published=datetime.date(2024, 3, 15))
    make_bulletin(year=2023, issue=12, published=datetime.date(2023, 12, 15))
    make_bulletin(year=2022, issue=5, gazette="长春市人民政府公报", published=datetime.date(2022, 5, 20))
    with django_assert_max_num_queries(1):
        html = page(client, "/")
    form = re.search(r'<form class="home-search".*?</form>', html, re.S).group(0)
    assert 'action="/search/"' in form and 'method="get"' in form and 'name="q"' in form
    assert html.index('class="home-search"') < html.index('class="home-latest"')
    latest = re.search(r'<section class="home-latest".*?</section>', html, re.S).group(0)
    titles = re.findall(r'class="bulletin-item__title" href="([^"]+)">([^<]+)</a>', latest)
    # One entry per gazette, its newest issue, gazettes by name.
    assert [t for _, t in titles] == ["《吉林市人民政府公报》2024年第2期", "《长春市人民政府公报》2022年第5期"]
    browse = re.search(r'<section class="home-gazettes".*?</section>', html, re.S).group(0)
    years = dict(re.findall(r'<a class="gazette-entry__name" href="/([a-z-]+)/">.*?</a>.*?<ul class="gazette-years"[^>]*>(.*?)</ul>',
                            browse, re.S))
    assert re.findall(r'href="/jilin/#y(\d+)">\1年', years["jilin"]) == ["2024", "2023"]
    other = next(slug for slug in years if slug != "jilin")
    assert re.findall(rf'href="/{other}/#y(\d+)">\1年', years[other]) == ["2022"]
    # The year anchors exist on the gazette's page.
    assert 'id="y2023"' in page(client, "/jilin/")


def test_marks_and_citation_links_nest_and_stay_escaped():
    """A searched term that runs into a linked 文号 is marked on both sides of the link's edge;
    the link stays one element; the text around it stays escaped."""
    from bulletin.reading import marked

    text = "根据国办发〔2009〕3号<规定>"
    start = text.index("国办发")
    end = text.index("<")
    html = marked(text, ["根据国办发"], [(start, end, "/gb/2024/1/2/", "标题<b>")])
    assert html == ('<mark class="hl">根据</mark><a class="citation-link" href="/gb/2024/1/2/" title="标题&lt;b&gt;">'
                    '<mark class="hl">国办发</mark>〔2009〕3号</a>&lt;规定&gt;')
    assert marked(text, [], [(start, end, "/u/", "t")]).count("<a ") == 1
    assert marked(text, [], []) == "根据国办发〔2009〕3号&lt;规定&gt;"
