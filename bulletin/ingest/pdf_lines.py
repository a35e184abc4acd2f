"""PDF bytes in, the measured page model out: `read_pdf_layout(data, name) -> Layout` (see layout.py).

The geometry is the one `ingest.pdf` uses for the text output (spreads split, booklet order undone,
rows → fragments, furniture by position and repetition, gutters → columns, bands for spanning
titles, pages in printed-number order); here each printed line keeps what was measured:

  * `text`: the row's fragments joined with one space (ingest.pdf_layout.fragments_of: spaces of the
    text layer collapsed, a gap over 0.4 em is one space, a glyph drawn twice counted once), then
    ingest.normalize.normalize_text (radicals and compatibility ideographs folded);
  * every length is in em of the body text: the median size of all characters of the document;
  * a line's box is its column's box: per column, the most common left edge (the smallest edge that
    is nearly as common, so indented first lines do not win) and the most common right edge of the
    longer half of the lines (hanging punctuation and wide titles do not move it), pooled over all
    pages (of the same side of a spread) whose gutters lie at the same place, so a half-empty last
    page gets the same boxes as the full ones. A line across the columns (column -1) and the
    furniture (also column -1) get the page's text box, from the leftmost to the rightmost column
    edge. A page without gutters is one column (column_count 1): boxed by a column box of the main
    layout when its lines start at that column's edge or a first-line indent in from it (a last
    page that fills one column), else by
    its own box when at least 3 lines share a left edge, else by the main layout's text box (a
    centred cover page); its lines that do not fit in that column box (a title over one column of
    text) are column -1, in the main layout's text box (without one: margins as wide as the left);
  * ruled tables (pdfplumber find_tables, lines strategy) become one line per table row, with the
    cells; a cell that a merged neighbour covers (pdfplumber gives None) is "" so that no text is
    counted twice, and `text` joins the non-empty cells with one space. A single-cell "table" (a
    frame drawn around text) is left as text. A table that ends a page and one that begins the next
    page, with the same number of columns and the same column widths (within PROFILE.table_match_em), share
    one id: the table continues;
  * `gap_above` = (this line's top − the previous line's bottom in the same column − the normal gap)
    / the normal line pitch, with the normal gap and pitch the most common ones between consecutive
    body-size lines of the document: 0 at normal leading, 1 for one blank line; None at a column
    start and for furniture;
  * `page` counts the logical pages that hold at least one line, in the final reading order.
"""
from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from .layout import CENTER, FOOTER, HEADER, JUSTIFIED, LEFT, PAGE_NUMBER, RIGHT, Layout, PageLine
from .normalize import normalize_text
from .pdf import PAGE_NUMBER_RE, order_pages, read_pages
from .pdf_layout import Fragment, LogicalPage, PlacedRow, fragments_of
from .profile import PROFILE


_CJK_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


@dataclass
class TableRow:
    """What a table-row fragment carries (Fragment.table)."""
    key: tuple  # (sheet, side, table index on that page): one printed table on one page
    widths: tuple[float, ...]  # column widths, for matching a continuation on the next page
    cells: list[str]
    first: bool  # the table's first row on this page
    last: bool


def read_pdf_layout(data: bytes, name: str = "<input>") -> Layout:
    """Every printed line of a bulletin PDF, measured, in reading order (see the module docstring)."""
    rows_ids = itertools.count(-1, -1)  # table rows get their own (negative) row numbers
    pages, _ = read_pages(data, name, tables=lambda sheet, page, chars: _tables_of(sheet, page, chars, rows_ids))
    pages, warnings, _ = order_pages(pages, name)
    em = _body_em(pages)
    pitch, normal_gap = _leading(pages, em)
    boxes = _page_boxes(pages, em)
    table_ids = _table_ids(pages, em)
    lines: list[PageLine] = []
    logical = 0
    for page in pages:
        if not (page.header or page.rows or page.footer):
            continue
        logical += 1
        cols, text_box, count, columns = boxes[id(page)]
        common = dict(page=logical, printed_page=page.number, column_count=count)
        lines += [_furniture(f, HEADER, text_box, em, common) for f in page.header]
        previous = None  # (column, bottom) of the line before
        for placed, column in zip(page.rows, columns):
            line = _line(placed.fragments, text_box if column < 0 else cols[column], em, column=column, **common)
            line.column_start = placed.column_start or previous is None or column != previous[0]
            if not line.column_start:
                line.gap_above = round((_top(placed.fragments) - previous[1] - normal_gap) / pitch, 2)
            if placed.fragments[0].table is not None:
                line.table = table_ids[id(placed.fragments[0])]
                line.cells = list(placed.fragments[0].table.cells)
            previous = (column, _bottom(placed.fragments))
            lines.append(line)
        lines += [_furniture(f, FOOTER, text_box, em, common) for f in page.footer]
    for index, line in enumerate(lines):
        line.source = (index,)
    return Layout(lines, "pdf", len(lines), em_points=em, warnings=warnings)


# ---------------------------------------------------------------- one line


def _furniture(fragment: Fragment, kind: str, box: tuple[float, float], em: float, common: dict) -> PageLine:
    line = _line([fragment], box, em, column=-1, **common)
    line.furniture = PAGE_NUMBER if PAGE_NUMBER_RE.match(fragment.text) else kind
    return line


def _top(fragments: list[Fragment]) -> float:
    return min(f.top for f in fragments)


def _bottom(fragments: list[Fragment]) -> float:
    return max(f.bottom for f in fragments)


def _line(fragments: list[Fragment], box: tuple[float, float], em: float, **place) -> PageLine:
    x0, x1 = min(f.x0 for f in fragments), max(f.x1 for f in fragments)
    chars = [b for f in fragments for b in f.boxes if b.text.strip()]
    size = statistics.median(b.size for b in chars) / em if chars else 1.0
    indent, right_gap, width = (x0 - box[0]) / em, (box[1] - x1) / em, (box[1] - box[0]) / em
    return PageLine(
        normalize_text(" ".join(f.text for f in fragments).strip()),
        indent=round(indent, 2), right_gap=round(right_gap, 2), column_width=round(width, 2),
        size=round(size, 3), bold=sum(1 for b in chars if b.flags) * 2 > len(chars),
        align=alignment(indent, right_gap, width, place.get("column") == -1), measured=True, **place)


def alignment(indent: float, right_gap: float, width: float, spanning: bool = False) -> str:
    """LEFT / CENTER / RIGHT / JUSTIFIED from the margins of a line in its box (em); `spanning`: a line
    across the columns, measured in the page's text box."""
    if indent < PROFILE.flush_max_gap_em and right_gap < PROFILE.flush_max_gap_em:
        return JUSTIFIED
    least = PROFILE.span_center_min_margin_em if spanning else PROFILE.center_min_margin_em
    if indent > least and right_gap > least and abs(indent - right_gap) < PROFILE.center_max_skew_em:
        return CENTER
    if right_gap < PROFILE.flush_max_gap_em and indent > width * PROFILE.right_min_indent_share:
        return RIGHT
    return LEFT


# ---------------------------------------------------------------- document statistics


def _body_em(pages: list[LogicalPage]) -> float:
    sizes = [b.size for p in pages for f in _all_fragments(p) for b in f.boxes if b.text.strip() and b.size > 0]
    return statistics.median(sizes) if sizes else 10.0


def _all_fragments(page: LogicalPage):
    yield from page.header
    for row in page.rows:
        yield from row.fragments
    yield from page.footer


def _leading(pages: list[LogicalPage], em: float) -> tuple[float, float]:
    """(pitch, gap): the most common distance between the baselines, and between one line's bottom and
    the next one's top, of consecutive body-size text lines in one column."""
    pitches: Counter = Counter()
    gaps: Counter = Counter()
    for page in pages:
        for a, b in zip(page.rows, page.rows[1:]):
            if b.column_start or a.column != b.column or a.fragments[0].table or b.fragments[0].table:
                continue
            if all(abs(_row_size(r) - em) <= PROFILE.body_size_share * em for r in (a, b)):
                pitches[round(2 * (_bottom(b.fragments) - _bottom(a.fragments))) / 2] += 1
                gaps[round(2 * (_top(b.fragments) - _bottom(a.fragments))) / 2] += 1
    pitch = max(pitches, key=lambda k: (pitches[k], -k)) if pitches else 1.5 * em
    gap = max(gaps, key=lambda k: (gaps[k], -k)) if gaps else 0.5 * em
    return max(pitch, 0.5 * em), gap


def _row_size(row: PlacedRow) -> float:
    sizes = [b.size for f in row.fragments for b in f.boxes if b.text.strip()]
    return statistics.median(sizes) if sizes else 0.0


# ---------------------------------------------------------------- column boxes


def _box(x0s: list[float], x1s: list[float], em: float) -> tuple[float, float]:
    """A column's box from the edges of its lines: on the left the smallest edge nearly as common as
    the most common one (indented first lines do not move it), on the right the most common edge in
    the longer half of the lines (full lines end there; short last lines, hanging punctuation and a
    wide title do not), the smaller one on a tie; without a repeated edge, the upper quartile."""
    lefts = Counter(round(2 * x) / 2 for x in x0s)
    top = max(lefts.values())
    left = min(x for x, k in lefts.items() if k >= max(2, 0.3 * top) or k == top)
    middle = statistics.median(x1s)
    rights = Counter(round(2 * x) / 2 for x in x1s if x >= middle - 0.01)
    best = max(rights.values(), default=0)
    if best >= 2:
        right = min(x for x, k in rights.items() if k == best)
    else:
        right = statistics.quantiles(x1s, n=4, method="inclusive")[-1] if len(x1s) >= 2 else x1s[0]
    return left, max(right, left + em)


def _edges(page: LogicalPage, column: int | None = None) -> tuple[list[float], list[float]]:
    rows = [r for r in page.rows if r.fragments[0].table is None and (column is None or r.column == column)]
    return ([min(f.x0 for f in r.fragments) - page.x0 for r in rows],
            [max(f.x1 for f in r.fragments) - page.x0 for r in rows])


def _page_boxes(pages: list[LogicalPage], em: float) -> dict[int, tuple[list, tuple, int, list[int]]]:
    """Per page: (column boxes, text box, column count, column of each body row)."""
    groups: list[tuple[str, list[float], list[LogicalPage]]] = []  # the halves of spreads apart
    for page in pages:
        if page.gutters:
            sig = [(a + b) / 2 - page.x0 for a, b in page.gutters]
            for side, g_sig, members in groups:
                if side == page.side and len(g_sig) == len(sig) and all(
                        abs(u - v) <= PROFILE.layout_match_em * em for u, v in zip(g_sig, sig)):
                    members.append(page)
                    break
            else:
                groups.append((page.side, sig, [page]))
    relative: dict[int, tuple[list, tuple, int, list[int]]] = {}
    main: dict[str, tuple[int, list]] = {}  # side → (lines, column boxes) of its most used layout
    for side, sig, members in groups:
        cols = []
        for column in range(len(sig) + 1):
            x0s, x1s = [], []
            for page in members:
                a, b = _edges(page, column)
                x0s += a
                x1s += b
            cols.append(_box(x0s, x1s, em) if x0s else None)
        cols = _fill(cols, sig, em)
        lines = sum(len(p.rows) for p in members)
        for key in (side, None):
            if lines > main.get(key, (0, None))[0]:
                main[key] = (lines, cols)
        for page in members:
            relative[id(page)] = (cols, (cols[0][0], cols[-1][1]), len(cols), [r.column for r in page.rows])
    pooled = {}
    for side in {page.side for page in pages if not page.gutters} - set(main):
        # A bulletin set in one column throughout: its pages pooled give the column, as pages
        # sharing gutters do (a short page, its signature set in from the edge, is boxed by it).
        x0s, x1s = [], []
        for page in pages:
            if not page.gutters and page.side == side:
                a, b = _edges(page)
                x0s += a
                x1s += b
        if x0s:
            pooled[side] = [_box(x0s, x1s, em)]
    for page in pages:
        if id(page) not in relative:
            layout = main.get(page.side, main.get(None, (0, None)))[1]
            relative[id(page)] = _single_column_box(page, layout, em, pooled.get(page.side))
    out = {}
    for page in pages:
        cols, text, count, columns = relative[id(page)]
        shift = lambda box: (page.x0 + box[0], page.x0 + box[1])  # noqa: E731
        out[id(page)] = ([shift(c) for c in cols], shift(text), count, columns)
    return out


def _fill(cols: list, sig: list[float], em: float) -> list[tuple[float, float]]:
    """A column without lines (cannot happen with gutters found from text, but be safe): up to the gutters."""
    bounds = [None] + sig + [None]
    out = []
    for i, box in enumerate(cols):
        if box is None:
            known = [c for c in cols if c]
            lo = bounds[i] + em / 2 if bounds[i] is not None else known[0][0]
            hi = bounds[i + 1] - em / 2 if bounds[i + 1] is not None else known[-1][1]
            box = (lo, max(hi, lo + em))
        out.append(box)
    return out


def _single_column_box(page: LogicalPage, main: list | None, em: float, pooled: list | None = None):
    """A page without gutters: one column, boxed as the module docstring says. Lines that do not fit
    in that box (a title across the columns over a last page that fills one column) are column -1,
    in the main layout's text box or, without one, a text box with margins as wide as the left one.
    In a bulletin without columns, the column pooled over its pages (`pooled`) boxes a page whose
    lines start at its edge or lie within it (a signature block alone on a last page), but is no
    text box for lines outside it: a title over it may be centred on the page."""
    x0s, x1s = _edges(page)
    spans = [(min(f.x0 for f in r.fragments) - page.x0, max(f.x1 for f in r.fragments) - page.x0) for r in page.rows]
    text = (main[0][0], main[-1][1]) if main else None
    outer = text or (pooled[0] if pooled else None)  # the box of a page with no line on an edge
    box = None
    if not x0s:
        box = text or (0.0, page.x1 - page.x0)
    for a, b in main or pooled or []:
        fits = [x >= a - PROFILE.edge_fit_em * em and y <= b + PROFILE.overhang_em * em for x, y in zip(x0s, x1s)]
        on_edge = sum(1 for x, fit in zip(x0s, fits) if fit and abs(x - a) <= PROFILE.edge_fit_em * em)
        # A paragraph's first line stands a first-line indent in from the edge: on a page of short
        # paragraphs most lines may be first lines, and they place the column as surely.
        first_lines = sum(1 for x, fit in zip(x0s, fits)
                          if fit and PROFILE.first_indent_min * em <= x - a <= PROFILE.first_indent_max * em)
        if box is None and on_edge >= 1 and on_edge + first_lines >= min(2, len(x0s)) and 2 * sum(fits) >= len(fits):
            box = (a, b)
    if box is None:
        lefts = Counter(round(2 * x) / 2 for x in x0s)
        if max(lefts.values()) >= 3 and max(lefts.values()) >= 0.3 * len(x0s):
            box = _box(x0s, x1s, em)
        elif outer and min(x0s) >= outer[0] - 2 * em and max(x1s) <= outer[1] + 2 * em:
            return [outer], outer, 1, [0] * len(spans)
        else:
            box = (min(x0s), max(x1s))
            return [box], box, 1, [0] * len(spans)
    if text is None:
        left = min([box[0]] + [x for x, _ in spans])
        text = (left, max([box[1], page.x1 - page.x0 - left] + [y for _, y in spans]))
    fits = [x >= box[0] - PROFILE.edge_fit_em * em and y <= box[1] + PROFILE.overhang_em * em for x, y in spans]
    return [box], text, 1, [0 if fit else -1 for fit in fits]


# ---------------------------------------------------------------- tables


def _tables_of(sheet, page: LogicalPage, chars: list[dict], row_ids) -> tuple[list[Fragment], set[int]]:
    """Ruled tables on one logical page: one fragment per table row, and the indices of their chars."""
    edges = [e for e in sheet.edges if e["x1"] >= page.x0 and e["x0"] <= page.x1]
    if sum(1 for e in edges if e["orientation"] == "v") < 2 or sum(1 for e in edges if e["orientation"] == "h") < 2:
        return [], set()
    region = sheet if not page.side else sheet.crop((page.x0, sheet.bbox[1], page.x1, sheet.bbox[3]))
    rows: list[Fragment] = []
    used: set[int] = set()
    for number, table in enumerate(region.find_tables()):
        grid = [row.cells for row in table.rows]
        if sum(1 for row in grid for cell in row if cell) < 2:
            continue  # a frame around text, not a table
        x0, top, x1, bottom = table.bbox
        inside = [(i, c) for i, c in enumerate(chars)
                  if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
        xs = sorted({round(cell[0], 1) for row in grid for cell in row if cell} | {round(x1, 1)})
        widths = tuple(b - a for a, b in zip(xs, xs[1:]))
        for r, (row, cells) in enumerate(zip(table.rows, grid)):
            texts, boxes = [], []
            for cell in cells:
                if cell is None:
                    texts.append("")  # covered by a merged cell: its text stays in that cell only
                    continue
                mine = [(i, c) for i, c in inside if i not in used and cell[0] <= (c["x0"] + c["x1"]) / 2 <= cell[2]
                        and cell[1] <= (c["top"] + c["bottom"]) / 2 <= cell[3]]
                used |= {i for i, _ in mine}  # chars of the table bbox in no cell stay text
                fragments = fragments_of([c for _, c in mine])
                texts.append(normalize_text(_cell_text(fragments)))
                boxes += [b for f in fragments for b in f.boxes]
            info = TableRow((page.sheet, page.side, number), widths, texts, r == 0, r == len(grid) - 1)
            rx0, rtop, rx1, rbottom = row.bbox
            rows.append(Fragment(" ".join(t for t in texts if t), rx0, rx1, rtop, rbottom, next(row_ids), boxes, info))
    return rows, used


def _cell_text(fragments: list[Fragment]) -> str:
    """A cell's lines joined: no space where a CJK character meets the break, one space otherwise."""
    lines: dict[int, list[Fragment]] = {}
    for f in fragments:
        lines.setdefault(f.row, []).append(f)
    text = ""
    for row in lines.values():
        line = " ".join(f.text for f in sorted(row, key=lambda f: f.x0)).strip()
        if text and line and not (_CJK_RE.match(text[-1]) or _CJK_RE.match(line[0])):
            text += " "
        text += line
    return text


def _table_ids(pages: list[LogicalPage], em: float) -> dict[int, int]:
    """Fragment id → table id; a table that ends one page and begins the next with the same column
    widths keeps its id."""
    ids: dict[int, int] = {}
    keys: dict[tuple, int] = {}
    last: Fragment | None = None  # the last body row of the previous page with body rows
    for page in pages:
        if not page.rows:
            continue
        first = page.rows[0].fragments[0]
        for row in page.rows:
            f = row.fragments[0]
            if f.table is None:
                continue
            if f.table.key not in keys:
                carried = (f is first and f.table.first and last is not None and last.table is not None
                           and last.table.last and len(last.table.widths) == len(f.table.widths)
                           and all(abs(a - b) <= PROFILE.table_match_em * em
                                   for a, b in zip(last.table.widths, f.table.widths)))
                keys[f.table.key] = ids[id(last)] if carried else len(set(keys.values())) + 1
            ids[id(f)] = keys[f.table.key]
        last = page.rows[-1].fragments[0]
    return ids
