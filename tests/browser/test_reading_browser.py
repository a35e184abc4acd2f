"""What a reader sees in real Chromium (issue 10, items 5–7): the article on a phone (contents
closed, paragraph numbers in the margin, the citation text and its copy button), search on a phone
(the first hit above the filters, on the first screen), the 404 page in the site's layout, focus
rings, grey text and touch targets measured from the computed styles."""
import re

import pytest
from playwright.sync_api import expect

from search import writer
from tests.browser.conftest import PHONE
from tests.browser.contrast import FOCUS_RING, HELPERS, TARGETS, TEXT_CONTRASTS
from tests.browser.sample_data import make_bulletin

pytestmark = pytest.mark.browser

REPORT = "/jilin/2024/1/2/"


@pytest.fixture
def bulletin(transactional_db):
    return make_bulletin()


@pytest.fixture
def indexed(bulletin):
    writer.rebuild_from_database(procs=1)
    yield bulletin
    writer.clear_index()


def test_article_on_a_phone(open_page, bulletin, live_server, screenshot):
    page = open_page(**PHONE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(REPORT)
    screenshot(page, "reading-article-phone")
    # The contents are closed: the text starts on the first screen.
    toc = page.get_by_role("navigation", name="本文目录")
    assert toc.locator("summary").is_visible()
    assert page.locator("#toc-details").evaluate("d => d.open") is False
    assert not toc.get_by_role("link", name="（一）经济运行逆势上扬").is_visible()
    first_paragraph = page.locator("#p-3")
    assert first_paragraph.bounding_box()["y"] < PHONE["height"]

    # Paragraph numbers sit in the margin, left of their text, and link to their anchors.
    for n in (1, 3, 6):
        number = page.locator(f"#p-{n} > a.pilcrow")
        assert number.is_visible() and number.inner_text() == str(n)
        box, text_box = number.bounding_box(), page.locator(f"#p-{n}").bounding_box()
        assert box["x"] + box["width"] <= text_box["x"] + 1, f"number {n} not in the margin"
        assert box["x"] >= 0
    page.locator("#p-6 > a.pilcrow").click()
    page.wait_for_url(re.compile(r"/jilin/2024/1/2/#p-6$"))

    # 复制引用: the text box shows the citation; the button copies exactly that text.
    cite = page.locator("#p-3 + details.cite")
    cite.locator("summary").click()
    expected = f"《吉林市人民政府公报》2024年第1期 · 政府工作报告 · 第3段 · {live_server.url}/jilin/2024/1/2/#p-3"
    box = cite.locator("textarea")
    assert box.is_visible() and box.input_value() == expected
    assert box.bounding_box()["x"] + box.bounding_box()["width"] <= PHONE["width"]
    button = cite.get_by_role("button", name="复制")
    assert button.is_visible()
    button.click()
    expect(button).to_have_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    screenshot(page, "reading-citation-phone")

    # On a desktop the contents are open beside the text.
    wide = open_page()
    wide.goto(REPORT)
    assert wide.locator("#toc-details").evaluate("d => d.open") is True
    assert wide.get_by_role("link", name="（一）经济运行逆势上扬").is_visible()


def test_citation_box_without_javascript(open_page, bulletin, live_server):
    page = open_page(javascript=False, **PHONE)
    page.goto(REPORT)
    cite = page.locator("#p-6 + details.cite")
    cite.locator("summary").click()
    assert cite.locator("textarea").input_value().endswith(f"第6段 · {live_server.url}/jilin/2024/1/2/#p-6")
    assert not cite.locator("button").is_visible()  # no script, no button that could not work


def test_arriving_from_a_search_hit_marks_the_terms(open_page, indexed):
    page = open_page(**PHONE)
    page.goto("/search/?q=全省第一")
    page.locator(".search-results a").first.click()
    page.wait_for_url(re.compile(r"\?hl="))
    marks = page.locator(".article-body mark.hl")
    assert marks.count() >= 1 and set(marks.all_inner_texts()) == {"全省第一"}
    assert page.locator(".hl-note").inner_text().startswith("已标出检索词：全省第一")


def test_search_on_a_phone_shows_the_first_hit_before_the_filters(open_page, indexed, screenshot):
    page = open_page(**PHONE)
    page.goto("/search/?q=全省第一")
    screenshot(page, "reading-search-phone")
    first = page.locator(".search-hit").first.bounding_box()
    facets = page.locator(".search-facets").bounding_box()
    assert first["y"] + first["height"] <= facets["y"], "filters above the first hit"
    assert first["y"] + first["height"] <= PHONE["height"], f"first hit below the first screen ({first})"
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_404_in_the_sites_layout_in_chinese(open_page, bulletin, screenshot):
    page = open_page(**PHONE)
    response = page.goto("/jilin/2099/1/")
    assert response.status == 404
    screenshot(page, "reading-404-phone")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.get_by_role("heading", level=1).inner_text() == "页面不存在"
    assert page.locator(".site-header").is_visible() and page.get_by_role("search").is_visible()
    header_red = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert header_red == "rgb(164, 38, 44)"  # the stylesheet was served: the page is in the site's layout
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.get_by_role("link", name="回到档案首页").click()
    page.wait_for_url(re.compile(r"/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "公报档案"


@pytest.mark.parametrize("path", ["/", REPORT, "/search/?q=全省第一"])
def test_focus_ring_contrast_on_every_background(open_page, indexed, path):
    page = open_page()
    page.goto(path)
    page.evaluate(HELPERS)
    if path == REPORT:
        page.locator("#toc-details").evaluate("d => { d.open = true; }")  # its links are stops too
    seen, header_seen = [], False
    for _ in range(45):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUS_RING)
        if ring is None or not ring["visible"]:
            continue
        seen.append(ring)
        header_seen |= page.evaluate("!!document.activeElement.closest('.site-header')")
        assert ring["style"] != "none" and ring["width"] >= 2, ring
        assert ring["ratio"] >= 3, ring
        assert ring["ownRatio"] is None or ring["ownRatio"] >= 3, ring
    assert header_seen and len(seen) >= 5


@pytest.mark.parametrize("width", [PHONE["width"], 1280])
@pytest.mark.parametrize("path", ["/", "/jilin/2024/1/", REPORT, "/search/?q=全省第一", "/jilin/2099/1/"])
def test_text_contrast_and_touch_targets(open_page, indexed, path, width):
    page = open_page(width=width, height=900)
    page.goto(path)
    page.evaluate(HELPERS)
    low = [t for t in page.evaluate(TEXT_CONTRASTS) if t["ratio"] < 4.5]
    assert not low, low[:8]
    small = [t for t in page.evaluate(TARGETS) if t["height"] < 24 - 0.5 or t["width"] < 24 - 0.5]
    assert not small, small[:8]


def platform_fonts(page, selector):
    """The faces Chromium really drew the element's text with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]


def test_long_texts_in_a_song_serif_with_a_real_bold(open_page, bulletin):
    # Needs Debian's fonts-noto-cjk (scripts/test.sh installs it): the first faces of the stacks
    # that exist on Linux. A bold drawn from the Bold face, not synthesised from the regular one.
    page = open_page()
    page.goto(REPORT)
    title = platform_fonts(page, "h1")
    assert [(f["familyName"], f["postScriptName"]) for f in title] == [("Noto Serif CJK SC", "NotoSerifCJKsc-Bold")]
    heading = platform_fonts(page, "#p-4")  # 一、2023年工作回顾
    assert {f["postScriptName"] for f in heading} == {"NotoSerifCJKsc-Bold"}
    paragraph = platform_fonts(page, "#p-3")
    assert "NotoSerifCJKsc-Regular" in {f["postScriptName"] for f in paragraph}
    interface = platform_fonts(page, ".site-name")
    assert {f["familyName"] for f in interface} == {"Noto Sans CJK SC"}
