"""Ruled tables in `pdftotext` output, so that a table's rows stay rows (pure functions).

`-layout` text keeps the grid (one CJK character = one cell): rows whose text splits at runs of
two or more spaces under a header's columns; a row with text only under some columns continues
the row above (a wrapped cell). A section heading ends a table. A table runs on over a page turn:
at its page's foot it keeps its group row, and a table opening its page takes the lines above its
first row whose words stand under its columns. Default text (one cell block a line) is
`plain_tables`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .anatomy import is_page_number
from .profile import PROFILE


@dataclass
class GridTable:
    first: int  # row indices into the page's rows, inclusive
    last: int
    cells: list[list[str]]


SENTENCE = re.compile(r"[。；！？]")
# A section heading (三、传统舞蹈, （二）, 第三章) ends a table: a table's group rows are unnumbered.
SECTION_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十百]+[章节])")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
_LATIN = re.compile(r"[A-Za-z]")
_LEADER = re.compile(r"…{2,}|\.{4,}|·{4,}|-{4,}")  # a contents line's dot leaders


def join_cell(a: str, b: str) -> str:
    """A wrapped cell's lines: no space, except between two Latin words."""
    return a + (" " if a and b and _LATIN.match(a[-1]) and _LATIN.match(b[0]) else "") + b


def _prose_like(text: str) -> bool:
    return bool(SENTENCE.search(text)) or (len(text) >= 20 and "，" in text)


# ------------------------------------------------------------------ pdftotext -layout


def _cells(raw: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the runs of text separated by two or more spaces."""
    return [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+(?: \S+)*", raw)]


def _tokens(cell: tuple[int, int, str]) -> list[tuple[int, int, str, bool]]:
    """A cell cut at single spaces (text run on into the next column); flag: may rejoin."""
    merged: list[tuple[int, int, str, bool]] = []
    for m in re.finditer(r"\S+", cell[2]):
        tok = (cell[0] + m.start(), cell[0] + m.end(), m.group(), bool(merged))
        prev = merged[-1][2] if merged else ""
        # Not between two Latin words, nor in letter-spaced CJK (组 长).
        if prev and ((_LATIN.match(prev[-1]) and _LATIN.match(tok[2][0]))
                     or any(len(t) == 1 and _CJK.match(t) for t in (prev, tok[2]))):
            merged[-1] = (merged[-1][0], tok[1], prev + " " + tok[2], merged[-1][3])
        else:
            merged.append(tok)
    return merged


def _row_tokens(raw: str) -> list[tuple[int, int, str, bool]]:
    return [tok for cell in _cells(raw) for tok in _tokens(cell)]


def _zones(header: list[tuple[int, int, str]]) -> list[float]:
    """Boundaries between the header's columns: the middles of the gaps between its cells."""
    return [(a[1] + b[0]) / 2 for a, b in zip(header, header[1:])]


def _zone(cell: tuple[int, int, str], bounds: list[float]) -> int:
    return sum(1 for b in bounds if (cell[0] + cell[1]) / 2 >= b)


def _aligned(cells: list[tuple[int, int, str]], bounds: list[float]) -> bool:
    """Each cell under a column of its own, in order (a centred header is fine)."""
    return all(_zone(a, bounds) < _zone(b, bounds) for a, b in zip(cells, cells[1:]))


def _assign(tokens, anchors: list[tuple[int, int]]) -> list[str]:
    """Tokens into columns, in order, minimising the distance of each cell's start from its
    column's range of starts; tokens apart by one space may share a cell at a cost."""
    n, m, inf = len(anchors), len(tokens), float("inf")

    @lru_cache(maxsize=None)
    def place(i: int, k: int) -> tuple[float, tuple[str, ...]]:  # tokens i.. into columns k..
        if i == m or k == n:
            return (0.0 if i == m else inf), ("",) * (n - k)
        cost, rest = place(i, k + 1)
        best = (cost, ("",) + rest)  # column k left empty
        lo, hi = anchors[k]
        for j in range(i + 1, m + 1):  # tokens i..j-1 into column k
            if j - 1 > i and not tokens[j - 1][3]:
                break
            cost, rest = place(j, k + 1)
            cost += max(0, lo - tokens[i][0], tokens[i][0] - hi) + PROFILE.table_join_cost * (j - 1 - i)
            if cost < best[0]:
                best = (cost, (" ".join(t[2] for t in tokens[i:j]),) + rest)
        return best

    return list(place(0, 0)[1])


def _confirmed(rows: list[str], cells, j: int) -> bool:
    """A row off a (squeezed CJK) header's columns that the next row lines up with."""
    nxt = next((cells[k] for k in range(j + 1, min(len(cells), j + 2 + PROFILE.table_max_blank_rows)) if cells[k]), [])
    return len(nxt) >= 2 and _aligned(nxt, _zones(_row_tokens(rows[j])))


def rows_going_on(raws: list[str], n: int) -> list[list[str]]:
    """The rows of a table of n columns that goes on from the foot of the column before: the
    leading lines that split, at runs of two spaces or more, into exactly n cells and hold no
    prose (its header is not repeated, so the count of cells is what shows them)."""
    rows = []
    for raw in raws:
        cells = [c[2] for c in _cells(raw)]
        if len(cells) != n or any(_prose_like(c) or _LEADER.search(c) for c in cells):
            break
        rows.append(cells)
    return rows


def find_grid_tables(rows: list[str], filled: frozenset[int] = frozenset()) -> list[GridTable]:
    """Tables on one page of `pdftotext -layout` text (or one column of it). `filled`: the rows
    blank here that hold the other page's line (one page of a spread): no blank line of this one."""
    cells = [_cells(raw) for raw in rows]
    return _scan(len(rows), lambda h: _grid_table_at(rows, cells, h, filled) if len(cells[h]) >= 2 else None)


def _at_foot(rows: list[str], r: int) -> bool:
    """Nothing but blank rows and the page number below row r: the page's last line of text."""
    return all(not raw.strip() or is_page_number(raw) for raw in rows[r + 1:])


def _scan(count: int, table_at):
    """Tables found one after another: each search starts after the last table."""
    tables, i = [], 0
    while i < count:
        table = table_at(i)
        tables += [table] if table else []
        i = table.last + 1 if table else i + 1
    return tables


def _grid_table_at(rows: list[str], cells, h: int, filled: frozenset[int] = frozenset()) -> GridTable | None:
    header = cells[h]
    if any(_prose_like(c[2]) or _LEADER.search(c[2]) for c in header):
        return None
    head_tokens = _row_tokens(rows[h])
    right = max(t[1] for t in head_tokens)  # no cell begins right of the header's last column
    references = [_zones(head_tokens)]  # the header's and each accepted row's columns
    bounds = references[0]
    left = header[0][0]
    members: list[int] = [h]
    blanks = 0
    for j in range(h + 1, len(rows)):
        row = cells[j]
        if not row:
            blanks += 1
            if blanks > PROFILE.table_max_blank_rows:
                break
            continue
        if any(_LEADER.search(c[2]) or (_prose_like(c[2]) and len(c[2]) > 24) for c in row):
            break  # a contents line, a line of prose
        if row[-1][0] > right + max(8, right // 2) or len(row) > len(head_tokens):
            break  # text beyond the header: the next column of the page
        if len(row) >= 2:
            if not any(_aligned(row, ref) for ref in references) and not _confirmed(rows, cells, j):
                break
            if (len(header) < 3 or len(row) < 3) and any(_prose_like(c[2]) for c in row):
                break
            references.append(_zones(_row_tokens(rows[j])))
        else:
            only = row[0]
            after_row = blanks == 0 and _zone(only, bounds) > 0
            group = only[0] <= left + 2 and not _prose_like(only[2]) and len(only[2]) <= 30
            if not (after_row or group) or SECTION_HEADING.match(only[2]):
                break
        left = min(left, row[0][0])
        members.append(j)
        blanks = 0
    # A table ends on a row of several cells, or on a wrapped line under one; at the page's foot
    # (nothing but its page number below) it runs on over the page turn, so a group row there
    # (經常開支) is its last row, not a caption.
    while (len(members) > 1 and len(cells[members[-1]]) < 2 and _zone(cells[members[-1]][0], bounds) == 0
           and not (_at_foot(rows, members[-1]) and len(cells[members[-2]]) >= 2)):
        members.pop()
    if sum(1 for i in members if len(cells[i]) >= 2) < 2:
        return None
    tokens = {i: _row_tokens(rows[i]) for i in members}
    n = len(tokens[h])  # no row holds more cells than the header's pieces
    texts = [c[2] for i in members for c in cells[i]]
    if n < 3 and any(SENTENCE.search(t) or len(t) > 16 for t in texts):
        return None  # two columns of prose or of titles
    if sum(_prose_like(t) for t in texts) * 4 > len(texts):
        return None  # sentences in a quarter of the cells: prose
    full = [tokens[i] for i in members if len(tokens[i]) == n]
    anchors = [(min(t[k][0] for t in full), max(t[k][0] for t in full)) for k in range(n)]
    # Continuations: a row right under a row, with nothing in the first column or in a table
    # whose rows stand a blank row apart.
    # (rows blank here that hold the other page's line of a spread set no row apart)
    gaps = [sum(1 for r in range(a + 1, b) if r not in filled) for a, b in zip(members, members[1:])]
    firsts = [sum(1 for r in range(a + 1, i) if r not in filled) for a, i in zip(members, members[1:])
              if _zone(cells[i][0], references[0]) == 0]
    spaced = sum(1 for g in firsts if g >= 1) * 2 > max(1, len(firsts))
    logical: list[list[str]] = []
    for pos, i in enumerate(members):
        assigned = _assign(tokens[i], anchors)
        if pos and gaps[pos - 1] == 0 and (not assigned[0] or spaced):
            logical[-1] = [join_cell(a, b) for a, b in zip(logical[-1], assigned)]
        else:
            logical.append(assigned)
    if len(logical) < (3 if n == 2 else 2):
        return None  # two columns: a header and two rows at least
    above = _rows_from_page_head(rows, h, anchors, filled)
    return GridTable(first=above[0] if above else h, last=members[-1],
                     cells=[_assign(_row_tokens(rows[r]), anchors) for r in above] + logical)


def _rows_from_page_head(rows: list[str], h: int, anchors: list[tuple[int, int]], filled: frozenset[int]) -> list[int]:
    """A table that opens its page (its running head at most above it) goes on from the page
    before, without its header: the lines above its first row of wide gaps whose every word
    begins under a column of the table, in order, are its rows too (pdftotext sets two cells a
    single space apart when they stand close: 05-00-00-00 其他經常開支)."""
    above: list[int] = []
    blanks = 0
    for r in range(h - 1, -1, -1):
        if not rows[r].strip():
            blanks += r not in filled
            if blanks > PROFILE.table_max_blank_rows:
                break
            continue
        if not _under_columns(_row_tokens(rows[r]), anchors):
            break
        above.insert(0, r)
        blanks = 0
    before = [raw.strip() for raw in rows[:above[0]] if raw.strip()] if above else []
    if not above or len(before) > 1 or any(_prose_like(text) for text in before):
        return []
    return above


def _under_columns(tokens, anchors: list[tuple[int, int]]) -> bool:
    """Two words at least, each beginning within a cell of the range of starts of a column of
    its own, left to right; no prose."""
    if len(tokens) < 2 or any(_prose_like(t[2]) for t in tokens):
        return False
    slack = PROFILE.grid_align_tolerance
    columns = [next((k for k, (lo, hi) in enumerate(anchors) if lo - slack <= t[0] <= hi + slack), None) for t in tokens]
    return None not in columns and all(a < b for a, b in zip(columns, columns[1:]))
