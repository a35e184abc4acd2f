"""Which page of a printer's sheet a line goes to (text_spreads.py), where pdftotext's default
text interleaves a contents page with the page beside it, or two pages of prose: one contents page
a sheet, a category over a signature's date, an unfinished sentence never going on into a title."""
from bulletin.ingest.normalize import normalize_text
from bulletin.ingest.pipeline import parse_text
from bulletin.ingest.text_layout import read_text_layout
from tests.corpus.build import corpus_file
from tests.corpus.markup import read_markup

HEAD = "某市人民政府公报 2024·3"
# Pages 2 and 3 of a four-page booklet (sheet 2|3), read before the sheet under test: a booklet of
# sheets with two page numbers each.
INNER_SHEET = "\n".join([
    HEAD, "", HEAD, "",
    "任制，明确各级领导的具体分工，做到守土有责、守土负责、守土尽责，不留死角。", "",
    "各地要加强监测预警，及时发布预警信息，提前转移受威胁地区的群众。",
    "特此通知。", "",
    "- 2 -", "", "- 3 -", "",
])


def _pages(text: str) -> dict[str, int]:
    layout = read_text_layout(normalize_text(text))
    return {line.text: line.page for line in layout.lines}


# b03-booklet.txt's contents sheet: page 9 ends with a two-line signature and its date; the
# contents page beside it (目录, then each category over its entry) alternates with it in blocks.
CONTENTS_BESIDE_SIGNATURE = "\n".join([
    HEAD, "",
    "目录", "",
    "某市应急和安全生产委员会",
    "（某市食品安全委员会）",
    "2025年3月11日", "",
    "上级文件",
    "国务院办公厅转发国家地震局关于我国地震重点监视防",
    "御区的确定和加强防震减灾工作意见报告的通知 ……………… 1", "",
    "市政府办公室文件",
    "中共某市委办公室某市人民政府办公室印发《关于全面",
    "推进政务公开工作的实施意见》的通知 ……………………… 2", "",
    "人事任免",
    "某省人民代表大会常务委员会关于接受某某辞职请求",
    "的决定 …………………………………………………………… 3", "",
    "- 4 -", "",
])


def test_a_sheet_holds_one_contents_page():
    """Booklet imposition puts consecutive pages side by side only in the middle of the booklet:
    a sheet's two pages are never both contents pages. So every entry of the sheet goes to the
    page that 目录 heads, and the signature beside them to the other page."""
    page_of = _pages(CONTENTS_BESIDE_SIGNATURE + "\f" + INNER_SHEET + "\f")
    contents = page_of["目录"]
    for line in ("上级文件", "御区的确定和加强防震减灾工作意见报告的通知 ……………… 1", "市政府办公室文件",
                 "推进政务公开工作的实施意见》的通知 ……………………… 2", "人事任免", "的决定 …………………………………………………………… 3"):
        assert page_of[line] == contents, line
    assert page_of["某市应急和安全生产委员会"] == page_of["（某市食品安全委员会）"] == page_of["2025年3月11日"] \
        == page_of["- 4 -"] != contents


# b01-booklet.txt's contents sheet: the first category stands alone between page 9's signature and
# its date, each line a block of its own.
CATEGORY_BETWEEN_SIGNATURE_AND_DATE = "\n".join([
    HEAD, "",
    "目录", "",
    "会议由市长召集，根据需要不定期召开会议。",
    "某市人民政府办公室", "",
    "上级文件", "",
    "2022年8月1日", "",
    "国务院办公厅关于印发文化体制改革中经营性文化事业",
    "单位转制为企业和进一步支持文化企业发展两个规定的",
    "通知 ………………………………………………………………… 1", "",
    "市政府文件",
    "某市人民政府关于持续深化“市县同权”改革的实施",
    "意见 ………………………………………………………………… 2", "",
    "- 4 -", "",
])


def test_two_short_lines_alone_are_no_table_run():
    """Down a table's cells (one a line) the extraction stays on one page; a category and a date
    side by side are two short lines, not a run of cells: the category goes with the contents."""
    page_of = _pages(CATEGORY_BETWEEN_SIGNATURE_AND_DATE + "\f" + INNER_SHEET + "\f")
    assert page_of["上级文件"] == page_of["目录"] == page_of["市政府文件"]
    assert page_of["某市人民政府办公室"] == page_of["2022年8月1日"] == page_of["- 4 -"] != page_of["目录"]


# b02-booklet.txt: page 4's sentence breaks off at the foot of a line; beside it page 5 opens a
# notice (title, 文号), whose blocks pdftotext reads between.
SENTENCE_BESIDE_A_TITLE = "\n".join([
    HEAD, "",
    "三、对已发现的日军遗弃的化学武器，其技术处理和有关管理工",
    "作由军队各级防化业务部门负责。对遗弃化学武器的埋藏点和保管",
    "点，要采取措施加强管理，完善设备，确保安全。任何单位和个人如", "",
    HEAD, "",
    "天津市人民政府关于切实做好2020年市",
    "政府重点工作的通知",
    "津政发〔2020〕9号", "",
    "发现遗弃的化学武器，都要立即逐级上报，不得擅自处理。",
    "国务院办公厅", "",
    "一九九六年六月二十九日", "",
    "各区人民政府，各委、局，各直属单位：",
    "市政府第92次常务会议确定了2020年市政府重点工作，将《政府",
    "工作报告》部署的工作任务分解为148项。为确保各项重点工作任务顺",
    "利完成，现将有关事项通知如下：", "",
    "- 4 -", "", "- 5 -", "",
])


def test_an_unfinished_sentence_never_goes_on_into_a_title_line():
    """Running text goes on into a line that fills the column or ends its paragraph on a mark;
    a line stopping short without one (a title's) cannot take up the broken sentence."""
    page_of = _pages(INNER_SHEET + "\f" + SENTENCE_BESIDE_A_TITLE + "\f")
    left = page_of["点，要采取措施加强管理，完善设备，确保安全。任何单位和个人如"]
    assert page_of["发现遗弃的化学武器，都要立即逐级上报，不得擅自处理。"] == page_of["国务院办公厅"] == left
    assert page_of["天津市人民政府关于切实做好2020年市"] == page_of["津政发〔2020〕9号"] != left


def _titles(numbers: list[int]) -> list[str]:
    return [read_markup(corpus_file(n))["title"] for n in numbers]


def test_b03_booklet_finds_every_article_once():
    """b03-booklet.txt (pdftotext default of the booklet PDF): every article of the markup found
    in printed order, the 娄底 notice keeping its two-line signature and date."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "corpus" / "inputs" / "b03-booklet.txt").read_text(encoding="utf-8")
    bulletin = parse_text(text)
    assert sorted(a.title for a in bulletin.articles) == sorted(_titles([3, 9, 18, 32]))
    loudi = read_markup(corpus_file(9))
    (article,) = [a for a in bulletin.articles if a.title == loudi["title"]]
    assert article.issuer == loudi["issuer"] == "娄底市应急和安全生产委员会"
    assert str(article.signed_on) == loudi["signed_on"] == "2025-03-11"
    signatures = [b.text for a in bulletin.articles for b in a.blocks if b.kind == "signature"]
    assert len(signatures) == len(set(signatures))  # no signature printed twice


# b09-booklet.txt's first sheet: the last page (6) ends a table, one cell a line, under its running
# head; the cover beside it prints the masthead without a running head.
TABLE_BESIDE_COVER = "\n".join([
    HEAD, "",
    "4", "",
    "传统体育、游艺", "与竞技", "",
    "安岳武台演战高", "狮", "",
    "安岳县", "",
    "安岳县文化馆", "",
    "5", "",
    "传统技艺", "",
    "乐至外婆坛子肉", "制作技艺", "",
    "乐至县", "",
    "四川省兄妹食品", "有限责任公司", "",
    "某市人民政府公报", "",
    "2024年第3期", "总第120期", "",
    "2024年3月15日出版", "",
    "- 6 -", "",
])


def test_the_cover_holds_no_running_head_and_no_table():
    """The cover prints its masthead only: no running head, no table's cells (a run of short
    lines). So the sheet's running head, and the cells under it, are the numbered page's."""
    page_of = _pages(TABLE_BESIDE_COVER + "\f" + INNER_SHEET + "\f")
    cover = page_of["总第120期"]
    assert page_of["某市人民政府公报"] == page_of["2024年第3期"] == page_of["2024年3月15日出版"] == cover
    for cell in ("传统技艺", "乐至县", "四川省兄妹食品", "有限责任公司", "安岳县文化馆"):
        assert page_of[cell] == page_of["- 6 -"] != cover, cell


# b09-booklet.txt's second sheet: the contents page beside page 5, where a notice ends (its
# signature and date) and its annexed table begins, one cell a line.
TABLE_BESIDE_CONTENTS = "\n".join([
    HEAD, "",
    "关于公布第四批市级非物质文化遗产名录的通知", "",
    "目录", "",
    "各县（区）人民政府，开发区管委会，市级各部门：", "",
    "上级文件",
    "国务院关于同意福建省设立泉州市泉港区的批复 ……………… 1", "",
    "第四批市级非物质文化遗产名录（共11项）已经市政府同意，现", "予公布。", "",
    "市政府文件",
    "关于公布第四批市级非物质文化遗产名录的通知 ………… 5", "",
    "某市人民政府",
    "2018年8月27日", "",
    "第四批市级非物质文化遗产名录",
    "序号", "",
    "项目类别", "",
    "项目名称", "",
    "申报县（区）", "",
    "1", "",
    "民间文学", "",
    "丹山白塔传说", "",
    "雁江区", "",
    "- 5 -", "",
])


def test_a_contents_page_holds_no_table():
    page_of = _pages(TABLE_BESIDE_CONTENTS + "\f" + INNER_SHEET + "\f")
    contents, page_5 = page_of["目录"], page_of["- 5 -"]
    assert contents != page_5
    assert page_of["市政府文件"] == page_of["上级文件"] == contents
    for line in ("某市人民政府", "2018年8月27日", "序号", "项目类别", "民间文学", "丹山白塔传说", "雁江区"):
        assert page_of[line] == page_5, line


# b04-booklet.txt: a line of page 1 that stops mid-sentence, and in the same block of the
# extraction page 4's date and signature, printed at the same height beside it.
DATE_BESIDE_AN_OPEN_LINE = "\n".join([
    HEAD, "", HEAD, "",
    "第200/2002号行政长官批示", "",
    "某区人民政府办公室关于修订", "《某区突发地质灾害应急预", "案》的通知", "",
    "核准终审法院院长办公室二零零二年财政年度第二补充预算，金",
    "额为$46,294,090.00（澳门币肆仟陆佰贰拾玖万肆仟零玖拾圆整），该", "",
    "各镇政府、街道办，西江新城管委会，区政府有关部门、直属有关单", "",
    "预算为本批示之组成部分。", "",
    "位：",
    "《佛山市高明区突发地质灾害应急预案》业经修订并经区人民政",
    "二零零二年九月六日",
    "行政长官 何厚铧", "",
    "府同意，现印发给你们，请认真贯彻执行。执行中遇到的问题，请径",
    "向区国土城建水务局（国土）反映。", "",
    "- 4 -", "", "- 1 -", "",
])


def test_an_unfinished_line_never_goes_on_into_a_date():
    """A signature's date on a line of its own never takes up a broken-off sentence."""
    page_of = _pages(DATE_BESIDE_AN_OPEN_LINE + "\f" + INNER_SHEET + "\f")
    open_line = page_of["《佛山市高明区突发地质灾害应急预案》业经修订并经区人民政"]
    assert page_of["府同意，现印发给你们，请认真贯彻执行。执行中遇到的问题，请径"] == open_line
    assert page_of["二零零二年九月六日"] == page_of["预算为本批示之组成部分。"] != open_line


# b06-booklet.txt: page 1 (a notice ending in its attachment list) beside page 8 (a plan opening
# with 1.总 则 / 1.1 …); pdftotext put the plan's first heading and the notice's attachment line
# in one block.
HEADING_BESIDE_ATTACHMENTS = "\n".join([
    HEAD, "", HEAD, "",
    "印发顺德区道路桥梁突发事件应急处置", "预案的通知", "",
    "国务院办公厅关于湖北省巴东县地质灾", "害险情有关问题的复函", "",
    "各镇人民政府、街道办事处，区属各有关单位：",
    "《顺德区道路桥梁突发事件应急处置预案》已经区人民政府同",
    "意，现印发给你们，请认真贯彻执行。", "",
    "湖北省人民政府：",
    "你省《关于恳请解决巴东县官渡口镇马鬃山村地质险情有关问题",
    "的请示》（鄂政文〔2004〕15号）收悉。根据国务院领导同志批示，", "",
    "二○一○年八月一日", "",
    "及要求国家安排专项经费问题，可另向财政部专题报告。", "",
    "1.总 则",
    "附件：1.国土资源部关于湖北省巴东县官渡口镇马鬃山村地质险", "",
    "1.1 编制目的及编制依据", "",
    "情调研情况的报告", "",
    "为了及时有效应对我区道路桥梁突发事件，保障人民生命财产安",
    "全，高效、有序地处置各类道路桥梁突发事件，最大限度地减少损", "",
    "- 8 -", "", "- 1 -", "",
])


def test_a_heading_goes_on_into_its_first_sub_heading_not_into_an_attachment_list():
    """1.总 则 is followed by its first sub-heading 1.1 on its page; an attachment list (附件：)
    never follows a heading: it ends the notice beside it."""
    page_of = _pages(INNER_SHEET + "\f" + HEADING_BESIDE_ATTACHMENTS + "\f")
    plan = page_of["1.总 则"]
    assert page_of["1.1 编制目的及编制依据"] == page_of["为了及时有效应对我区道路桥梁突发事件，保障人民生命财产安"] == plan
    assert page_of["附件：1.国土资源部关于湖北省巴东县官渡口镇马鬃山村地质险"] == page_of["情调研情况的报告"] \
        == page_of["及要求国家安排专项经费问题，可另向财政部专题报告。"] != plan


def test_b06_booklet_pages_carry_the_numbers_the_contents_page_gives():
    """b06-booklet.txt: where reading across the page turns does not tell which page of a sheet
    carries which number, the contents page does: each article starts on its page, and the
    plan of 20 reads with its headings as the markup has them."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "corpus" / "inputs" / "b06-booklet.txt").read_text(encoding="utf-8")
    bulletin = parse_text(text)
    assert [a.title for a in bulletin.articles] == [e.title for e in bulletin.toc]
    assert [a.start_page for a in bulletin.articles] == [e.page for e in bulletin.toc]
    plan = read_markup(corpus_file(20))
    (article,) = [a for a in bulletin.articles if a.title == plan["title"]]
    expected = [b["text"].replace(" ", "") for b in plan["blocks"] if b["kind"] == "heading"]
    assert [b.text.replace(" ", "") for b in article.blocks if b.kind == "heading"] == expected


def _booklet(n: int):
    from pathlib import Path

    return parse_text((Path(__file__).resolve().parents[1] / "corpus" / "inputs" / f"b{n:02d}-booklet.txt").read_text(encoding="utf-8"))


def test_two_issuers_side_by_side_sign_on_their_page_above_their_date():
    """b02-booklet.txt: the notice of 31 is signed by two offices printed side by side on one line
    (pdftotext: two blocks, the right one between blank lines, then the date), on the sheet beside
    the first page of 08. Both names and the date stay on the notice's page; 08 opens with its
    addressee."""
    bulletin = _booklet(2)
    by_title = {a.title: a for a in bulletin.articles}
    notice, tianjin = read_markup(corpus_file(31)), read_markup(corpus_file(8))
    assert by_title[notice["title"]].issuer.replace(" ", "") == notice["issuer"].replace("\u3000", "")
    assert by_title[notice["title"]].signed_on.isoformat() == notice["signed_on"]
    assert by_title[tianjin["title"]].addressee == tianjin["addressee"]


def test_a_category_beside_a_signature_is_no_second_issuer():
    """b01-booklet.txt: the contents' category 上级文件 comes between the signature of 07 and its
    date; it names no body (no 厅, 局, 政府 …), so it is not read as a second issuer beside it."""
    bulletin = _booklet(1)
    notice = read_markup(corpus_file(7))
    (article,) = [a for a in bulletin.articles if a.title == notice["title"]]
    assert article.issuer == notice["issuer"]


def test_a_line_read_out_of_place_on_its_page_goes_back_where_the_text_reads_through_it():
    # pdftotext printed "上地震…强震活" one block late: "…7级以" does not go on into "动的高峰年",
    # nor "…太平" into "上地震", nor "…强震活" into "洋西北"; moved back, every join reads on
    # (以上, 活动, 太平洋).
    from bulletin.ingest.continuity import ContinuityModel
    from bulletin.ingest.text_spreads import _Reader

    texts = ["去年云南孟连中缅边界又发生了强震，显示了地震活动进一步增强的趋势。",
             "活跃状态是在全球大震活动增强的背景上出现的。全年全球共发生7级以",
             "动的高峰年。全球大震主要集中在与我国的地震活动相关性很强的太平",
             "上地震33次，为本世纪以来年均次数的1.8倍，而且也是多年来的强震活",
             "洋西北地震带上，因此将对我国未来的地震活动产生重要的影响。"]
    reader = _Reader(texts, ContinuityModel(texts), 31.5, None, None)  # column width 31.5 em
    assert reader.strays_in_place([0, 1, 2, 3, 4]) == [0, 1, 3, 2, 4]
    # read in order, every line reads on where it stands: nothing moves
    assert reader.strays_in_place([0, 1, 3, 2, 4]) == [0, 1, 3, 2, 4]


def test_an_unfinished_sentence_goes_on_at_full_width_not_on_a_paragraphs_first_line():
    # Column of 30 em. "根据《…政务公" stops 2 em short of the margin without a mark: the first line
    # of a paragraph that lost its indent, which an unfinished sentence ("…活跃状态，") never goes
    # on into; a full line does.
    from bulletin.ingest.continuity import ContinuityModel
    from bulletin.ingest.text_spreads import _Reader

    texts = ["进一步增强的趋势。值得注意的是，当前我国地震活动的活跃状，",
             "根据《中共中央办公厅国务院办公厅印发〈关于全面推进政务公",
             "是在全球7级大震活动增强的背景上出现的。1995年全球共发生7级以"]
    reader = _Reader(texts, ContinuityModel(texts), 30.0, None, None)
    assert reader.short_by_lost_indent(1) and not reader.short_by_lost_indent(2)
    assert reader.reads_on(0, 1) < reader.reads_on(0, 2)
    assert reader.reads_on(0, 1) < 0


def test_a_cell_wrapped_inside_its_bracket_goes_on_and_a_bare_amount_is_a_cell():
    # "登錄之金額（澳" opens a bracket that "門幣）" closes: one cell wrapped, not a finished line
    # before one that cannot begin; "$141,060,000.00" is a table cell, however wide.
    from bulletin.ingest.continuity import ContinuityModel
    from bulletin.ingest.lines import leaves_bracket_open
    from bulletin.ingest.text_spreads import _Reader

    assert leaves_bracket_open("登錄之金額（澳") and not leaves_bracket_open("（澳門幣）")
    assert not leaves_bracket_open("“九五”期间")
    texts = ["經濟分類", "名稱", "登錄之金額（澳", "門幣）", "$141,060,000.00", "$94,765,910.00", "$46,294,090.00",
             "總計"]
    reader = _Reader(texts, ContinuityModel(texts), 30.0, None, None)
    assert reader.reads_on(2, 3) > 0
    assert all(reader.is_cell[4:7])


def test_a_heading_run_into_the_other_pages_block_goes_to_the_page_whose_numbering_it_continues():
    # One block of pdftotext's text held 「…实施意见。」 and 「一、把握…」 of one page and, between
    # them, 「三、…」 of the page beside it: where it stands, 一、 follows 三、 at once; on the other
    # page 二、 is the heading of its kind before it.
    from bulletin.ingest.continuity import ContinuityModel
    from bulletin.ingest.text_spreads import _Reader

    texts = ["二、关于年度地震重点危险区的判定", "年度地震趋势会商会只根据震情因素，确定当年发震可能性较大的地区。",
             "全面推进政务公开工作提出如下实施意见。", "三、关于进一步加强防震减灾工作的意见", "一、把握总体要求，明确工作目标",
             "针对上述地震形势，我局建议防震减灾工作的目标是："]
    reader = _Reader(texts, ContinuityModel(texts), 30.0, None, None)
    assert reader.headings_by_numbering([0, 1, 5], [2, 3, 4]) == ([0, 1, 3, 5], [2, 4])
    # 三、 followed by 四、 on its page reads on there: it stays
    texts[4] = "四、把握总体要求，明确工作目标"
    reader = _Reader(texts, ContinuityModel(texts), 30.0, None, None)
    assert reader.headings_by_numbering([0, 1, 5], [2, 3, 4]) == ([0, 1, 5], [2, 3, 4])
