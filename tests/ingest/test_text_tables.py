"""Tables in pdftotext output (bulletin.ingest.text_tables), checked against the corpus.

The expected rows come from the `table` blocks of tests/corpus/inputs/bNN.expected.json (made from
the ground truth, independently of the extracted text), compared without white space.
"""
import json
import re
from pathlib import Path

import pytest

from bulletin.ingest.plain_tables import find_plain_tables
from bulletin.ingest.text_tables import find_grid_tables

INPUTS = Path(__file__).resolve().parents[1] / "corpus" / "inputs"
SINGLE = ["a4", "a4-notoc", "trad"]  # one column of text on the page


def _norm(rows):
    return [[re.sub(r"\s+", "", cell) for cell in row] for row in rows]


def _expected(bulletin: str, variant: str):
    name = f"{bulletin}-trad.expected.json" if variant == "trad" else f"{bulletin}.expected.json"
    data = json.loads((INPUTS / name).read_text(encoding="utf-8"))
    return [_norm(block["rows"]) for article in data["articles"] for block in article.get("blocks", [])
            if isinstance(block, dict) and block.get("kind") == "table"]


def _pages(path: Path):
    return [[row.rstrip() for row in page.split("\n")] for page in path.read_text(encoding="utf-8").split("\f")]


def _grid(path: Path):
    found = []
    for rows in _pages(path):
        for table in find_grid_tables(rows):
            assert 0 <= table.first < table.last < len(rows)
            assert rows[table.first].strip() and rows[table.last].strip()
            assert all(len(row) == len(table.cells[0]) for row in table.cells)
            found.append(_norm(table.cells))
    return found


def _plain(path: Path):
    lines = [line for line in path.read_text(encoding="utf-8").replace("\f", "\n").split("\n") if line.strip()]
    tables = find_plain_tables(lines)
    for table in tables:
        assert lines[table.first].strip() == table.cells[0][0]
    return [_norm(t.cells) for t in tables]


def _fragment(table, expected):
    """Rows of a true table (one cut by a page break or a column cut)."""
    return any(all(row in exp for row in table[1:]) for exp in expected)


BULLETINS = sorted({p.name[:3] for p in INPUTS.glob("b*.expected.json")})
TABLED = [b for b in BULLETINS if _expected(b, "a4")]


def test_corpus_has_tables():
    assert TABLED == ["b04", "b09"]


@pytest.mark.parametrize("variant", SINGLE)
@pytest.mark.parametrize("bulletin", TABLED)
def test_grid_tables_single_column_exact(bulletin, variant):
    assert _grid(INPUTS / f"{bulletin}-{variant}.layout.txt") == _expected(bulletin, variant)


def test_grid_tables_two_column_pages():
    """Tables set across a two-column page, found on the whole page: b04's two (wrapped cells,
    split numbers such as `05-00-00-0`/`0`) and b09's first and fourth; b09's second is cut by a
    page break (header and first row on one page)."""
    b04 = _grid(INPUTS / "b04-twocol.layout.txt")
    assert b04 == _expected("b04", "twocol")
    b09 = _grid(INPUTS / "b09-twocol.layout.txt")
    exp = _expected("b09", "twocol")
    assert exp[0] in b09 and exp[3] in b09
    assert all(t in exp or _fragment(t, exp) for t in b09)


@pytest.mark.parametrize("bulletin", BULLETINS)
def test_grid_tables_no_false_tables(bulletin):
    for variant in SINGLE + ["twocol"]:
        exp = _expected(bulletin, variant)
        for table in _grid(INPUTS / f"{bulletin}-{variant}.layout.txt"):
            assert table in exp or _fragment(table, exp), (variant, table)


@pytest.mark.parametrize("variant", SINGLE)
def test_plain_tables_b09(variant):
    # The fourth table wraps cells, sets two cells on one line and (a4, trad) prints its last
    # row's 申报县 after the page number.
    assert _plain(INPUTS / f"b09-{variant}.txt") == _expected("b09", variant)


def test_plain_tables_b09_narrow_column():
    # Two columns a page: the fourth table's cells wrap onto two or three lines each; the second
    # table's header and first row stand at a column's foot and come out column by column.
    assert _plain(INPUTS / "b09-twocol.txt") == _expected("b09", "twocol")


def test_plain_table_header_and_first_row_read_column_by_column():
    lines = ["二、传统音乐", "序号", "7", "-4-", "编号", "Ⅱ-1", "项目名称", "金氏古筝", "申报地区", "临清市",
             "8", "Ⅱ-2", "东南庄唢呐", "冠县", "三、传统舞蹈"]
    [table] = find_plain_tables(lines)
    assert (table.first, table.last, table.outside) == (1, 13, (3,))
    assert table.cells == [["序号", "编号", "项目名称", "申报地区"], ["7", "Ⅱ-1", "金氏古筝", "临清市"],
                           ["8", "Ⅱ-2", "东南庄唢呐", "冠县"]]
    # Pairs that do not reach the next row's number are no table.
    assert find_plain_tables(["序号", "7", "编号", "Ⅱ-1", "项目名称", "特此通知。"]) == []


@pytest.mark.parametrize("bulletin", BULLETINS)
def test_plain_tables_no_false_tables(bulletin):
    for variant in SINGLE + ["twocol", "booklet"]:
        exp = _expected(bulletin, variant)
        for table in _plain(INPUTS / f"{bulletin}-{variant}.txt"):
            # booklet spreads cut a table between pages: its rows, in order, under its header
            assert table in exp or variant == "booklet" and _fragment(table, exp), (variant, table)


# ------------------------------------------------------------------ hand-made cases

PROSE = [
    "    各地各有关部门要进一步增强责任感和紧迫感，坚持“保护为主、抢救第一、",
    "合理利用、传承发展”的工作方针，按照《中华人民共和国非物质文化遗产法》",
    "《四川省非物质文化遗产条例》等法律法规要求，采取切实有效措施，做好非物质",
    "文化遗产的保护利用工作，为创响“蜀人原乡”文化品牌，传承和弘扬本土优秀传",
    "统文化做出新的贡献。",
]


def test_grid_prose_with_double_spaces_is_no_table():
    rows = [
        "    各地各有关部门要进一步增强责任感和紧迫感，坚持“保护为主、  抢救第一、",
        "合理利用、传承发展”的工作方针，按照《中华人民共和国  非物质文化遗产法》",
        "《四川省非物质文化遗产条例》等法律法规要求，  采取切实有效措施，做好非物质",
        "统文化做出新的贡献。",
    ]
    assert find_grid_tables(rows) == []
    assert find_grid_tables(PROSE) == []


def test_grid_two_column_prose_is_no_table():
    rows = [
        "  为切实做好全市非物质文化遗产保护工作，根      第四批市级非物质文化遗产名录（共11项）已",
        "据《中华人民共和国非物质文化遗产法》和《山东      经市政府同意，现予公布。",
        "省非物质文化遗产名录申报评定暂行办法》，市文        各地各有关部门要进一步增强责任感和紧迫",
        "广新局对全市申报的非物质文化遗产进行了科学考      感，坚持“保护为主、抢救第一、合理利用、传承",
        "证和认真评审，确定了第三批市级非物质文化遗产      发展”的工作方针，按照《中华人民共和国非物质",
        "",
        "关于印发吉安市市本级政务公开工作实          聊城市人民政府关于公布第三批市级非",
        "施细则的通知                              物质文化遗产名录的通知",
        "（吉府发〔2003〕37号）                       （聊政发〔2011〕91号）",
    ]
    assert find_grid_tables(rows) == []


def test_grid_signature_date_title_and_contents_are_no_table():
    rows = [
        "            第四批资阳市非物质文化遗产名录",
        "",
        "                                  资阳市人民政府",
        "                                  2018年8月27日",
        "                                          市长  张三",
        "                                   2018年8月27日",
        "国务院关于同意福建省设立泉州市泉港区的批复……………………    1",
        "资阳市人民政府关于公布第四批市级非物质文化遗产名录的通知……    3",
        "吉安市人民政府关于印发政务公开工作实施细则的通知…………    5",
    ]
    assert find_grid_tables(rows) == []


def test_grid_wrapped_cells_join_without_space():
    rows = [
        "序号      项目类别       项目名称     申报县（区）     项目保护单位",
        "1    民间文学      丹山白塔传说       雁江区      雁江区丹山镇人民政府",
        "5    传统技艺      乐至外婆坛子肉制作技 乐至县        四川省兄妹食品有限责",
        "               艺                     任公司",
        "",
        "    二、传统音乐（共计2项）",
    ]
    [table] = find_grid_tables(rows)
    assert (table.first, table.last) == (0, 3)
    assert table.cells[2] == ["5", "传统技艺", "乐至外婆坛子肉制作技艺", "乐至县", "四川省兄妹食品有限责任公司"]


def test_plain_list_of_headings_and_signatures_is_no_table():
    lines = ["一、总体要求", "二、主要任务", "三、保障措施", "附件：1.名单", "2.分工",
             "资阳市人民政府", "2018年8月27日", "1", "第一章 总 则", "2", "第二章 职责"]
    assert find_plain_tables(lines) == []
    assert find_plain_tables([line.strip() for line in PROSE]) == []


def test_plain_table_with_wrapped_cell():
    lines = ["序号", "单位", "地址", "1", "市文化馆", "人民路1号", "2", "市图书馆", "文化路2号",
             "3", "市博物馆东区分", "馆", "和平路3号", "4", "市档案馆", "建设路4号", "特此公告。"]
    [table] = find_plain_tables(lines)
    assert (table.first, table.last) == (0, 15)
    assert table.cells[3] == ["3", "市博物馆东区分馆", "和平路3号"]


def test_plain_table_cells_set_close_share_a_line_and_wrap_under_their_first():
    # pdftotext prints neighbouring cells set close as one line ("丹山白塔传 雁江区"); the
    # first cell's wrapped line ("说") comes next, flush left under it.
    lines = ["附件", "序号", "类别", "名称", "地区", "单位",
             "1", "民间文学", "丹山白塔传 雁江区", "说", "雁江区丹山", "镇人民政府",
             "2", "传统美术", "东峰剪纸", "雁江区", "雁江区东峰", "镇初级中学",
             "3", "传统体育、 安岳武台演 安岳县", "游艺与竞技 战高狮", "安岳县文化", "馆",
             "4", "传统技艺", "乐至仙荷藕 乐至县", "粉制作技艺", "四川通世达", "生物科技有", "限公司",
             "-5-"]
    [table] = find_plain_tables(lines)
    assert (table.first, table.last) == (1, 29)
    assert table.cells == [["序号", "类别", "名称", "地区", "单位"],
                           ["1", "民间文学", "丹山白塔传说", "雁江区", "雁江区丹山镇人民政府"],
                           ["2", "传统美术", "东峰剪纸", "雁江区", "雁江区东峰镇初级中学"],
                           ["3", "传统体育、游艺与竞技", "安岳武台演战高狮", "安岳县", "安岳县文化馆"],
                           ["4", "传统技艺", "乐至仙荷藕粉制作技艺", "乐至县", "四川通世达生物科技有限公司"]]


def test_plain_table_cell_printed_after_the_page_foot_fills_the_last_row():
    lines = ["序号", "名称", "地区", "单位", "1", "东峰剪纸", "雁江区", "雁江区东峰镇中学",
             "2", "安岳石工号子", "安岳县", "安岳县文化馆", "3", "乐至县缫丝技艺", "乐至县红旗丝绸有",
             "限公司", "—5—", "乐至县"]
    [table] = find_plain_tables(lines)
    assert (table.first, table.last, table.outside) == (0, 17, (16,))
    assert table.cells[-1] == ["3", "乐至县缫丝技艺", "乐至县", "乐至县红旗丝绸有限公司"]


def test_plain_table_ends_at_its_last_clean_row_before_a_repeated_header():
    # The next table's header and its first row follow: they are not the last row's wraps.
    lines = ["一、民间文学", "序号", "编号", "名称", "1", "Ⅰ-1", "菜瓜打金牛的传说", "2", "Ⅰ-2", "小县官的故事",
             "3", "Ⅰ-3", "武训故事", "二、传统音乐", "序号", "4", "-4-", "编号", "Ⅱ-1", "名称", "金氏古筝"]
    [table] = find_plain_tables(lines)
    assert (table.first, table.last) == (1, 12)
    assert table.cells[-1] == ["3", "Ⅰ-3", "武训故事"]


def test_rows_typed_one_to_a_line_with_spaced_cells_are_a_table():
    from bulletin.ingest.plain_tables import find_spaced_tables

    lines = ["一、民间文学", "序号 编号 项目名称 申报地区", "1 Ⅰ-1 菜瓜打金牛的传说 茌平县", "2 Ⅰ-2 小县官的故事 茌平县",
             "二、传统音乐"]
    tables = find_spaced_tables(lines)
    assert [(t.first, t.last) for t in tables] == [(1, 3)]
    assert tables[0].cells == [["序号", "编号", "项目名称", "申报地区"], ["1", "Ⅰ-1", "菜瓜打金牛的传说", "茌平县"],
                               ["2", "Ⅰ-2", "小县官的故事", "茌平县"]]


def test_spaced_words_in_prose_or_a_single_row_are_no_table():
    from bulletin.ingest.plain_tables import find_spaced_tables

    assert find_spaced_tables(["组 长 负责 全面工作", "1 项 任务 已经完成。", "2 项 任务 正在推进。"]) == []
    assert find_spaced_tables(["序号 编号 项目名称", "1 Ⅰ-1 菜瓜打金牛的传说"]) == []
    assert find_spaced_tables(["中华人民共和国主席 胡锦涛", "2003年4月26日"]) == []


def test_a_table_split_at_a_page_turn_is_one_table():
    from bulletin.ingest.blocks import classify, group_lines
    from bulletin.ingest.layout import PageLine

    def row(cells, page, table):
        return PageLine(text=" ".join(cells), page=page, table=table, cells=cells)

    # rows 1-2 on page 4, row 3 on page 5: the printer does not repeat the header
    lines = [row(["序号", "项目名称", "申报地区"], 4, 1), row(["1", "金氏古筝", "临清市"], 4, 1),
             row(["2", "东南庄唢呐", "冠县"], 5, 2)]
    blocks = classify(group_lines(lines, "layout-text"), "layout-text")
    assert [b.kind for b in blocks] == ["table"]
    assert blocks[0].rows == [["序号", "项目名称", "申报地区"], ["1", "金氏古筝", "临清市"], ["2", "东南庄唢呐", "冠县"]]
    # rows of another width after the turn, or two tables on one page, stay apart
    other = [lines[0], lines[1], row(["经常收入", "100"], 5, 2)]
    assert len(group_lines(other, "layout-text")) == 2
    same_page = [lines[0], lines[1], row(["3", "跑竹马", "茌平县"], 4, 2)]
    assert len(group_lines(same_page, "layout-text")) == 2


def test_spaced_rows_hard_wrapped_at_the_column_run_on():
    from bulletin.ingest.plain_tables import find_spaced_tables

    # Wrapped at 20 em: inside a cell (项目 / 保护单位, 雁江区丹 / 山镇人民政府) or between two
    # cells (… 安岳武台演战高狮 / 安岳县 …). A short last row takes no following line.
    lines = ["序号 项目类别 项目名称 申报县（区） 项目", "保护单位",
             "1 民间文学 丹山白塔传说 雁江区 雁江区丹", "山镇人民政府",
             "2 传统体育、游艺与竞技 安岳武台演战高狮", "安岳县 安岳县文化馆",
             "3 传统技艺 东峰剪纸 雁江区 雁江区文化馆", "4 传统音乐 号子 安岳县 文化馆", "附件二"]
    [table] = find_spaced_tables(lines, 20.0)
    assert (table.first, table.last) == (0, 7)
    assert table.cells == [["序号", "项目类别", "项目名称", "申报县（区）", "项目保护单位"],
                           ["1", "民间文学", "丹山白塔传说", "雁江区", "雁江区丹山镇人民政府"],
                           ["2", "传统体育、游艺与竞技", "安岳武台演战高狮", "安岳县", "安岳县文化馆"],
                           ["3", "传统技艺", "东峰剪纸", "雁江区", "雁江区文化馆"],
                           ["4", "传统音乐", "号子", "安岳县", "文化馆"]]
    # Without a known column width no row runs on.
    assert find_spaced_tables(lines, 0.0) == []


def test_amount_table_keeps_its_lines_from_the_header_on():
    from bulletin.ingest.amount_tables import find_amount_tables

    # A budget printed one cell block a line, its rows out of order; the title above is longer
    # than a label, the rule line below ends the table, the page number inside it stays outside.
    lines = ["二零零二年九月六日", "終審法院院長辦公室二零零二年財政年度第二補充預算",
             "經濟分類", "名稱", "登錄之金額（澳門", "幣）", "註銷（澳門幣）",
             "05-01-01-00 澳門特別行政區政", "府津貼", "$141,060,000.00", "—4—", "$46,294,090.00",
             "總計", "$141,060,000.00", "$46,294,090.00", "經常收入", "———", "二零零二年七月二十四日於終審法院"]
    [table] = find_amount_tables(lines)
    assert (table.first, table.last, table.outside) == (2, 15, (10,))
    # Rows: the labels (one wrapped inside its brackets), 經常收入 (printed after the amounts,
    # back under the header), a code with its wrapped name and two amounts, the total.
    assert table.cells == [["經濟分類", "名稱", "登錄之金額（澳門幣）", "註銷（澳門幣）"],
                           ["經常收入", "", "", ""],
                           ["05-01-01-00", "澳門特別行政區政府津貼", "$141,060,000.00", "$46,294,090.00"],
                           ["總計", "", "$141,060,000.00", "$46,294,090.00"]]


def test_amount_table_whose_rows_the_text_does_not_show_keeps_its_lines():
    from bulletin.ingest.amount_tables import find_amount_tables

    # A narrow column broke the amounts themselves: no rows, the printed lines in order.
    lines = ["經濟分類", "名稱", "登錄之金", "額（澳門", "幣）", "05-01-01-0 澳門特別", "0", "府津貼",
             "$141,060,0 $94,765,91", "00.00", "0.00", "總計", "$141,060,0 $94,765,91", "00.00", "0.00", "———"]
    [table] = find_amount_tables(lines)
    assert [row for [row] in table.cells] == lines[:15]


def test_amounts_in_prose_or_a_contents_page_are_no_table():
    from bulletin.ingest.amount_tables import find_amount_tables

    prose = ["核准第二補充預算，金額為$46,294,090.00（澳門幣），", "該預算為本批示之組成部分。",
             "撥款$2.27及$46,294,092.27已列入。"]
    assert find_amount_tables(prose) == []
    contents = ["預算表 ……………… 1,234.50", "附表一 ……………… 2,345.00", "附表二 ……………… 3,456.00"]
    assert find_amount_tables(contents) == []
    assert find_amount_tables(["金額", "$2.27", "$3.10"]) == []  # two amounts: too few to tell


def test_amount_table_in_plain_text_is_one_table_block_and_swallows_no_prose():
    from bulletin.ingest.blocks import classify, group_lines
    from bulletin.ingest.text_layout import read_text_layout

    lines = ["核准本年度補充預算，金額為$46,294,090.00，該預算為本批示之組成部分，自公佈翌日起生效。",
             "二零零二年九月六日", "終審法院院長辦公室第二補充預算",
             "經濟分類", "名稱", "登錄之金額（澳門幣）", "註銷（澳門幣）", "05-01-01-00 澳門特別行政區政府津貼",
             "$141,060,000.00", "$46,294,090.00", "總計", "$141,060,000.00", "$46,294,090.00", "———"]
    layout = read_text_layout("\n".join(lines))
    blocks = classify(group_lines(layout.lines, layout.kind), layout.kind)
    assert [b.kind for b in blocks] == ["paragraph", "date", "paragraph", "table", "paragraph"]
    assert blocks[1].text == "二零零二年九月六日"
    assert blocks[2].text == "終審法院院長辦公室第二補充預算"  # the table's title, not a heading
    assert blocks[3].rows == [["經濟分類", "名稱", "登錄之金額（澳門幣）", "註銷（澳門幣）"],
                              ["05-01-01-00", "澳門特別行政區政府津貼", "$141,060,000.00", "$46,294,090.00"],
                              ["總計", "", "$141,060,000.00", "$46,294,090.00"]]


def test_overlapping_table_readers_never_count_a_line_twice():
    """Known case (b09, default text of printer spreads): after the sheets are cut into pages, two
    table readers claimed the same lines, and the ledger counted two lines twice (an error)."""
    from pathlib import Path

    from bulletin.ingest.pipeline import parse_bulletin

    data = (Path(__file__).resolve().parents[1] / "corpus" / "inputs" / "b09-booklet.txt").read_bytes()
    parsed = parse_bulletin(data, "b09-booklet.txt")
    assert parsed.ledger.balanced and len(parsed.articles) >= 3


def _markup_table(n: int):
    from tests.corpus.build import corpus_file

    return [[cell.strip() for cell in line.strip()[1:-1].split("|")]
            for line in corpus_file(n).read_text(encoding="utf-8").splitlines() if line.startswith("|")]


def test_plain_table_runs_on_over_a_page_turn_without_its_header():
    """The 名录 of 28 as b09-booklet.txt prints it: rows 1-3 end page 5, its page number and page
    6's running head follow, rows 4-7 go on without the header. One table; the page foot and the
    head stay outside it. A column is as wide as its widest line, the header's 申报县（区） too, so
    乐至仙荷藕粉制 / 作技艺 is one cell that wraps, not 作技艺 + 乐至县 in the next column."""
    expected = _markup_table(28)
    printed = ["序号", "项目类别", "项目名称", "申报县（区）", "项目保护单位",
               "1", "民间文学", "丹山白塔传说", "雁江区", "雁江区丹山镇人", "民政府",
               "2", "传统美术", "东峰剪纸", "雁江区", "雁江区东峰镇初", "级中学",
               "3", "传统音乐", "安岳石工号子", "安岳县", "安岳县文化馆",
               "-5-", "资阳市人民政府公报 2018·9",
               "4", "传统体育、游艺", "与竞技", "安岳武台演战高", "狮", "安岳县", "安岳县文化馆",
               "5", "传统技艺", "乐至外婆坛子肉", "制作技艺", "乐至县", "四川省兄妹食品", "有限责任公司",
               "6", "传统技艺", "乐至仙荷藕粉制", "作技艺", "乐至县", "四川通世达生物", "科技有限公司",
               "7", "传统技艺", "乐至县缫丝技艺", "乐至县", "乐至县红旗丝绸", "有限责任公司", "-6-"]
    [table] = find_plain_tables(printed, frozenset({23}))
    assert (table.first, table.last, table.outside) == (0, len(printed) - 2, (22, 23))
    assert table.cells == expected


def test_b09_booklet_keeps_the_row_beside_the_cover_in_its_table():
    """b09-booklet.txt: sheet 1 prints page 6 (rows 4-7 of the 名录) beside the cover; the row's
    number 4 comes out before the cover's masthead lines, and the cover holds nothing but those."""
    from bulletin.ingest.pipeline import parse_text
    from tests.corpus.build import corpus_file
    from tests.corpus.markup import read_markup

    bulletin = parse_text((INPUTS / "b09-booklet.txt").read_text(encoding="utf-8"))
    title = read_markup(corpus_file(28))["title"]
    (article,) = [a for a in bulletin.articles if a.title == title]
    assert [_norm(b.rows) for b in article.blocks if b.kind == "table"] == [_norm(_markup_table(28))]


def test_a_table_split_at_a_column_turn_is_one_table():
    """b09-twocol.pdf: the table under 二、传统音乐 of 27 ends its column after row 7; row 8 heads
    the next column of the same page without the header. One table, as the markup has it; two
    tables in one column stay apart."""
    from bulletin.ingest.blocks import classify, group_lines
    from bulletin.ingest.layout import PageLine

    expected = _markup_table(27)[7:10]  # the header again, rows 7 and 8
    assert expected[0][0] == "序号" and [row[0] for row in expected[1:]] == ["7", "8"]

    def row(cells, column, table):
        return PageLine(text=" ".join(cells), page=3, column=column, column_count=2, table=table, cells=cells)

    lines = [row(expected[0], 0, 1), row(expected[1], 0, 1), row(expected[2], 1, 2)]
    blocks = classify(group_lines(lines, "pdf"), "pdf")
    assert [b.kind for b in blocks] == ["table"] and blocks[0].rows == expected
    one_column = [row(expected[0], 0, 1), row(expected[1], 0, 1), row(expected[2], 0, 2)]
    assert len(group_lines(one_column, "pdf")) == 2
