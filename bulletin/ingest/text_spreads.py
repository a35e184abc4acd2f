"""Printer spreads in plain text (`pdftotext` without -layout): each form-feed page is a sheet of
two printed pages side by side, and the extraction runs through both at once, roughly by height on
the sheet, so lines of the two pages interleave (in blocks, or line by line where their baselines
meet). The text alone shows it: sheets carrying two printed page numbers each.

Each sheet is cut back into its two pages by the labelling of its lines that reads best (a Viterbi
pass over "which page does this line go to"): a line that stops mid-sentence goes on in the next
line of its page (characters that stand together elsewhere in the bulletin, a dictionary word
across the join, a line that cannot begin a sentence); blank lines (the extraction's block ends)
beside running text are where the extraction changed pages, lines without one between them stay
together; a running head opens its page; a page holds only one of masthead lines, contents entries
or prose, and a contents page's category lines stand between its entries. Page numbers stand
together at the sheet's foot, so which page carries which is chosen where the whole booklet reads
best across its page turns; the pages are then put in printed order by their numbers, an
unnumbered one (cover, contents) where booklet imposition puts it, else first.

Where the text says nothing (table cells one a line, short lines side by side) the labelling can
go wrong: the extraction keeps no x position, and its order by height is only roughly kept."""
from __future__ import annotations

import re
from collections import Counter

from .amount_tables import AMOUNT
from .anatomy import TOC_HEAD_RE, is_attachment, is_date_line, is_page_number, is_subtitle, squash
from .frontmatter import is_category_line
from .layout import PageLine
from .masthead import find_gazette, is_masthead_line
from .lines import continues_something, ends_open, leaves_bracket_open, ends_sentence, has_sentence_punct, is_cjk, robust_column_width, visual_width
from .numbering import HEADING_KINDS, find_marker
from .profile import PROFILE
from .side_names import names_side_by_side
from .spread_pages import is_contents_entry, page_number_value, printed_order

_NEVER = float("-inf")
# Kinds of line a page holds: the cover's masthead lines hold nothing else (no running head, no
# line of any other kind: a table's lone running number 4 beside it is the other page's); a
# contents page (its entries: title, leader, page) holds no prose and no table, a page of prose
# no contents entry.
_FRONT, _ENTRY, _PROSE, _HEAD, _CELL, _OTHER = 1, 2, 4, 8, 16, 32


def _compatible(kinds: int) -> bool:
    return not (kinds & _FRONT and kinds & (_ENTRY | _PROSE | _HEAD | _CELL | _OTHER)
                or kinds & _ENTRY and kinds & (_PROSE | _CELL))


def undo_text_spreads(lines: list[PageLine]) -> list[PageLine]:
    """The lines in reading order with their logical pages, when the text shows printer spreads;
    otherwise the lines as they came."""
    sheets: dict[int, list[int]] = {}
    for k, line in enumerate(lines):
        if line.page is None:
            return lines
        sheets.setdefault(line.page, []).append(k)
    numbers = {page: _page_numbers(lines, members) for page, members in sheets.items()}
    if not shows_spreads([[lines[k].text for k in numbers[page]] for page in sheets]):
        return lines
    from .continuity import ContinuityModel  # jieba: only needed here

    width = robust_column_width([visual_width(line.text) for line in lines])
    lines, signed = names_side_by_side(lines, width)
    if signed:
        sheets = {}
        for k, line in enumerate(lines):
            sheets.setdefault(line.page, []).append(k)
        numbers = {page: _page_numbers(lines, members) for page, members in sheets.items()}
    reader = _Reader([line.text for line in lines], ContinuityModel(line.text for line in lines), width,
                     _running_head(lines, sheets), find_gazette(lines))
    reader.signatures = signed
    split = {}
    for page, members in sheets.items():
        body = [k for k in members if k not in numbers[page]]
        # a blank line or a page number taken out between two lines ends a block
        blank = [any(lines[m].gap_above or m in numbers[page] for m in range(before + 1, k + 1))
                 for before, k in zip([-1] + body, body)]
        halves = reader.headings_by_numbering(*reader.split(body, blank))
        split[page] = tuple(reader.strays_in_place(half) for half in halves)
    order = printed_order(lines, split, numbers, reader)
    out: list[PageLine] = []
    for logical, (indices, printed) in enumerate(order, start=1):
        for position, k in enumerate(indices):
            line = lines[k]
            line.page, line.printed_page = logical, printed
            line.column_start = position == 0
            line.gap_above = None  # blank lines of an interleaved sheet say nothing of one page
            out.append(line)
    return out


def shows_spreads(numbers_per_sheet: list[list[str]]) -> bool:
    """Sheets carrying two page numbers each (and none more): two printed pages side by side."""
    pairs = sum(1 for found in numbers_per_sheet
                if len(found) == 2 and page_number_value(found[0]) != page_number_value(found[1]))
    return pairs >= PROFILE.spread_sheets_min and all(len(found) <= 2 for found in numbers_per_sheet)


def _page_numbers(lines: list[PageLine], members: list[int]) -> list[int]:
    """Page-number lines of a sheet: a decorated form (`- 3 -`, `第3页`) anywhere, a bare number
    only as the sheet's last line (elsewhere it may be a table cell or a list number)."""
    return [k for k in members if is_page_number(lines[k].text)
            and (not lines[k].text.strip().isdigit() or k == members[-1])]


def _running_head(lines: list[PageLine], sheets: dict[int, list[int]]) -> str | None:
    """The line most sheets begin with (digits aside): the running head both pages print on top."""
    firsts = Counter(_head_key(lines[members[0]].text) for members in sheets.values())
    if not firsts:
        return None
    key, count = firsts.most_common(1)[0]
    return key if count >= 2 and count * 2 >= len(sheets) else None


def _head_key(text: str) -> str:
    return re.sub(r"\d+", "#", squash(text))


class _Reader:
    """Which of a sheet's two pages each line belongs to. Viterbi states after each line: the
    last line of the other page and the kinds of line each page holds; the sheet's first line
    opens page 0."""

    def __init__(self, texts: list[str], model, width: float, head: str | None, gazette: str | None):
        self.texts, self.model, self.width = texts, model, width
        self.is_head = [head is not None and _head_key(t) == head for t in texts]
        # The cover's masthead lines: a page of them holds nothing else. A contents entry (title,
        # leader, page) and a line of prose (sentence punctuation) never stand on one page.
        self.is_front = [not self.is_head[k] and not TOC_HEAD_RE.match(t.strip()) and is_masthead_line(t, gazette)
                         for k, t in enumerate(texts)]
        # (the contents' head, 目录, stands on the contents page: with entries, never with prose)
        self.is_entry = [is_contents_entry(t) or bool(TOC_HEAD_RE.match(t.strip())) for t in texts]
        # (a subtitle, ——在…会议上, opens a document's text: it stands with its prose, never on the
        # contents page)
        self.is_prose = [(any(ch in "，。；" for ch in t) or is_subtitle(t)) and not self.is_entry[k]
                         for k, t in enumerate(texts)]
        self.is_long = [visual_width(t) >= PROFILE.spread_long_line_share * width for t in texts]
        self._joins: dict[tuple[int | None, int], float] = {}
        self.signatures: set[int] = set()  # two issuers' names printed side by side, one line again
        # (the masthead's lines, the running head and 目录 are short lines too, but no table's)
        # (a bare amount is a cell however long: prose is never printed as lines of amounts)
        self.is_cell = _in_cell_runs([(visual_width(t) <= PROFILE.spread_cell_em or _is_amount(t))
                                      and not any(ch in "，。；：、" for ch in t)
                                      and not (self.is_front[k] or self.is_entry[k] or self.is_head[k])
                                      for k, t in enumerate(texts)])
        self.kind = [_FRONT * self.is_front[k] | _ENTRY * self.is_entry[k] | _PROSE * self.is_prose[k]
                     | _HEAD * self.is_head[k] | _CELL * self.is_cell[k] for k in range(len(texts))]
        self.kind = [kind or _OTHER for kind in self.kind]
        # What reads_on asks of each line, once per line rather than once per pair of lines.
        self.goes_on = [(ends_open(t, width) or leaves_bracket_open(t)) and not is_contents_entry(t) for t in texts]
        self.continues = [continues_something(t) for t in texts]
        self.opens_heading = [(m := find_marker(t)) is not None and m.kind in HEADING_KINDS for t in texts]
        self.is_date = [is_date_line(t) for t in texts]
        self.stops_short = [self.stops_unpunctuated(k) for k in range(len(texts))]
        # A contents page's category line (a short plain line, no heading's number, no date) and
        # the lines that open a contents entry (set per sheet, where its blocks are known).
        self.is_category = [is_category_line(t) and not self.is_long[k] and not self.opens_heading[k]
                            and not self.is_date[k] and not self.kind[k] & (_FRONT | _ENTRY | _HEAD | _CELL)
                            for k, t in enumerate(texts)]
        self.opens_entry = [False] * len(texts)
        self.first_line = [self.short_by_lost_indent(k) for k in range(len(texts))]

    def split(self, members: list[int], blank_before: list[bool]) -> tuple[list[int], list[int]]:
        """States: (the other page's last line, the kinds of line this page and the other hold);
        the best score of each and a pointer back to the state it came from."""
        n = len(members)
        if n == 0:
            return [], []
        self.entry_openings(members, blank_before)
        first = self.kind[members[0]]
        best: dict[tuple[int, int, int], float] = {(-1, first, 0): 0.0}
        back: list[dict[tuple, tuple[tuple, bool]]] = [{}]
        for i in range(n - 1):
            nxt: dict[tuple[int, int, int], float] = {}
            pointers: dict[tuple, tuple[tuple, bool]] = {}
            blank = blank_before[i + 1]
            here, new = members[i], members[i + 1]
            kind = self.kind[new]
            opens_entry = self.opens_entry[new]
            for state, score in best.items():
                j, mine, other = state
                # the next line stays on line i's page ...
                if _compatible(mine | kind) and not kind & other & _ENTRY:
                    key = (j, mine | kind, other)
                    stay = score + self.join(here, new) + (self.stay_after_blank(here, new) if blank else 0.0)
                    if opens_entry:
                        stay += self.between_entries(here, mine)
                    if stay > nxt.get(key, _NEVER):
                        nxt[key], pointers[key] = stay, (state, False)
                # ... or goes to the other page, whose last line was j
                if _compatible(other | kind) and not kind & mine & _ENTRY:
                    key = (i, other | kind, mine)
                    switch = score + self.join(members[j] if j >= 0 else None, new) + (0.0 if blank else PROFILE.spread_switch_in_block)
                    if opens_entry and j >= 0:
                        switch += self.between_entries(members[j], other)
                    if switch > nxt.get(key, _NEVER):
                        nxt[key], pointers[key] = switch, (state, True)
            if not nxt:
                return list(members), []
            best = nxt
            back.append(pointers)
        state = max(best, key=best.get)
        labels = [0] * n
        page = 0
        for i in range(n - 1, 0, -1):
            state, switched = back[i][state]
            labels[i] = page
            if switched:
                page = 1 - page
        labels[0] = page
        return ([members[i] for i in range(n) if labels[i] == labels[0]],
                [members[i] for i in range(n) if labels[i] != labels[0]])

    def entry_openings(self, members: list[int], blank_before: list[bool]) -> None:
        """The lines that open a contents entry: the entry's line (title, leader, page) and the
        title's wrapped lines above it in its block (long, no sentence punctuation)."""
        following = False
        for i in range(len(members) - 1, -1, -1):
            k = members[i]
            following = is_contents_entry(self.texts[k]) or (
                following and self.is_long[k] and not self.is_entry[k] and not self.is_prose[k]
                and not has_sentence_punct(self.texts[k]))
            self.opens_entry[k] = following
            following = following and not blank_before[i]

    def between_entries(self, a: int, kinds: int) -> float:
        """A contents page prints its category lines between its entries: a short plain line
        below the page's entries (or its head, 目录) and above the next entry stands there as
        surely as a block's lines stand on one page (the next line opens an entry)."""
        return -PROFILE.spread_switch_in_block if kinds & _ENTRY and self.is_category[a] else 0.0

    def headings_by_numbering(self, first: list[int], second: list[int]) -> tuple[list[int], list[int]]:
        """A numbered heading line that the extraction ran into a block of the other page goes to
        the page whose numbering it goes on, at its place by height on the sheet: where it stands
        the next line is a heading of its kind numbered out of turn (三、 then 一、), and on the
        other page the heading of its kind before it is its predecessor (二、 … 三、)."""
        halves = [list(first), list(second)]
        for side in (0, 1):
            for k in list(halves[side]):
                marker = find_marker(self.texts[k])
                here, there = halves[side], halves[1 - side]
                at = here.index(k)
                if marker is None or marker.kind not in HEADING_KINDS or at + 1 == len(here) \
                        or ends_open(self.texts[k], self.width):
                    continue
                after = find_marker(self.texts[here[at + 1]])
                if after is None or after.kind != marker.kind or after.value == marker.value + 1:
                    continue  # its own page reads on from it
                before = [m for m in (find_marker(self.texts[j]) for j in there if j < k)
                          if m is not None and m.kind == marker.kind]
                if before and before[-1].value == marker.value - 1:
                    halves[side], halves[1 - side] = [j for j in here if j != k], sorted(there + [k])
        return halves[0], halves[1]

    def strays_in_place(self, page: list[int]) -> list[int]:
        """A line that pdftotext read out of place on its page (a block too early or too late,
        where two blocks' baselines nearly meet) goes back where the text reads on through it:
        both its new joins read on surely (a dictionary word or a long run across each), while
        neither the gap it fills nor the place it leaves read on at all. Best move first."""
        page = list(page)
        sure = PROFILE.spread_stray_join
        for _ in range(len(page)):
            best = None
            for j in range(1, len(page)):
                z = page[j]
                if self.join(page[j - 1], z) > 0 or j + 1 < len(page) and self.join(z, page[j + 1]) > 0:
                    continue  # it reads on where it stands
                for i in range(1, len(page)):
                    if i in (j, j + 1):
                        continue
                    x, y = page[i - 1], page[i]
                    into, out_of = self.join(x, z), self.join(z, y)
                    if into >= sure and out_of >= sure and self.join(x, y) <= 0:
                        gain = into + out_of - self.join(x, y)
                        if best is None or gain > best[0]:
                            best = (gain, i, j)
            if best is None:
                break
            _, i, j = best
            z = page.pop(j)
            page.insert(i if i < j else i - 1, z)
        return page

    def stay_after_blank(self, a: int, b: int) -> float:
        """Running text is set without blank lines inside a page: a blank line beside a long line
        is where the extraction changed pages. Between two table cells (one a line, each a block
        of its own) it is not; between other short lines (titles side by side) it mostly is. Under
        a running head (a block of its own) or between the cover's masthead lines it says nothing."""
        if self.is_head[a] or self.is_front[a] and self.is_front[b]:
            return 0.0
        if self.is_long[a] or self.is_long[b]:
            return PROFILE.spread_stay_after_blank * (self.is_long[a] + self.is_long[b])
        return PROFILE.spread_cells_stay if self.is_cell[a] and self.is_cell[b] else PROFILE.spread_short_stay

    def join(self, a: int | None, b: int) -> float:
        """How well line b reads as the next line of line a's page (a None: b opens a page)."""
        key = (a, b)
        if key not in self._joins:
            self._joins[key] = self._join(a, b)
        return self._joins[key]

    def _join(self, a: int | None, b: int) -> float:
        if self.is_head[b]:
            return _NEVER if a is not None else PROFILE.spread_head_opens
        if a is None:
            # the contents' head (目录) is what a contents page begins with
            return PROFILE.spread_head_opens if TOC_HEAD_RE.match(self.texts[b].strip()) else 0.0
        if self.is_front[a] and self.is_front[b]:
            return PROFILE.spread_kin_lines  # the masthead's lines stand together on the cover
        if a in self.signatures and self.is_date[b]:
            return PROFILE.spread_kin_lines  # two issuers side by side sign above their date
        return self.reads_on(a, b)

    def stops_unpunctuated(self, k: int) -> bool:
        """A line that stops well short of the margin without any mark at its end: a title's, a
        heading's or a name's line. Running text (a line with sentence punctuation) that goes on
        into a line either fills it or ends its paragraph there on a mark (。；：”） …); a
        contents entry ends on its page number."""
        text = self.texts[k].rstrip()
        return (visual_width(text) < self.width - PROFILE.spread_short_of_margin and not is_contents_entry(text)
                and bool(text) and (is_cjk(text[-1]) or text[-1].isalnum()))

    def turn(self, first: list[int], second: list[int]) -> float:
        """How well the page `second` goes on from the page `first` (below its running head)."""
        second = [k for k in second if not self.is_head[k]]
        return self.reads_on(first[-1], second[0]) if first and second else 0.0

    def reads_on(self, a: int, b: int) -> float:
        """The text's own evidence that line b goes on from line a (negative: it cannot)."""
        before, after = self.texts[a], self.texts[b]
        # (a short line that leaves a bracket open, a table cell wrapped inside it, goes on too)
        if not self.goes_on[a]:
            return PROFILE.spread_contradiction if self.continues[b] else _under_heading(before, after)
        if self.opens_heading[b]:
            return PROFILE.spread_contradiction  # an unfinished sentence never goes on into a heading
        if self.is_date[b] or self.is_prose[a] and self.stops_short[b]:
            # nor into a signature's date, nor a sentence into a line that stops short without a mark
            return PROFILE.spread_contradiction
        evidence = self.model.join_score(before, after)
        if self.first_line[b]:
            evidence += PROFILE.spread_open_into_first_line
        return evidence + (PROFILE.spread_continuation_mark if self.continues[b] else 0.0)

    def short_by_lost_indent(self, k: int) -> bool:
        """A paragraph's first line, which lost its 2 em indent: short of the margin by about that
        much, and going on (a paragraph's last line stops anywhere, on a mark)."""
        text = self.texts[k].rstrip()
        gap = self.width - visual_width(text)
        return (PROFILE.lost_indent_min <= gap <= PROFILE.lost_indent_max and not ends_sentence(text)
                and not text.endswith(("：", ":")))


def _under_heading(before: str, after: str) -> float:
    """What the text shows below a numbered heading: its first sub-heading may follow it at once
    (一、总则 / （一）目的; 1.总则 / 1.1 …), an attachment list (附件：) never does."""
    head = find_marker(before)
    rest = before.strip()[len(head.prefix):].rstrip("。") if head else ""
    if head is None or head.kind not in HEADING_KINDS or has_sentence_punct(rest):
        return 0.0
    if is_attachment(after):
        return PROFILE.spread_contradiction
    sub = find_marker(after)
    if sub is not None and sub.kind in HEADING_KINDS and sub.rank > head.rank and sub.value == 1 \
            and (sub.kind != "decimal" or sub.prefix.split(".")[0] == str(head.value)):
        return PROFILE.spread_kin_lines
    return 0.0


def _in_cell_runs(cell_like: list[bool]) -> list[bool]:
    """A table's cells come many in a row (a row of cells, then the next): a cell-like line only
    in a run of them. Two short lines alone (a category over a signature's date) are no table."""
    out = [False] * len(cell_like)
    k = 0
    while k < len(cell_like):
        end = k
        while end < len(cell_like) and cell_like[end]:
            end += 1
        if end - k >= PROFILE.spread_cell_run_min:
            out[k:end] = [True] * (end - k)
        k = max(end, k + 1)
    return out


def _is_amount(text: str) -> bool:
    return bool(AMOUNT.fullmatch(text.strip().lstrip("$¥￥")))
