"""The recogniser's steps on small inputs written for each rule: entry normalisation, the shapes of
an official document's parts, contents pages in every form, text layouts, furniture, blocks and
articles. Expected values are read off the hand-written input, never off the importer."""
import datetime as dt

import pytest

from bulletin.ingest.anatomy import (
    doc_type_of, ends_like_title, is_addressee, is_date_line, is_doc_number, is_speaker, parse_date,
)
from bulletin.ingest.document import Article, Block
from bulletin.ingest.errors import IngestError
from bulletin.ingest.layout import CENTER, RIGHT, PageLine
from bulletin.ingest.masthead import read_contents
from bulletin.ingest.normalize import count_unfolded, normalize_text
from bulletin.ingest.pipeline import parse_text
from bulletin.ingest.recognise import _check_characters
from bulletin.ingest.text_layout import read_text_layout, robust_column_width


# ---------------------------------------------------------------- normalisation on entry


def test_radicals_and_compatibility_ideographs_fold_to_unified_ideographs():
    assert normalize_text("⼀、⽂件⻓期有效") == "一、文件长期有效"
    assert normalize_text("\uf900\u2f00") == "豈一"  # a compatibility ideograph, a Kangxi radical
    assert count_unfolded(normalize_text("⽇⽉⽔⽕")) == 0


def test_normalisation_rewrites_nothing_else():
    text = "各區人民政府，市政府各部門：（一）2024年“十四五”ＧＤＰ增長5%！"
    assert normalize_text(text) == text


# ---------------------------------------------------------------- shapes of a document's parts


@pytest.mark.parametrize("text", ["京政办发〔2016〕26号", "（国函[20O0]31号）", "明府辦〔2015〕144號", "第82号", "第三号",
                                  "（方征启公告﹝2022﹞4号）"])
def test_doc_numbers(text):
    assert is_doc_number(text)


@pytest.mark.parametrize("text", ["根据京政办发〔2016〕26号文件精神，", "2016年26号", "第一条 为规范工作"])
def test_not_doc_numbers(text):
    assert not is_doc_number(text)


@pytest.mark.parametrize("text, date", [
    ("2018年12月18日", dt.date(2018, 12, 18)),
    ("二OO六年二月二十日", dt.date(2006, 2, 20)),
    ("二〇〇四年十一月四日", dt.date(2004, 11, 4)),
    ("二零一二年七月五日於行政長官辦公室", dt.date(2012, 7, 5)),
])
def test_date_lines_in_every_numeral_form(text, date):
    assert is_date_line(text) and parse_date(text) == date


def test_a_bracketed_date_under_a_title_is_a_note_not_a_signature_date():
    assert not is_date_line("（2022年1月5日）")
    assert not is_date_line("2018年12月18日印发的通知要求各地")


@pytest.mark.parametrize("text", ["各区人民政府，市政府有关部门：", "国务院：", "石英代表：", "马万祺副主席：",
                                  "各鎮政府、街道辦，西江新城管委會，區政府有關部門、直屬有關單位："])
def test_addressees(text):
    assert is_addressee(text)


@pytest.mark.parametrize("text", ["各位代表：", "为进一步深化文化体制改革，特制定以下规定：",
                                  "根据第十届全国人民代表大会常务委员会第二次会议于2003年4月26日的决定：", "组 长："])
def test_not_addressees(text):
    assert not is_addressee(text)


def test_speaker_lines_and_a_title_line_that_names_an_office():
    assert is_speaker("市长 王吉") and is_speaker("东乌旗人民政府代旗长 周玉龙")
    assert not is_speaker("市长孔晓宏代理市长的决定")


def test_titles_end_with_a_document_type():
    assert ends_like_title("临沧市人民政府关于印发临沧市道路交通安全管理特别规定（试行）的通知")
    assert doc_type_of("内蒙古自治区人民政府令") == "令"
    assert doc_type_of("实施方案（试行）") == "方案"
    assert not ends_like_title("根据《中共中央办公厅关于全面推进政务公开工作的意见的通知》")


# ---------------------------------------------------------------- contents pages


def lines_of(*texts, **attrs):
    return [PageLine(text=t, source=(i,), **attrs) for i, t in enumerate(texts)]


def test_contents_with_leaders_on_the_line_and_categories():
    lines = lines_of("市政府文件", "某市人民政府关于印发某某办法的通知……………3", "人事任免", "某市人民政府任免通知. . . . . . 9")
    entries, used, end = read_contents(lines, 0, len(lines), None)
    assert [(e.title, e.category, e.page) for e in entries] == [
        ("某市人民政府关于印发某某办法的通知", "市政府文件", 3), ("某市人民政府任免通知", "人事任免", 9)]
    assert used == {0, 1, 2, 3} and end == 4


def test_contents_with_short_leaders_wrapped_titles_and_pages_on_the_next_line():
    lines = lines_of("镇巴县人民政府工作规则……2", "某市人民政府关于印发某某市道路交通安全管理特别规定",
                     "（试行）的通知 . . . . . . .", "7")
    entries, _, _ = read_contents(lines, 0, len(lines), None)
    assert [(e.title, e.page) for e in entries] == [
        ("镇巴县人民政府工作规则", 2), ("某市人民政府关于印发某某市道路交通安全管理特别规定（试行）的通知", 7)]


def test_contents_whose_pages_stand_in_a_column_of_their_own_after_the_titles():
    lines = lines_of("某市人民政府关于甲事项的通知", "某市人民政府关于乙事项的决定", "某市人民政府办公室关于丙事项的意见", "1", "4", "8")
    entries, _, end = read_contents(lines, 0, len(lines), None)
    assert [(e.title, e.page) for e in entries] == [
        ("某市人民政府关于甲事项的通知", 1), ("某市人民政府关于乙事项的决定", 4), ("某市人民政府办公室关于丙事项的意见", 8)]
    assert end == 6


def test_a_line_of_text_ending_in_a_number_is_no_contents_entry():
    lines = lines_of("某市人民政府关于甲事项的通知……1", "变电站 8 座，新增换电站 5")
    entries, _, end = read_contents(lines, 0, len(lines), None)
    assert [e.title for e in entries] == ["某市人民政府关于甲事项的通知"] and end == 1


# ---------------------------------------------------------------- text layouts


def test_column_width_is_not_outvoted_by_a_list_of_short_lines():
    prose = [30.0, 30.0, 29.5, 30.0, 30.5, 30.0, 29.0, 30.0, 18.0, 30.0]
    short_list = [6.0, 7.0, 6.0, 5.0, 6.0, 7.0, 6.0, 6.0, 5.0, 6.0, 6.0, 7.0, 6.0, 6.0]
    assert robust_column_width(prose + short_list) == pytest.approx(30.0, abs=0.5)


def _two_column_page() -> tuple[str, list[str], list[str]]:
    """A -layout page: a title across both columns, then two columns of 20 cells, 4 apart; each
    paragraph's first line indented by 2 cells, its last line short."""
    left, right = [], []
    for column, prefix in ((left, "左"), (right, "右")):
        for _ in range(4):
            column += ["  " + (prefix + "栏段落首行文字继续写下去直到")[:18],
                       (prefix + "栏段落第二行文字继续写下去直到行末")[:20],
                       (prefix + "栏段落第三行文字继续写下去直到行末")[:20],
                       prefix + "栏结束。"]
    rows = ["             某市人民政府关于加强某项工作的通知", ""]
    rows += [f"{a}    {b}" for a, b in zip(_pad(left), _pad(right))]
    return "\n".join(rows), left, right


def _pad(column: list[str]) -> list[str]:
    # One CJK character is one cell of the grid: pad to 20 cells with spaces.
    return [text + " " * (20 - len(text)) for text in column]


def test_layout_text_gives_columns_in_reading_order_with_indents_and_centring():
    page, left, right = _two_column_page()
    layout = read_text_layout(page)
    assert layout.kind == "layout-text"
    texts = [line.text for line in layout.lines]
    assert texts == ["某市人民政府关于加强某项工作的通知"] + [t.strip() for t in left] + [t.strip() for t in right]
    assert layout.lines[0].align == CENTER and layout.lines[0].column == -1
    firsts = [line for line in layout.lines if "首行" in line.text]
    assert len(firsts) == 8 and all(line.indent == 2 for line in firsts)
    assert {line.column for line in layout.lines[1:]} == {0, 1}
    parsed_blocks = [line.text for line in layout.lines if line.right_gap > 3 and line.column >= 0]
    assert all(text.endswith("结束。") for text in parsed_blocks)


# ---------------------------------------------------------------- whole bulletins in text


def _wrap(paragraph: str, width: int = 30) -> list[str]:
    """Hard-wrap like pdftotext: the first line is short by the 2-em indent it lost."""
    lines, line, room = [], "", width - 2
    for ch in paragraph:
        if len(line) == room:
            lines.append(line)
            line, room = "", width
        line += ch
    return lines + [line]


PARAGRAPHS = [
    "现将《临江市城市道路管理办法》印发给你们，请认真贯彻执行。执行中遇到的问题，请径向市住房城乡建设局反映，"
    "由市住房城乡建设局会同有关部门研究解决。",
    "第一条 为加强城市道路管理，保障城市道路完好，充分发挥城市道路功能，促进城市经济和社会发展，根据有关法律法规，"
    "结合本市实际，制定本办法。",
    "第二条 本办法适用于本市城市道路的规划、建设、养护、维修和路政管理，以及与城市道路有关的其他活动。",
    "一、根据《城市道路管理条例》和省有关规定，市住房城乡建设局负责全市城市道路的管理工作，各区人民政府负责本辖区内城市道路的管理工作。",
    "2024年，各单位认真落实市委、市政府决策部署，攻坚克难，真抓实干，各项工作成效明显，涌现出一批工作突出的先进单位。"
    "为表彰先进，激励广大干部群众担当作为，市政府决定对以下单位予以表彰。",
]
PLAIN = "\n".join([
    "临江市人民政府公报",
    "2025年第3期 总第120期 2025年3月15日出版",
    "",
    "临江市人民政府关于印发临江市城市道路管理办法的",
    "通知",
    "临政发〔2025〕7号",
    "各区人民政府，市政府各部门：",
    *_wrap(PARAGRAPHS[0]),
    "附件：1.临江市城市道路管理办法",
    "2.临江市城市道路占用收费标准",
    "临江市人民政府",
    "2025年3月1日",
    "临江市城市道路管理办法",
    "第一章 总则",
    *_wrap(PARAGRAPHS[1]),
    *_wrap(PARAGRAPHS[2]),
    *_wrap(PARAGRAPHS[3]),
    "临江市人民政府关于表彰先进单位的决定",
    "临政发〔2025〕9号",
    "各区人民政府：",
    *_wrap(PARAGRAPHS[4]),
    "临江市人民政府",
    "2025年3月5日",
]) + "\n"


@pytest.fixture(scope="module")
def plain():
    return parse_text(PLAIN, "plain.txt")


def test_a_bulletin_without_a_contents_page_splits_into_its_articles(plain):
    assert (plain.gazette, plain.year, plain.issue, plain.total_issue, plain.published) == (
        "临江市人民政府公报", 2025, 3, 120, dt.date(2025, 3, 15))
    assert [a.title for a in plain.articles] == [
        "临江市人民政府关于印发临江市城市道路管理办法的通知", "临江市人民政府关于表彰先进单位的决定"]


def test_the_anatomy_of_a_notice_each_part_its_own_block(plain):
    notice = plain.articles[0]
    assert (notice.doc_number, notice.addressee, notice.issuer, notice.signed_on, notice.doc_type) == (
        "临政发〔2025〕7号", "各区人民政府，市政府各部门：", "临江市人民政府", dt.date(2025, 3, 1), "通知")
    assert [(b.kind, b.text) for b in notice.blocks[:8]] == [
        ("doc_number", "临政发〔2025〕7号"),
        ("addressee", "各区人民政府，市政府各部门："),
        ("paragraph", PARAGRAPHS[0]),
        ("attachment", "附件：1.临江市城市道路管理办法"),
        ("attachment", "2.临江市城市道路占用收费标准"),
        ("signature", "临江市人民政府"),
        ("date", "2025年3月1日"),
        ("doc_title", "临江市城市道路管理办法"),
    ]


def test_an_embedded_document_keeps_its_headings_and_run_in_articles(plain):
    blocks = plain.articles[0].blocks
    rest = [(b.kind, b.level, b.text) for b in blocks[8:]]
    assert rest == [
        ("heading", 1, "第一章 总则"),
        ("paragraph", None, PARAGRAPHS[1]),
        ("paragraph", None, PARAGRAPHS[2]),
        # a numbered sentence that runs on to 。 is a paragraph with a run-in number
        ("paragraph", None, PARAGRAPHS[3]),
    ]
    decision = plain.articles[1]
    assert [b.kind for b in decision.blocks] == ["doc_number", "addressee", "paragraph", "signature", "date"]
    assert decision.blocks[2].text == PARAGRAPHS[4]


def test_ledger_counts_every_line_once(plain):
    lines = [line for line in PLAIN.splitlines() if line.strip()]
    ledger = plain.ledger
    assert ledger.lines == len(lines) and ledger.balanced
    assert ledger.front_matter == 2 and ledger.furniture == 0 and ledger.duplicate == 0


def test_text_with_page_furniture_and_radicals():
    head, tail = PLAIN.split("临江市城市道路管理办法\n第一章")
    text = head + "— 1 —\n临江市人民政府公报 2025·3\n临江市城市道路管理办法\n第一章" + tail
    parsed = parse_text(text.replace("人", "⼈").replace("一", "⼀"), "radicals.txt")
    clean = parse_text(text, "clean.txt")
    assert parsed.to_json_dict()["articles"] == clean.to_json_dict()["articles"]
    body = "".join(b.text for a in parsed.articles for b in a.blocks)
    assert "⼈" not in body and "人" in body
    assert "— 1 —" not in body and "2025·3" not in body
    assert parsed.ledger.furniture == 2


def test_a_lost_character_is_an_error_not_a_silent_pass():
    line = PageLine(text="第一段文字。", source=(0,))
    article = Article(title="（无标题）", blocks=[Block("paragraph", "第一段文字")])
    with pytest.raises(IngestError, match="正文字符核对不符"):
        _check_characters([line], [0], [article], "x.txt")


def test_right_aligned_lines_of_a_layout_are_signature_and_date():
    layout_text = "\n".join([
        "               某市人民政府公报",
        "             2025年第3期 总第9期",
        "",
        "           某市人民政府关于某某事项的通知",
        "各区人民政府：",
        "  现将有关事项通知如下，请认真贯彻执行。这是第一段文字的第一行，写满",
        "整行为止。",
        "                                             某市人民政府",
        "                                            2025年3月1日",
    ])
    parsed = parse_text(layout_text, "layout.txt")
    blocks = [(b.kind, b.text) for b in parsed.articles[0].blocks]
    assert blocks[-2:] == [("signature", "某市人民政府"), ("date", "2025年3月1日")]
    assert RIGHT  # alignment constant is part of the public model


def test_a_note_in_brackets_wrapped_over_two_lines_is_one_block():
    from bulletin.ingest.blocks import group_lines

    note = [PageLine(text="（2019年8月29日宣城市第四届人民代表大会常务委员会第十九次", page=1, align=CENTER, column_width=30),
            PageLine(text="会议通过）", page=1, align=CENTER, column_width=30),
            PageLine(text="根据《中华人民共和国地方各级人民代表大会和地方各级人民政", page=1, indent=2.0, column_width=30)]
    groups = group_lines(note, "layout-text")
    assert [[line.text for line in group] for group in groups] == [
        ["（2019年8月29日宣城市第四届人民代表大会常务委员会第十九次", "会议通过）"],
        ["根据《中华人民共和国地方各级人民代表大会和地方各级人民政"],
    ]


def test_a_title_set_flush_under_a_table_opens_its_document():
    from bulletin.ingest.layout import Layout
    from bulletin.ingest.titles import find_titles

    # An annex's table ends one page; the next page opens with a title set from the margin
    # (not centred) over its 文号. The table's last row ends a block: the title stands apart.
    rows = [["序号", "编号", "项目名称", "申报地区"], ["11", "Ⅲ-3", "冯圈竹马落子", "临清市"], ["12", "Ⅲ-4", "跑竹马", "茌平县"]]
    lines = [PageLine(" ".join(row), page=1, table=1, cells=row) for row in rows]
    lines += [PageLine("资阳市人民政府关于公布第四批市级非物质文化遗产名", page=2, right_gap=17, column_width=41),
              PageLine("录的通知", page=2, indent=5, right_gap=32, column_width=41),
              PageLine("资府函〔2018〕248号", page=2, indent=10, right_gap=21, column_width=41),
              PageLine("各县（区）人民政府，开发区管委会，市级各部门（单位）：", page=2, right_gap=5, column_width=41)]
    layout = Layout(lines=lines, kind="layout-text", input_lines=len(lines))
    spans = find_titles(layout, list(range(len(lines))), [])
    assert [(s.start, s.end, s.text) for s in spans] == [(3, 5, "资阳市人民政府关于公布第四批市级非物质文化遗产名录的通知")]


def test_words_wrapped_onto_a_line_of_their_own_are_no_speaker():
    # "…负责住房和城乡建设工作 / 的副市长": the line ends in an office, but an office and a
    # name hold no particle 的; these are a sentence's last words.
    assert not is_speaker("的副市长")
    assert not is_speaker("协调工作的副秘书长")
    # a holder's name has two to four characters: one character after the office is a word's tail
    assert not is_speaker("春明辞去安徽省人民政府副省长职")
    assert is_speaker("行政長官辦公室") and is_speaker("静宁县常务副县长杨晓勇")
    assert is_speaker("市长 王吉") and is_speaker("东乌旗人民政府代旗长 周玉龙")


def test_a_note_in_brackets_over_three_lines_goes_on_until_its_bracket_closes():
    from bulletin.ingest.blocks import group_lines
    from bulletin.ingest.layout import LEFT

    # Centred under a title in a PDF: the first two lines share both edges (as a signature block's
    # lines do), but the bracket opened on the first line closes only on the third.
    def line(text, indent, right_gap, gap=0.0):
        return PageLine(text, page=1, indent=indent, right_gap=right_gap, column_width=30.4, align=LEFT,
                        gap_above=gap, measured=True)

    note = [line("（2013年1月17日吉林市第十五届人民政府第1次常务会议审议通", 0.38, 2.36),
            line("过 2013年1月24日吉林市人民政府令第227号公布 自2013年3月1日", 0.32, 2.30),
            line("起施行）", 12.22, 14.21)]
    clause = [line("第一条 为加强城市露天市场的管理，维护市场秩序，确保城市容", 2.0, 0.0, gap=0.8),
              line("貌整洁有序，创造良好的市场经营环境，根据有关法律、法规规定，", 0.0, 0.0)]
    groups = group_lines(note + clause, "pdf")
    assert [[x.text for x in g] for g in groups] == [[x.text for x in note], [x.text for x in clause]]


def test_a_budget_printed_under_a_decision_is_a_document_of_its_own():
    # A 批示 approving a supplementary budget, the budget printed below it as its own document
    # (its title over the table); plain text shows only the title's words, which end in 預算.
    assert doc_type_of("終審法院院長辦公室二零零二年財政年度第二補充預算") == "預算"
    assert doc_type_of("某市2023年度市级决算") == "决算"
    from bulletin.ingest.layout import Layout
    from bulletin.ingest.titles import find_titles

    def line(text, right_gap, **attrs):
        return PageLine(text, page=1, right_gap=right_gap, column_width=40, **attrs)

    lines = [line("第200/2002號行政長官批示", 28), line("核准終審法院院長辦公室二零零二年財政年度第二補充預算，金額為", 2),
             line("$46,294,090.00，該預算為本批示之組成部分。", 14), line("二零零二年九月六日", 31),
             line("行政長官 何厚鏵", 32),
             line("終審法院院長辦公室二零零二年財政年度第二補充預算", 16, gap_above=1.0),  # a blank line above
             line("經濟分類 名稱 登錄之金額", 0, table=1, cells=["經濟分類", "名稱", "登錄之金額"])]
    spans = find_titles(Layout(lines=lines, kind="text", input_lines=len(lines)), list(range(len(lines))), [])
    assert [s.text for s in spans] == ["第200/2002號行政長官批示", "終審法院院長辦公室二零零二年財政年度第二補充預算"]
    assert spans[1].article is False  # named in the 批示 above it: a document it carries


def _titles_of(rows):
    from bulletin.ingest.layout import Layout
    from bulletin.ingest.titles import find_titles

    lines = [PageLine(text, page=1, right_gap=gap, column_width=17) for text, gap in rows]
    return [s.text for s in find_titles(Layout(lines=lines, kind="text", input_lines=len(lines)), list(range(len(lines))), [])]


def test_a_title_hard_wrapped_at_the_column_stands_apart_after_a_documents_end():
    # Seed-like text wraps titles at the column like the body: the title's first line is full,
    # and a paragraph follows. Below a date, a note in brackets or an annex label a new document
    # begins, so the title-shaped lines there are a title.
    first = ("关于印发某市规定的通知", 6)
    body = [("为进一步深化文化体制改革，继续", 2), ("推进国有经营性文化事业单位转企改", 0), ("制，特制定以下规定：", 7)]
    title = [("文化体制改革中经营性文化事业单位转", 0), ("制为企业的规定", 10)]
    for closing in ("2018年12月18日", "（此件公开发布）", "附件2"):
        found = _titles_of([first, ("现印发给你们，请认真贯彻执行。", 2), (closing, 9)] + title + body)
        assert "文化体制改革中经营性文化事业单位转制为企业的规定" in found
    # without a closing before it, the same lines run on in the text: no title
    found = _titles_of([first, ("现印发给你们，请认真贯彻执行。", 2)] + title + body)
    assert not any("文化体制改革" in t for t in found)


def test_the_issuer_under_a_date_printed_first_is_no_part_of_the_title_below():
    # Macau prints the date, then the issuer; the budget's title follows in a hard-wrapped line.
    rows = [("第200/2002號行政長官批示", 5), ("核准該預算為本批示之組成部分。", 2), ("二零零二年九月六日", 8),
            ("行政長官 何厚鏵", 9), ("終審法院院長辦公室二零零二年財政年度第二補充預算", 0), ("經濟分類名稱登錄之金額，經常收入轉移", 0)]
    found = _titles_of(rows)
    assert "終審法院院長辦公室二零零二年財政年度第二補充預算" in found
    assert not any("何厚鏵" in t for t in found)


def test_a_title_wraps_only_where_its_words_no_longer_fit():
    # The pages of a printer's sheet keep no blank lines: the issuer's name (7 em) is followed by
    # the budget's title, itself wrapped (20 em, then its tail). The name had room for the title's
    # next character: it ended there, and the title begins on the longer line below it.
    rows = [("第200/2002號行政長官批示", 5), ("核准該預算為本批示之組成部分。", 2), ("二零零二年九月六日", 8),
            ("行政長官 何厚鏵", 9.75), ("終審法院院長辦公室二零零二年財政年度第", 10), ("二補充預算", 25),
            ("經濟分類名稱登錄之金額，經常收入轉移", 0)]
    from bulletin.ingest.layout import Layout
    from bulletin.ingest.titles import find_titles

    lines = [PageLine(text, page=1, right_gap=gap, column_width=30) for text, gap in rows]
    found = [s.text for s in find_titles(Layout(lines=lines, kind="text", input_lines=len(lines)), list(range(len(lines))), [])]
    assert "終審法院院長辦公室二零零二年財政年度第二補充預算" in found
    assert not any("何厚鏵" in t for t in found)
