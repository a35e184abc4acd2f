"""Printer spreads in plain text (pdftotext default): sheets of two pages whose lines the
extraction interleaves, cut back into pages and put in printed order (text_spreads.py)."""
from bulletin.ingest.normalize import normalize_text
from bulletin.ingest.pipeline import parse_text
from bulletin.ingest.text_layout import read_text_layout
from bulletin.ingest.text_spreads import shows_spreads

HEAD = "某市人民政府公报 2024·3"

# A four-page booklet on two sheets, imposed 4|1 and 2|3, as pdftotext prints it without -layout:
# the two pages of a sheet read at once, by height, each block followed by a blank line.
SHEET_1 = "\n".join([
    HEAD, "",  # page 4's head (left)
    HEAD, "",  # page 1's head (right)
    "关于做好防汛工作的通知", "",  # page 1's title
    "某市人民政府办公室", "",  # page 4: the signature that ends the notice
    "各区人民政府，市政府各部门：", "",  # page 1's addressee
    "2024年3月1日", "",  # page 4: the date
    "为切实做好今年汛期各项防汛工作，确保人民群众生命财产安全，现将有关事",
    "项通知如下：各地要高度重视防汛工作，严格落实以行政首长负责制为核心的责", "",
    "- 4 -", "",
    "- 1 -", "",
])
SHEET_2 = "\n".join([
    HEAD, "",  # page 2 (left)
    HEAD, "",  # page 3 (right)
    "任制，明确各级领导的具体分工，做到守土有责、守土负责、守土尽责，不留死角。", "",
    "各地要加强监测预警，及时发布预警信息，提前转移受威胁地区的群众。",
    "特此通知。", "",
    "- 2 -", "",
    "- 3 -", "",
])
BOOKLET = SHEET_1 + "\f" + SHEET_2 + "\f"


def test_two_page_numbers_on_a_sheet_are_a_spread():
    assert shows_spreads([["- 4 -", "- 1 -"], ["- 2 -", "- 3 -"]])
    assert shows_spreads([["- 6 -"], ["- 5 -"], ["- 4 -", "- 1 -"]])  # cover and contents unnumbered


def test_one_page_number_a_sheet_is_no_spread():
    assert not shows_spreads([["— 1 —"], ["— 2 —"], ["— 3 —"]])
    assert not shows_spreads([[], []])
    # three numbers on one sheet: not two pages side by side
    assert not shows_spreads([["- 1 -", "- 2 -", "- 3 -"], ["- 4 -", "- 5 -"]])


def test_interleaved_pages_are_cut_apart_and_read_in_printed_order():
    layout = read_text_layout(normalize_text(BOOKLET))
    pages = {}
    for line in layout.lines:
        pages.setdefault((line.page, line.printed_page), []).append(line.text)
    assert list(pages) == [(1, 1), (2, 2), (3, 3), (4, 4)]
    assert pages[(1, 1)] == [
        HEAD, "关于做好防汛工作的通知", "各区人民政府，市政府各部门：",
        "为切实做好今年汛期各项防汛工作，确保人民群众生命财产安全，现将有关事",
        "项通知如下：各地要高度重视防汛工作，严格落实以行政首长负责制为核心的责", "- 1 -",
    ]
    assert pages[(2, 2)] == [HEAD, "任制，明确各级领导的具体分工，做到守土有责、守土负责、守土尽责，不留死角。", "- 2 -"]
    assert pages[(3, 3)] == [HEAD, "各地要加强监测预警，及时发布预警信息，提前转移受威胁地区的群众。", "特此通知。", "- 3 -"]
    assert pages[(4, 4)] == [HEAD, "某市人民政府办公室", "2024年3月1日", "- 4 -"]
    # every input line is still there once, with its own source index
    assert sorted(s for line in layout.lines for s in line.source) == list(range(len(layout.lines)))


def test_the_reordered_booklet_reads_as_one_notice():
    bulletin = parse_text(BOOKLET)
    assert [a.title for a in bulletin.articles] == ["关于做好防汛工作的通知"]
    texts = [block.text for block in bulletin.articles[0].blocks]
    assert "严格落实以行政首长负责制为核心的责任制，明确各级领导的具体分工" in "".join(texts)
    assert texts[-2:] == ["某市人民政府办公室", "2024年3月1日"]


def test_text_without_spreads_keeps_its_order():
    text = "\f".join(["某市人民政府公报 2024·3\n第一页的正文。\n— 1 —", "某市人民政府公报 2024·3\n第二页的正文。\n— 2 —"])
    layout = read_text_layout(normalize_text(text))
    assert [line.text for line in layout.lines] == [
        "某市人民政府公报 2024·3", "第一页的正文。", "— 1 —", "某市人民政府公报 2024·3", "第二页的正文。", "— 2 —"]
    assert [line.page for line in layout.lines] == [1, 1, 1, 2, 2, 2]


# -layout text of a spread whose right page holds two lines only: no strip of the sheet is blank
# beside enough lines of both pages to be a column gutter, but the foot's two page numbers (and
# the doubled head) say two pages meet halfway between them.
LAYOUT_SHEET = "\n".join([
    "           某市人民政府公报 2024·3                某市人民政府公报 2024·3",
    "",
    "为切实做好今年汛期各项防汛工作，确保人民群众生命财产     一、各地要高度重视防汛工作。",
    "安全，现将有关事项通知如下：                  二、加强监测预警。",
    "  各区人民政府要落实以行政首长负责制为核心的防汛责任",
    "制，明确各级领导的具体分工。",
    "  市防汛办要加强值班，及时发布预警信息，提前转移群众。",
    "  各有关部门要按照职责分工，做好物资储备和抢险准备。",
    "",
    "                  -2-                           -7-",
])


def test_a_spread_in_layout_text_is_cut_where_its_page_numbers_say():
    layout = read_text_layout(normalize_text(LAYOUT_SHEET + "\f"))
    pages = {}  # (pages 2 and 7 come in order: kept as the sheet's two columns)
    for line in layout.lines:
        pages.setdefault((line.page, line.column), []).append(line.text)
    assert list(pages.values()) == [
        ["某市人民政府公报 2024·3", "为切实做好今年汛期各项防汛工作，确保人民群众生命财产", "安全，现将有关事项通知如下：",
         "各区人民政府要落实以行政首长负责制为核心的防汛责任", "制，明确各级领导的具体分工。",
         "市防汛办要加强值班，及时发布预警信息，提前转移群众。", "各有关部门要按照职责分工，做好物资储备和抢险准备。", "-2-"],
        ["某市人民政府公报 2024·3", "一、各地要高度重视防汛工作。", "二、加强监测预警。", "-7-"],
    ]
