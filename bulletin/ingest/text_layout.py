"""Extracted text into the attributed line model, as far as the text shows it.

Two shapes of text come in. Plain text (`pdftotext` default, copy-paste, hand-wrapped files):
one printed line per line, pages maybe split by form feeds, no positions; a line's width in em is
measured and the column width estimated robustly. `pdftotext -layout` text: characters sit on a
grid where one cell is about one em of CJK text, so leading spaces give the indent and centring,
and a run of blank cells shared by the lines of a page is a column gutter.
"""
from __future__ import annotations

import re
import statistics
from bisect import bisect_left, bisect_right
from itertools import count
from collections import Counter

from .layout import CENTER, JUSTIFIED, LEFT, RIGHT, Layout, PageLine
from .lines import visual_width
from .anatomy import is_page_number
from .profile import PROFILE
from .text_tables import GridTable, find_grid_tables, find_plain_tables, find_spaced_tables


def read_text_layout(text: str) -> Layout:
    """The line model of extracted text, normalised already (pipeline.parse_text folds radicals
    once, on entry)."""
    pages = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    raw_pages = [[line.rstrip() for line in page.split("\n")] for page in pages]
    gridded = is_layout_text([line for page in raw_pages for line in page])
    lines: list[PageLine] = []
    source = 0
    paged = len([p for p in raw_pages if any(s.strip() for s in p)]) > 1
    extents: list[float] = []
    last_columns: dict[int | None, float] = {}  # per page: where its last column begins, from the first's edge
    for page_no, page in enumerate(raw_pages, start=1):
        if not any(s.strip() for s in page):
            continue
        if gridded:
            page_lines, source, page_extents, last_column_at = _grid_page(page, page_no if paged else None, source)
            extents += page_extents
            last_columns[page_no if paged else None] = last_column_at
        else:
            page_lines, source = _plain_page(page, page_no if paged else None, source)
        lines += page_lines
    if not gridded:
        lines = _plain_tables(lines)
    if gridded:
        lines, extents = _undo_imposition(lines, extents)
        _indents_in_em(lines, extents)
        _measure_grid_widths(lines, extents, last_columns)
    else:
        _measure_plain_widths(lines)
    _gaps_to_relative(lines)
    return Layout(lines=lines, kind="layout-text" if gridded else "text", input_lines=source)


def is_layout_text(lines: list[str]) -> bool:
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
        text = raw.strip()
        line = PageLine(text=text, source=(source,), page=page_no, gap_above=float(blanks) if out else None,
                        column_start=not out or raw[:1].isspace())
        source += 1
        blanks = 0
        out.append(line)
    return out, source


def _plain_tables(lines: list[PageLine]) -> list[PageLine]:
    """One cell a line (pdftotext's default for a ruled table): the rows put back together."""
    texts = [line.text for line in lines]
    found = find_plain_tables(texts)
    taken = {k for t in found for k in range(t.first, t.last + 1)}
    found += [t for t in find_spaced_tables(texts) if not taken & set(range(t.first, t.last + 1))]
    tables = sorted((t for t in found if _same_characters(texts[t.first:t.last + 1], t.cells)), key=lambda t: t.first)
    if not tables:
        return lines
    out: list[PageLine] = []
    position = 0
    for table in tables:
        out += lines[position:table.first]
        sources = [s for line in lines[table.first:table.last + 1] for s in line.source]
        share = len(sources) // len(table.cells)
        table_id = _next_table_id()
        for k, cells in enumerate(table.cells):
            taken = sources[k * share:] if k == len(table.cells) - 1 else sources[k * share:(k + 1) * share]
            out.append(_table_line(cells, tuple(taken), lines[table.first].page, 0, 1, table_id))
        position = table.last + 1
    return out + lines[position:]


def _measure_plain_widths(lines: list[PageLine]) -> None:
    """Column width: the widest width that many lines reach (a list or a table of short lines
    cannot outvote the prose, and a few over-long lines cannot stretch it)."""
    widths = [visual_width(line.text) for line in lines]
    column = robust_column_width([w for w, line in zip(widths, lines) if line.table is None])
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
            return float(statistics.median(w for w in ascending if width - 2 <= w <= width + 0.5))
    return float(ascending[-1])


# ------------------------------------------------------------------ pdftotext -layout


def _cells(raw: str) -> list[tuple[int, str]]:
    """(cell, character) for the non-space characters of a grid line."""
    return [(i, ch) for i, ch in enumerate(raw) if not ch.isspace()]


def _first_cell(raw: str, start: int) -> int:
    rest = raw[start:]
    return start + len(rest) - len(rest.lstrip()) if rest.strip() else 10**6


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
            # Columns on both sides: many rows hold text left of it, and many rows have text
            # beginning right after it (the left edge of a column, not a ragged right side or a
            # right-aligned signature). Rows of two columns need not share baselines.
            left = sum(1 for raw in rows if raw[:i].strip())
            right = sum(1 for raw in rows if j <= len(raw) and _first_cell(raw, i) <= j + PROFILE.first_indent_max)
            if min(left, right) >= max(PROFILE.gutter_min_rows / 2, PROFILE.gutter_both_sides_share * len(rows)):
                gutters.append((i, j))
        i = j
    return gutters


def _grid_page(page: list[str], page_no: int | None, source: int) -> tuple[list[PageLine], int, list[float], float]:
    # Tables first, on the whole page: the gaps between a table's columns are not gutters.
    tables = {t.first: t for t in find_grid_tables(page) if _same_characters([page[r] for r in range(t.first, t.last + 1)], t.cells)}
    in_table = {r for t in tables.values() for r in range(t.first, t.last + 1) if page[r].strip()}
    extent = {t.first: _extent(page[t.first:t.last + 1]) for t in tables.values()}
    page = ["" if r in in_table else raw for r, raw in enumerate(page)]
    gutters = _gutters(page)
    bounds = [0] + [(a + b) // 2 for a, b in gutters] + [10**6]
    # Each row cut into its columns; a row whose text crosses a gutter spans the columns.
    pieces: list[tuple[int, int, str, int]] = []  # (row, column, raw piece, blank lines above)
    blanks = 0
    for row, raw in enumerate(page):
        if not raw.strip():
            blanks += 1
            continue
        cuts = _row_bounds(raw, gutters, bounds) if gutters else None
        if cuts is None:
            pieces.append((row, -1 if gutters else 0, raw, blanks))
        else:
            for col in range(len(cuts) - 1):
                part = raw[cuts[col]:cuts[col + 1]]
                if part.strip():
                    pieces.append((row, col, " " * cuts[col] + part, blanks))
        blanks = 0
    for first, table in tables.items():
        pieces.append((first, _table_column(extent[first], bounds) if gutters else 0, table, 0))
    pieces.sort(key=lambda p: p[0])
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
    lefts = _column_lefts(ordered)
    out: list[PageLine] = []
    extents: list[float] = []
    previous: dict[int, int] = {}
    for row, col, raw, blank_rows in ordered:
        if isinstance(raw, GridTable):
            rows = raw.cells
            table_id = _next_table_id()
            count = sum(1 for r in range(raw.first, raw.last + 1) if r in in_table)
            for k, cells_of_row in enumerate(rows):
                extra = count - len(rows) if k == len(rows) - 1 else 0
                out.append(_table_line(cells_of_row, tuple(range(source, source + 1 + extra)), page_no, col, len(gutters) + 1, table_id))
                extents.append(0.0)
                source += 1 + extra
            previous[col] = raw.last
            continue
        cells = _cells(raw)
        indent = float(max(0, cells[0][0] - lefts[col]))
        out.append(PageLine(
            text=" ".join(raw.split()), source=(source,), page=page_no, column=col,
            column_count=len(gutters) + 1, indent=round(indent, 2),
            # Two columns' rows interleave on the grid: blank rows in a column say nothing there.
            gap_above=float(row - previous[col] - 1) if col in previous and not gutters else None,
            column_start=col not in previous,
        ))
        # Widths in em from the characters; indents in grid cells until the document's indent is known.
        extents.append(indent + visual_width(out[-1].text))
        previous[col] = row
        source += 1
    columns = len(gutters) + 1
    last_column_at = float(lefts.get(columns - 1, 0) - lefts.get(-1, lefts.get(0, 0))) if columns > 1 else 0.0
    return out, source, extents, last_column_at


def _table_line(cells: list[str], source: tuple[int, ...], page_no: int | None, column: int, columns: int, table: int) -> PageLine:
    return PageLine(text=" ".join(c for c in cells if c), source=source, page=page_no, column=column,
                    column_count=columns, table=table, cells=cells)


_TABLE_IDS = count(1)


def _next_table_id() -> int:
    return next(_TABLE_IDS)


def _same_characters(raw_rows: list[str], cells: list[list[str]]) -> bool:
    """A table is used only when its cells hold exactly the characters of its rows."""
    return Counter("".join(raw_rows).replace(" ", "")) == Counter("".join(c for row in cells for c in row).replace(" ", ""))


def _extent(rows: list[str]) -> tuple[int, int]:
    spans = [(len(r) - len(r.lstrip()), len(r)) for r in rows if r.strip()]
    return min(a for a, _ in spans), max(b for _, b in spans)


def _table_column(extent: tuple[int, int], bounds: list[int]) -> int:
    """The column a table sits in, or -1 when it runs across the gutter."""
    x0, x1 = extent
    for col in range(len(bounds) - 1):
        if bounds[col] <= x0 and x1 <= bounds[col + 1] + 1:
            return col
    return -1


def _row_bounds(raw: str, gutters: list[tuple[int, int]], bounds: list[int]) -> list[int] | None:
    """Where to cut this row into its columns; None when its text runs across a gutter (a title
    over both columns). A row whose left-column text runs into the gutter (a right-aligned line,
    tight spacing) is cut at the space nearest the gutter instead of the gutter's middle."""
    cuts = list(bounds)
    for k, (a, b) in enumerate(gutters, start=1):
        if not raw[a:b].strip():
            continue
        runs = [m.span() for m in re.finditer(r"\s+", raw) if m.start() > 0 and m.end() < len(raw)]
        near = [r for r in runs if r[0] <= b and r[1] >= a - PROFILE.first_indent_max]
        if not near:
            return None
        start, stop = min(near, key=lambda r: abs((r[0] + r[1]) / 2 - (a + b) / 2))
        cuts[k] = stop if stop - start == 1 else (start + stop) // 2
    return cuts


def _column_lefts(pieces) -> dict[int, int]:
    """A column's left edge: where most of its lines begin (continuation lines start at the
    margin); a title across the columns is measured from the first column's edge."""
    lefts = {}
    for col in {p[1] for p in pieces}:
        starts = [_cells(raw)[0][0] for _, c, raw, _ in pieces if c == col and isinstance(raw, str)]
        if not starts:
            lefts[col] = 0
            continue
        common, count = Counter(starts).most_common(1)[0]
        lefts[col] = common if count >= 2 else min(starts)
    if -1 in lefts:
        lefts[-1] = min(lefts.values())
    return lefts


def _undo_imposition(lines: list[PageLine], extents: list[float]) -> tuple[list[PageLine], list[float]]:
    """Printer spreads in -layout text: a sheet whose two columns each carry a page number of its
    own is two pages side by side. When those numbers run out of order (booklet imposition: 8|1,
    2|7, …), the pages are put back in printed order; pages without a number keep their place
    before the numbered ones (cover, contents)."""
    halves: dict[tuple[int | None, int], list[int]] = {}
    for k, line in enumerate(lines):
        halves.setdefault((line.page, line.column), []).append(k)
    numbers: dict[tuple[int | None, int], int] = {}
    for key, members in halves.items():
        edge = members[:2] + members[-2:]
        found = [int(re.sub(r"\D", "", lines[k].text)) for k in edge if is_page_number(lines[k].text)]
        if key[1] >= 0 and lines[members[0]].column_count == 2 and found:
            numbers[key] = found[0]
    sheets = {page for page, _ in numbers}
    spreads = [page for page in sheets if (page, 0) in numbers and (page, 1) in numbers]
    printed = [numbers[key] for key in sorted(numbers)]
    if not spreads or printed == sorted(printed) or len(set(printed)) != len(printed):
        return lines, extents
    order = sorted(halves, key=lambda key: (key in numbers, numbers.get(key, 0), key[0] or 0, key[1]))
    new_lines: list[PageLine] = []
    new_extents: list[float] = []
    for logical, key in enumerate(order, start=1):
        for k in halves[key]:
            line = lines[k]
            if key[0] in spreads:
                line.page, line.column, line.column_count = logical * 10, 0, 1
            new_lines.append(line)
            new_extents.append(extents[k])
    return new_lines, new_extents


def _indents_in_em(lines: list[PageLine], extents: list[float]) -> None:
    """pdftotext -layout spaces out indents at its own pitch (two spaces or four for the 2-em
    indent of a paragraph's first line): the most common small indent of the document is that
    2 em, and every indent is scaled by it."""
    small = Counter(line.indent for line in lines if line.table is None and 1 <= line.indent <= PROFILE.grid_indent_max_cells)
    if not small:
        return
    cells, count = small.most_common(1)[0]
    if count < PROFILE.column_width_min_lines:
        return
    scale = PROFILE.paragraph_indent_em / cells
    for k, line in enumerate(lines):
        scaled = round(line.indent * scale, 2)
        extents[k] += scaled - line.indent
        line.indent = scaled


def _measure_grid_widths(lines: list[PageLine], extents: list[float], last_columns: dict[int | None, float]) -> None:
    """A column's width from its own page when the page has enough full lines, else pooled over
    every page with the same columns (a page with a few lines, a list or a table cannot set it)."""
    pooled: dict[tuple[int, int], list[int]] = {}
    own: dict[tuple[int | None, int], list[int]] = {}
    for k, line in enumerate(lines):
        if line.table is not None:
            continue  # a table's rows say nothing of the column's width
        pooled.setdefault((line.column_count, line.column), []).append(k)
        own.setdefault((line.page, line.column), []).append(k)
    pooled_width = {key: robust_column_width([extents[k] for k in members]) for key, members in pooled.items()}
    for (page, col), members in own.items():
        sample = [extents[k] for k in members]
        count = lines[members[0]].column_count
        width = robust_column_width(sample) if len(sample) >= PROFILE.page_width_min_lines else pooled_width[(count, col)]
        if col == -1 and count > 1:
            # Across the columns: from the first column's edge to the end of the last column.
            width = max(width, last_columns.get(page, 0.0) + pooled_width.get((count, count - 1), 0.0))
        for k in members:
            line = lines[k]
            line.column_width = width
            line.right_gap = max(0.0, width - extents[k])
            line.align = _align(line.indent, line.right_gap, width)


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
