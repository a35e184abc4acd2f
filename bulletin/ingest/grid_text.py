"""pdftotext -layout text on its character grid: where one CJK character takes about one cell, leading
spaces give indents and centring, a run of cells blank down a page is a gutter between columns,
and a sheet whose two halves carry page numbers of their own is a printer spread. Widths are
measured in em from the characters; indents are scaled by the document's own paragraph indent."""
from __future__ import annotations

import re
from collections import Counter

from .anatomy import has_sentence_end, is_page_number, leaves_mark_open
from .layout import CENTER, JUSTIFIED, LEFT, RIGHT, PageLine
from .lines import ends_sentence, robust_column_width, visual_width
from .profile import PROFILE
from .grid_gutters import first_cell, grid_cells, gutters as find_gutters
from .text_tables import GridTable, find_grid_tables
from .grid_table_pieces import next_table_id, same_characters, table_column, table_extent, table_line, tables_going_on, tables_in_columns


def read_grid_page(page: list[str], page_no: int | None, source: int,
                   filled: frozenset[int] = frozenset()) -> tuple[list[PageLine], int, list[float], float]:
    """One page's lines. `filled`: its blank rows that hold the other page's line of a spread."""
    # Tables first, on the whole page: the gaps between a table's columns are not gutters.
    tables = {t.first: t for t in find_grid_tables(page, filled) if same_characters([page[r] for r in range(t.first, t.last + 1)], t.cells)}
    in_table = {r for t in tables.values() for r in range(t.first, t.last + 1) if page[r].strip()}
    extent = {t.first: table_extent(page[t.first:t.last + 1]) for t in tables.values()}
    page = ["" if r in in_table else raw for r, raw in enumerate(page)]
    gutters = find_gutters(page)
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
    counts: dict[int, int] = {}  # a table found in one column: how many pieces it took
    if gutters:
        pieces = tables_in_columns(pieces, len(page), len(gutters) + 1, counts)
    for first, table in tables.items():
        pieces.append((first, table_column(extent[first], bounds, gutters) if gutters else 0, table, 0))
    pieces.sort(key=lambda p: p[0])
    # Reading order: bands split by spanning rows; in a band, column by column. A row across a
    # gutter that stops short of the next column, centred left of the gutter (a signature or a
    # label the grid's squeezing pushed into it), is read with the column it begins in.
    ordered: list[tuple[int, int, str, int]] = []
    band: list[tuple[int, int, str, int]] = []
    for piece in pieces:
        home = _home_column(piece[2], gutters) if piece[1] == -1 else piece[1]
        if home == -1:
            ordered += [p for _, p in sorted(band, key=lambda hp: (hp[0], hp[1][0]))]
            band = []
            ordered.append(piece)
        else:
            band.append((home, piece))
    ordered += [p for _, p in sorted(band, key=lambda hp: (hp[0], hp[1][0]))]
    ordered = tables_going_on(ordered, counts)
    lefts = _column_lefts(ordered)
    out: list[PageLine] = []
    extents: list[float] = []
    previous: dict[int, int] = {}
    for row, col, raw, blank_rows in ordered:
        if isinstance(raw, GridTable):
            rows = raw.cells
            table_id = next_table_id()
            count = counts.get(id(raw)) or sum(1 for r in range(raw.first, raw.last + 1) if r in in_table)
            for k, cells_of_row in enumerate(rows):
                extra = count - len(rows) if k == len(rows) - 1 else 0
                out.append(table_line(cells_of_row, tuple(range(source, source + 1 + extra)), page_no, col, len(gutters) + 1, table_id))
                extents.append(0.0)
                source += 1 + extra
            previous[col] = raw.last
            continue
        cells = grid_cells(raw)
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
        if near and all(_leader_to_number(raw, r) for r in near):
            cuts[k] = len(raw)  # a contents entry whose leader runs into the gutter keeps its page
        start = first_cell(raw, bounds[k - 1]) - bounds[k - 1]
        digits = any(ch.isascii() and ch.isalnum() for ch in raw)
        if not near and not raw[b:].strip() and (
                start <= PROFILE.first_indent_max or digits and start <= PROFILE.grid_indent_max_cells):
            # A line of the column before set from its margin (or, a paragraph's first line, a
            # first-line indent in from it) whose digits and Latin letters, a cell each on the
            # grid, carry it into the gutter; nothing stands beyond it.
            cuts[k] = max(cuts[k], len(raw))
            continue
        if not near:
            return None
        # the widest space near the gutter (a page number after a leader keeps to its line)
        start, stop = min(near, key=lambda r: (-(r[1] - r[0]), abs((r[0] + r[1]) / 2 - (a + b) / 2)))
        cuts[k] = stop if stop - start == 1 else (start + stop) // 2
    return cuts


def _home_column(raw: str | GridTable, gutters: list[tuple[int, int]]) -> int:
    """The column a row across a gutter is read with: -1 (across the columns) unless its text
    stops short of the next column's text and is centred left of the gutter by more than
    centring's slack (a title across the columns is centred on the page)."""
    if isinstance(raw, GridTable) or not raw.strip():
        return -1
    x0, x1 = len(raw) - len(raw.lstrip()), len(raw)
    for col, (a, b) in enumerate(gutters):
        if x0 < a:
            short = x1 <= b and (x0 + x1) / 2 < (a + b) / 2 - PROFILE.grid_center_tolerance
            return col if short else -1
    return -1


def _leader_to_number(raw: str, run: tuple[int, int]) -> bool:
    """The space between a contents leader (……) and the page number that ends the entry."""
    after = raw[run[1]:].split(None, 1)
    return raw[:run[0]].rstrip()[-1:] in "…⋯.·．" and bool(after) and after[0].isdigit() and len(after) == 1


def _column_lefts(pieces) -> dict[int, int]:
    """A column's left edge: where most of its lines begin (continuation lines start at the
    margin); a title across the columns is measured from the first column's edge."""
    lefts = {}
    for col in {p[1] for p in pieces}:
        starts = [(grid_cells(raw)[0][0], raw) for _, c, raw, _ in pieces if c == col and isinstance(raw, str)]
        if not starts:
            lefts[col] = 0
            continue
        common, count = Counter(s for s, _ in starts).most_common(1)[0]
        # On a page of short paragraphs most lines are first lines: a line of running text (a
        # paragraph's next line, its sentence punctuation inside) that begins a first-line indent
        # left of them (more than the grid's one cell of rounding) is on the margin.
        margin = [s for s, text in starts
                  if common - PROFILE.grid_indent_max_cells <= s < common - PROFILE.grid_align_tolerance
                  and any(ch in "，。；：、" for ch in text)]
        lefts[col] = (min(margin) if margin else common) if count >= 2 else min(s for s, _ in starts)
    if -1 in lefts:
        lefts[-1] = min(lefts.values())
    return lefts


def undo_imposition(lines: list[PageLine], extents: list[float]) -> tuple[list[PageLine], list[float]]:
    """Printer spreads in -layout text: a sheet whose two columns each carry a page number of its
    own is two pages side by side. When those numbers run out of order (booklet imposition: 8|1,
    2|7, …), the pages are put back in printed order; pages without a number keep their place
    before the numbered ones (cover, contents). Every sheet of two columns in such a bulletin is
    two pages, also where only one of them prints its number."""
    halves: dict[tuple[int | None, int], list[int]] = {}
    for k, line in enumerate(lines):
        halves.setdefault((line.page, line.column), []).append(k)
    numbers: dict[tuple[int | None, int], int] = {}
    for key, members in halves.items():
        edge = members[:2] + members[-2:]
        # a decorated number (- 3 -) before a bare one (a contents entry's page may stand alone)
        candidates = sorted((k for k in edge if is_page_number(lines[k].text)), key=lambda k: lines[k].text.strip().isdigit())
        found = [int(re.sub(r"\D", "", lines[k].text)) for k in candidates]
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
    # every sheet of two columns is two pages here (a contents page beside a numbered one)
    pages = {key for key, members in halves.items() if key[0] in spreads or key[1] >= 0 and lines[members[0]].column_count == 2}
    for logical, key in enumerate(order, start=1):
        for k in halves[key]:
            line = lines[k]
            if key in pages:
                line.page, line.column, line.column_count = logical * 10, 0, 1
            new_lines.append(line)
            new_extents.append(extents[k])
    return new_lines, new_extents


def indents_in_em(lines: list[PageLine], extents: list[float]) -> None:
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


def measure_grid_widths(lines: list[PageLine], extents: list[float], last_columns: dict[int | None, float]) -> None:
    """A column's width from its own page when the page has enough full lines, else pooled over
    every page with the same columns (a page with a few lines, a list or a table cannot set it)."""
    pooled: dict[tuple[int, int], list[int]] = {}
    own: dict[tuple[int | None, int], list[int]] = {}
    for k, line in enumerate(lines):
        if line.table is not None:
            continue  # a table's rows say nothing of the column's width
        pooled.setdefault((line.column_count, line.column), []).append(k)
        if line.indent <= PROFILE.grid_indent_max_cells:
            # nor, on its own page, do centred and right-set lines (a head, a 文号 set to the
            # page's edge): a page of one column measures from its lines set at the margin
            own.setdefault((line.page, line.column), []).append(k)
    pooled_width = {key: _pooled_width([extents[k] for k in members], [lines[k].indent for k in members])
                    for key, members in pooled.items()}
    everyone: dict[tuple[int | None, int], list[int]] = {}
    for k, line in enumerate(lines):
        if line.table is None:
            everyone.setdefault((line.page, line.column), []).append(k)
    for (page, col), members in everyone.items():
        at_margin = [extents[k] for k in own.get((page, col), [])]
        sample = at_margin if len(at_margin) >= PROFILE.page_width_min_lines else [extents[k] for k in members]
        count = lines[members[0]].column_count
        width = robust_column_width(sample) if len(sample) >= PROFILE.page_width_min_lines else pooled_width[(count, col)]
        if len(sample) < PROFILE.page_width_min_lines and count == 1 and at_margin:
            from_margin = [extents[k] for k in members if lines[k].indent < PROFILE.first_indent_min]
            width = _one_column_of_many(width, max(from_margin or at_margin), pooled, pooled_width)
        if col == -1 and count > 1:
            # Across the columns: from the first column's edge to the end of the last column.
            width = max(width, last_columns.get(page, 0.0) + pooled_width.get((count, count - 1), 0.0))
        for k in members:
            line = lines[k]
            line.column_width = width
            line.right_gap = max(0.0, width - extents[k])
            line.align = _align(line.indent, line.right_gap, width)
    _first_lines_are_not_centred(lines)
    _hanging_lists_are_left(lines)


def _pooled_width(extents: list[float], indents: list[float]) -> float:
    """Pooled over pages, lines set a third of the column in or more (signatures, dates, page
    numbers, running heads: right-set or centred, their grid positions overshoot) say nothing of
    the column's width."""
    width = robust_column_width(extents)
    kept = [e for e, indent in zip(extents, indents) if indent < PROFILE.right_min_indent_share * width]
    return robust_column_width(kept) if len(kept) >= PROFILE.page_width_min_lines else width


def _one_column_of_many(width: float, widest: float, pooled: dict, pooled_width: dict) -> float:
    """A short page without a gutter in a bulletin set in columns: when every line set from its
    margin ends within the first column's width (a short document printed in the left column of
    a two-column layout), that column is its box, not the pages of one wide column."""
    layouts = [key for key in pooled if key[0] > 1 and key[1] == 0]
    if not layouts:
        return width
    first = pooled_width[max(layouts, key=lambda key: len(pooled[key]))]
    return first if 0 < first < width and widest <= first + PROFILE.full_line_slack else width


def _hanging_lists_are_left(lines: list[PageLine]) -> None:
    """Three or more lines of a column starting at one indent past the paragraph indent, one of
    them full to the column's edge: a list hung under its label (附件：1.… / 2.…), set from the
    left, however right-set or centred a single line of it looks on the grid."""
    run: list[PageLine] = []
    for line in lines + [PageLine(text="")]:
        if run and (line.page, line.column) == (run[0].page, run[0].column) and line.table is None \
                and abs(line.indent - run[0].indent) <= PROFILE.grid_align_tolerance / 2:
            run.append(line)
            continue
        if (len(run) >= PROFILE.hanging_list_min_lines and run[0].indent > PROFILE.first_indent_max
                and any(x.right_gap <= PROFILE.grid_align_tolerance for x in run)):
            for x in run:
                if x.align in (CENTER, RIGHT):
                    x.align = LEFT
        run = [line] if line.table is None else []


def _first_lines_are_not_centred(lines: list[PageLine]) -> None:
    """A line indented as a paragraph's first line that nearly fills the column looks centred on
    the grid (第一条 根据…, its spaces and digits leave the right edge short); when the next line
    of its column is full from the margin, it opens that paragraph. So it does when the next line
    goes on from the margin and the line itself is running text (a comma or a pause inside: a
    title has none; or a 《 left open, its words going on below), though that next line be short."""
    for line, nxt in zip(lines, lines[1:]):
        if (line.align == CENTER and PROFILE.first_indent_min <= line.indent <= PROFILE.first_indent_max
                and nxt.indent < PROFILE.first_indent_min
                and (nxt.align == JUSTIFIED or any(ch in "，、；：,;:" for ch in line.text) or leaves_mark_open(line.text)
                     or ends_sentence(nxt.text) and not has_sentence_end(line.text))
                and (nxt.page, nxt.column) == (line.page, line.column) and line.table is None and nxt.table is None):
            line.align = LEFT


def _align(indent: float, right_gap: float, width: float) -> str:
    tolerance = PROFILE.grid_align_tolerance
    if indent <= tolerance and right_gap <= tolerance:
        return JUSTIFIED
    if indent > tolerance and right_gap > tolerance and abs(indent - right_gap) <= PROFILE.grid_center_tolerance:
        return CENTER
    if right_gap <= tolerance and indent > width / 3:
        return RIGHT
    return LEFT
