"""Extracted text into the attributed line model, as far as the text shows it.

Two shapes of text come in. Plain text (`pdftotext` default, copy-paste, hand-wrapped files):
one printed line per line, pages maybe split by form feeds, no positions; a line's width in em is
measured and the column width estimated robustly. `pdftotext -layout` text: characters sit on a
grid where one cell is about one em of CJK text, so leading spaces give the indent and centring,
and a run of blank cells shared by the lines of a page is a column gutter.
"""
from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from collections import Counter

from .layout import CENTER, JUSTIFIED, LEFT, RIGHT, Layout, PageLine
from .lines import visual_width
from .normalize import normalize_text
from .profile import PROFILE


def read_text_layout(text: str) -> Layout:
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    raw_pages = [[line.rstrip() for line in page.split("\n")] for page in pages]
    gridded = _is_layout_text([line for page in raw_pages for line in page])
    lines: list[PageLine] = []
    source = 0
    paged = len([p for p in raw_pages if any(s.strip() for s in p)]) > 1
    for page_no, page in enumerate(raw_pages, start=1):
        if not any(s.strip() for s in page):
            continue
        page_lines, source = (_grid_page if gridded else _plain_page)(page, page_no if paged else None, source)
        lines += page_lines
    if not gridded:
        _measure_plain_widths(lines)
    _gaps_to_relative(lines)
    return Layout(lines=lines, kind="layout-text" if gridded else "text", input_lines=source)


def _is_layout_text(lines: list[str]) -> bool:
    """pdftotext -layout: many lines indented by several spaces or holding wide inner gaps."""
    body = [line for line in lines if line.strip()]
    if len(body) < 5:
        return False
    spaced = sum(1 for line in body if line.startswith("   ") or "    " in line.strip())
    return spaced >= PROFILE.layout_text_share * len(body)


def _plain_page(page: list[str], page_no: int | None, source: int) -> tuple[list[PageLine], int]:
    out: list[PageLine] = []
    blanks = 0
    for raw in page:
        if not raw.strip():
            blanks += 1
            continue
        text = normalize_text(raw.strip())
        line = PageLine(text=text, source=(source,), page=page_no, gap_above=float(blanks) if out else None,
                        column_start=not out or raw[:1].isspace())
        source += 1
        blanks = 0
        out.append(line)
    return out, source


def _measure_plain_widths(lines: list[PageLine]) -> None:
    """Column width: the widest width that many lines reach (a list or a table of short lines
    cannot outvote the prose, and a few over-long lines cannot stretch it)."""
    widths = [visual_width(line.text) for line in lines]
    column = robust_column_width(widths)
    for line, width in zip(lines, widths):
        line.column_width = column
        line.right_gap = max(0.0, column - width)
        line.align = JUSTIFIED if column - width < PROFILE.full_line_slack else LEFT


def robust_column_width(widths: list[float]) -> float:
    if not widths:
        return 0.0
    need = max(PROFILE.column_width_min_lines, PROFILE.column_width_share * len(widths))
    ascending = sorted(widths)
    # Full lines end within an em of the column edge (justification, hanging punctuation): the
    # column is the widest width that `need` lines reach to within an em, with a cluster of lines
    # at it (over-long lines, such as titles across two columns, are too few to be one).
    for width in reversed(ascending):
        at_least = len(ascending) - bisect_left(ascending, width - 1)
        near = bisect_right(ascending, width + 1) - bisect_left(ascending, width - 1)
        if at_least >= need and near >= need / 2:
            # The cluster's median: single lines run a little long or short of it.
            return float(statistics.median(w for w in ascending if abs(w - width) <= 1))
    return float(ascending[-1])


# ------------------------------------------------------------------ pdftotext -layout


def _cells(raw: str) -> list[tuple[int, str]]:
    """(cell, character) for the non-space characters of a grid line."""
    return [(i, ch) for i, ch in enumerate(raw) if not ch.isspace()]


def _gutters(page: list[str]) -> list[tuple[int, int]]:
    """Runs of cells blank in every line of the page that has text on both sides of them in
    enough lines: the gaps between columns."""
    rows = [raw for raw in page if raw.strip()]
    if len(rows) < PROFILE.gutter_min_rows:
        return []
    width = max(len(raw) for raw in rows)
    covered = [0] * width
    for raw in rows:
        for i, _ in _cells(raw):
            covered[i] += 1
    gutters = []
    i = 0
    while i < width:
        if covered[i] > PROFILE.gutter_crossing_share * len(rows):
            i += 1
            continue
        j = i
        while j < width and covered[j] <= PROFILE.gutter_crossing_share * len(rows):
            j += 1
        if i > 0 and j < width and j - i >= PROFILE.gutter_min_cells:
            both = sum(1 for raw in rows if raw[:i].strip() and raw[j:].strip())
            if both >= PROFILE.gutter_both_sides_share * len(rows):
                gutters.append((i, j))
        i = j
    return gutters


def _grid_page(page: list[str], page_no: int | None, source: int) -> tuple[list[PageLine], int]:
    gutters = _gutters(page)
    bounds = [0] + [(a + b) // 2 for a, b in gutters] + [10**6]
    # Each row cut into its columns; a row whose text crosses a gutter spans the columns.
    pieces: list[tuple[int, int, str, int]] = []  # (row, column, raw piece, blank lines above)
    blanks = 0
    for row, raw in enumerate(page):
        if not raw.strip():
            blanks += 1
            continue
        spans = any(raw[a:b].strip() for a, b in gutters)
        if spans or not gutters:
            pieces.append((row, -1 if gutters else 0, raw, blanks))
        else:
            for col in range(len(bounds) - 1):
                part = raw[bounds[col]:bounds[col + 1]]
                if part.strip():
                    pieces.append((row, col, " " * bounds[col] + part, blanks))
        blanks = 0
    # Reading order: bands split by spanning rows; in a band, column by column.
    ordered: list[tuple[int, int, str, int]] = []
    band: list[tuple[int, int, str, int]] = []
    for piece in pieces:
        if piece[1] == -1:
            ordered += sorted(band, key=lambda p: (p[1], p[0]))
            band = []
            ordered.append(piece)
        else:
            band.append(piece)
    ordered += sorted(band, key=lambda p: (p[1], p[0]))
    boxes = _column_boxes(ordered, len(gutters) + 1)
    out: list[PageLine] = []
    previous: dict[int, int] = {}
    for row, col, raw, blank_rows in ordered:
        cells = _cells(raw)
        x0, x1 = cells[0][0], cells[-1][0] + 1
        box0, box1 = boxes.get(col, (x0, x1))
        indent, right_gap = max(0, x0 - box0), max(0, box1 - x1)
        line = PageLine(
            text=normalize_text(" ".join(raw.split())), source=(source,), page=page_no, column=col,
            column_count=len(gutters) + 1, indent=float(indent), right_gap=float(right_gap),
            column_width=float(box1 - box0), align=_align(indent, right_gap, box1 - box0),
            gap_above=float(row - previous[col] - 1) if col in previous else None,
            column_start=col not in previous,
        )
        previous[col] = row
        source += 1
        out.append(line)
    return out, source


def _column_boxes(pieces, columns: int) -> dict[int, tuple[int, int]]:
    """Left edge: where most lines of the column begin (continuation lines start at the margin);
    right edge: where the long lines end."""
    boxes = {}
    for col in {p[1] for p in pieces}:
        starts, ends = [], []
        for _, c, raw, _ in pieces:
            if c == col:
                cells = _cells(raw)
                starts.append(cells[0][0])
                ends.append(cells[-1][0] + 1)
        common, count = Counter(starts).most_common(1)[0]
        left = common if count >= 2 else min(starts)
        right = int(statistics.quantiles(ends, n=10)[-1]) if len(ends) >= 10 else max(ends)
        boxes[col] = (left, max(right, left + 1))
    if -1 in boxes and columns > 1:
        lo = min(b[0] for b in boxes.values())
        hi = max(b[1] for b in boxes.values())
        boxes[-1] = (lo, hi)
    return boxes


def _align(indent: float, right_gap: float, width: float) -> str:
    tolerance = PROFILE.grid_align_tolerance
    if indent <= tolerance and right_gap <= tolerance:
        return JUSTIFIED
    if indent > tolerance and right_gap > tolerance and abs(indent - right_gap) <= PROFILE.grid_center_tolerance:
        return CENTER
    if right_gap <= tolerance and indent > width / 3:
        return RIGHT
    return LEFT


def _gaps_to_relative(lines: list[PageLine]) -> None:
    """Where blank lines stand between most lines (double-spaced extraction), a blank line says
    nothing; gaps are then unknown."""
    gaps = [line.gap_above for line in lines if line.gap_above is not None]
    if gaps and statistics.median(gaps) >= 1:
        for line in lines:
            line.gap_above = None
