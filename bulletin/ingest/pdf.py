"""PDF bytes in, bulletin text out, in reading order, using the page geometry. Plain Python.

Contract with the text pipeline (the same shape as the extracted sample text):
  * one output line per printed line, as printed (no re-wrapping, no joining);
  * every column (and every run of lines spanning the columns, such as a centred title) starts
    with a line that begins with a single space: the column-start mark;
  * page furniture is NOT dropped silently: running headers and page numbers are recognised here by
    their position, taken out of the body, and emitted as their own lines, the page's header lines
    before its body and its footer lines (page number) after it, so the pipeline's furniture step
    sees and counts them in the ledger;
  * pages come in printed-page-number order (printer spreads are split and booklet imposition
    undone), columns left to right, lines top to bottom.

Geometry, per page of the PDF:
  1. spreads: a landscape sheet is two pages when no line crosses its vertical centre, or when
     each half has a page number in its margin;
  2. chars (upright; a glyph drawn twice for fake bold counted once) are grouped into rows by
     baseline, and a row into fragments wherever the gap between two characters is wider than 0.8 em;
  3. furniture: a fragment in the outer 15 % of the page height that is a page number ("- 5 -",
     "5", "第5页"), or whose text (digits folded) recurs at the same height on several pages;
  4. columns: gutters are vertical strips at least 0.8 em wide that body fragments (almost) never
     cross; the few fragments that do cross one (titles) span the columns and cut the page into
     bands, each band read column by column.

`read_pages` (open, refuse, split, fragments) and `order_pages` (furniture, columns, page order) are
shared with ingest.pdf_lines, which keeps each line's measurements (the Layout model) instead of
the text; `extract_pdf` below is the text output built on them.
"""
from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .errors import IngestError
from .limits import MAX_PDF_PAGES
from .pdf_layout import Fragment, LogicalPage, fragments_of, order_page
from .profile import PROFILE

logging.getLogger("pdfminer").setLevel(logging.ERROR)

PAGE_NUMBER_RE = re.compile(r"^[-–—―‐一~·\s]*(?:第\s*)?(\d{1,4})(?:\s*页)?[-–—―‐一~·\s]*$")
_DIGITS_RE = re.compile(r"\d+")
_SPACE_RE = re.compile(r"\s+")


@dataclass
class PdfText:
    text: str
    sheets: int
    pages: int
    spreads: int  # sheets split into two pages
    reordered: bool  # pages were put back in printed-number order
    furniture_lines: int
    warnings: list[str] = field(default_factory=list)


def extract_pdf_text(data: bytes, name: str = "<input>") -> str:
    """The text layer of a bulletin PDF in reading order (see the module docstring)."""
    return extract_pdf(data, name).text


def extract_pdf(data: bytes, name: str = "<input>") -> PdfText:
    """extract_pdf_text with what the geometry step found (counts and reading-order warnings)."""
    pages, sheets = read_pages(data, name)
    pages, warnings, reordered = order_pages(pages, name)
    out: list[str] = []
    furniture = 0
    for page in pages:
        out += [f.text for f in page.header]
        out += page.lines
        out += [f.text for f in page.footer]
        furniture += len(page.header) + len(page.footer)
    spreads = sum(1 for p in pages if p.side == "left")
    return PdfText("\n".join(out) + "\n", sheets, len(pages), spreads, reordered, furniture, warnings)


def read_pages(data: bytes, name: str, tables=None) -> tuple[list[LogicalPage], int]:
    """The logical pages of a PDF (spreads split) in file order, with their row fragments, and the
    number of sheets; refuses what cannot be read (IngestError, one line). `tables(sheet, page, chars)`,
    if given, returns the table-row fragments of a logical page and the chars they took."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    if not data.startswith(b"%PDF-"):
        raise IngestError(f"{name}: 不是 PDF（没有 %PDF- 文件头）")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(f"{name}: PDF 已损坏：文件不完整（没有结束标记）")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        raise pdf_error(exc.args[0] if exc.args else exc, name) from None
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise pdf_error(exc, name) from None
    with pdf:
        try:
            if getattr(pdf.doc, "encryption", None):
                raise IngestError(f"{name}: PDF 已加密：请上传未加密的副本或提取的文字")
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise IngestError(f"{name}: PDF 有 {len(pdf.pages)} 页，超过解析器一次能处理的 {MAX_PDF_PAGES} 页：请按期拆分后再导入")
            pages = []
            for index, sheet in enumerate(pdf.pages, start=1):
                pages += _read_sheet(sheet, index, tables)
                sheet.close()  # pdfplumber's characters of a read sheet: memory per page, not per file
        except IngestError:
            raise
        except Exception as exc:
            raise pdf_error(exc, name) from None
        sheets = len(pdf.pages)
    return pages, sheets


def pdf_error(exc: BaseException, name: str) -> IngestError:
    kind = type(exc).__name__
    if "Password" in kind or "Encrypt" in kind:
        return IngestError(f"{name}: PDF 已加密（需要密码）：请上传未加密的副本")
    detail = _SPACE_RE.sub(" ", str(exc)).strip()[:120]
    return IngestError(f"{name}: PDF 已损坏，无法读取（{kind}{'：' + detail if detail else ''}）")


# ---------------------------------------------------------------- sheets, rows, fragments


def _read_sheet(sheet, index: int, tables=None) -> list[LogicalPage]:
    chars = [c for c in sheet.chars if c.get("upright", True) or not c["text"].strip()]
    width, height = float(sheet.width), float(sheet.height)
    x_base = float(sheet.bbox[0])
    fragments = fragments_of(chars)
    middle = x_base + width / 2
    if width > height * 1.05 and fragments and (
        not any(f.x0 < middle - 1 and f.x1 > middle + 1 for f in fragments) or _numbered_halves(fragments, middle, height)
    ):
        halves = []
        for side, lo, hi in (("left", x_base, middle), ("right", middle, x_base + width)):
            page = LogicalPage(index, side, lo, hi, height)
            page.fragments = [f for f in fragments if lo <= f.middle < hi]
            page.images = sum(1 for im in sheet.images if lo <= (im["x0"] + im["x1"]) / 2 < hi)
            halves.append(page)
        pages = halves
    else:
        page = LogicalPage(index, "", x_base, x_base + width, height)
        page.fragments = fragments
        page.images = len(sheet.images)
        pages = [page]
    sizes = [c["size"] for c in chars if c["text"].strip()]
    em = statistics.median(sizes) if sizes else 10.0
    for page in pages:
        page.em = em
    if tables is not None:
        _add_tables(sheet, pages, chars, tables)
    return pages


def _add_tables(sheet, pages: list[LogicalPage], chars: list[dict], tables) -> None:
    """Table rows replace the fragments of the chars inside their tables (rows re-read without them)."""
    found, taken = [], set()
    for page in pages:
        rows, used = tables(sheet, page, chars)
        found.append(rows)
        taken |= used
    if not taken:
        return
    rest = fragments_of([c for i, c in enumerate(chars) if i not in taken])
    for page, rows in zip(pages, found):
        page.fragments = [f for f in rest if page.x0 <= f.middle < page.x1 or len(pages) == 1] + rows


def _numbered_halves(fragments: list[Fragment], middle: float, height: float) -> bool:
    """Both halves of the sheet carry a page number in a margin: two pages, even if a line (a
    running header drawn across the spread) crosses the centre."""
    sides = set()
    for f in fragments:
        in_margin = f.bottom <= height * PROFILE.margin_share or f.top >= height * (1 - PROFILE.margin_share)
        if in_margin and PAGE_NUMBER_RE.match(f.text) and not (f.x0 < middle < f.x1):
            sides.add(f.middle < middle)
    return len(sides) == 2


# ---------------------------------------------------------------- furniture


def _furniture_key(fragment: Fragment) -> tuple[str, int]:
    text = _DIGITS_RE.sub("#", _SPACE_RE.sub("", fragment.text))
    return text, round(fragment.top / 4)


def _in_margin(page: LogicalPage, fragment: Fragment) -> str:
    if fragment.bottom <= page.height * PROFILE.margin_share:
        return "header"
    if fragment.top >= page.height * (1 - PROFILE.margin_share):
        return "footer"
    return ""


def _strip_furniture(pages: list[LogicalPage]) -> None:
    text_pages = [p for p in pages if p.fragments]
    seen: Counter = Counter()
    for page in text_pages:
        seen.update({_furniture_key(f) for f in page.fragments if _in_margin(page, f) and f.table is None})
    repeat = max(2, round(0.25 * len(text_pages)))
    for page in text_pages:
        body = []
        for fragment in page.fragments:
            where = _in_margin(page, fragment)
            number = PAGE_NUMBER_RE.match(fragment.text)
            repeated = seen[_furniture_key(fragment)] >= repeat and not _larger_than_body(fragment, page.em)
            if where and fragment.table is None and (number or repeated):
                (page.header if where == "header" else page.footer).append(fragment)
                if number and page.number is None:
                    page.number = int(number.group(1))
            else:
                body.append(fragment)
        page.fragments = body


def _larger_than_body(fragment: Fragment, em: float) -> bool:
    """Running heads are set at the body size or smaller; a larger line at the top of a page is a
    title, however alike two titles look (第223/2000號… and 第200/2002號… fold to one shape)."""
    sizes = sorted(box.size for box in fragment.boxes if box.size)
    return bool(sizes) and sizes[len(sizes) // 2] > em * PROFILE.title_over_body


# ---------------------------------------------------------------- columns and reading order


def order_pages(pages: list[LogicalPage], name: str) -> tuple[list[LogicalPage], list[str], bool]:
    """Refuses a text layer that is missing or unmapped; takes out the furniture, orders each page's
    body (page.rows, page.lines) and the pages by printed number: (pages, warnings, reordered)."""
    visible = sum(len(f.text.replace(" ", "")) for p in pages for f in p.fragments)
    if visible < 10:
        raise IngestError(f"{name}: PDF 没有文字层（扫描图像？）：请先做文字识别（OCR），或上传提取的文字")
    cid = sum(f.text.count("(cid:") for p in pages for f in p.fragments)
    if cid * 5 > visible / 6:
        raise IngestError(f"{name}: PDF 文字层缺少 Unicode 映射（{cid} 个字形无法对应文字）：请上传提取的文字")
    warnings: list[str] = []
    _strip_furniture(pages)
    scanned = [p.label for p in pages if not p.fragments and not p.header and not p.footer and p.images]
    for page in pages:
        order_page(page, warnings)
    numbered = [p.number for p in pages if p.number is not None]
    reordered = False
    if len(numbered) >= 2 and numbered != sorted(numbered):
        if len(set(numbered)) == len(numbered):
            # Unnumbered pages (cover, contents) keep their place before the numbered ones.
            unnumbered = [p for p in pages if p.number is None]
            pages = unnumbered + sorted((p for p in pages if p.number is not None), key=lambda p: p.number)
            reordered = True
            loose = [p.label for p in unnumbered if p.lines][1:]  # the first is the cover
            if loose:
                warnings.append(f"有 {len(loose)} 页有文字但没有印页码（{'、'.join(loose[:4])}），已放在有页码的页之前，"
                                "其阅读顺序不确定，请核对")
        else:
            dupes = sorted(n for n, k in Counter(numbered).items() if k > 1)
            warnings.append(f"印出的页码有重复（{'、'.join(map(str, dupes[:5]))}），各页按文件顺序保留")
    if scanned:
        more = "…" if len(scanned) > 4 else ""
        warnings.append(f"有 {len(scanned)} 页是没有文字层的图像（{'、'.join(scanned[:4])}{more}），扫描页未读取")
    return pages, warnings, reordered
