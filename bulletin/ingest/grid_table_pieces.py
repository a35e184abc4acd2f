"""Tables on a page of `pdftotext -layout` text as pieces of its reading order: a table found
in one column, the rows of a table going on at the head of the next column, and the column a
table found on the whole page sits in; a table becomes one line a row (`table_line`), used only
when its cells hold exactly the characters of its rows."""
from __future__ import annotations

from collections import Counter
from itertools import count

from .anatomy import is_page_number
from .layout import PageLine
from .profile import PROFILE
from .text_tables import GridTable, find_grid_tables, rows_going_on


def tables_in_columns(pieces: list, rows: int, columns: int, counts: dict[int, int]) -> list:
    """A table set in one column of the page (its rows beside the other column's text, so not
    found on the whole page): each column read on its own for tables; a table's pieces become
    one table piece."""
    used = {p[0] for p in pieces}
    for col in range(columns):
        mine = {p[0]: p[2] for p in pieces if p[1] == col}
        # the column's rows, and the rows blank across the page (a row of the other column only
        # is no blank row of this one)
        kept = [r for r in range(rows) if r in mine or r not in used]
        for found in find_grid_tables([mine.get(r, "") for r in kept]):
            table = GridTable(first=kept[found.first], last=kept[found.last], cells=found.cells)
            inside = [p for p in pieces if p[1] == col and table.first <= p[0] <= table.last]
            if not same_characters([p[2] for p in inside], table.cells):
                continue
            taken = {id(p) for p in inside}
            pieces = [p for p in pieces if id(p) not in taken] + [(table.first, col, table, 0)]
            counts[id(table)] = len(inside)
    return pieces


def tables_going_on(ordered: list, counts: dict[int, int]) -> list:
    """A table that ends its column (the page number aside) goes on at the head of the next
    column: the rows there of as many cells become a table piece, which block_boundaries joins
    to it (a column turn, rows of as many cells)."""
    out: list = []
    k = 0
    while k < len(ordered):
        row, col, raw, blank_rows = ordered[k]
        before = next((p for p in reversed(out) if not (isinstance(p[2], str) and is_page_number(p[2]))), None)
        if (col >= 1 and isinstance(raw, str) and before is not None and before[1] == col - 1
                and isinstance(before[2], GridTable)):
            run = []
            while k + len(run) < len(ordered) and ordered[k + len(run)][1] == col and isinstance(ordered[k + len(run)][2], str):
                run.append(ordered[k + len(run)])
            going_on = rows_going_on([p[2] for p in run], len(before[2].cells[0]))
            if going_on:
                taken = run[:len(going_on)]
                table = GridTable(first=taken[0][0], last=taken[-1][0], cells=going_on)
                counts[id(table)] = len(taken)
                out.append((row, col, table, blank_rows))
                k += len(taken)
                continue
        out.append(ordered[k])
        k += 1
    return out


def table_line(cells: list[str], source: tuple[int, ...], page_no: int | None, column: int, columns: int, table: int) -> PageLine:
    return PageLine(text=" ".join(c for c in cells if c), source=source, page=page_no, column=column,
                    column_count=columns, table=table, cells=cells)


_TABLE_IDS = count(1)


def next_table_id() -> int:
    return next(_TABLE_IDS)


def same_characters(raw_rows: list[str], cells: list[list[str]]) -> bool:
    """A table is used only when its cells hold exactly the characters of its rows."""
    return Counter("".join(raw_rows).replace(" ", "")) == Counter("".join(c for row in cells for c in row).replace(" ", ""))


def table_extent(rows: list[str]) -> tuple[int, int]:
    spans = [(len(r) - len(r.lstrip()), len(r)) for r in rows if r.strip()]
    return min(a for a, _ in spans), max(b for _, b in spans)


def table_column(extent: tuple[int, int], bounds: list[int], gutters: list[tuple[int, int]]) -> int:
    """The column a table sits in, or -1 when it runs across the gutter. A table that stops short
    of the next column's text, centred left of the gutter, is the column's (the grid squeezes
    CJK text, so a table may stand out into the gutter)."""
    x0, x1 = extent
    for col in range(len(bounds) - 1):
        ends = [x1 <= bounds[col + 1] + 1]
        if col < len(gutters):
            a, b = gutters[col]
            ends.append(x1 <= b and (x0 + x1) / 2 < (a + b) / 2 - PROFILE.grid_center_tolerance)
        if bounds[col] <= x0 and any(ends):
            return col
    return -1
