"""Tables of amounts in `pdftotext` default text (pure functions).

A budget table (經濟分類 / 名稱 / 金額 …) has no running number, and pdftotext prints its cell
blocks in an order of its own: the rows of only a code and a name after the rows of amounts
(moved back under the header here), an amount broken over two lines in a narrow column. Where
the text shows them, the rows are read as labels, then a code and its name followed by their
amounts (`_rows`); where it does not, the lines are still a table, not prose: each printed line
is kept as a row of one cell, so that no paragraph is made of them and no bare number is taken
for a page number. A table runs on over a page turn (its header at one page's foot, its rows on
the next, the page number and running head between them outside it).
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .plain_tables import MAX_HEADER_WORD, PlainTable, _FURNITURE, _cell_line
from .profile import PROFILE
from .text_tables import _LEADER

AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2}(?!\d)")  # 141,060,000.00 / 2.27
_RULE = re.compile(r"^[—–\-_=─━·.…\s]+$")  # a rule printed as a line of dashes ends a table
_DIGIT = re.compile(r"\d")


def find_amount_tables(lines: list[str], taken: set[int] = frozenset(),
                       block_starts: list[bool] | None = None,
                       running_heads: frozenset[int] = frozenset()) -> list[PlainTable]:
    """Runs of short lines holding a column of amounts, from their header's first label.
    block_starts: which lines open a block of the extraction (a blank line above them); pdftotext
    prints each cell as a block of its own, so the lines of one block wrap one cell.
    running_heads: the lines that open a page with its running head (a table's header at one
    page's foot goes on into its rows on the next, its page number and running head between)."""
    lines = [line.strip() for line in lines]
    starts = block_starts if block_starts is not None else [True] * len(lines)
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
        # A table runs on over a page turn (the page number, then the next page's running head,
        # which the climb to the header may have taken for a short line): its header (and first
        # rows) at the foot of the page before, taken only where the rows read whole with it.
        head = next((k for k in (start, start - 1) if k in running_heads), None)
        turn = head - 1 if head is not None and head > 0 and _FURNITURE.match(lines[head - 1]) else None
        if turn is not None and turn > 0 and turn - 1 not in taken and _in_run(lines[turn - 1]):
            above = _header_start(lines, turn, taken)
            order = _reading_order(lines, [k for k in range(above, end + 1) if k not in (turn, turn + 1)])
            if _rows(*_mend_cut_numbers([lines[k] for k in order], [starts[k] for k in order])) is not None:
                start = above
        run = range(start, end + 1)
        if sum(1 for k in run if AMOUNT.search(lines[k])) >= PROFILE.amount_table_min_amounts:
            outside = tuple(k for k in run if _FURNITURE.match(lines[k]) or k in running_heads)
            order = _reading_order(lines, [k for k in run if k not in outside])
            cells = _rows(*_mend_cut_numbers([lines[k] for k in order], [starts[k] for k in order]))
            if cells is None and len(order) > 1 and not _DIGIT.search(lines[order[0]]) and not starts[order[1]]:
                # the first line may end a title wrapped above the header, in one block with the
                # header's first label: the header read from the next line
                cells = _rows(*_mend_cut_numbers([lines[k] for k in order[1:]], [True] + [starts[k] for k in order[2:]]))
                if cells is not None:
                    start = order[1]
            cells = cells or [[lines[k]] for k in order]
            tables.append(PlainTable(start, end, cells, outside))
        i = end + 1
    return tables


_CODE = re.compile(r"^[0-9][0-9.\-]*[0-9]$")  # 05-01-01-00: a classification code


def _mend_cut_numbers(texts: list[str], starts: list[bool]) -> tuple[list[str], list[bool]]:
    """A column too narrow for its numbers breaks them inside: a code's last digit (05-01-00-0 /
    0) on the line below it; amounts cut side by side ($141,060,0 $94,765,91 / 00.00 / 0.00),
    their ends one a line below, in the same order. The pieces go back together where each
    joined amount is whole (groups of three, two decimals); else the lines stay as they are."""
    texts, starts = list(texts), list(starts)
    k = 0
    while k + 1 < len(texts):
        words = texts[k].split()
        below = texts[k + 1]
        if len(words) > 1 and _CODE.match(words[0]) and not _is_amount(words[0]) and below.isdigit() and not starts[k + 1]:
            words[0] += below  # 05-01-00-0 / 0
            texts[k:k + 2], starts[k:k + 2] = [" ".join(words)], [starts[k]]
            continue
        cut = [i for i, word in enumerate(words) if _numeric(word) and not _is_amount(word) and not _CODE.match(word)]
        ends = texts[k + 1:k + 1 + len(cut)]
        if cut and len(ends) == len(cut) and not any(starts[k + 1:k + 1 + len(cut)]) \
                and all(_CUT_END.fullmatch(end) and _WHOLE.fullmatch(words[i] + end) for i, end in zip(cut, ends)):
            for i, end in zip(cut, ends):
                words[i] += end
            texts[k:k + 1 + len(cut)], starts[k:k + 1 + len(cut)] = [" ".join(words)], [starts[k]]
        k += 1
    return texts, starts


_CUT_END = re.compile(r"[0-9][0-9,.]*")  # the rest of a number cut at the column's edge
_WHOLE = re.compile(r"[$¥￥]?\d{1,3}(?:,\d{3})*\.\d{2}")  # a sum of money, whole: 141,060,000.00


def _rows(texts: list[str], starts: list[bool] | None = None) -> list[list[str]] | None:
    """Rows of a classification table, when the text shows them: the header's labels (set close
    two to a line, wrapped inside their brackets), then rows of a code and its name (or a name
    alone: a category, a total) followed by their amounts, one a column at the right. None when
    the text does not show them so."""
    pieces = [(k, w) for k, t in enumerate(texts) for w in t.split()]
    header_lines = sorted({line for line, word in pieces[:next((i for i, (_, w) in enumerate(pieces) if _DIGIT.search(w)), 0)]})
    if starts is not None and not any(starts[line] for line in header_lines[1:]):
        starts = None  # the header in one block: the extraction set its cells apart by no blank line
    labels: list[str] = []
    k = 0
    while k < len(pieces) and not _DIGIT.search(pieces[k][1]):
        line, word = pieces[k]
        open_label = next((i for i, lab in enumerate(labels) if lab.count("（") > lab.count("）")), None)
        if starts is not None and labels and line > 0 and not starts[line] and pieces[k - 1][0] == line - 1 \
                and len(texts[line].split()) == len(texts[line - 1].split()) == 1 \
                and len(labels[-1] + word) <= MAX_HEADER_WORD:
            labels[-1] += word  # one label wrapped over the lines of its block (登錄之金 / 額（澳門 / 幣）)
        elif open_label is not None and word.count("）") > word.count("（"):
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
    return _totals_in_column_order(table, width)


_TOTAL = re.compile(r"^(總計|总计|合計|合计)$")


def _totals_in_column_order(table: list[list[str]], width: int) -> list[list[str]]:
    """A total row holds the sums of the columns above it. pdftotext may print its amounts in an
    order of its own (each a block): where they are exactly the column sums in another order,
    they are put under the columns they sum."""
    sums = [Decimal(0)] * width
    for row in table[1:]:
        if _TOTAL.match(row[0]):
            values = [_value(cell) for cell in row[2:]]
            if None not in values and sorted(values) == sorted(sums) and values != sums:
                row[2:] = [row[2 + values.index(total)] for total in sums]
            sums = [Decimal(0)] * width
        elif all(row[2:]):
            values = [_value(cell) for cell in row[2:]]
            if None in values:
                return table
            sums = [a + b for a, b in zip(sums, values)]
    return table


def _value(cell: str) -> Decimal | None:
    try:
        return Decimal(cell.lstrip("$¥￥").replace(",", ""))
    except InvalidOperation:
        return None


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
