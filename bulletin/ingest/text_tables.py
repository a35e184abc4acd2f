"""Ruled tables in `pdftotext` output, so that a table's rows stay rows (pure functions).

`-layout` text keeps the grid (one CJK character = one cell): rows whose text splits at runs of
two or more spaces under a header's columns; a row with text only under some columns continues
the row above (a wrapped cell). Default text gives one cell per line: a header of n short lines,
then rows whose first cell is a running number (1, 2, 3 … or Ⅰ-1, Ⅰ-2 …) every n lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from .profile import PROFILE


@dataclass
class GridTable:
    first: int  # row indices into the page's rows, inclusive
    last: int
    cells: list[list[str]]


@dataclass
class PlainTable:
    first: int  # indices into the given lines, inclusive
    last: int
    cells: list[list[str]]


SENTENCE = re.compile(r"[。；！？]")
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


def find_grid_tables(rows: list[str]) -> list[GridTable]:
    """Tables on one page of `pdftotext -layout` text (or one column of it)."""
    cells = [_cells(raw) for raw in rows]
    return _scan(len(rows), lambda h: _grid_table_at(rows, cells, h) if len(cells[h]) >= 2 else None)


def _scan(count: int, table_at):
    """Tables found one after another: each search starts after the last table."""
    tables, i = [], 0
    while i < count:
        table = table_at(i)
        tables += [table] if table else []
        i = table.last + 1 if table else i + 1
    return tables


def _grid_table_at(rows: list[str], cells, h: int) -> GridTable | None:
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
            if not (after_row or group):
                break
        left = min(left, row[0][0])
        members.append(j)
        blanks = 0
    # A table ends on a row of several cells, or on a wrapped line under one.
    while len(members) > 1 and len(cells[members[-1]]) < 2 and _zone(cells[members[-1]][0], bounds) == 0:
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
    gaps = [b - a - 1 for a, b in zip(members, members[1:])]
    firsts = [g for g, i in zip(gaps, members[1:]) if _zone(cells[i][0], references[0]) == 0]
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
    return GridTable(first=h, last=members[-1], cells=logical)


# ------------------------------------------------------------------ pdftotext default

_NUMBER = re.compile(r"^(?:([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+)[-－—])?(\d{1,3})$")
_FURNITURE = re.compile(r"^(?:[—–-]\s*\d+\s*[—–-]|第\s*\d+\s*页)$")  # page numbers
_FIRST_HEAD = {"序号", "序號", "序", "顺序号", "順序號"}


def _number(line: str) -> tuple[str, int] | None:
    m = _NUMBER.match(line)
    return (m.group(1) or "", int(m.group(2))) if m else None


def _cell_line(line: str) -> bool:
    return 0 < len(line) <= PROFILE.table_max_cell_chars and not SENTENCE.search(line) and not _FURNITURE.match(line)


def find_plain_tables(lines: list[str]) -> list[PlainTable]:
    """Tables in the non-blank lines of `pdftotext` default text: one cell per line."""
    lines = [line.strip() for line in lines]
    return _scan(len(lines), lambda i: _plain_table_at(lines, i) if _number(lines[i]) else None)


def _plain_table_at(lines: list[str], i: int) -> PlainTable | None:
    prefix, value = _number(lines[i])
    if value < 1:
        return None
    best = None
    for n in range(2, 13):
        header = lines[i - n:i] if i >= n else []
        if not header or not all(_cell_line(h) and not _number(h) for h in header):
            break  # a longer header would hold this line too
        if any(_number(x) == (prefix, value - 1) for x in lines[max(0, i - n - 4):i - n]):
            break  # the "header" is a row of a table whose rows did not fit
        anchor = next((k for k, h in enumerate(lines[max(0, i - 12):i]) if h in _FIRST_HEAD), None)
        if anchor is not None and header[0] not in _FIRST_HEAD:
            continue  # the header begins at its 序号
        found = _plain_rows(lines, i, n)
        if found and (best is None or found[2] > best[0]):
            best = (found[2], PlainTable(first=i - n, last=found[1], cells=[header] + found[0]))
    return best[1] if best else None


def _plain_rows(lines: list[str], i: int, n: int):
    """Rows from line i (a running number) in n columns; None if one will not cut cleanly."""
    prefix, value = _number(lines[i])
    starts = [i]
    while True:  # the next number n lines on (one less: two cells on a line; more: wraps)
        pos, want = starts[-1], (prefix, value + len(starts))
        nxt = next((j for j in (pos + m for m in (n, n - 1, *range(n + 1, n + 1 + max(1, n // 2))))
                    if j < len(lines) and _number(lines[j]) == want
                    and all(_cell_line(x) for x in lines[pos:j])), None)
        if nxt is None:
            break
        starts.append(nxt)
    end = starts[-1] + n
    if len(starts) < (3 if n == 2 else 2) or end > len(lines) or not all(_cell_line(x) for x in lines[starts[-1]:end]):
        return None
    segments = [lines[a:b] for a, b in zip(starts, starts[1:])] + [lines[starts[-1]:end]]
    exact = [s for s in segments if len(s) == n]
    settled = sum(1 for s in segments[:-1] if len(s) == n)  # the last row's end is a guess
    if settled * 2 < len(segments) - 1 or not settled:
        return None  # too few rows to tell the period and the columns' widths
    widths = [max(len(s[k]) for s in exact) for k in range(n)]
    tail = segments[-1]
    # A wrapped line after the last row's last cell when that cell fills its column.
    if (end < len(lines) and widths[-1] >= 4 and len(tail[-1]) >= widths[-1] and _cell_line(lines[end])
            and len(lines[end]) <= widths[-1] // 2 and not _number(lines[end])):
        segments[-1] = tail + [lines[end]]
        end += 1
    rows = [_cut_segment(seg, n, widths) for seg in segments]
    return (rows, end - 1, len(exact)) if all(r is not None for r in rows) else None


def _cut_segment(seg: list[str], n: int, widths: list[int]) -> list[str] | None:
    if len(seg) == n:
        return list(seg)
    if len(seg) == n - 1:  # two cells on one line, apart by a space
        split = [k for k, s in enumerate(seg) if s.count(" ") == 1]
        return seg[:split[0]] + seg[split[0]].split(" ") + seg[split[0] + 1:] if len(split) == 1 else None
    # Wrapped cells: extra lines join the line before; the cut whose lines best fit the
    # columns' widths (a wrapped line's first part fills its column), if one fits best.
    scored = []
    for joins in combinations(range(2, len(seg)), len(seg) - n):
        cells: list[str] = []
        cost = 0
        for k, text in enumerate(seg):
            if k in joins:
                cost += max(0, widths[len(cells) - 1] - len(seg[k - 1])) + 5 * (len(text) > len(seg[k - 1]))
                cells[-1] = join_cell(cells[-1], text)
            else:
                if len(cells) == n:
                    break
                cost += max(0, len(text) - widths[len(cells)])
                cells.append(text)
        else:
            scored.append((cost, cells))
    scored.sort(key=lambda x: x[0])
    return scored[0][1] if scored and (len(scored) == 1 or scored[1][0] > scored[0][0]) else None


# ------------------------------------------------------------------ rows with their cells spaced


def find_spaced_tables(lines: list[str]) -> list[PlainTable]:
    """Rows typed or extracted one to a line, cells apart by single spaces (序号 编号 项目名称 …):
    a header of n ≥ 3 words, then at least two rows of n words whose first is a running number."""
    words = [line.split() for line in lines]
    tables: list[PlainTable] = []
    i = 0
    while i < len(lines):
        n = len(words[i])
        if n >= 3 and _spaced_header(words[i]):
            end, expected = i + 1, 1
            while end < len(lines) and len(words[end]) == n and _spaced_row(words[end], expected):
                end += 1
                expected = (_number(words[end - 1][0]) or ("", 0))[1] + 1
            if end - i - 1 >= 2:
                tables.append(PlainTable(i, end - 1, [list(w) for w in words[i:end]]))
                i = end
                continue
        i += 1
    return tables


def _spaced_header(words: list[str]) -> bool:
    return not _number(words[0]) and all(len(w) <= MAX_HEADER_WORD and not SENTENCE.search(w) for w in words)


def _spaced_row(words: list[str], expected: int) -> bool:
    number = _number(words[0])
    return bool(number) and number[1] >= expected and not any(SENTENCE.search(w) for w in words)


MAX_HEADER_WORD = 12  # a header cell is a short label
