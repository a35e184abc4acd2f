"""A reader browses the archive in a real browser: home -> bulletin -> article -> a section."""
import re

import pytest

from tests.browser.conftest import PHONE
from tests.browser.sample_data import make_bulletin

pytestmark = pytest.mark.browser

NO_HORIZONTAL_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.fixture
def bulletin(transactional_db):
    return make_bulletin()


def walk_to_report(page, screenshot=None):
    page.goto("/")
    if screenshot:
        screenshot(page, "home-desktop")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.get_by_role("region", name="各公报最新一期").get_by_role("link", name="《吉林市人民政府公报》2024年第1期").click()
    page.wait_for_url(re.compile(r"/jilin/2024/1/$"))
    assert page.get_by_role("heading", level=1).inner_text().startswith("2024年第1期")
    if screenshot:
        screenshot(page, "bulletin-desktop")
    page.get_by_role("link", name="政府工作报告", exact=True).click()
    page.wait_for_url(re.compile(r"/jilin/2024/1/2/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "政府工作报告"


def test_reader_follows_toc_to_a_section(page, bulletin, screenshot):
    walk_to_report(page, screenshot)
    crumbs = page.get_by_role("navigation", name="面包屑导航")
    assert re.sub(r"\s+", "", crumbs.inner_text()) == "档案›吉林市人民政府公报›2024年›第1期›政府工作报告"

    toc = page.get_by_role("navigation", name="本文目录")
    assert toc.is_visible()
    assert toc.locator("details > ol > li").count() == 3  # 一、二、三、
    assert toc.locator("li li").count() == 8  # （一）… under 一、 and 三、
    # The stylesheet was served: the TOC sits beside the text on a wide screen.
    toc_box = toc.bounding_box()
    text_box = page.locator(".article-body").bounding_box()
    assert toc_box["x"] + toc_box["width"] <= text_box["x"]
    screenshot(page, "article-desktop")

    toc.get_by_role("link", name="（二）产业结构持续优化").click()
    page.wait_for_url(re.compile(r"#p-8$"))  # subtitle, speaker, 各位代表, 一、, （一） and its two paragraphs
    heading = page.locator("#p-8")
    assert heading.inner_text() == "（二）产业结构持续优化"
    assert heading.evaluate("el => el.matches(':target')")
    top = heading.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 200, f"section heading not scrolled into view (top={top})"


def test_paragraph_link_is_visible_and_points_at_its_anchor(page, bulletin):
    walk_to_report(page)
    pilcrow = page.locator("#p-3 a.pilcrow")
    assert pilcrow.is_visible() and pilcrow.inner_text() == "3"
    pilcrow.click()
    page.wait_for_url(re.compile(r"/jilin/2024/1/2/#p-3$"))
    assert page.locator("#p-3").evaluate("el => el.matches(':target')")
    # What a reader copies ("copy link address") is the absolute URL with the anchor.
    assert pilcrow.evaluate("a => a.href").endswith("/jilin/2024/1/2/#p-3")


def test_phone_width_has_no_horizontal_scroll(open_page, bulletin, screenshot):
    page = open_page(**PHONE)
    for path in ("/", "/year/2024/", bulletin.get_absolute_url(), "/jilin/2024/1/1/", "/jilin/"):
        page.goto(path)
        assert page.evaluate(NO_HORIZONTAL_SCROLL), f"horizontal scroll at 390px on {path}"
        if path == bulletin.get_absolute_url():
            screenshot(page, "bulletin-phone")
    page.goto("/jilin/2024/1/2/")
    assert page.evaluate(NO_HORIZONTAL_SCROLL), "horizontal scroll at 390px on the report"
    # On a phone the TOC comes under the title, above the text.
    toc_box = page.get_by_role("navigation", name="本文目录").bounding_box()
    title_box = page.get_by_role("heading", level=1).bounding_box()
    text_box = page.locator(".article-body").bounding_box()
    assert title_box["y"] + title_box["height"] <= toc_box["y"]
    assert toc_box["y"] + toc_box["height"] <= text_box["y"]
    screenshot(page, "article-phone")


def test_everything_works_without_javascript(open_page, bulletin):
    page = open_page(javascript=False)
    walk_to_report(page)
    toc = page.get_by_role("navigation", name="本文目录")
    toc.locator("summary").click()  # without the script the contents start closed, one click away
    toc.get_by_role("link", name="二、2024年工作总体思路和目标任务").click()
    page.wait_for_url(re.compile(r"#p-20$"))
    page.get_by_role("link", name=re.compile("上一篇")).click()
    page.wait_for_url(re.compile(r"/jilin/2024/1/1/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "实干创新担使命 奋勇争先立涛头"
    form = page.get_by_role("search")
    assert form.get_attribute("action") == "/search/"
    assert page.get_by_label("搜索公报").get_attribute("name") == "q"


def test_print_shows_only_the_text(page, bulletin, screenshot):
    page.goto("/jilin/2024/1/2/")
    page.emulate_media(media="print")
    for hidden in (".site-header", ".breadcrumbs", "nav.toc", ".pager", "#p-3 + .cite"):
        assert not page.locator(hidden).is_visible(), f"{hidden} shows in print"
    # The paper copy keeps the paragraph numbers (citations name them) and says where it came from.
    assert page.locator("#p-3 .pilcrow").is_visible()
    source = page.locator(".print-source")
    assert source.is_visible() and source.inner_text().startswith(f"永久地址：{page.url}")
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator("#p-1").is_visible() and page.locator("#p-4").is_visible()
    screenshot(page, "article-print")
