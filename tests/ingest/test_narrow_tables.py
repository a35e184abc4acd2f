"""Tables set in a narrow column of plain or -layout text: a budget whose numbers the column cut
(amount_tables), a total row printed out of order, a table beside prose in one page column
(grid_gutters, grid_text). Expected rows from the source markup (../shared/corpus)."""

def test_amount_table_in_a_narrow_column_mends_its_cut_numbers():
    """b04-twocol.txt: the budget of 06 set in one column of two. pdftotext prints each cell as a
    block (a blank line above it): a label wrapped over its block's lines, a code's last digit on
    the line below it, three amounts cut side by side with their ends one a line below; the
    title's last line stands in one block with the first label. Rows as the markup has them."""
    from bulletin.ingest.amount_tables import find_amount_tables
    from tests.corpus.build import corpus_file
    from tests.corpus.markup import read_markup

    blocks = [["終審法院院長辦公室二零零二", "年財政年度第二補充預算", "經濟分類"], ["名稱"],
              ["登錄之金", "額（澳門", "幣）"], ["調整後之", "金額（澳", "門幣）"], ["註銷（澳", "門幣）"],
              ["經常收入", "05-00-00-0 轉移", "0", "05-01-00-0 公營部", "0", "門：", "05-01-01-0 澳門特別", "0",
               "行政區政", "府津貼"],
              ["$141,060,0 $94,765,91 $46,294,09", "00.00", "0.00", "0.00"], ["總計"],
              ["$141,060,0 $94,765,91 $46,294,09", "00.00", "0.00", "0.00"], ["———"]]
    lines = [line for block in blocks for line in block]
    starts = [k == 0 for block in blocks for k in range(len(block))]
    [table] = find_amount_tables(lines, set(), starts)
    expected = [b["rows"] for b in read_markup(corpus_file(6))["blocks"] if b["kind"] == "table"][0]
    assert table.cells == expected
    assert (table.first, table.last) == (2, len(lines) - 2)  # from 經濟分類; the title's lines stay out


def test_amount_table_cut_numbers_that_do_not_make_amounts_stay_apart():
    from bulletin.ingest.amount_tables import _mend_cut_numbers

    # ends that would not make whole amounts (groups of three, two decimals) are not joined
    texts, _ = _mend_cut_numbers(["$141,060,0 $94,765,91", "00.00", "5"], [True, False, False])
    assert texts == ["$141,060,0 $94,765,91", "00.00", "5"]
    texts, _ = _mend_cut_numbers(["$141,060,0", "00.00"], [True, False])
    assert texts == ["$141,060,000.00"]
    # a line of digits in a block of its own is no code's tail
    texts, _ = _mend_cut_numbers(["05-01-00-0 公營部", "0"], [True, True])
    assert texts == ["05-01-00-0 公營部", "0"]


def test_a_table_in_one_column_of_a_layout_page_keeps_its_rows():
    """b09-twocol.layout.txt: the left column runs on in prose while the right one holds 27's
    table of 传统舞蹈 (rows beside the prose, some on rows of their own). The gaps between the
    table's cells are no gutters (no sentence stands between them); the table is read in its
    column, its rows as the markup has them, and the prose beside it reads through."""
    from bulletin.ingest.normalize import normalize_text
    from bulletin.ingest.text_layout import read_text_layout
    from tests.corpus.build import corpus_file
    from tests.corpus.markup import read_markup

    page = [
        "各县（市、区）人民政府，经济开发区管委会，市                 8        Ⅱ-2   东南庄唢呐        冠县",
        "政府有关部门：",
        "  为切实做好全市非物质文化遗产保护工作，根",
        "据《中华人民共和国非物质文化遗产法》和《山东                      三、传统舞蹈（共计4项）",
        "省非物质文化遗产名录申报评定暂行办法》，市文                     序号    编号         项目名称    申报地区",
        "广新局对全市申报的非物质文化遗产进行了科学考",
        "                                       9        Ⅲ-1   于窝黄河大秧歌      东阿县",
        "证和认真评审，确定了第三批市级非物质文化遗产",
        "                                       10       Ⅲ-2   麻庄竹马         高唐县",
        "名录（共计35项），现予公布。",
        "  各级各有关部门要按照有关法规要求，建立健                 11       Ⅲ-3   冯圈竹马落子       临清市",
        "全保护机制，全面落实保护措施，进一步加大非物                 12       Ⅲ-4   跑竹马          茌平县",
        "质文化遗产的保护力度，推动全市非物质文化遗产",
        "保护工作取得新的成效。",
    ]
    layout = read_text_layout(normalize_text("\n".join(page)))
    assert {line.column_count for line in layout.lines} == {2}
    left = "".join(line.text for line in layout.lines if line.column == 0)
    assert "根据《中华人民共和国非物质文化遗产法》和《山东省非物质文化遗产名录申报评定暂行办法》" in left
    rows = [line.cells for line in layout.lines if line.table is not None]
    expected = [b["rows"] for b in read_markup(corpus_file(27))["blocks"] if b["kind"] == "table"][2]
    assert rows[-5:] == expected  # 序号 … and 9 to 12, each row its own


def test_a_table_row_is_no_title_line():
    from bulletin.ingest.layout import PageLine
    from bulletin.ingest.titles import _title_at

    row = PageLine(text="12 Ⅲ-4 跑竹马 茌平县", source=(0,), page=1, table=1, cells=["12", "Ⅲ-4", "跑竹马", "茌平县"])
    annex = PageLine(text="附件：聊城市第三批市级非物质文化遗产名录项目名单", source=(1,), page=1)
    assert _title_at([row, annex], 0, "layout-text", [], True) is None


def test_a_total_row_printed_out_of_order_goes_under_the_columns_it_sums():
    """b04-a4-notoc.txt: pdftotext prints the 總計 row's three amounts as blocks in an order of
    their own ($94,765,910.00, $46,294,090.00, $141,060,000.00). They are the sums of the
    columns above, so each goes under the column it sums, as the markup has it."""
    from bulletin.ingest.amount_tables import find_amount_tables
    from tests.corpus.build import corpus_file
    from tests.corpus.markup import read_markup

    blocks = [["經濟分類"], ["名稱"], ["登錄之金額（澳門幣） 調整後之金額（澳門幣） 註銷（澳門幣）"],
              ["經常收入", "05-00-00-00 轉移", "05-01-00-00 公營部門：", "05-01-01-00 澳門特別行政區政府津貼 $141,060,000.00"],
              ["$94,765,910.00"], ["$46,294,090.00"], ["總計"], ["$94,765,910.00"], ["$46,294,090.00"], ["$141,060,000.00"],
              ["———"]]
    lines = [line for block in blocks for line in block]
    starts = [k == 0 for block in blocks for k in range(len(block))]
    [table] = find_amount_tables(lines, set(), starts)
    expected = [b["rows"] for b in read_markup(corpus_file(6))["blocks"] if b["kind"] == "table"][0]
    assert table.cells == expected


def test_a_total_row_that_is_not_the_column_sums_stays_as_printed():
    from bulletin.ingest.amount_tables import _totals_in_column_order

    table = [["經濟分類", "名稱", "甲", "乙"], ["01", "收入", "$3.00", "$1.00"], ["總計", "", "$1.00", "$4.00"]]
    assert _totals_in_column_order([row[:] for row in table], 2) == table


def test_a_header_read_by_columns_then_a_page_turn_keeps_the_table():
    """b09-booklet.txt: 27's first table, its header and first row at a page's foot read column by
    column (序号 / 1 / 编号 / Ⅰ-1 …), then the page number and the next page's running head, then
    the rows one cell a line. The running head is furniture between the table's lines."""
    from bulletin.ingest.plain_tables import find_plain_tables
    from tests.corpus.build import corpus_file
    from tests.corpus.markup import read_markup

    head = "资阳市人民政府公报 2018·9"
    lines = ["一、民间文学 （共计6项）", "序号", "1", "编号", "Ⅰ-1", "项目名称", "菜瓜打金牛的传说", "申报地区", "茌平县",
             "-3-", head, "2", "Ⅰ-2", "小县官的故事", "茌平县", "3", "Ⅰ-3", "古柳树的传说", "阳谷县",
             "4", "Ⅰ-4", "骆驼巷的传说", "阳谷县", "5", "Ⅰ-5", "冉子的传说", "冠县", "6", "Ⅰ-6", "武训故事", "冠县",
             "二、传统音乐（共计2项）"]
    expected = [b["rows"] for b in read_markup(corpus_file(27))["blocks"] if b["kind"] == "table"][0]
    [table] = find_plain_tables(lines, frozenset({lines.index(head)}))
    assert table.cells == expected
    assert (table.first, table.last, table.outside) == (1, len(lines) - 2, (9, 10))
    assert find_plain_tables(lines) == []  # the head taken for a header cell: no table


def test_an_amount_table_header_at_a_page_foot_goes_on_into_its_rows_over_the_page_turn():
    """b04-booklet.txt: a budget table's header (its labels wrapped inside their brackets) and its
    first group row stand at page 4's foot; page 4's number and page 5's running head follow, then
    the rows with their amounts. One table, the page's foot and head outside it."""
    from bulletin.ingest.amount_tables import find_amount_tables

    head = "某市人民政府公报 2024·3"
    lines = ["該預算為本批示之組成部分，自公佈翌日起生效。",
             "經濟分類", "名稱", "金額（澳", "門幣）", "撥出後之金額", "（澳門幣）", "經常開支",
             "-4-", head,
             "05-00-00-00 其他經常開支", "05-04-00-01 備用金撥款", "$1,000.00", "$200.00",
             "總計", "$1,000.00", "$200.00", "———"]
    starts = [True] * len(lines)  # a sheet cut into its pages keeps no blank lines
    [table] = find_amount_tables(lines, set(), starts, frozenset({lines.index(head)}))
    assert table.cells == [
        ["經濟分類", "名稱", "金額（澳門幣）", "撥出後之金額（澳門幣）"],
        ["經常開支", "", "", ""],
        ["05-00-00-00", "其他經常開支", "", ""],
        ["05-04-00-01", "備用金撥款", "$1,000.00", "$200.00"],
        ["總計", "", "$1,000.00", "$200.00"],
    ]
    assert (table.first, table.last) == (1, len(lines) - 2)  # from 經濟分類 to the last amount
    assert set(table.outside) == {lines.index("-4-"), lines.index(head)}
