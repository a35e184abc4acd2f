"""Tables of amounts in `pdftotext` default text whose rows cannot be told (pure functions).

A budget table (經濟分類 / 名稱 / 金額 …) has no running number, and pdftotext prints its cell
blocks in an order of its own (rows of only a code and a name after the rows of amounts, an
amount broken over two lines in a narrow column). Its cells cannot be put back into rows from
the text; its lines still are a table, not prose: each printed line is kept as a row of one
cell (the rows without amounts moved back under the header), so that no paragraph is made of
them and no bare number is taken for a page number.
"""
from __future__ import annotations

import re

from .plain_tables import MAX_HEADER_WORD, PlainTable, _FURNITURE, _cell_line
from .profile import PROFILE
from .text_tables import _LEADER

AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2}(?!\d)")  # 141,060,000.00 / 2.27
_RULE = re.compile(r"^[—–\-_=─━·.…\s]+$")  # a rule printed as a line of dashes ends a table
_DIGIT = re.compile(r"\d")


def find_amount_tables(lines: list[str], taken: set[int] = frozenset()) -> list[PlainTable]:
    """Runs of short lines holding a column of amounts, from their header's first label."""
    lines = [line.strip() for line in lines]
    tables: list[PlainTable] = []
    i = 0
    while i < len(lines):
        if i in taken or not (_in_run(lines[i]) and AMOUNT.search(lines[i])):
            i += 1
            continue
        end = i
        while end + 1 < len(lines) and end + 1 not in taken and _in_run(lines[end + 1]):
            end += 1
        while _FURNITURE.match(lines[end]):
            end -= 1
        start = _header_start(lines, i, taken)
        run = range(start, end + 1)
        if sum(1 for k in run if AMOUNT.search(lines[k])) >= PROFILE.amount_table_min_amounts:
            outside = tuple(k for k in run if _FURNITURE.match(lines[k]))
            cells = [[lines[k]] for k in _reading_order(lines, [k for k in run if k not in outside])]
            tables.append(PlainTable(start, end, cells, outside))
        i = end + 1
    return tables


def _reading_order(lines: list[str], run: list[int]) -> list[int]:
    """pdftotext prints the rows that hold no amount (a category, a code and its name) as one
    block after the rows of amounts: they go back under the header (its labels hold no digit)."""
    amounts = [k for k in run if AMOUNT.search(lines[k])]
    first_data = next((k for k in run if _DIGIT.search(lines[k])), amounts[0])
    trailing = [k for k in run if k > amounts[-1]]
    if not trailing or first_data > amounts[-1]:
        return run
    head = [k for k in run if k < first_data]
    return head + trailing + [k for k in run if first_data <= k <= amounts[-1]]


def _in_run(line: str) -> bool:
    """A line of cells: each piece (cells set close share a line) short and no sentence."""
    if _FURNITURE.match(line):
        return True
    return (bool(line) and not _RULE.match(line) and not _LEADER.search(line)  # no contents line
            and all(_cell_line(piece) for piece in line.split()))


def _header_start(lines: list[str], i: int, taken) -> int:
    """Up from the first amount: rows (short lines) and the header's labels (short, no digit),
    not the title above them (a label is short; labels set close may share a line)."""
    start = i
    while start > 0 and start - 1 not in taken and _in_run(lines[start - 1]) and not _FURNITURE.match(lines[start - 1]):
        above = lines[start - 1]
        if not _DIGIT.search(above) and any(len(piece) > MAX_HEADER_WORD for piece in above.split()):
            break  # a title
        start -= 1
    return start
