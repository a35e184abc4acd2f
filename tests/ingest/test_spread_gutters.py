"""Where the two pages of a printer spread meet in `pdftotext -layout` text when the left page
holds a wide table: its figures, squeezed onto the grid, push the right page out, so that a gap
between the table's columns lies nearer the middle between the page numbers than the gutter does.
Texts from the source markup (06-pishi-macau-2002, 29-yuan-gaoming-2015)."""
from bulletin.ingest.grid_spreads import split_spread, spread_middle, spreads_middle


def _row(left: str, right: str = "", at: int = 76) -> str:
    return (left.ljust(at) + right).rstrip() if right else left


def _cells(*cells: tuple[int, str]) -> str:
    """A table row: each cell's text from its grid cell."""
    row = ""
    for at, text in cells:
        row = row.ljust(at) + text
    return row


TABLE_SHEET = [
    _row("    珠海市人民政府公报 2012·8", "      珠海市人民政府公报 2012·8"),
    "",
    _row(_cells((0, "經濟分類"), (14, "名稱"), (22, "登錄之金額"), (40, "調整後之金額"), (59, "註銷")),
         "  佛山市高明區人民政府辦公室關于修訂《佛山"),
    _row("經常收入", "市高明區突發地質災害應急預案》的通知"),
    _row(_cells((0, "05-00-00-00"), (14, "轉移")), "  各鎮政府、街道辦，西江新城管委會，區政府有"),
    _row(_cells((0, "05-01-01-00"), (14, "津貼"), (22, "$141,060,000.00"), (40, "$94,765,910.00"), (59, "$46,294,090.00")),
         "關部門、直屬有關單位："),
    _row(_cells((0, "總計"), (22, "$141,060,000.00"), (40, "$94,765,910.00"), (59, "$46,294,090.00")),
         "  《佛山市高明區突發地質災害應急預案》業經修"),
    _row("", "訂并經區人民政府同意，現印發給你們，請認真貫"),
    "",
    _row("                                -4-", "                 -1-"),
]


def test_a_gap_in_the_left_pages_table_is_no_gutter_where_the_right_pages_prose_begins_further_out():
    middle = spread_middle(TABLE_SHEET)
    assert middle is not None and abs(middle - 74.5) > 8  # the numbers' middle is out of reach of the gutter
    left, right = split_spread(TABLE_SHEET, None)
    assert [row.split() for row in left if row.strip()][4] == [
        "05-01-01-00", "津貼", "$141,060,000.00", "$94,765,910.00", "$46,294,090.00"]
    assert [row.strip() for row in right if row.strip()][1:4] == [
        "佛山市高明區人民政府辦公室關于修訂《佛山", "市高明區突發地質災害應急預案》的通知", "各鎮政府、街道辦，西江新城管委會，區政府有"]


PROSE_SHEET = [
    _row("    珠海市人民政府公报 2012·8", "    珠海市人民政府公报 2012·8", at=40),
    "",
    _row("  本預案適用于本區行政區域范圍內發", "  行政長官行使《澳門特別行政區基本法》", at=40),
    _row("生的突發地質災害應急工作。", "第五十條賦予的職權，作出本批示。", at=40),
    "",
    _row("               -2-", "                -3-", at=40),
]
CONTENTS_SHEET = [
    _row("", "    珠海市人民政府公报 2012·8", at=40),
    _row("      目录", "05-00-00-00 其他經常開支", at=40),
    _row("行政长官批示", "05-04-00-00 雜項：", at=40),
    _row(" 第200/2002號行政長官批示 ……… 4", "  二零零二年七月二十四日於終審法院院長辦", at=40),
    _row("", "公室——管理委員會，主席：岑浩輝，委員：", at=40),
    "",
    _row("", "                -5-", at=40),
]


def test_a_sheet_pushed_apart_by_a_table_does_not_set_where_other_sheets_pages_meet():
    assert spread_middle(PROSE_SHEET) is not None and spread_middle(CONTENTS_SHEET) is None
    # the table sheet's numbers meet far from the others'; the prose sheet's gutter confirms its own
    assert abs(spreads_middle([TABLE_SHEET, PROSE_SHEET, CONTENTS_SHEET]) - spread_middle(PROSE_SHEET)) <= 1
    left, right = split_spread(CONTENTS_SHEET, spreads_middle([TABLE_SHEET, PROSE_SHEET, CONTENTS_SHEET]))
    assert [row.strip() for row in left if row.strip()] == ["目录", "行政长官批示", "第200/2002號行政長官批示 ……… 4"]
    assert [row.strip() for row in right if row.strip()][3:5] == [
        "二零零二年七月二十四日於終審法院院長辦", "公室——管理委員會，主席：岑浩輝，委員："]


def test_a_row_blank_on_the_left_page_but_printed_on_the_right_sets_no_table_rows_apart():
    # The budget table of 06-pishi-macau-2002 on the left page of a sheet: its rows stand one under
    # another, but the grid's rows are the sheet's, and where the right page prints a line beside
    # no row of the table, the left page shows a blank row. The table's rows are still its rows.
    from bulletin.ingest.normalize import normalize_text
    from bulletin.ingest.text_layout import read_text_layout

    at = 60
    sheet = [
        _row("    珠海市人民政府公报 2012·8", "    珠海市人民政府公报 2012·8", at=at),
        "",
        _row(_cells((0, "經濟分類"), (14, "名稱"), (26, "登錄之金額"), (44, "註銷")), "  （一）目的。", at=at),
        _row("", "  建立健全我區應對突發地質災害的應急體系和運", at=at),
        _row("經常收入", "行機制，提高應急能力，迅速、有序、高效地處", at=at),
        _row(_cells((0, "05-00-00-00"), (14, "轉移")), "置好轄區內的突發地質災害，做好防災減災和搶", at=at),
        _row(_cells((0, "05-01-00-00"), (14, "公營部門：")), "險救災工作，避免或最大限度減輕地質災害造成", at=at),
        _row("", "的損失，保障人民群眾生命財產安全，維護社會", at=at),
        _row("", "穩定。", at=at),
        _row(_cells((0, "05-01-01-00"), (14, "澳門特別行政"), (26, "$141,060,000.00"), (44, "$46,294,090.00")), "", at=at),
        _row(_cells((14, "區政府津貼")), "", at=at),
        "",
        _row(_cells((0, "總計"), (26, "$141,060,000.00"), (44, "$46,294,090.00")), "  （二）編制依據。", at=at),
        "",
        _row("              -4-", "              -1-", at=at),
    ]
    layout = read_text_layout(normalize_text("\n".join(sheet) + "\f"))
    rows = [line.cells for line in layout.lines if line.table is not None]
    assert rows == [
        ["經濟分類", "名稱", "登錄之金額", "註銷"],
        ["經常收入", "", "", ""],
        ["05-00-00-00", "轉移", "", ""],
        ["05-01-00-00", "公營部門：", "", ""],
        ["05-01-01-00", "澳門特別行政區政府津貼", "$141,060,000.00", "$46,294,090.00"],
        ["總計", "", "$141,060,000.00", "$46,294,090.00"],
    ]
