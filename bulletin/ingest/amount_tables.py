"""Tables of amounts in `pdftotext` default text (pure functions).

A budget table (經濟分類 / 名稱 / 金額 …) has no running number, and pdftotext prints its cell
blocks in an order of its own: the rows of only a code and a name after the rows of amounts
(moved back under the header here), an amount broken over two lines in a narrow column. Where
the text shows them, the rows are read as labels, then a code and its name followed by their
amounts (`_rows`); where it does not, the lines are still a table, not prose: each printed line
is kept as a row of one cell, so that no paragraph is made of them and no bare number is taken
for a page number.
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
            ordered = [lines[k] for k in _reading_order(lines, [k for k in run if k not in outside])]
            cells = _rows(ordered) or [[text] for text in ordered]
            tables.append(PlainTable(start, end, cells, outside))
        i = end + 1
    return tables


_CODE = re.compile(r"^[0-9][0-9.\-]*[0-9]$")  # 05-01-01-00: a classification code


def _rows(texts: list[str]) -> list[list[str]] | None:
    """Rows of a classification table, when the text shows them: the header's labels (set close
    two to a line, wrapped inside their brackets), then rows of a code and its name (or a name
    alone: a category, a total) followed by their amounts, one a column at the right. None when
    the text does not show them so."""
    pieces = [(k, w) for k, t in enumerate(texts) for w in t.split()]
    labels: list[str] = []
    k = 0
    while k < len(pieces) and not _DIGIT.search(pieces[k][1]):
        word = pieces[k][1]
        open_label = next((i for i, lab in enumerate(labels) if lab.count("（") > lab.count("）")), None)
        if open_label is not None and word.count("）") > word.count("（"):
            labels[open_label] += word  # 登錄之金額（澳門 / 幣）: a label wrapped inside its brackets
        elif labels and word.startswith("（") and word.endswith("）"):
            labels[-1] += word  # 調整後之金額 / （澳門幣）
        else:
            labels.append(word)
        k += 1
    rows: list[tuple[list[str], list[str]]] = []  # (code and name, amounts)
    line = None
    for index, word in pieces[k:]:
        if _numeric(word) and not (_is_amount(word) or _CODE.match(word)):
            return None  # a number cut in two (141,060,0 / 00.00): the rows cannot be told
        if _is_amount(word):
            if not rows:
                return None
            rows[-1][1].append(word)
        elif index == line and not rows[-1][1]:
            rows[-1][0][1] = (rows[-1][0][1] + " " + word).strip()  # a name of several words
        elif rows and rows[-1][0][0] and not rows[-1][1] and index != line and not _CODE.match(word) \
                and rows[-1][0][1]:
            rows[-1][0][1] += word  # the name wrapped under itself (澳門特別行政區政 / 府津貼)
        else:
            rows.append(([word, ""] if _CODE.match(word) else ["", word], []))
        line = index
    columns = {len(amounts) for _, amounts in rows} - {0}
    if len(columns) != 1:
        return None  # rows of unequal amounts
    width = columns.pop()
    header, extra = labels[:2 + width], labels[2 + width:]
    if len(header) != 2 + width or len(extra) > 1:
        return None  # a header of another shape
    table = [header] + [[word, ""] + [""] * width for word in extra]  # a category (經常收入) over the codes
    for (code, name), amounts in rows:
        table.append(([code, name] if code else [name, ""]) + (amounts or [""] * width))
    return table


def _numeric(word: str) -> bool:
    return bool(_DIGIT.search(word)) or word.startswith(("$", "¥", "￥"))


def _is_amount(word: str) -> bool:
    return bool(AMOUNT.fullmatch(word.lstrip("$¥￥")))


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
