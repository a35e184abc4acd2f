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


# A four-page booklet in -layout text: the contents page (no head, no number) beside page 3, and
# pages 1 and 2. The first sheet shows one page number only, so where its pages meet comes from
# the other sheet; a contents entry whose leader runs into that strip keeps its page number.
def _row(left: str, right: str = "", at: int = 36) -> str:
    """A -layout row: the left page's text, the right page's beginning at grid cell `at`."""
    return (left.ljust(at) + right).rstrip() if right else left


CONTENTS_SHEET = "\n".join([
    _row("", "        某市人民政府公报 2024·3"),
    "",
    _row("     目录", "各地要加强监测预警，及时发布预警信"),
    _row("上级文件", "息，提前转移受威胁地区的群众。"),
    _row(" 关于做好防汛工作的通知 ……………………… 1", "  特此通知。"),
    _row(" 关于加强值班的通知 …………………………… 2"),
    "",
    _row("", "             -3-"),
])
BODY_SHEET = "\n".join([
    _row("    某市人民政府公报 2024·3", "    某市人民政府公报 2024·3"),
    "", "", "",
    _row("    关于做好防汛工作的通知", "  三、各级领导干部要带头值班，确保"),
    _row("各区人民政府：", "信息畅通。"),
    _row("  为切实做好今年汛期各项防汛工作，", "  四、各单位要加强值班人员的教育"),
    _row("现将有关事项通知如下：", "和管理，严格执行值班纪律。"),
    _row("  一、加强组织领导。", "  五、各地要做好防汛物资的储备工作。"),
    _row("  二、落实防汛责任制。"),
    "",
    _row("             -1-", "             -2-"),
])


def test_a_sheet_without_its_own_evidence_is_cut_where_the_others_meet():
    layout = read_text_layout(normalize_text(CONTENTS_SHEET + "\f" + BODY_SHEET + "\f"))
    pages = {}
    for line in layout.lines:
        pages.setdefault(line.page, []).append(line.text)
    assert list(pages.values()) == [
        ["目录", "上级文件", "关于做好防汛工作的通知 ……………………… 1", "关于加强值班的通知 …………………………… 2"],
        ["某市人民政府公报 2024·3", "关于做好防汛工作的通知", "各区人民政府：", "为切实做好今年汛期各项防汛工作，",
         "现将有关事项通知如下：", "一、加强组织领导。", "二、落实防汛责任制。", "-1-"],
        ["某市人民政府公报 2024·3", "三、各级领导干部要带头值班，确保", "信息畅通。", "四、各单位要加强值班人员的教育",
         "和管理，严格执行值班纪律。", "五、各地要做好防汛物资的储备工作。", "-2-"],
        ["某市人民政府公报 2024·3", "各地要加强监测预警，及时发布预警信", "息，提前转移受威胁地区的群众。", "特此通知。", "-3-"],
    ]


def test_contents_beside_a_page_keeps_its_last_entry_and_the_booklet_its_order():
    """b06's contents page (-layout text) stands beside page 9; its last entry's leader runs into
    the strip between the pages, the "10" after it belongs to the entry, not to page 9 (whose
    number is the "-9-" at its foot)."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "corpus" / "inputs" / "b06-booklet.layout.txt").read_text(encoding="utf-8")
    bulletin = parse_text(text)
    assert [(entry.title, entry.page) for entry in bulletin.toc] == [
        ("国务院办公厅关于湖北省巴东县地质灾害险情有关问题的复函", 1),
        ("市政府关于授予肖颖等同志见义勇为称号和表彰见义勇为工作先进单位先进工作者的决定", 7),
        ("印发顺德区道路桥梁突发事件应急处置预案的通知", 8),
        ("政府工作报告", 10),
    ]
    assert [article.title for article in bulletin.articles] == [entry.title for entry in bulletin.toc]


def test_a_spread_is_cut_into_its_pages_before_either_is_read():
    from bulletin.ingest.grid_spreads import split_spread, spread_middle

    sheet = [
        _row("    某市人民政府公报 2024·3", "    某市人民政府公报 2024·3"),
        "",
        _row("项目      金额      备注", "  各地要加强监测预警，及时发布预警"),
        _row("收入      100       无", "信息，提前转移受威胁地区的群众。"),
        _row("支出      80        无", "  特此通知。"),
        "",
        _row("             -4-", "             -1-"),
    ]
    assert spread_middle(sheet) == 32  # halfway between the centres of -4- and -1-
    left, right = split_spread(sheet, None)
    assert [row.strip() for row in left if row.strip()] == [
        "某市人民政府公报 2024·3", "项目      金额      备注", "收入      100       无", "支出      80        无", "-4-"]
    assert [row.strip() for row in right if row.strip()] == [
        "某市人民政府公报 2024·3", "各地要加强监测预警，及时发布预警", "信息，提前转移受威胁地区的群众。", "特此通知。", "-1-"]
    # read as pages of their own, the left page's table takes in none of the right page's text
    layout = read_text_layout(normalize_text("\n".join(sheet) + "\f"))
    texts = [line.text for line in layout.lines]
    assert "信息，提前转移受威胁地区的群众。" in texts and "特此通知。" in texts
    assert not any("收入" in text and "信息" in text for text in texts)
    page_of = {line.text: line.page for line in layout.lines}
    assert page_of["特此通知。"] < page_of["收入 100 无"]  # page 1 is read before page 4


# A sheet of a contents page (left, no head, no number) beside page 5, as pdftotext prints it:
# their blocks alternate. A contents page holds no prose and a page of prose no contents entry.
CONTENTS_BESIDE_PAGE = "\n".join([
    HEAD, "",
    "目录", "",
    "会议由市长召集，根据需要不定期召开。", "某市人民政府办公室", "",
    "上级文件", "",
    "2024年3月1日", "",
    "关于做好防汛工作的通知 ……………………………… 1", "",
    "市政府文件",
    "关于加强汛期值班工作的通知 ………………………… 4", "",
    "- 5 -", "",
])


def test_contents_and_prose_stand_on_different_pages():
    layout = read_text_layout(normalize_text(BOOKLET + CONTENTS_BESIDE_PAGE + "\f"))
    page_of = {line.text: line.page for line in layout.lines}
    contents = page_of["目录"]
    # every entry on the contents page, the prose, the signature and the foot on page 5's
    assert page_of["关于做好防汛工作的通知 ……………………………… 1"] == page_of["关于加强汛期值班工作的通知 ………………………… 4"] == contents
    assert page_of["市政府文件"] == contents
    page_5 = page_of["- 5 -"]
    assert page_of["会议由市长召集，根据需要不定期召开。"] == page_of["某市人民政府办公室"] == page_5 != contents
    # the unnumbered contents page comes before the booklet's numbered pages
    assert contents == 1 and [line.page for line in layout.lines][-1] == page_5


REPORT_BESIDE_CONTENTS = "\n".join([
    HEAD, "",
    "目录", "",
    "政府工作报告（摘要）", "——2024年2月25日在某市第十二届人民代表大会第二次会议上", "某市市长张三", "",
    "上级文件", "关于做好防汛工作的通知 ……………………………… 1", "",
    "各位代表：", "",
    "市政府文件", "",
    "我受市人民政府委托，向大会报告政府工作，请审议，并请各位", "",
    "关于加强汛期值班工作的通知 ………………………… 4", "",
    "政协委员和其他列席人员提出意见。", "一、本届政府开局之年的工作",
    "全市实现国内生产总值821.1亿元，比上年增长13.1%。农业产业化和城乡一体化成效明显。", "",
    "- 5 -", "",
])


def test_the_contents_head_stands_with_the_entries_and_a_subtitle_with_its_report():
    # b05's contents page beside page 5, whose report opens with its title, subtitle and speaker:
    # 目录 heads the contents page (no prose beside it there), and the subtitle belongs to the
    # report's text, so its block (title, subtitle, speaker) is page 5's.
    layout = read_text_layout(normalize_text(BOOKLET + REPORT_BESIDE_CONTENTS + "\f"))
    page_of = {line.text: line.page for line in layout.lines}
    contents, page_5 = page_of["目录"], page_of["- 5 -"]
    assert contents != page_5
    assert page_of["关于做好防汛工作的通知 ……………………………… 1"] == page_of["市政府文件"] == contents
    assert page_of["我受市人民政府委托，向大会报告政府工作，请审议，并请各位"] == page_5
    assert page_of["政府工作报告（摘要）"] == page_of["——2024年2月25日在某市第十二届人民代表大会第二次会议上"] == page_5



# b02's contents page (left) beside page 5 (right): the extraction ran the contents' category line
# 「市政府文件」 and page 5's first line of prose into one block, though the category stands on the
# contents page between two entries (…通知 …… 1 above it, …通知 …… 4 below), as 上级文件 and
# 人事任免 do.
CATEGORY_IN_A_BLOCK_OF_PROSE = "\n".join([
    HEAD, "",
    "目录", "上级文件", "国务院办公厅关于进一步加强汛期安全生产", "",
    "某市人民代表大会常务委员会关于任命李四", "为某市人民政府代理市长的决定",
    "（2024年2月1日某市第十届人民代表大会常务委员会第九次会议", "",
    "工作的通知 ……………………………………………… 1", "",
    "通过）", "",
    "市政府文件", "根据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》第四十", "",
    "关于加强汛期值班工作的通知 ………………………… 4", "",
    "四条第九项的规定，某市第十届人民代表大会常务委员会第九次会议决定：任命李", "",
    "人事任免", "",
    "四为某市人民政府副市长、代理市长。", "",
    "关于李四代理市长的决定 ……………………………… 5", "",
    "- 5 -", "",
])


def test_a_contents_category_run_into_the_other_pages_prose_stays_between_its_entries():
    layout = read_text_layout(normalize_text(BOOKLET + CATEGORY_IN_A_BLOCK_OF_PROSE + "\f"))
    pages = {}
    for line in layout.lines:
        pages.setdefault(line.page, []).append(line.text)
    contents = next(texts for texts in pages.values() if "目录" in texts)
    assert contents == [
        "目录", "上级文件", "国务院办公厅关于进一步加强汛期安全生产", "工作的通知 ……………………………………………… 1",
        "市政府文件", "关于加强汛期值班工作的通知 ………………………… 4",
        "人事任免", "关于李四代理市长的决定 ……………………………… 5",
    ]
    page_5 = next(texts for texts in pages.values() if "- 5 -" in texts)
    assert page_5 == [
        HEAD, "某市人民代表大会常务委员会关于任命李四", "为某市人民政府代理市长的决定",
        "（2024年2月1日某市第十届人民代表大会常务委员会第九次会议", "通过）",
        "根据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》第四十",
        "四条第九项的规定，某市第十届人民代表大会常务委员会第九次会议决定：任命李",
        "四为某市人民政府副市长、代理市长。", "- 5 -",
    ]


def test_the_entries_under_a_category_run_into_prose_keep_that_category():
    bulletin = parse_text(BOOKLET + CATEGORY_IN_A_BLOCK_OF_PROSE + "\f")
    assert [(entry.title, entry.category) for entry in bulletin.toc] == [
        ("国务院办公厅关于进一步加强汛期安全生产工作的通知", "上级文件"),
        ("关于加强汛期值班工作的通知", "市政府文件"),
        ("关于李四代理市长的决定", "人事任免"),
    ]
