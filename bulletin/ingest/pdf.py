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
"""
from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from .errors import IngestError

logging.getLogger("pdfminer").setLevel(logging.ERROR)

MARGIN_SHARE = 0.15  # furniture lives in the outer 15 % of the page height
SPLIT_GAP_EM = 0.8  # a gap wider than this splits a row into fragments
MIN_GUTTER_EM = 0.8
PAGE_NUMBER_RE = re.compile(r"^[-–—―‐一~·\s]*(?:第\s*)?(\d{1,4})(?:\s*页)?[-–—―‐一~·\s]*$")
_DIGITS_RE = re.compile(r"\d+")
_SPACE_RE = re.compile(r"\s+")


@dataclass
class Fragment:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    row: int
    boxes: list[tuple[float, float, str]] = field(default_factory=list, repr=False)  # x0, x1, text of each char

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class LogicalPage:
    sheet: int  # 1-based index of the PDF page it comes from
    side: str  # "" (whole sheet), "left" or "right"
    x0: float
    x1: float
    height: float
    em: float = 10.0
    images: int = 0
    fragments: list[Fragment] = field(default_factory=list)
    header: list[Fragment] = field(default_factory=list)
    footer: list[Fragment] = field(default_factory=list)
    number: int | None = None
    lines: list[str] = field(default_factory=list)  # body lines in reading order, column starts marked

    @property
    def label(self) -> str:
        return f"page {self.sheet}" + (f" ({self.side} half)" if self.side else "")


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
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    if not data.startswith(b"%PDF-"):
        raise IngestError(f"{name}: not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(f"{name}: broken PDF: the file is truncated (no end-of-file marker)")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        raise _pdf_error(exc.args[0] if exc.args else exc, name) from None
    except Exception as exc:  # pdfminer raises many kinds on damaged files
        raise _pdf_error(exc, name) from None
    with pdf:
        if getattr(pdf.doc, "encryption", None):
            raise IngestError(f"{name}: PDF is encrypted; upload an unprotected copy or the extracted text")
        try:
            pages = [page for index, sheet in enumerate(pdf.pages, start=1) for page in _read_sheet(sheet, index)]
        except IngestError:
            raise
        except Exception as exc:
            raise _pdf_error(exc, name) from None
        sheets = len(pdf.pages)
    return _assemble(pages, sheets, name)


def _pdf_error(exc: BaseException, name: str) -> IngestError:
    kind = type(exc).__name__
    if "Password" in kind or "Encrypt" in kind:
        return IngestError(f"{name}: PDF is encrypted (password required); upload an unprotected copy")
    detail = _SPACE_RE.sub(" ", str(exc)).strip()[:120]
    return IngestError(f"{name}: broken PDF, cannot be read ({kind}{': ' + detail if detail else ''})")


# ---------------------------------------------------------------- sheets, rows, fragments


def _read_sheet(sheet, index: int) -> list[LogicalPage]:
    chars = [c for c in sheet.chars if c.get("upright", True) or not c["text"].strip()]
    width, height = float(sheet.width), float(sheet.height)
    x_base = float(sheet.bbox[0])
    fragments = _fragments(chars)
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
    return pages


def _numbered_halves(fragments: list[Fragment], middle: float, height: float) -> bool:
    """Both halves of the sheet carry a page number in a margin: two pages, even if a line (a
    running header drawn across the spread) crosses the centre."""
    sides = set()
    for f in fragments:
        in_margin = f.bottom <= height * MARGIN_SHARE or f.top >= height * (1 - MARGIN_SHARE)
        if in_margin and PAGE_NUMBER_RE.match(f.text) and not (f.x0 < middle < f.x1):
            sides.add(f.middle < middle)
    return len(sides) == 2


def _fragments(chars: list[dict]) -> list[Fragment]:
    """Rows by baseline (within half a character height), split at gaps wider than 0.8 em.
    Space characters of the text layer are kept (collapsed); a gap wider than 0.4 em becomes one."""
    rows: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["bottom"], c["x0"])):
        if rows and abs(ch["bottom"] - rows[-1][-1]["bottom"]) <= max(ch["size"], 1.0) * 0.5:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    out: list[Fragment] = []
    for row_index, row in enumerate(rows):
        row.sort(key=lambda c: c["x0"])
        group: list[dict] = []
        pending_space = False
        for ch in row:
            if not ch["text"].strip():
                pending_space = bool(group)
                continue
            if group and ch["text"] == group[-1]["text"].strip() and abs(ch["x0"] - group[-1]["x0"]) < 0.3 * ch["size"]:
                continue  # the same glyph drawn twice, slightly offset (fake bold)
            if group:
                gap = ch["x0"] - group[-1]["x1"]
                if gap > SPLIT_GAP_EM * max(ch["size"], group[-1]["size"]):
                    out.append(_make_fragment(group, row_index))
                    group, pending_space = [], False
                elif pending_space or gap > 0.4 * ch["size"]:
                    group.append({**ch, "text": " " + ch["text"]})
                    pending_space = False
                    continue
            group.append(ch)
            pending_space = False
        if group:
            out.append(_make_fragment(group, row_index))
    return out


def _make_fragment(group: list[dict], row: int) -> Fragment:
    return Fragment(
        "".join(c["text"] for c in group),
        group[0]["x0"], group[-1]["x1"],
        min(c["top"] for c in group), max(c["bottom"] for c in group), row,
        [(c["x0"], c["x1"], c["text"]) for c in group],
    )


def _split_at_gutters(fragments: list[Fragment], gutters: list[tuple[float, float]], em: float) -> list[Fragment]:
    """A row piece that runs from one column into the next only because the gap between them was
    narrow (hanging punctuation, tight gutter) is cut at its widest gap over the gutter, if that gap
    stands out from the piece's other gaps (an evenly letter-spaced title is left whole)."""
    out: list[Fragment] = []
    for f in fragments:
        pieces = [f]
        for a, b in gutters:
            last = pieces[-1]
            if not (last.x0 < a and last.x1 > b) or len(last.boxes) < 2:
                continue
            gaps = [(last.boxes[i][0] - last.boxes[i - 1][1], i) for i in range(1, len(last.boxes))]
            over = [(gap, i) for gap, i in gaps if last.boxes[i - 1][1] < b and last.boxes[i][0] > a]
            if not over:
                continue
            gap, cut = max(over)
            typical = statistics.median(g for g, _ in gaps)
            if gap < 0.4 * em or gap < 2 * max(typical, 0) + 0.3 * em:
                continue
            head, tail = last.boxes[:cut], last.boxes[cut:]
            tail = [(tail[0][0], tail[0][1], tail[0][2].lstrip())] + tail[1:]
            left = Fragment("".join(t for _, _, t in head), last.x0, head[-1][1], last.top, last.bottom, last.row, head)
            right = Fragment("".join(t for _, _, t in tail), tail[0][0], last.x1, last.top, last.bottom, last.row, tail)
            pieces[-1:] = [left, right]
        out += pieces
    return out


# ---------------------------------------------------------------- furniture


def _furniture_key(fragment: Fragment) -> tuple[str, int]:
    text = _DIGITS_RE.sub("#", _SPACE_RE.sub("", fragment.text))
    return text, round(fragment.top / 4)


def _in_margin(page: LogicalPage, fragment: Fragment) -> str:
    if fragment.bottom <= page.height * MARGIN_SHARE:
        return "header"
    if fragment.top >= page.height * (1 - MARGIN_SHARE):
        return "footer"
    return ""


def _strip_furniture(pages: list[LogicalPage]) -> None:
    text_pages = [p for p in pages if p.fragments]
    seen: Counter = Counter()
    for page in text_pages:
        seen.update({_furniture_key(f) for f in page.fragments if _in_margin(page, f)})
    repeat = max(2, round(0.25 * len(text_pages)))
    for page in text_pages:
        body = []
        for fragment in page.fragments:
            where = _in_margin(page, fragment)
            number = PAGE_NUMBER_RE.match(fragment.text)
            if where and (number or seen[_furniture_key(fragment)] >= repeat):
                (page.header if where == "header" else page.footer).append(fragment)
                if number and page.number is None:
                    page.number = int(number.group(1))
            else:
                body.append(fragment)
        page.fragments = body


# ---------------------------------------------------------------- columns and reading order


def _gutters(fragments: list[Fragment], em: float) -> list[tuple[float, float]]:
    """Vertical strips (x0, x1) between columns: few or no fragments cross them, and text lies on
    both sides, with clearly more lines there than across the strip."""
    if len(fragments) < 2:
        return []
    lo, hi = min(f.x0 for f in fragments), max(f.x1 for f in fragments)
    step = 1.0
    n = int((hi - lo) / step) + 1
    cover = [0] * n  # per point of x: how many rows have a character there
    for row in _rows(fragments):
        marked = bytearray(n)
        for f in row:
            for x0, x1, _ in f.boxes:
                for i in range(max(0, int((x0 - lo) / step) + 1), min(n, int((x1 - lo) / step))):
                    marked[i] = 1
        for i in range(n):
            cover[i] += marked[i]
    gutters: list[tuple[float, float]] = []
    # Candidate strips: maximal runs whose coverage is at most half of the lower neighbouring peak.
    for level in sorted(set(cover)):
        i = 0
        while i < n:
            if cover[i] > level:
                i += 1
                continue
            j = i
            while j < n and cover[j] <= level:
                j += 1
            if i > 0 and j < n and (j - i) * step >= MIN_GUTTER_EM * em:
                left_peak, right_peak = max(cover[:i]), max(cover[j:])
                if level * 2 <= min(left_peak, right_peak) and (level == 0 or min(left_peak, right_peak) >= 3):
                    strip = (lo + i * step, lo + j * step)
                    # A wider strip at a higher level replaces the narrower ones it contains (the
                    # gap between a column and a title is not the gutter the title crosses).
                    inside = [g for g in gutters if strip[0] <= g[0] and g[1] <= strip[1]]
                    if not any(a < strip[1] and strip[0] < b for a, b in gutters if (a, b) not in inside):
                        gutters = [g for g in gutters if g not in inside] + [strip]
            i = j
    return sorted(gutters)


def _rows(fragments: list[Fragment]) -> list[list[Fragment]]:
    rows: dict[int, list[Fragment]] = {}
    for f in fragments:
        rows.setdefault(f.row, []).append(f)
    return list(rows.values())


def _order_page(page: LogicalPage, warnings: list[str]) -> None:
    gutters = _gutters(page.fragments, page.em)
    fragments = sorted(_split_at_gutters(page.fragments, gutters, page.em), key=lambda f: (f.top, f.x0))
    bounds = [float("-inf")] + [(a + b) / 2 for a, b in gutters] + [float("inf")]  # text may overhang the page

    def column_of(f: Fragment) -> int | None:
        for a, b in gutters:
            if f.x0 < a - 0.5 and f.x1 > b + 0.5 or (a + 0.5 < f.middle < b - 0.5):
                return None  # spans the gutter: a title across the columns
        return next(i for i in range(len(bounds) - 1) if bounds[i] <= f.middle < bounds[i + 1])

    lines: list[str] = []
    band: dict[int, list[Fragment]] = {}
    spanning: list[Fragment] = []

    def flush_band():
        for col in sorted(band):
            lines.extend(_column_lines(band[col]))
        band.clear()

    for f in fragments:
        col = column_of(f)
        if col is None:
            if band:
                flush_band()
            spanning.append(f)
        else:
            if spanning:
                lines.extend(_column_lines(spanning))
                spanning = []
            band.setdefault(col, []).append(f)
    if spanning:
        lines.extend(_column_lines(spanning))
    flush_band()
    if not gutters:
        shared = sum(1 for k in Counter(f.row for f in fragments).values() if k > 1)
        if shared >= 2:
            warnings.append(f"{page.label}: {shared} lines hold several separate pieces of text but no column "
                            "gutter was found; their reading order is uncertain")
    page.lines = lines


def _column_lines(fragments: list[Fragment]) -> list[str]:
    """Lines of one column (or one spanning run) top to bottom; pieces of one row joined."""
    ordered = sorted(_rows(fragments), key=lambda group: min(f.top for f in group))
    lines = [" ".join(f.text for f in sorted(group, key=lambda f: f.x0)) for group in ordered]
    if lines:
        lines[0] = " " + lines[0]
    return lines


def _assemble(pages: list[LogicalPage], sheets: int, name: str) -> PdfText:
    visible = sum(len(f.text.replace(" ", "")) for p in pages for f in p.fragments)
    if visible < 10:
        raise IngestError(f"{name}: PDF has no text layer (scanned image?); run OCR first or upload the extracted text")
    cid = sum(f.text.count("(cid:") for p in pages for f in p.fragments)
    if cid * 5 > visible / 6:
        raise IngestError(f"{name}: PDF text layer has no Unicode mapping ({cid} unmapped glyphs); upload the extracted text")
    warnings: list[str] = []
    _strip_furniture(pages)
    scanned = [p.label for p in pages if not p.fragments and not p.header and not p.footer and p.images]
    for page in pages:
        _order_page(page, warnings)
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
                warnings.append(f"{len(loose)} page(s) with text but no printed page number ({', '.join(loose[:4])}) "
                                "were put before the numbered pages; their place in the reading order is uncertain")
        else:
            dupes = sorted(n for n, k in Counter(numbered).items() if k > 1)
            warnings.append(f"printed page numbers repeat ({', '.join(map(str, dupes[:5]))}); pages kept in file order")
    if scanned:
        more = "…" if len(scanned) > 4 else ""
        warnings.append(f"{len(scanned)} page(s) are images without text ({', '.join(scanned[:4])}{more}); "
                        "scanned pages are not read")
    out: list[str] = []
    furniture = 0
    for page in pages:
        out += [f.text for f in page.header]
        out += page.lines
        out += [f.text for f in page.footer]
        furniture += len(page.header) + len(page.footer)
    spreads = sum(1 for p in pages if p.side == "left")
    return PdfText("\n".join(out) + "\n", sheets, len(pages), spreads, reordered, furniture, warnings)
