"""bulletin.ingest.pdf: text layer in reading order from synthetic bulletin PDFs (tests/pdf_factory.py)."""
import re

import pytest

from bulletin.ingest.errors import IngestError
from bulletin.ingest.pdf import extract_pdf, extract_pdf_text
from tests import pdf_factory as pf

PAGE_NUMBER = re.compile(r"^- (\d+) -$")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def doc():
    return pf.sample_document(articles=4, sections=4, paragraphs_per_section=4)


@pytest.fixture(scope="module")
def pages(doc):
    return pf.layout(doc)


def split_output(text: str, doc: pf.SourceDoc):
    """(body lines, page numbers, header lines) of an extraction."""
    header = squash(doc.running_header.replace("・", "·"))
    body, numbers, headers = [], [], []
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = PAGE_NUMBER.match(line.strip())
        if m:
            numbers.append(int(m.group(1)))
        elif squash(line) == header:
            headers.append(line)
        else:
            body.append(line)
    return body, numbers, headers


def test_two_column_pages_come_back_line_by_line_in_reading_order(doc, pages):
    result = extract_pdf(pf.render_pdf(pages), "two-column.pdf")
    body, numbers, headers = split_output(result.text, doc)
    assert [squash(line) for line in body] == [squash(line) for line in pf.reading_lines(pages)]
    assert result.warnings == []
    assert result.reordered is False and result.spreads == 0


def test_concatenated_text_equals_the_source(doc, pages):
    body, _, _ = split_output(extract_pdf_text(pf.render_pdf(pages), "x.pdf"), doc)
    source = "".join(pf.reading_lines(pages))
    assert squash("".join(body)) == squash(source)
    # and the articles' own text, heading by heading and paragraph by paragraph
    article_text = squash("".join(a.title + "".join(t for _, t in a.blocks) for a in doc.articles))
    assert article_text in squash("".join(body))


def test_furniture_is_kept_as_separate_lines_not_lost(doc, pages):
    result = extract_pdf(pf.render_pdf(pages), "x.pdf")
    body, numbers, headers = split_output(result.text, doc)
    numbered = [p.number for p in pages if p.number is not None]
    assert numbers == numbered
    assert len(headers) == len(numbered)
    assert result.furniture_lines == 2 * len(numbered)
    assert all(line == line.strip() for line in headers)  # furniture lines are not column starts
    # header before the page body, page number after it
    lines = [line for line in result.text.split("\n") if line.strip()]
    first_header = next(i for i, line in enumerate(lines) if line in headers)
    assert PAGE_NUMBER.match(lines[first_header - 1].strip()) is None
    assert "·" in headers[0]


def test_each_column_and_spanning_title_starts_with_a_space(doc, pages):
    body, _, _ = split_output(extract_pdf_text(pf.render_pdf(pages), "x.pdf"), doc)
    starts = [line.strip() for line in body if line.startswith(" ")]
    expected = []
    for page in pages:
        if page.cover:
            expected.append(page.cover[0][0])
        if page.spans:
            expected.append(page.spans[0].text)
        expected += [column[0].text for column in page.columns]
    assert [squash(s) for s in starts] == [squash(s) for s in expected]
    assert all(not line.startswith("  ") for line in body)


def test_titles_spanning_both_columns_come_before_the_columns(doc, pages):
    body, _, _ = split_output(extract_pdf_text(pf.render_pdf(pages), "x.pdf"), doc)
    squashed = [squash(line) for line in body]
    for article in doc.articles:
        at = squashed.index(squash(article.title))
        assert squashed[at + 1].startswith(squash(article.blocks[0][1])[:6])


def test_printer_spreads_in_booklet_order_are_split_and_put_in_page_order(doc, pages):
    assert pf.booklet_order(8)[:2] == [(7, 0), (1, 6)]
    single = extract_pdf(pf.render_pdf(pages), "pages.pdf")
    spread = extract_pdf(pf.render_pdf(pages, spreads=True, booklet=True), "spreads.pdf")
    assert spread.sheets == (len(pages) + 3) // 4 * 2
    assert spread.spreads == spread.sheets and spread.reordered is True
    assert spread.text == single.text
    _, numbers, _ = split_output(spread.text, doc)
    assert numbers == sorted(numbers) and len(numbers) == len(pages) - 1


def test_spreads_in_reading_order_need_no_reordering(doc, pages):
    single = extract_pdf_text(pf.render_pdf(pages), "pages.pdf")
    spread = extract_pdf(pf.render_pdf(pages, spreads=True, booklet=False), "spreads.pdf")
    assert spread.reordered is False and spread.text == single


def test_other_column_widths(doc):
    pages = pf.layout(doc, chars_per_line=21, lines_per_column=20)
    body, numbers, _ = split_output(extract_pdf_text(pf.render_pdf(pages, chars_per_line=21), "x.pdf"), doc)
    assert [squash(line) for line in body] == [squash(line) for line in pf.reading_lines(pages)]


def test_line_breaks_are_kept_as_printed(doc, pages):
    body, _, _ = split_output(extract_pdf_text(pf.render_pdf(pages), "x.pdf"), doc)
    assert len(body) == len(pf.reading_lines(pages))
    assert any(line.strip().endswith("，") or line.strip()[-1] not in "。；" for line in body)


def test_a_scan_is_refused_as_having_no_text_layer():
    with pytest.raises(IngestError) as info:
        extract_pdf_text(pf.render_scanned_pdf(), "scan-2024-05.pdf")
    message = str(info.value)
    assert message.startswith("scan-2024-05.pdf: PDF 没有文字层（扫描图像？）")
    assert "\n" not in message


def test_an_encrypted_pdf_is_refused(pages):
    data = pf.render_pdf(pages[:2], user_password="secret")
    with pytest.raises(IngestError, match=r"^locked\.pdf: PDF 已加密"):
        extract_pdf_text(data, "locked.pdf")


def test_an_encrypted_pdf_without_user_password_is_refused_too(pages):
    """Owner-password-only encryption (copy protection): pdfminer cannot map its text back to
    Unicode, so it is refused like any encrypted file rather than imported as garbage."""
    data = pf.render_pdf(pages[:2], user_password="")
    with pytest.raises(IngestError, match=r"^ro\.pdf: PDF 已加密"):
        extract_pdf_text(data, "ro.pdf")


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.999])
def test_truncated_pdf_is_refused_as_broken(pages, cut):
    data = pf.render_pdf(pages[:3])
    with pytest.raises(IngestError, match=r"^half\.pdf: PDF 已损坏"):
        extract_pdf_text(data[: int(len(data) * cut)], "half.pdf")


def test_garbage_after_the_pdf_header_is_refused_as_broken():
    with pytest.raises(IngestError, match=r"^junk\.pdf: PDF 已损坏，无法读取"):
        extract_pdf_text(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n", "junk.pdf")


def test_not_a_pdf_at_all():
    with pytest.raises(IngestError, match=r"^x\.pdf: 不是 PDF"):
        extract_pdf_text(b"hello", "x.pdf")


def test_a_landscape_page_with_a_centred_title_is_not_split(doc):
    """A sheet is split into two pages only when no line crosses its centre."""
    import io
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=landscape(A4))
    width, height = landscape(A4)
    c.setFont(pf.FONT, 16)
    c.drawCentredString(width / 2, height - 80, "临江市人民政府关于统计数据公开发布的通知")
    c.setFont(pf.FONT, 10)
    for i in range(10):
        c.drawString(60, height - 130 - i * 16, f"左栏第{i + 1}行的文字内容")
        c.drawString(width / 2 + 30, height - 130 - i * 16, f"右栏第{i + 1}行的文字内容")
    c.showPage()
    c.save()
    result = extract_pdf(buf.getvalue(), "landscape.pdf")
    assert result.spreads == 0
    lines = [line.strip() for line in result.text.split("\n") if line.strip()]
    assert lines[0].startswith("临江市人民政府")
    assert lines[1:11] == [f"左栏第{i}行的文字内容" for i in range(1, 11)]
    assert lines[11:] == [f"右栏第{i}行的文字内容" for i in range(1, 11)]


def test_fake_bold_glyphs_drawn_twice_count_once():
    import io
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(pf.PAGE_W, pf.PAGE_H))
    c.setFont(pf.FONT, 14)
    for dx in (0, 0.4):  # how Word and WPS fake a bold weight
        c.drawString(60 + dx, 500, "一、加粗的小标题")
    c.setFont(pf.FONT, 10)
    c.drawString(60, 470, "正文第一行，后面还有更多的文字。")
    c.showPage()
    c.save()
    lines = [line.strip() for line in extract_pdf_text(buf.getvalue(), "bold.pdf").split("\n") if line.strip()]
    assert lines == ["一、加粗的小标题", "正文第一行，后面还有更多的文字。"]


# ---------------------------------------------------------------- through the text pipeline


@pytest.mark.parametrize("seed", [0, 3, 11])
def test_parse_bulletin_of_a_spread_pdf_gives_the_source_document(seed):
    from bulletin.ingest.pipeline import parse_bulletin

    doc = pf.sample_document(seed=seed, articles=3)
    pages = pf.layout(doc)
    parsed = parse_bulletin(pf.render_pdf(pages, spreads=True), "spreads.pdf")
    assert (parsed.gazette, parsed.year, parsed.issue, parsed.total_issue, parsed.published) == (
        doc.gazette, doc.year, doc.issue, doc.total_issue, doc.published)
    assert [a.title for a in parsed.articles] == [a.title for a in doc.articles]
    for got, source in zip(parsed.articles, doc.articles):
        assert [(b.kind, squash(b.text)) for b in got.blocks] == [(kind, squash(text)) for kind, text in source.blocks]
    ledger = parsed.ledger
    assert ledger.balanced and ledger.duplicate == 0
    assert ledger.furniture == 2 * sum(1 for p in pages if p.number is not None)
    # the same document printed page by page gives the same JSON
    single = parse_bulletin(pf.render_pdf(pages), "pages.pdf")
    assert single.to_json_dict() == parsed.to_json_dict()


def test_a_spread_with_a_header_rule_of_text_across_the_centre_is_still_split_by_its_page_numbers(doc):
    """A running header drawn across the whole sheet crosses the centre; the two page numbers in
    the foot still show that the sheet holds two pages (booklet order 4|1 here)."""
    import io
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=landscape(A4))
    width, height = landscape(A4)
    for left, right in ((4, 1), (2, 3)):
        c.setFont(pf.FONT, 9)
        c.drawCentredString(width / 2, height - 30, "临江市人民政府公报 · 2025年第3期 · 政务公开专栏 · 依法行政")
        for number, x in ((left, 0), (right, width / 2)):
            c.drawCentredString(x + width / 4, 25, f"- {number} -")
            c.setFont(pf.FONT, 10)
            for i in range(3):
                c.drawString(x + 40, height - 100 - i * 16, f"第{number}页第{i + 1}行正文内容")
            c.setFont(pf.FONT, 9)
        c.showPage()
    c.save()
    result = extract_pdf(buf.getvalue(), "header-across.pdf")
    assert result.spreads == 2 and result.reordered
    body = [line.strip() for line in result.text.split("\n") if line.strip().startswith("第")]
    assert body == [f"第{n}页第{i}行正文内容" for n in (1, 2, 3, 4) for i in (1, 2, 3)]


@pytest.mark.parametrize("seed, chars, lines, spreads", [
    (1, 15, 20, True), (2, 18, 26, False), (5, 19, 22, True), (8, 17, 30, True), (13, 16, 18, False),
])
def test_reading_order_holds_across_layouts(seed, chars, lines, spreads):
    doc = pf.sample_document(seed=seed, articles=3, sections=3, paragraphs_per_section=2 + seed % 3)
    pages = pf.layout(doc, chars_per_line=chars, lines_per_column=lines)
    result = extract_pdf(pf.render_pdf(pages, spreads=spreads, chars_per_line=chars), "x.pdf")
    body, numbers, _ = split_output(result.text, doc)
    assert [squash(line) for line in body] == [squash(line) for line in pf.reading_lines(pages)]
    assert numbers == list(range(1, len(pages)))
    assert result.warnings == []


def test_three_columns_with_a_short_last_column_under_a_spanning_title():
    import io
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    expected = []
    for page, title in ((1, "三栏排版的第一篇文章标题跨越全部栏目"), (2, "第二篇文章的标题同样横跨三栏")):
        c.setFont(pf.FONT, 16)
        c.drawCentredString(width / 2, height - 150, title)
        expected.append(title)
        c.setFont(pf.FONT, 10)
        for col in range(3):
            for i in range(20 if col < 2 else 3):  # the last column holds only three lines
                text = f"第{page}页第{col + 1}栏第{i + 1:02d}行正文"
                c.drawString(50 + col * 170, height - 190 - i * 15, text)
                expected.append(text)
        c.setFont(pf.FONT, 9)
        c.drawCentredString(width / 2, 30, f"- {page} -")
        c.drawString(50, height - 40, "某市人民政府公报")
        c.showPage()
    c.save()
    result = extract_pdf(buf.getvalue(), "three-columns.pdf")
    lines = [line for line in result.text.split("\n") if line.strip()]
    body = [line.strip() for line in lines if "公报" not in line and not PAGE_NUMBER.match(line.strip())]
    assert body == expected
    starts = [line.strip() for line in lines if line.startswith(" ")]
    assert len(starts) == 8 and starts[0] == expected[0]
    assert result.warnings == []
