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
from collections import Counter
from itertools import groupby
from dataclasses import replace

from .anatomy import is_doc_number, is_page_number
from .lines import ends_sentence
from .numbering import count_numbering_breaks, find_marker, numbered_starts
from .layout import JUSTIFIED, LEFT, Layout, PageLine
from .lines import robust_column_width, visual_width
from .profile import PROFILE
from .grid_spreads import split_spread, spreads_middle
from .grid_text import indents_in_em, measure_grid_widths, read_grid_page, undo_imposition
from .grid_table_pieces import next_table_id, same_characters, table_line
from .amount_tables import find_amount_tables
from .plain_tables import find_plain_tables, find_spaced_tables
from .side_names import names_beside_before_date
from .text_spreads import undo_text_spreads


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
    shared_middle = spreads_middle(raw_pages) if gridded else None
    for page_no, page in enumerate(raw_pages, start=1):
        if not any(s.strip() for s in page):
            continue
        halves = split_spread(page, shared_middle) if gridded else None
        if halves:
            # a printer spread: each page read on its own, as the sheet's two columns
            page_lines = []
            for column, half in enumerate(halves):
                other = halves[1 - column]
                filled = frozenset(r for r, raw in enumerate(half) if not raw.strip() and other[r].strip())
                half_lines, source, half_extents, _ = read_grid_page(half, page_no if paged else None, source, filled)
                for line in half_lines:
                    # the grid's rows are the sheet's: a blank row in one page may be the other's line
                    line.column, line.column_count, line.gap_above = column, 2, None
                page_lines += half_lines
                extents += half_extents
            last_columns[page_no if paged else None] = 0.0
        elif gridded:
            page_lines, source, page_extents, last_column_at = read_grid_page(page, page_no if paged else None, source)
            extents += page_extents
            last_columns[page_no if paged else None] = last_column_at
        else:
            page_lines, source = _plain_page(page, page_no if paged else None, source)
        lines += page_lines
    if not gridded:
        unspread = undo_text_spreads(lines)
        lines = _plain_tables(unspread if unspread is not lines else _column_tails_in_place(lines))
    if gridded:
        lines, extents = undo_imposition(lines, extents)
        indents_in_em(lines, extents)
        measure_grid_widths(lines, extents, last_columns)
    else:
        _measure_plain_widths(lines)
    _gaps_to_relative(lines)
    if not gridded:
        lines = _rejoin_split_signatures(lines)
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
    heads = _running_heads(lines)
    found = find_plain_tables(texts, heads)
    taken = {k for t in found for k in range(t.first, t.last + 1)}
    column = robust_column_width([visual_width(t) for t in texts])  # hard-wrapped rows fill it
    found += [t for t in find_spaced_tables(texts, column) if not taken & set(range(t.first, t.last + 1))]
    found += find_amount_tables(texts, {k for t in found for k in range(t.first, t.last + 1)},
                                [line.gap_above is None or line.gap_above >= 1 for line in lines], heads)
    tables = sorted((t for t in found if same_characters(_inside(texts, t), t.cells)), key=lambda t: t.first)
    if not tables:
        return lines
    out: list[PageLine] = []
    position = 0
    for table in tables:
        if table.first < position:
            continue  # overlaps a table already taken (two readers claimed the same lines): its lines are that table's
        out += lines[position:table.first]
        sources = [s for k, line in enumerate(lines[table.first:table.last + 1], start=table.first)
                   if k not in table.outside for s in line.source]
        share = len(sources) // len(table.cells)
        table_id = next_table_id()
        for k, cells in enumerate(table.cells):
            taken = sources[k * share:] if k == len(table.cells) - 1 else sources[k * share:(k + 1) * share]
            out.append(table_line(cells, tuple(taken), lines[table.first].page, 0, 1, table_id))
        out += [lines[k] for k in table.outside]  # a page foot read between the table's cells
        position = table.last + 1
    return out + lines[position:]


def _running_heads(lines: list[PageLine]) -> frozenset[int]:
    """The lines that open their page with the text most pages open with (digits aside): the
    running head, furniture between a table's cells where a page turns."""
    firsts = [k for k, line in enumerate(lines) if line.page is not None and (k == 0 or lines[k - 1].page != line.page)]
    keys = Counter(re.sub(r"\d+", "#", lines[k].text.replace(" ", "")) for k in firsts)
    if not keys:
        return frozenset()
    key, count = keys.most_common(1)[0]
    if count < 2 or count * 2 < len(firsts):
        return frozenset()
    return frozenset(k for k in firsts if re.sub(r"\d+", "#", lines[k].text.replace(" ", "")) == key)


def _inside(texts: list[str], table) -> list[str]:
    return [t for k, t in enumerate(texts[table.first:table.last + 1], start=table.first) if k not in table.outside]


def _measure_plain_widths(lines: list[PageLine]) -> None:
    """Column width: the widest width that many lines reach (a list or a table of short lines
    cannot outvote the prose, and a few over-long lines cannot stretch it)."""
    widths = [visual_width(line.text) for line in lines]
    column = robust_column_width([w for w, line in zip(widths, lines) if line.table is None])
    for line, width in zip(lines, widths):
        line.column_width = column
        line.right_gap = max(0.0, column - width)
        line.align = JUSTIFIED if column - width < PROFILE.full_line_slack else LEFT


def _gaps_to_relative(lines: list[PageLine]) -> None:
    """Where blank lines stand between most lines (double-spaced extraction), a blank line says
    nothing; gaps are then unknown."""
    gaps = [line.gap_above for line in lines if line.gap_above is not None]
    if gaps and statistics.median(gaps) >= 1:
        for line in lines:
            line.gap_above = None


def _rejoin_split_signatures(lines: list[PageLine]) -> list[PageLine]:
    """Two issuers printed side by side on one line (国务院办公厅　中央军委办公厅), put back on one
    line. pdftotext's default output ends each text block with a blank line; lines stacked at the
    line pitch (岳阳's two offices, one above the other) stay in one block, while one line broken
    at a wide space becomes two blocks, read left then right. So a name set off by blank lines on
    both sides, between a name that ends a block and the date, was printed beside that name, if
    the two fit on one line of the column. (Where blank lines stand between most lines, the gaps
    are unknown and say nothing.)"""
    out: list[PageLine] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 2 < len(lines) and _beside_before_date(line, lines[i + 1], lines[i + 2]):
            right = lines[i + 1]
            out.append(replace(line, text=f"{line.text} {right.text}", source=line.source + right.source,
                               right_gap=max(0.0, line.column_width - visual_width(f"{line.text} {right.text}"))))
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def _beside_before_date(left: PageLine, right: PageLine, date: PageLine) -> bool:
    return (left.page == right.page == date.page and right.gap_above is not None and right.gap_above >= 1
            and date.gap_above is not None and date.gap_above >= 1
            and names_beside_before_date(left, right, date, left.column_width))


def _column_tails_in_place(lines: list[PageLine]) -> list[PageLine]:
    """pdftotext's default output reads a two-column page in bands down the page, each band's
    left part before its right part (blocks end in a blank line): L1 R1 L2 R2 … The text shows
    it where the order as given contradicts itself: a block that begins mid-sentence (a full first
    line, no number) after a finished sentence, or a sentence left unfinished on a full line
    before a numbered start. Such a page is read as its left column's blocks, then its right
    column's, each in the order given, where that reading contradicts itself nowhere; a page
    showing nothing, or showing no such reading, is left as it is."""
    column = robust_column_width([visual_width(line.text) for line in lines if line.table is None])
    if not column:
        return lines
    out: list[PageLine] = []
    for _, page in groupby(lines, key=lambda line: line.page):
        out += _page_in_column_order(list(page), column)
    return out


def _page_in_column_order(page: list[PageLine], column: float) -> list[PageLine]:
    if page[0].page is None:
        return page
    blocks: list[list[PageLine]] = []
    for line in page:
        if not blocks or line.gap_above is not None and line.gap_above >= 1:
            blocks.append([])
        blocks[-1].append(line)
    text = [k for k, block in enumerate(blocks) if not all(is_page_number(line.text) for line in block)]
    if len(text) < 3:
        return page
    joins = _BlockJoins([blocks[k] for k in text], column)
    given = list(range(len(text)))
    if not any(joins.contradicts(a, b) for a, b in zip(given, given[1:])):
        return page
    text_blocks = [blocks[k] for k in text]
    best = _two_column_reading(joins, [len(block) for block in text_blocks],
                               lambda reading: count_numbering_breaks(numbered_starts(
                                   [line for k in reading for line in text_blocks[k]])))
    if best is None:
        return page
    order = [text[k] for k in best]
    order += [k for k in range(len(blocks)) if k not in order]  # page numbers after the text
    return [line for k in order for line in blocks[k]]


class _BlockJoins:
    """How one block of a plain-text page goes on into another: a contradiction is a finished
    sentence followed by a block that begins mid-sentence, or an unfinished one (a full line)
    followed by a numbered start or a document number."""

    def __init__(self, blocks: list[list[PageLine]], column: float):
        def full(line: PageLine) -> bool:
            return line.table is None and visual_width(line.text) >= column - PROFILE.full_line_slack

        def finished(line: PageLine) -> bool:
            return ends_sentence(line.text) or line.text.rstrip().endswith(("：", ":"))

        def numbered(line: PageLine) -> bool:
            return find_marker(line.text) is not None or is_doc_number(line.text)

        self.ends_finished = [finished(block[-1]) for block in blocks]
        self.ends_open = [full(block[-1]) and not finished(block[-1]) for block in blocks]
        self.starts_mid = [full(block[0]) and not numbered(block[0]) for block in blocks]
        self.starts_numbered = [numbered(block[0]) for block in blocks]

    def contradicts(self, a: int, b: int) -> bool:
        return (self.ends_finished[a] and self.starts_mid[b]) or (self.ends_open[a] and self.starts_numbered[b])


def _two_column_reading(joins: _BlockJoins, sizes: list[int], numbering_breaks) -> list[int] | None:
    """The blocks (0..n-1, as given) split into a left and a right column, each kept in the given
    order, the left one opening with the page's first block, read left then right without a
    contradiction. Of several such readings, the one whose numbering reads on best (（十三） is
    followed by （十四）), then the one whose columns hold the most nearly equal number of lines
    (a full page fills both columns to its foot), then the one that moves fewest blocks. None
    when there is none, or when the search would take more than its budget."""
    n = len(sizes)
    found: list[tuple[int, int, list[int]]] = []
    steps = 0

    def place(k: int, left: list[int], right: list[int]) -> bool:
        nonlocal steps
        steps += 1
        if steps > PROFILE.column_order_max_steps:
            return False
        if k == n:
            if right and not joins.contradicts(left[-1], right[0]):
                reading = left + right
                imbalance = abs(sum(sizes[i] for i in left) - sum(sizes[i] for i in right))
                moved = sum(1 for position, i in enumerate(reading) if i != position)
                found.append((numbering_breaks(reading), imbalance, moved, reading))
            return True
        if not joins.contradicts(left[-1], k) and not place(k + 1, left + [k], right):
            return False
        if right and joins.contradicts(right[-1], k):
            return True
        return place(k + 1, left, right + [k])

    if not place(1, [0], []):
        return None
    return min(found)[-1] if found else None
