"""bulletin.ingest.pdf_lines: the measured page model (layout.Layout) of a PDF, checked against what
the tests drew (tests/pdf_factory.py and small reportlab pages drawn here)."""
import io
import re

import pytest
from reportlab.lib.pagesizes import A5
from reportlab.pdfgen import canvas

from bulletin.ingest.errors import IngestError
from bulletin.ingest.layout import CENTER, HEADER, JUSTIFIED, LEFT, PAGE_NUMBER, RIGHT
from bulletin.ingest.pdf_layout import BOLD_FONT_RE
from bulletin.ingest.pdf_lines import alignment, read_pdf_layout
from tests import pdf_factory as pf

EM = pf.BODY_SIZE


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def body(layout):
    return [line for line in layout.lines if not line.furniture]


@pytest.fixture(scope="module")
def pages():
    return pf.layout(pf.sample_document(articles=3, sections=3, paragraphs_per_section=3))


@pytest.fixture(scope="module")
def layout(pages):
    return read_pdf_layout(pf.render_pdf(pages), "pages.pdf")


def expected_lines(pages):
    """(text, column, column_start, indent in em or None) of every body line, from what was drawn."""
    out = []
    for page in pages:
        out += [(text, 0, i == 0, None) for i, (text, _) in enumerate(page.cover)]
        out += [(line.text, -1, i == 0, None) for i, line in enumerate(page.spans)]
        for col, lines in enumerate(page.columns):
            out += [(line.text, col if len(page.columns) > 1 else None, j == 0, 2.0 if line.indent else 0.0)
                    for j, line in enumerate(lines)]
    return out


def test_lines_come_back_in_reading_order_with_their_column(pages, layout):
    got = body(layout)
    want = expected_lines(pages)
    assert [squash(line.text) for line in got] == [squash(text) for text, *_ in want]
    for line, (text, column, start, _) in zip(got, want):
        if column is not None:
            assert line.column == column, text
        assert line.column_start == start, text
    assert layout.kind == "pdf" and layout.warnings == []
    assert all(line.measured for line in layout.lines)
    assert abs(layout.em_points - EM) < 0.01


def test_indent_and_column_box_are_measured_in_em(pages, layout):
    for line, (text, column, _, indent) in zip(body(layout), expected_lines(pages)):
        if indent is None:
            continue
        assert line.indent == pytest.approx(indent, abs=0.1), text
        assert line.column_width == pytest.approx(17, abs=0.1), text  # 17 characters a column, every page
        if indent == 0 and len(text) == 17 and all(ord(ch) > 0x2000 for ch in text):
            assert line.align == JUSTIFIED and line.right_gap == pytest.approx(0, abs=0.1)
        if indent == 2:
            assert line.align == LEFT


def test_spanning_titles_are_centred_larger_and_across_the_columns(pages, layout):
    titles = [line for line in body(layout) if line.column == -1]
    assert [line.text for line in titles] == [s.text for p in pages for s in p.spans]
    for line in titles:
        assert line.align == CENTER and line.size == pytest.approx(pf.TITLE_SIZE / EM, abs=0.05)
        assert line.column_width == pytest.approx((2 * 17 * EM + pf.GUTTER) / EM, abs=0.1)
        assert line.column_count == 2 and line.column_start


def test_furniture_is_flagged_in_place_not_dropped(pages, layout):
    numbers = [line for line in layout.lines if line.furniture == PAGE_NUMBER]
    headers = [line for line in layout.lines if line.furniture == HEADER]
    numbered = [p.number for p in pages if p.number is not None]
    assert [line.text for line in numbers] == [f"- {n} -" for n in numbered]
    assert [line.printed_page for line in numbers] == numbered
    assert len(headers) == len(numbered) and all(squash(h.text) == "临江市人民政府公报2025·3" for h in headers)
    for n in numbered:  # header first, page number last on each page
        on_page = [line for line in layout.lines if line.printed_page == n]
        assert on_page[0].furniture == HEADER and on_page[-1].furniture == PAGE_NUMBER
        assert all(not line.furniture for line in on_page[1:-1])
    assert [line.page for line in layout.lines] == sorted(line.page for line in layout.lines)
    assert {line.page for line in layout.lines} == set(range(1, len(pages) + 1))
    assert [line.source for line in layout.lines] == [(i,) for i in range(len(layout.lines))]
    assert layout.input_lines == len(layout.lines)


def test_a_booklet_of_spreads_comes_back_in_page_order(pages, layout):
    spread = read_pdf_layout(pf.render_pdf(pages, spreads=True, booklet=True), "spreads.pdf")

    def view(lay):
        return [(line.text, line.furniture, line.page, line.printed_page, line.column, line.column_start,
                 line.align, round(line.indent, 1), line.gap_above) for line in lay.lines]

    assert view(spread) == view(layout)
    assert [line.printed_page for line in spread.lines if line.furniture == PAGE_NUMBER] == list(range(1, len(pages)))


def test_consecutive_lines_have_no_gap_and_column_starts_none(layout):
    for line in body(layout):
        if line.column_start:
            assert line.gap_above is None
        elif line.page > 1 and line.column >= 0:
            assert line.gap_above == pytest.approx(0, abs=0.05), line.text


# ---------------------------------------------------------------- small pages drawn here


def draw(paint, pagesize=A5) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=pagesize)
    for page in paint if isinstance(paint, list) else [paint]:
        page(c)
        c.showPage()
    c.save()
    return buf.getvalue()


LEFT_X, WIDTH = 60.0, 300.0  # a one-column page: 30 em of 10 pt
PARAGRAPH = ["为规范行政执法行为，根据有关法律法规，结合本市的实际情况",  # 28 characters after 2 em
             "制定本办法，请各单位认真遵照执行，抓好落实，确保工作取得实效",  # 30: the full measure
             "本办法自发布之日起施行，由市司法局负责解释。"]
assert [len(t) for t in PARAGRAPH[:2]] == [28, 30]


def notice_page(c, title_font=pf.FONT, bold_twice=True):
    y = 520
    c.setFont(title_font, 16)
    for dx in ((0, 0.4) if bold_twice else (0,)):
        c.drawCentredString(LEFT_X + WIDTH / 2 + dx, y, "关于规范行政执法的通知")
    c.setFont(pf.FONT, 10)
    y -= 40
    texts = [("first", PARAGRAPH[0]), ("", PARAGRAPH[1]), ("", PARAGRAPH[2]), ("blank", None),
             ("first", "特此通知。")]
    for kind, text in texts:
        if text:
            c.drawString(LEFT_X + (2 * EM if kind == "first" else 0), y, text)
        y -= 16
    y -= 16
    c.drawRightString(LEFT_X + WIDTH, y, "临江市人民政府")
    c.drawRightString(LEFT_X + WIDTH, y - 16, "2025年3月1日")


def test_a_notice_page_title_paragraph_signature_and_blank_line():
    layout = read_pdf_layout(draw(notice_page), "notice.pdf")
    lines = layout.lines
    assert [line.text for line in lines] == ["关于规范行政执法的通知", *PARAGRAPH, "特此通知。", "临江市人民政府", "2025年3月1日"]
    title, first, second, third, closing, office, date = lines
    assert title.align == CENTER and title.bold and title.size == pytest.approx(1.6, abs=0.05)
    assert not first.bold and first.size == pytest.approx(1.0)
    assert first.indent == pytest.approx(2, abs=0.1) and second.indent == pytest.approx(0, abs=0.1)
    assert second.align == JUSTIFIED and first.align == LEFT and third.align == LEFT
    assert second.gap_above == pytest.approx(0, abs=0.05)
    assert closing.gap_above == pytest.approx(1, abs=0.05)  # one blank line above
    assert office.gap_above == pytest.approx(1, abs=0.05)
    assert office.align == RIGHT and date.align == RIGHT and date.right_gap == pytest.approx(0, abs=0.1)
    assert all(line.page == 1 and line.printed_page is None and line.column_count == 1 for line in lines)


def test_a_bold_face_is_read_from_the_font_name(monkeypatch):
    import pdfplumber.page

    real = pdfplumber.page.Page.chars

    def chars(self):  # the title's characters as if set in SimHei (黑体), embedded as a subset
        return [{**c, "fontname": "ABCDEF+SimHei"} if c["size"] > 12 else c for c in real.fget(self)]

    monkeypatch.setattr(pdfplumber.page.Page, "chars", property(chars))
    lines = read_pdf_layout(draw(lambda c: notice_page(c, bold_twice=False)), "hei.pdf").lines
    assert lines[0].bold and not any(line.bold for line in lines[1:])


def test_without_bold_font_or_double_drawing_nothing_is_bold():
    lines = read_pdf_layout(draw(lambda c: notice_page(c, bold_twice=False)), "plain.pdf").lines
    assert not any(line.bold for line in lines)


@pytest.mark.parametrize("name, bold", [
    ("ABCDEF+SimHei", True), ("FZXBSJW--GB1-0", True), ("方正小标宋简体", True), ("Arial-BoldMT", True),
    ("WenQuanYiMicroHei", True), ("FZDBSJW--GB1-0", True), ("SourceHanSans-Heavy", True), ("黑体", True),
    ("STSong-Light", False), ("ABCDEF+SimSun", False), ("FangSong_GB2312", False), ("KaiTi", False),
    ("TimesNewRomanPSMT", False),
])
def test_bold_font_names(name, bold):
    assert bool(BOLD_FONT_RE.search(name)) is bold


def test_alignment_rules():
    assert alignment(0.0, 0.0, 30) == JUSTIFIED
    assert alignment(0.1, -1.0, 30) == JUSTIFIED  # hanging punctuation
    assert alignment(8.0, 8.5, 30) == CENTER
    assert alignment(20.0, 0.0, 30) == RIGHT
    assert alignment(2.0, 0.0, 30) == LEFT
    assert alignment(0.0, 12.0, 30) == LEFT


def ruled_table(c, x, top, widths, rows, height=22, font_size=10):
    """Draws a ruled table with its top edge at `top` (PDF y); rows of cell texts, a list for
    wrapped lines. Returns the y below the table."""
    xs = [x]
    for w in widths:
        xs.append(xs[-1] + w)
    bottom = top - height * len(rows)
    for i in range(len(rows) + 1):
        c.line(xs[0], top - i * height, xs[-1], top - i * height)
    for xv in xs:
        c.line(xv, top, xv, bottom)
    c.setFont(pf.FONT, font_size)
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            parts = cell if isinstance(cell, list) else [cell]
            for j, part in enumerate(parts):
                c.drawString(xs[k] + 3, top - r * height - 9 - j * 10 if len(parts) > 1 else top - r * height - 15, part)
    return bottom


TABLE = [["项目名称", "责任单位", "完成时限"], ["城市更新", "市住建局", "2025年6月"], ["道路改造", "市交通局", "2025年9月"]]


def test_a_ruled_table_becomes_one_line_per_row_with_its_cells():
    def page(c):
        c.setFont(pf.FONT, 10)
        c.drawString(LEFT_X, 500, "附表如下：")
        below = ruled_table(c, LEFT_X, 490, [100, 100, 100], TABLE)
        c.setFont(pf.FONT, 10)
        c.drawString(LEFT_X, below - 25, "以上项目请按时完成。")

    lines = read_pdf_layout(draw(page), "table.pdf").lines
    assert [line.text for line in lines] == ["附表如下：", "项目名称 责任单位 完成时限", "城市更新 市住建局 2025年6月",
                                             "道路改造 市交通局 2025年9月", "以上项目请按时完成。"]
    rows = lines[1:4]
    assert [row.cells for row in rows] == TABLE
    assert len({row.table for row in rows}) == 1 and rows[0].table is not None
    assert lines[0].table is None and lines[4].table is None and lines[4].cells is None


def test_wrapped_and_merged_cells():
    def page(c):
        c.setFont(pf.FONT, 10)
        c.drawString(LEFT_X, 500, "说明：")
        top, h = 490, 30
        xs = [LEFT_X, LEFT_X + 100, LEFT_X + 200, LEFT_X + 300]
        for i in range(3):
            c.line(xs[0], top - i * h, xs[-1], top - i * h)
        c.line(xs[0], top, xs[0], top - 2 * h)
        c.line(xs[1], top, xs[1], top - 2 * h)
        c.line(xs[2], top - h, xs[2], top - 2 * h)  # the first row's last two cells are merged
        c.line(xs[3], top, xs[3], top - 2 * h)
        c.drawString(xs[0] + 3, top - 12, "牵头单位")
        c.drawString(xs[1] + 3, top - 12, "合并的单元格文字")
        c.drawString(xs[0] + 3, top - h - 12, "市发展和")
        c.drawString(xs[0] + 3, top - h - 24, "改革委员会")
        c.drawString(xs[1] + 3, top - h - 12, "Phase")
        c.drawString(xs[1] + 3, top - h - 24, "one")
        c.drawString(xs[2] + 3, top - h - 12, "完成")

    lines = read_pdf_layout(draw(page), "merged.pdf").lines
    assert [line.cells for line in lines[1:]] == [["牵头单位", "合并的单元格文字", ""], ["市发展和改革委员会", "Phase one", "完成"]]
    assert lines[1].text == "牵头单位 合并的单元格文字"


def test_a_table_continued_on_the_next_page_keeps_its_id():
    def first(c):
        c.setFont(pf.FONT, 10)
        c.drawString(LEFT_X, 500, "附表：")
        ruled_table(c, LEFT_X, 150, [100, 100, 100], TABLE)

    def second(c):
        ruled_table(c, LEFT_X, 560, [100, 100, 100], [["水系治理", "市水利局", "2025年12月"]])
        c.setFont(pf.FONT, 10)
        c.drawString(LEFT_X, 500, "另表：")
        ruled_table(c, LEFT_X, 490, [150, 150], [["甲", "乙"], ["丙", "丁"]])

    lines = read_pdf_layout(draw([first, second]), "continued.pdf").lines
    tables = [(line.page, line.table, line.cells[0]) for line in lines if line.table is not None]
    ids = [t for _, t, _ in tables]
    assert [cell for *_, cell in tables] == ["项目名称", "城市更新", "道路改造", "水系治理", "甲", "丙"]
    assert ids[:4] == [ids[0]] * 4 and ids[4] == ids[5] != ids[0]
    assert [p for p, *_ in tables] == [1, 1, 1, 2, 2, 2]


def test_a_table_in_one_column_is_read_in_that_column():
    def page(c):
        c.setFont(pf.FONT, 10)
        for i in range(8):
            c.drawString(30, 540 - i * 16, f"左栏第{i + 1}行的正文内容文字")
            c.drawString(230, 540 - i * 16, f"右栏第{i + 1}行的正文内容文字")
        ruled_table(c, 30, 400, [80, 80], [["甲", "乙"], ["丙", "丁"]])
        c.setFont(pf.FONT, 10)
        for i in range(3):
            c.drawString(30, 340 - i * 16, f"表后第{i + 1}行的正文内容文字")
            c.drawString(230, 412 - i * 16, f"右栏续{i + 1}行的正文内容文字")

    lines = read_pdf_layout(draw(page), "table-column.pdf").lines
    texts = [line.text for line in lines]
    left = [f"左栏第{i}行的正文内容文字" for i in range(1, 9)] + ["甲 乙", "丙 丁"] + [f"表后第{i}行的正文内容文字" for i in range(1, 4)]
    right = [f"右栏第{i}行的正文内容文字" for i in range(1, 9)] + [f"右栏续{i}行的正文内容文字" for i in range(1, 4)]
    assert texts == left + right
    assert [line.column for line in lines] == [0] * len(left) + [1] * len(right)


# ---------------------------------------------------------------- refusals are those of ingest.pdf


def test_refusals():
    with pytest.raises(IngestError, match=r"^x\.pdf: 不是 PDF"):
        read_pdf_layout(b"hello", "x.pdf")
    with pytest.raises(IngestError, match=r"^scan\.pdf: PDF 没有文字层"):
        read_pdf_layout(pf.render_scanned_pdf(), "scan.pdf")
    with pytest.raises(IngestError, match=r"^half\.pdf: PDF 已损坏"):
        data = pf.render_pdf(pf.layout(pf.sample_document(articles=1))[:2])
        read_pdf_layout(data[: len(data) // 2], "half.pdf")


def test_an_encrypted_pdf_is_refused():
    data = pf.render_pdf(pf.layout(pf.sample_document(articles=1))[:2], user_password="secret")
    with pytest.raises(IngestError, match=r"^locked\.pdf: PDF 已加密"):
        read_pdf_layout(data, "locked.pdf")


def test_a_long_title_across_the_columns_is_centred_on_the_page_box():
    assert alignment(0.7, 0.8, 36, spanning=True) == CENTER
    assert alignment(0.7, 0.8, 17) == LEFT


# ---------------------------------------------------------------- the same reading as ingest.pdf


@pytest.mark.parametrize("seed, chars, lines, spreads", [(1, 15, 20, True), (2, 18, 26, False), (8, 17, 30, True)])
def test_the_lines_are_those_of_the_text_extraction(seed, chars, lines, spreads):
    from bulletin.ingest.pdf import extract_pdf

    pages = pf.layout(pf.sample_document(seed=seed, articles=3, sections=3, paragraphs_per_section=2 + seed % 3),
                      chars_per_line=chars, lines_per_column=lines)
    data = pf.render_pdf(pages, spreads=spreads, chars_per_line=chars)
    text = [line for line in extract_pdf(data, "x.pdf").text.split("\n") if line.strip()]
    layout = read_pdf_layout(data, "x.pdf")
    assert [line.text for line in layout.lines] == [line.strip() for line in text]
    assert [line.column_start for line in layout.lines] == [line.startswith(" ") for line in text]
    for line in body(layout):
        if line.column >= 0 and line.page > 1:
            assert line.column_width == pytest.approx(chars, abs=0.1)


def test_an_article_page_with_one_filled_column_keeps_the_column_box():
    doc = pf.sample_document(seed=4, articles=2, sections=1, paragraphs_per_section=1)
    pages = pf.layout(doc)
    assert all(len(p.columns) == 1 for p in pages[1:])  # each article fits in the left column
    layout = read_pdf_layout(pf.render_pdf(pages), "short.pdf")
    for line in body(layout):
        if line.page == 1:
            continue
        if line.text in (doc.articles[0].title, doc.articles[1].title):
            assert line.column == -1 and line.align == CENTER and line.column_width == pytest.approx(36, abs=0.1)
        else:
            assert line.column == 0 and line.column_width == pytest.approx(17, abs=0.1)
            assert line.indent == pytest.approx(0, abs=0.1) or line.indent == pytest.approx(2, abs=0.1)


def test_text_is_normalised(monkeypatch):
    import pdfplumber.page

    real = pdfplumber.page.Page.chars

    def chars(self):  # a text layer that put the Kangxi radical ⽂ (U+2F42) in place of 文
        return [{**c, "text": "⽂"} if c["text"] == "文" else c for c in real.fget(self)]

    monkeypatch.setattr(pdfplumber.page.Page, "chars", property(chars))

    def page(c):
        c.setFont(pf.FONT, 10)
        c.drawString(LEFT_X, 500, "市政府文件，请认真学习文件精神。")
        ruled_table(c, LEFT_X, 480, [100, 100], [["文号", "文件名称"], ["一", "二"]])

    lines = read_pdf_layout(draw(page), "kangxi.pdf").lines
    assert lines[0].text == "市政府文件，请认真学习文件精神。"
    assert lines[1].cells == ["文号", "文件名称"] and lines[1].text == "文号 文件名称"


def test_a_last_page_of_short_paragraphs_in_one_column_keeps_that_column_box():
    """A page that fills part of the left column with short paragraphs: most of its lines are first
    lines, indented 2 em; they place it in the two-column layout's left column as surely as the
    one line on the edge, so that line is flush (indent 0), not 2 em left of a box of its own."""
    from reportlab.lib.pagesizes import A4

    full = "全国人民代表大会常务委员会第二次会议审议"  # 20 em: the column's measure

    def two_columns(c):
        c.setFont(pf.FONT, 10)
        for col_x in (50, 300):
            for i in range(20):
                c.drawString(col_x, 760 - i * 16, full)

    def short_paragraphs(c):
        c.setFont(pf.FONT, 16)
        c.drawCentredString(297, 780, "中华人民共和国主席令")
        c.setFont(pf.FONT, 10)
        lines = [(2, "根据中华人民共和国第十届全国人民代表"), (0, "常务委员会第二次会议于2003年4月的决定："),
                 (2, "免去张文康的卫生部部长职务；"), (2, "任命吴仪（女）为卫生部部长（兼）。")]
        for i, (indent, text) in enumerate(lines):
            c.drawString(50 + indent * EM, 740 - i * 16, text)

    lines = body(read_pdf_layout(draw([two_columns, short_paragraphs], pagesize=A4), "short-paragraphs.pdf"))
    page = [line for line in lines if line.page == 2]
    assert [line.text for line in page][1:] == ["根据中华人民共和国第十届全国人民代表", "常务委员会第二次会议于2003年4月的决定：",
                                                 "免去张文康的卫生部部长职务；", "任命吴仪（女）为卫生部部长（兼）。"]
    assert [line.column for line in page[1:]] == [0, 0, 0, 0]
    assert [round(line.indent) for line in page[1:]] == [2, 0, 2, 2]
    assert all(line.column_width == pytest.approx(20, abs=0.2) for line in page[1:])


def test_a_short_page_of_a_one_column_bulletin_is_boxed_by_the_bulletin_column():
    """Page 2 holds the end of a letter: two full lines, two short ones, and the signature and date
    set 4 em in from the right edge. Its own edges would tie the signature's edge with the full
    lines'; the bulletin's pages pooled show the column (30 em), so the full line fills it."""
    full = PARAGRAPH[1]  # 30 em: the full measure

    def first_page(c):
        c.setFont(pf.FONT, 10)
        for i in range(12):
            c.drawString(LEFT_X, 470 - i * 16, full)

    def last_page(c):
        c.setFont(pf.FONT, 10)
        rows = [(0, full), (0, full), (0, "洁生产审核。"), (2, "现将有关部门的报告一并报送您，供审阅。")]
        for i, (indent, text) in enumerate(rows):
            c.drawString(LEFT_X + indent * EM, 470 - i * 16, text)
        for i, text in enumerate(("国务院办公厅", "二〇〇五年三月三日")):
            c.drawRightString(LEFT_X + WIDTH - 4 * EM, 470 - (len(rows) + 1 + i) * 16, text)

    lines = [line for line in read_pdf_layout(draw([first_page, last_page]), "letter.pdf").lines if line.page == 2]
    assert [line.text for line in lines][:3] == [full, full, "洁生产审核。"]
    assert all(line.column == 0 and line.column_width == pytest.approx(30, abs=0.1) for line in lines)
    assert lines[0].align == JUSTIFIED
    assert lines[-1].right_gap == pytest.approx(4, abs=0.1)


def test_a_page_holding_only_a_signature_block_is_boxed_by_the_bulletin_column():
    """The signature block alone on a page: no line on either edge of the column. It lies within
    the column pooled over the bulletin's pages, which boxes it (not its own 13 em of text)."""
    full = PARAGRAPH[1]

    def first_page(c):
        c.setFont(pf.FONT, 10)
        for i in range(12):
            c.drawString(LEFT_X, 470 - i * 16, full)

    def signature_page(c):
        c.setFont(pf.FONT, 10)
        for i, text in enumerate(("娄底市应急和安全生产委员会", "（娄底市食品安全委员会）", "2025年3月11日")):
            c.drawRightString(LEFT_X + WIDTH - 2 * EM, 470 - i * 16, text)

    lines = [line for line in read_pdf_layout(draw([first_page, signature_page]), "sign.pdf").lines if line.page == 2]
    assert len(lines) == 3
    assert all(line.column_width == pytest.approx(30, abs=0.1) for line in lines)
    assert all(line.right_gap == pytest.approx(2, abs=0.1) and line.indent > 10 for line in lines)


def test_a_contents_page_with_spaced_out_leaders_has_no_gutters():
    """Leaders of dots set a space apart (. . . .) leave gaps wider than a gutter between every
    two dots; they are one line across them, so the page numbers at the right are no column."""
    from bulletin.ingest.pdf_layout import gutters_of, fragments_of
    import pdfplumber

    titles = ["国务院办公厅关于湖北省巴东县地质灾害险情的复函", "市政府关于授予肖颖等同志见义勇为称号的决定",
              "印发顺德区道路桥梁突发事件应急处置预案的通知", "政府工作报告", "关于印发吉安市政务公开实施细则的通知",
              "聊城市人民政府关于公布第三批非遗名录的通知", "资阳市人民政府关于公布第四批非遗名录的通知", "临沧市道路交通安全管理特别规定"]

    def contents(c):
        c.setFont(pf.FONT, 10)
        for i, title in enumerate(titles):
            y = 500 - i * 24
            c.drawString(LEFT_X, y, title)
            x = LEFT_X + WIDTH - 10  # the leader ends just before the page number
            while x > LEFT_X + 10 * len(title) + 4:
                c.drawString(x, y, ".")
                x -= 15  # a dot, then a gap of about 1 em
            c.drawRightString(LEFT_X + WIDTH, y, str(i + 1))

    with pdfplumber.open(io.BytesIO(draw(contents))) as pdf:
        fragments = fragments_of(pdf.pages[0].chars)
    assert any(f.text.strip() == "." for f in fragments)  # the dots stand apart as fragments
    assert gutters_of(fragments, EM) == []


def test_a_right_column_holding_a_table_under_a_title_across_both_columns_is_a_column():
    """Under a title across both columns, the left column holds prose and the right column a
    heading and a ruled table: the table's rows are that column's lines (the gaps between its
    cells are no gutter), so the page has two columns and the prose reads on, unbroken."""
    from reportlab.lib.pagesizes import A4

    prose = [f"左栏第{i + 1}行的正文内容，文字一直写到本栏的边" for i in range(10)]

    def page(c):
        c.setFont(pf.FONT, 16)
        c.drawString(40, 780, "聊城市人民政府关于公布第三批市级非物质文化遗产名录的通知")
        c.setFont(pf.FONT, 10)
        for i, text in enumerate(prose):
            c.drawString(40, 740 - i * 16, text)
        c.drawString(320, 740, "三、传统舞蹈（共计4项）")
        ruled_table(c, 320, 730, [30, 40, 80, 60], [["序号", "编号", "项目名称", "申报地区"], ["9", "Ⅲ-1", "于窝黄河大秧歌", "东阿县"],
                                                    ["10", "Ⅲ-2", "麻庄竹马", "高唐县"], ["11", "Ⅲ-3", "冯圈竹马落子", "临清市"]])

    lines = body(read_pdf_layout(draw(page, pagesize=A4), "table-right.pdf"))
    texts = [line.text for line in lines]
    assert texts[1:11] == prose  # the left column in one run
    assert [line.column for line in lines[1:11]] == [0] * 10
    assert all(line.column == 1 for line in lines[11:])
    assert [line.cells for line in lines if line.table is not None][1] == ["9", "Ⅲ-1", "于窝黄河大秧歌", "东阿县"]


def test_a_contents_page_whose_left_and_right_text_never_stand_side_by_side_has_no_gutter():
    """A masthead set right of centre, short category lines at the left margin under it, entries
    across the page: a strip of white runs between the categories' ends and the masthead's start,
    but nothing stands on both sides of it at one height, so there are no columns to read (the
    first category came out before the masthead, b06-twocol.pdf). Two columns side by side still
    have their gutter. (One spaced line alone, b04-twocol.pdf's issue and date, is held by the
    corpus's category gate.)"""
    from bulletin.ingest.pdf_layout import fragments_of, gutters_of
    import pdfplumber

    def contents(c, columns_below=False):
        c.setFont(pf.FONT, 10)
        c.drawString(LEFT_X + 12 * EM, 540, "聊城市人民政府公报")
        c.drawString(LEFT_X + 13 * EM, 520, "2022年第4期 总第265期")
        c.drawString(LEFT_X + 14 * EM, 500, "目录")
        y = 480
        for category, entry in (("上级文件", "国务院办公厅关于湖北省巴东县地质灾害险情的复函……2"),
                                ("市政府文件", "市政府关于授予肖颖等同志见义勇为称号的决定……5"),
                                ("市政府办公室文件", "印发顺德区道路桥梁突发事件应急处置预案的通知……6"),
                                ("政府工作报告", "政府工作报告……7")):
            c.drawString(LEFT_X, y, category)
            c.drawString(LEFT_X + 2 * EM, y - 16, entry)
            y -= 40
        if columns_below:
            for i in range(4):
                c.drawString(LEFT_X, y - i * 16, "左栏的正文各行都在这里排")
                c.drawString(LEFT_X + 16 * EM, y - i * 16, "右栏的正文各行也在这里排")

    def gutters(paint):
        with pdfplumber.open(io.BytesIO(draw(paint))) as pdf:
            return gutters_of(fragments_of(pdf.pages[0].chars), EM)

    assert gutters(contents) == []
    found = gutters(lambda c: contents(c, columns_below=True))
    assert len(found) == 1 and LEFT_X + 12 * EM <= found[0][0] < found[0][1] <= LEFT_X + 16 * EM
