"""Tables in `pdftotext -layout` text that go on past a column's foot, and what ends a table:
hand-made pages, cells written from what the text says."""
from bulletin.ingest.anatomy import is_page_number
from bulletin.ingest.blocks import classify, group_lines
from bulletin.ingest.grid_text import read_grid_page
from bulletin.ingest.text_tables import find_grid_tables, rows_going_on

HEADER = ["序号", "编号", "项目名称", "申报地区"]


def _row(left: str, right: str = "") -> str:
    """A row of a two-column page: the left column's text, the right column from cell 36."""
    return (left.ljust(36) + right).rstrip() if right else left


# A two-column page as pdftotext -layout prints it: the left column runs down the whole page and
# ends with a table (二、传统音乐: its header and row 7); the right column, printed beside the
# left column's top, goes on with row 8 of that table (no header repeated), then a section
# heading and a new table. The signature and date, right-set in the left column, stand out into
# the gutter, short of the right column.
PAGE = [
    _row("各县（市、区）人民政府，经济开发区管委会，市", "8        Ⅱ-2   东南庄唢呐        冠县"),
    _row("政府有关部门："),
    _row("  为切实做好全市非物质文化遗产保护工作，根"),
    _row("据有关法律和暂行办法的规定，市文化部门对全", "     三、传统舞蹈（共计2项）"),
    _row("市申报的非物质文化遗产进行了科学考证和认真", "    序号    编号         项目名称    申报地区"),
    _row("评审，确定了第三批市级非物质文化遗产名录，"),
    _row("现予公布。", "9        Ⅲ-1   于窝黄河大秧歌      东阿县"),
    _row("  各级各有关部门要按照有关法规要求，建立健"),
    _row("全保护机制，全面落实保护措施，进一步加大保", "10       Ⅲ-2   麻庄竹马         高唐县"),
    _row("护力度，推动保护工作取得新的成效。"),
    "",
    "      附件：第三批市级非物质文化遗产名录项目",
    "",
    "                     聊城市人民政府",
    "                二○一一年十二月二十六日",
    "",
    "      二、传统音乐（共计2项）",
    "",
    "    序号     编号      项目名称     申报地区",
    "",
    "7         Ⅱ-1    金氏古筝      临清市",
    "",
    "-4-",
]


def test_a_section_heading_ends_a_grid_table():
    # The right column read on its own: row 8 goes on from the column before; 三、传统舞蹈 is
    # the next table's heading, neither a group row nor a wrapped cell of row 8.
    column = ["8        Ⅱ-2   东南庄唢呐        冠县",
              "     三、传统舞蹈（共计2项）",
              "    序号    编号         项目名称    申报地区",
              "",
              "9        Ⅲ-1   于窝黄河大秧歌      东阿县",
              "10       Ⅲ-2   麻庄竹马         高唐县"]
    [table] = find_grid_tables(column)
    assert (table.first, table.last) == (2, 5)
    assert table.cells == [HEADER, ["9", "Ⅲ-1", "于窝黄河大秧歌", "东阿县"], ["10", "Ⅲ-2", "麻庄竹马", "高唐县"]]


def test_an_unnumbered_group_row_stays_in_its_table():
    rows = ["经济分类        名称          金额",
            "经常收入",
            "05-01-00-00     公营部门      100",
            "05-02-00-00     私营部门      200"]
    [table] = find_grid_tables(rows)
    assert table.cells[1] == ["经常收入", "", ""] and len(table.cells) == 4


def test_rows_going_on_are_the_leading_rows_of_as_many_cells():
    raws = ["8        Ⅱ-2   东南庄唢呐        冠县", "     三、传统舞蹈（共计2项）", "9   Ⅲ-1   跑竹马   茌平县"]
    assert rows_going_on(raws, 4) == [["8", "Ⅱ-2", "东南庄唢呐", "冠县"]]
    assert rows_going_on(raws, 3) == []
    # prose split at a wide space is no row
    assert rows_going_on(["各级部门要按照要求，建立健全保护机制。  推动工作。"], 2) == []


def test_a_table_goes_on_at_the_head_of_the_next_column():
    lines, *_ = read_grid_page(PAGE, 4, 0)
    texts = [line.text for line in lines]
    # the left column is read to its foot before the right column, the signature and date with it
    assert texts.index("二○一一年十二月二十六日") < texts.index("7 Ⅱ-1 金氏古筝 临清市") < texts.index("8 Ⅱ-2 东南庄唢呐 冠县")
    [row8] = [line for line in lines if line.text.startswith("8 ")]
    assert row8.column == 1 and row8.cells == ["8", "Ⅱ-2", "东南庄唢呐", "冠县"]
    body = [line for line in lines if not is_page_number(line.text)]
    blocks = classify(group_lines(body, "layout-text"), "layout-text")
    tables = [b.rows for b in blocks if b.kind == "table"]
    assert tables == [[HEADER, ["7", "Ⅱ-1", "金氏古筝", "临清市"], ["8", "Ⅱ-2", "东南庄唢呐", "冠县"]],
                      [HEADER, ["9", "Ⅲ-1", "于窝黄河大秧歌", "东阿县"], ["10", "Ⅲ-2", "麻庄竹马", "高唐县"]]]
    assert any(b.kind == "heading" and b.text == "三、传统舞蹈（共计2项）" for b in blocks)


def test_rows_of_another_width_at_the_next_column_head_stay_text():
    page = [line.replace("8        Ⅱ-2   东南庄唢呐        冠县", "8        东南庄唢呐") for line in PAGE]
    lines, *_ = read_grid_page(page, 4, 0)
    [row8] = [line for line in lines if line.text.startswith("8 ")]
    assert row8.table is None


def _at(*cells: tuple[int, str]) -> str:
    """A grid row: each text from its cell on."""
    row = ""
    for x, text in cells:
        row = row.ljust(x) + text
    return row


# One page of a printer spread in -layout text: the header's cells wrap, and the rows between its
# lines are blank here because they hold the other page's line (`filled`), which sets no row of
# this page apart. The table's group row 經常開支 is the page's last line: the table goes on.
HEAD = _at((0, "經濟分類"), (17, "名稱"), (24, "登錄之金額（澳"), (42, "撥出後之金額"), (60, "從撥款中撥出"))
HEAD_WRAP = _at((26, "門幣）"), (44, "（澳門幣）"), (62, "（澳門幣）"))
SPREAD_PAGE = [HEAD, "", HEAD_WRAP, "", "經常開支", "", "", _at((26, "-4-"))]
FILLED = frozenset({1, 3})


def test_wrapped_header_lines_beside_the_other_pages_lines_make_one_row():
    [table] = find_grid_tables(SPREAD_PAGE, FILLED)
    assert table.cells[0] == ["經濟分類", "名稱", "登錄之金額（澳門幣）", "撥出後之金額（澳門幣）", "從撥款中撥出（澳門幣）"]
    # blank rows of its own page do set the header's lines apart: two rows
    [table] = find_grid_tables(SPREAD_PAGE)
    assert table.cells[:2] == [["經濟分類", "名稱", "登錄之金額（澳", "撥出後之金額", "從撥款中撥出"],
                               ["", "", "門幣）", "（澳門幣）", "（澳門幣）"]]


def test_a_table_at_the_page_foot_keeps_its_group_row_for_the_next_page():
    [table] = find_grid_tables(SPREAD_PAGE, FILLED)
    assert (table.first, table.last) == (0, 4)
    assert table.cells[1] == ["經常開支", "", "", "", ""]


def test_a_lone_line_after_a_table_with_text_below_it_is_no_row():
    row = _at((0, "05-04-00-01"), (17, "備用金撥款"), (24, "$46,294,092.27"), (42, "$2.27"), (60, "$46,294,090.00"))
    page = [HEAD, "", HEAD_WRAP, "", row, "", "經常開支", "", "注：本表金額以澳門幣計，由財政局撥付。"]
    [table] = find_grid_tables(page, FILLED)
    assert table.last == 4 and table.cells[-1][0] == "05-04-00-01"


def test_a_table_opening_its_page_takes_the_rows_above_set_a_single_space_apart():
    # The page after SPREAD_PAGE: its running head, then the table goes on without its header;
    # pdftotext set the first rows' two cells a single space apart, each word under its column.
    page = ["                 珠海市人民政府公报 2012·8", "", "",
            _at((2, "05-00-00-00 其他經常開支")),
            _at((2, "05-04-00-00 雜項：")),
            "",
            _at((2, "05-04-00-01 備用金撥款"), (30, "$46,294,092.27"), (47, "$2.27"), (55, "$46,294,090.00")),
            _at((2, "總計"), (30, "$46,294,092.27"), (47, "$2.27"), (55, "$46,294,090.00"))]
    [table] = find_grid_tables(page)
    assert (table.first, table.last) == (3, 7)
    assert table.cells == [["05-00-00-00", "其他經常開支", "", "", ""],
                           ["05-04-00-00", "雜項：", "", "", ""],
                           ["05-04-00-01", "備用金撥款", "$46,294,092.27", "$2.27", "$46,294,090.00"],
                           ["總計", "", "$46,294,092.27", "$2.27", "$46,294,090.00"]]
    # below a paragraph the lines above are no rows of it (the table opens no page)
    prose = ["  核准終審法院院長辦公室二零零二年財政年度第二補充預算，金額如下："]
    [table] = find_grid_tables(prose + page[3:])
    assert table.first == 4 and table.cells[0][0] == "05-04-00-01"
    # words off the table's columns are no row
    off = page[:3] + [_at((2, "05-00-00-00"), (20, "其他經常開支"))] + page[4:]
    [table] = find_grid_tables(off)
    assert table.first == 6

