"""Ruled tables in `pdftotext` default text, so that a table's rows stay rows (pure functions).

pdftotext prints a ruled table one text block at a time: a header of short lines, then rows whose
first cell is a running number (1, 2, 3 … or Ⅰ-1, Ⅰ-2 …). A block is one cell, or neighbouring
cells set close together, whose lines come out one after another: "丹山白塔传 雁江区" (two cells on
one line, a single space apart), then "说" (the first cell's wrapped line, set under it). A row's
lines are cut into its cells by the cheapest reading of that kind (`_cut`); a cell block that
pdftotext printed after the page's foot fills the gap it left in the page's last row; a header
and first row set apart at a column's foot come out column by column (序号 / 7 / 编号 / Ⅱ-1 …).
A table runs on over a page turn (its page number and the next page's running head between two
rows). A table ends at its last row that cuts cleanly. Rows typed one to a line with single spaces
between cells, maybe hard-wrapped at the column, are `find_spaced_tables`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lines import visual_width
from .profile import PROFILE
from .text_tables import SECTION_HEADING, SENTENCE, _CJK, join_cell


@dataclass
class PlainTable:
    first: int  # indices into the given lines, inclusive
    last: int
    cells: list[list[str]]
    outside: tuple[int, ...] = ()  # lines in first..last that are no part of it (a page foot)


_NUMBER = re.compile(r"^(?:([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+)[-－—])?(\d{1,3})$")
_FURNITURE = re.compile(r"^(?:[—–-]\s*\d+\s*[—–-]|第\s*\d+\s*页)$")  # page numbers
_FIRST_HEAD = {"序号", "序號", "序", "顺序号", "順序號"}
_ALNUM = re.compile(r"[0-9A-Za-z]")
_INF = float("inf")


def _number(line: str) -> tuple[str, int] | None:
    m = _NUMBER.match(line)
    return (m.group(1) or "", int(m.group(2))) if m else None


def _cell_line(line: str) -> bool:
    return 0 < len(line) <= PROFILE.table_max_cell_chars and not SENTENCE.search(line) and not _FURNITURE.match(line)


def _pieces(line: str) -> tuple[str, ...]:
    """A line's cells: split at single spaces between CJK text (pdftotext's gap between two cells
    set close), not beside a digit or Latin letter (2018 年, Ⅰ-1 …) nor off a single character
    (letter-spaced 组 长)."""
    words = line.split()
    out: list[str] = []
    for word in words:
        if out and (_ALNUM.match(out[-1][-1]) or _ALNUM.match(word[0])
                    or any(len(w) == 1 and _CJK.match(w) for w in (out[-1], word))):
            out[-1] += " " + word
        else:
            out.append(word)
    return tuple(out)


def _cut(seg: tuple[str, ...], n: int, widths: tuple[int, ...] | None, gaps: int = 0):
    """The cheapest reading of a row's lines as n cells (a `Cut`), or None when there is none.

    A line opens new cells (its pieces in the next columns) or goes on in the block above: its
    pieces continue that block's columns from its first (pdftotext sets a block's lines flush
    left). A wrapped line is no longer than the line it continues, which fills its column;
    continuing a block of several cells costs a little more than continuing a single cell, and
    each further line piled on one cell costs more (a row's text wraps in its cells side by side).
    `gaps` columns are left empty (to be filled by cells printed elsewhere)."""
    lines = [_pieces(s) for s in seg]
    w = PROFILE.table_wrap_costs

    @lru_cache(maxsize=None)
    def best(i: int, c: int, block: tuple, left: int):
        # block: (first column, ((last line's length, lines so far) of each of its columns));
        # returns (cost, steps, readings at that cost)
        if i == len(lines):
            return (0.0, (), 1) if c + left == n else (_INF, (), 0)
        options = []
        pieces = lines[i]
        for skip in range(0, left + 1):  # columns left empty before this line's cells
            start = c + skip
            if start + len(pieces) > n:
                break
            cost = sum(max(0, len(p) - widths[start + k]) for k, p in enumerate(pieces)) if widths else 0.0
            rest = best(i + 1, start + len(pieces), (start, tuple((len(p), 1) for p in pieces)), left - skip)
            if rest[0] < _INF:
                options.append((cost + rest[0], (("new", start, pieces),) + rest[1], rest[2]))
        if block and len(pieces) <= len(block[1]):
            first, cols = block
            cost = w[0] if len(cols) > 1 else 0.0
            for k, p in enumerate(pieces):
                before, count = cols[k]
                if len(p) > before:
                    cost = _INF  # a wrapped line is no longer than the line it continues
                cost += w[1] * (count - 1)
                cost += max(0, widths[first + k] - before) if widths else 0.0
            grown = tuple((len(p), cols[k][1] + 1) for k, p in enumerate(pieces)) + cols[len(pieces):]
            rest = best(i + 1, c, (first, grown), left) if cost < _INF else (_INF, (), 0)
            if rest[0] < _INF:
                options.append((cost + rest[0], (("join", first, pieces),) + rest[1], rest[2]))
        if not options:
            return (_INF, (), 0)
        low = min(o[0] for o in options)
        winners = [o for o in options if o[0] == low]
        return (low, winners[0][1], sum(o[2] for o in winners))

    cost, steps, ways = best(0, 0, (), gaps)
    if cost == _INF:
        return None
    parts: list[list[str]] = [[] for _ in range(n)]
    for _, start, pieces in steps:
        for k, p in enumerate(pieces):
            parts[start + k].append(p)
    return Cut(cost, [_joined(p) for p in parts], ways == 1, [max(map(len, p), default=0) for p in parts])


@dataclass
class Cut:
    cost: float
    cells: list[str]
    unique: bool
    widths: list[int]  # the widest printed line of each cell


def _joined(parts: list[str]) -> str:
    text = ""
    for p in parts:
        text = join_cell(text, p)
    return text


def find_plain_tables(lines: list[str], running_heads: frozenset[int] = frozenset()) -> list[PlainTable]:
    """Tables in the non-blank lines of `pdftotext` default text: one cell block per line.
    running_heads: the lines that are a page's running head (furniture, like a page number)."""
    lines = [line.strip() for line in lines]
    tables, i = [], 0
    while i < len(lines):
        table = _plain_table_at(lines, i, running_heads) if _number(lines[i]) else None
        tables += [table] if table else []
        i = table.last + 1 if table else i + 1
    return tables


def _plain_table_at(lines: list[str], i: int, running_heads: frozenset[int] = frozenset()) -> PlainTable | None:
    prefix, value = _number(lines[i])
    if value < 1:
        return None
    anchor = next((k for k in range(i - 1, max(-1, i - 1 - PROFILE.table_header_max_lines), -1)
                   if lines[k] in _FIRST_HEAD), None)
    if anchor == i - 1:
        return _read_by_columns(lines, i, running_heads)
    best = None
    for n in range(2, 13):
        start = anchor if anchor is not None else i - n  # a header that begins at its 序号 may wrap
        header = tuple(lines[start:i]) if start >= 0 else ()
        if len(header) < n or not all(_cell_line(h) and not _number(h) for h in header):
            if anchor is None:
                break  # a longer header would hold this line too
            continue
        if any(_number(x) == (prefix, value - 1) for x in lines[max(0, start - 4):start]):
            break  # the "header" is a row of a table whose rows did not fit
        found = _plain_rows(lines, i, n, header, turn=running_heads)
        if found and (best is None or found[0] > best[0]):
            best = (found[0], PlainTable(first=start, last=found[1], cells=found[2], outside=found[3]))
    return best[1] if best else None


def _read_by_columns(lines: list[str], i: int, running_heads: frozenset[int] = frozenset()) -> PlainTable | None:
    """序号 / 7 / 编号 / Ⅱ-1 / 项目名称 / 金氏古筝 …: pdftotext read the header and a first row
    set apart (at a page's foot) column by column, each header cell over its row's cell; the
    rows after it come one cell a line again."""
    prefix, value = _number(lines[i])
    heads, first, outside = [lines[i - 1]], [lines[i]], []
    k = i + 1
    while k + 1 < len(lines) and _number(lines[k]) != (prefix, value + 1) and len(heads) < 12:
        if _FURNITURE.match(lines[k]) or k in running_heads:
            outside.append(k)  # the page's foot or the next page's head, read between two columns
            k += 1
            continue
        if not (_cell_line(lines[k]) and _cell_line(lines[k + 1])) or _number(lines[k]):
            return None
        heads.append(lines[k])
        first.append(lines[k + 1])
        k += 2
    n = len(heads)
    if n < 2 or k >= len(lines) or _number(lines[k]) != (prefix, value + 1):
        return None
    rest = _plain_rows(lines, k, n, tuple(heads), earlier=[first], turn=running_heads)
    if rest is None:
        return None
    _, end, cells, more = rest
    return PlainTable(first=i - 1, last=end, cells=[cells[0], first] + cells[1:], outside=tuple(outside) + more)


def _candidates(n: int):
    """Lines a row may take, likeliest first: one a cell, then cells sharing lines or wrapping."""
    return sorted(range(1, 2 * n + 1), key=lambda d: (abs(d - n), d > n))


def _plain_rows(lines: list[str], i: int, n: int, header: tuple[str, ...], earlier: list[list[str]] = (),
                turn: frozenset[int] = frozenset()):
    """(score, last index, cells, outside) of a table whose first row is at line i, or None;
    the `earlier` rows (one cell a line) were read before it. A row may run over a page turn: its
    page number and the next page's running head (`turn`: the running heads) stand between its
    cells and the next row's number, and stay outside the table."""
    prefix, value = _number(lines[i])
    starts = [i]
    segments: list[tuple[str, ...]] = []
    turned: list[int] = []
    while True:  # the next running number, the lines between cutting into n cells
        pos, want = starts[-1], (prefix, value + len(starts))
        nxt = next((pos + d for d in _candidates(n) if pos + d < len(lines) and _number(lines[pos + d]) == want
                    and _row_lines(lines[pos:pos + d], header) and _cut(tuple(lines[pos:pos + d]), n, None)), None)
        foot = _page_turn(lines, pos, n, want, header, turn) if nxt is None else None
        if foot is not None:
            nxt = foot[-1] + 1
            turned += foot
            segments.append(tuple(lines[pos:foot[0]]))
            starts.append(nxt)
            continue
        if nxt is None:
            break
        segments.append(tuple(lines[pos:nxt]))
        starts.append(nxt)
    # Columns' widths from the rows whose reading is unique; failing those, from a last row
    # printed one cell a line up to a visible end (its end is a guess: only as a last resort).
    settled = [cut for cut in (_cut(s, n, None) for s in segments + [tuple(row) for row in earlier]) if cut.unique]
    tail = tuple(lines[starts[-1]:starts[-1] + n])
    if not settled and _exact(tail, n) and (starts[-1] + n >= len(lines) or not _cell_line(lines[starts[-1] + n])):
        settled = [_cut(tail, n, None)]
    if not settled:
        return None
    widths = tuple(max(1, *(cut.widths[k] for cut in settled)) for k in range(n))
    # A column is as wide as any line printed in it: where the rows leave a row two readings, a
    # header printed one cell a line tells which (作技艺 / 乐至县 side by side would fit in the
    # column of 申报县（区）, so 作技艺 is the wrapped end of the cell before).
    named = _cut(header, n, None) if _exact(header, n) else None
    broad = tuple(max(w, h) for w, h in zip(widths, named.widths)) if named else widths
    rows = [_cut(s, n, widths) for s in segments]
    rows = [r if r is not None and r.unique or broad == widths else _cut(s, n, broad) for r, s in zip(rows, segments)]
    # (the last row, whose end is a guess, is read with each column as wide as any line the rows
    # above show in it)
    wider = tuple(max([widths[k]] + [r.widths[k] for r in rows if r is not None and r.unique]) for k in range(n))
    last = _last_row(lines, starts[-1], n, wider, header)
    head = _cut(header, n, widths)
    if head is None or not head.unique or any(r is None or not r.unique for r in rows):
        return None
    cells = [head.cells] + [r.cells for r in rows]
    end, outside = starts[-1] - 1, ()
    if last:
        cells.append(last[0])
        end, outside = last[1], last[2]
    outside = tuple(turned) + tuple(outside)
    if len(cells) - 1 + len(earlier) < (3 if n == 2 else 2):
        return None
    # More rows win; then rows printed one cell a line (the period that tells n); then the cheaper.
    exact = sum(1 for s in segments + [tuple(lines[starts[-1]:end + 1])] if _exact(s, n))
    return (len(cells) - 1, exact, -sum(r.cost for r in rows) - head.cost), end, cells, outside


def _page_turn(lines: list[str], pos: int, n: int, want, header, turn: frozenset[int]) -> list[int] | None:
    """A page turn inside the table: the row at pos ends the page, its page number and the next
    page's running head follow, then the next row's number `want`. Their indices, or None."""
    for d in _candidates(n):
        foot = pos + d
        if foot + 2 < len(lines) and _FURNITURE.match(lines[foot]) and foot + 1 in turn \
                and _number(lines[foot + 2]) == want \
                and _row_lines(lines[pos:foot], header) and _cut(tuple(lines[pos:foot]), n, None):
            return [foot, foot + 1]
    return None


def _exact(seg: tuple[str, ...], n: int) -> bool:
    return len(seg) == n and all(len(_pieces(x)) == 1 for x in seg)




def _row_lines(seg: list[str], header: tuple[str, ...]) -> bool:
    """Lines that can hold a row's cells: short, no sentence, no page number, not the header
    again, no section heading (三、传统舞蹈 after a table ends it)."""
    return all(_cell_line(x) and not SECTION_HEADING.match(x) for x in seg) and header[0] not in seg[1:]


def _last_row(lines: list[str], i: int, n: int, widths, header):
    """The last row: its end is a guess, so the cheapest clean reading of its next lines, better
    one that ends where the text shows an end (a page foot, a line that is no cell, the end);
    cells printed after the page's foot fill the gaps a reading leaves (pdftotext may read a
    cell block last on its page)."""
    options = []
    for d in _candidates(n):
        seg = lines[i:i + d]
        if len(seg) < d or not _row_lines(seg, header):
            continue
        foot = i + d
        shown = foot == len(lines) or not _cell_line(lines[foot])
        got = _cut(tuple(seg), n, widths)
        if got and got.unique:
            options.append((got.cost + (0 if shown else PROFILE.table_open_end_cost), d, got.cells, foot - 1, ()))
        strays = [k for k in range(foot + 1, min(len(lines), foot + 1 + n)) if _cell_line(lines[k])]
        if foot < len(lines) and _FURNITURE.match(lines[foot]) and strays and strays[0] == foot + 1:
            for m in range(1, len(strays) + 1):
                if strays[m - 1] != foot + m:
                    break
                got = _cut(tuple(seg), n, widths, gaps=m)
                if got and got.unique:
                    filled = _fill(got.cells, [lines[k] for k in strays[:m]])
                    options.append((got.cost + PROFILE.table_stray_cost * m, d, filled, foot + m, (foot,)))
    if not options:
        return None
    cost, _, cells, end, outside = min(options, key=lambda o: (o[0], o[1]))
    return cells, end, outside


def _fill(cells: list[str], strays: list[str]) -> list[str]:
    out, rest = list(cells), list(strays)
    for k, cell in enumerate(out):
        if not cell and rest:
            out[k] = rest.pop(0)
    return out


# ------------------------------------------------------------------ rows with their cells spaced


def find_spaced_tables(lines: list[str], column: float = 0.0) -> list[PlainTable]:
    """Rows typed or extracted one to a line, cells apart by single spaces (序号 编号 项目名称 …):
    a header of n ≥ 3 words, then at least two rows of n words whose first is a running number.
    Hard-wrapped text (column: its width in em, 0 if unknown) breaks a row that fills the column
    onto the next line, inside a cell ("雁江区丹" / "山镇人民政府") or between two."""
    words = [line.split() for line in lines]
    tables: list[PlainTable] = []
    i = 0
    while i < len(lines):
        found = None
        if len(words[i]) >= 1 and _spaced_header(words[i]):
            for head, after in _logical(lines, words, i, column):
                table = _spaced_rows(lines, words, i, head, after, column)
                if table and (found is None or len(table.cells) > len(found.cells)):
                    found = table
        if found:
            tables.append(found)
            i = found.last + 1
            continue
        i += 1
    return tables


def _logical(lines: list[str], words: list[list[str]], k: int, column: float):
    """The readings of a row starting at line k: the line alone, or (when it fills the column and
    the next line is no new row) run on into the next line, joined inside a cell or between two.
    Yields (cells, index after)."""
    yield words[k], k + 1
    if column and k + 1 < len(lines) and visual_width(lines[k]) >= column - PROFILE.spaced_row_full_gap \
            and not _number(words[k + 1][0]) and not SENTENCE.search(lines[k + 1]):
        yield words[k][:-1] + [words[k][-1] + words[k + 1][0]] + words[k + 1][1:], k + 2
        yield words[k] + words[k + 1], k + 2


def _spaced_rows(lines, words, i: int, head: list[str], after: int, column: float) -> PlainTable | None:
    n = len(head)
    if n < 3 or not _spaced_header(head):
        return None
    rows, end, expected = [head], after, 1
    while end < len(lines):
        # The row read as n cells; a full line runs on into a next line that starts no row.
        readings = [(cells, nxt) for cells, nxt in _logical(lines, words, end, column)
                    if len(cells) == n and _spaced_row(cells, expected)]
        row = readings[-1] if readings else None
        if row is None:
            break
        rows.append(row[0])
        end = row[1]
        expected = (_number(row[0][0]) or ("", 0))[1] + 1
    if len(rows) - 1 < 2:
        return None
    return PlainTable(i, end - 1, [list(r) for r in rows])


def _spaced_header(words: list[str]) -> bool:
    return not _number(words[0]) and all(len(w) <= MAX_HEADER_WORD and not SENTENCE.search(w) for w in words)


def _spaced_row(words: list[str], expected: int) -> bool:
    number = _number(words[0])
    return bool(number) and number[1] >= expected and not any(SENTENCE.search(w) for w in words)


MAX_HEADER_WORD = 12  # a header cell is a short label
