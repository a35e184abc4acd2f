"""Where one block of a document ends and the next begins: the line breaks that are paragraph
breaks (measured indents and gaps in a PDF or `-layout` text, line widths and sentence ends in
plain text), and the lines that always stand alone (chapter lines, notes, signatures)."""
from __future__ import annotations

import re
import unicodedata

from .anatomy import (
    CLOSING_FORMULA_RE, RULE_RE, closes_unopened_mark, ends_like_title, has_sentence_end, is_addressee, is_annex_label, is_attachment,
    is_attachment_item, is_date_line, is_doc_number, is_signature_text, is_speaker, is_subtitle, leaves_mark_open,
    squash,
)
from .document import Block
from .layout import CENTER, JUSTIFIED, RIGHT, PageLine
from .lines import ends_sentence, first_unit, visual_width
from .numbering import HEADING_KINDS, find_marker
from .profile import PROFILE


def measured_indent(kind: str) -> bool:
    """Does this input show a paragraph's first-line indent (PDF geometry, -layout spaces)?"""
    return kind in ("pdf", "layout-text")


# ---------------------------------------------------------------- line groups


HANGING = "，。、；：！？”’）》,.;:!?"
NOTE_LINE_RE = re.compile(r"^[（(][^（()）]{4,}[）)]$")
OPENERS = "“‘（《【「『(["


def _short_by_indent(line: PageLine, kind: str, after: PageLine | None = None) -> bool:
    """Short of the margin by about the indent a paragraph's first line lost. A closing mark at
    the end of a text line may hang past the margin or not: either reading counts. Hard-wrapped
    text breaks before what does not fit: the next line's first unit (（街）, 2006) may add to
    the gap."""
    lo, hi = PROFILE.lost_indent_min, PROFILE.lost_indent_max
    gap = line.right_gap
    if after is not None and not measured_indent(kind):
        unit = first_unit(after.text)
        if len(unit.rstrip(HANGING)) > 1 and gap < visual_width(unit):
            return False  # a full line: the next line's number, word or bracket did not fit
        hi += max(0.0, visual_width(unit) - 1)
    return lo <= gap <= hi or (not measured_indent(kind) and line.text[-1:] in HANGING and lo <= gap + 1 <= hi)


def _next_would_fit(prev: PageLine, line: PageLine, kind: str, first_of_block: bool = True) -> bool:
    """Plain text: there was room on the line (less the indent a block's first line lost) for
    the next line's first unit; else the line is full, however short it measures."""
    if measured_indent(kind):
        return True
    lost = PROFILE.paragraph_indent_em if first_of_block else 0.0
    return prev.right_gap - lost >= visual_width(first_unit(line.text))


def _stops_short(line: PageLine, first_of_block: bool, kind: str, by: float | None = None) -> bool:
    gap = line.right_gap
    if first_of_block and not measured_indent(kind):
        gap -= PROFILE.paragraph_indent_em  # the first-line indent the extraction lost
    return line.column_width > 0 and gap >= (PROFILE.short_line_gap if by is None else by)


def _full_width_only(text: str) -> bool:
    """A line of full-width characters only (no digits, Latin or spaces): its width in em is
    exact, where a line with half-width characters is only estimated."""
    return all(unicodedata.east_asian_width(ch) in ("W", "F") or ch in "“”‘’" for ch in text.strip())


def _lone_line(text: str) -> bool:
    """Text that stands on a line of its own: a heading, a date, a signature, a label."""
    return (
        is_date_line(text) or is_annex_label(text) or bool(RULE_RE.match(text))
        or heading_marker(text) is not None
        or not any(ch in "，。；：、！？,;:" for ch in text) and len(squash(text)) <= PROFILE.heading_max_chars
    )


def _boundary(prev: PageLine, line: PageLine, after: PageLine | None, first_of_block: bool, kind: str,
              block_start: PageLine | None = None, open_note: bool = False) -> bool:
    """Does `line` begin a new block after `prev`? What every input shows first, then what the
    page's geometry shows (PDF, -layout text) or, for plain text, what the line widths show."""
    if (prev.table is not None or line.table is not None) and prev.table != line.table:
        # a table split at a page or column turn goes on in rows of as many cells (its header not
        # repeated)
        return not (prev.table is not None and line.table is not None
                    and (line.page != prev.page or line.column != prev.column)
                    and len(line.cells or ()) == len(prev.cells or ()))
    if line.table is not None:
        return False
    if _note_goes_on(prev.text, line.text) or open_note and not any(c in line.text for c in "（("):
        return False  # a note in brackets wrapped over lines: (…第十九次 / 会议通过)
    if line.gap_above is not None and line.gap_above >= PROFILE.block_gap and line.page == prev.page and not (
            kind != "pdf" and prev.source and line.source and line.source[0] > prev.source[-1] + 1
            and heading_marker(line.text) is None) and not (
            kind == "text" and _sentence_runs_across(prev, line, first_of_block, kind)):
        # (across a page break the space is the page's margin and furniture; so is the space
        # around a page number or running head that text prints between two columns, unless a
        # numbered heading stands below it)
        return True
    if _own_line(line.text):
        return True
    if is_doc_number(prev.text):
        return True  # a 文号 is a line of its own: what follows it begins apart
    if line.column != prev.column and line.column == -1:
        return True  # a line across the columns (a title block) never runs on from a column
    if block_start is not None and is_attachment_item(line.text) and (
            is_attachment(block_start.text) or is_attachment_item(block_start.text)):
        return True  # the next item of an attachment list
    before = prev.text.rstrip()
    if (kind == "text" and block_start is not None and (is_attachment(block_start.text) or is_attachment_item(block_start.text))
            and not is_attachment_item(line.text) and not is_date_line(line.text) and not has_sentence_end(before)
            and not ends_like_title(before) and not _stops_short(prev, first_of_block, kind)):
        return False  # an attachment item that fills its line goes on until its title ends
    if is_addressee(before) and not _continues(before, line.text):
        return True  # the addressee is a line (or lines) of its own, its text begins below it
    if kind != "pdf" and after is not None and is_date_line(after.text) and is_signature_text(line.text) \
            and not is_date_line(before):
        return True  # the issuer's name over its date begins apart (text may set it flush)
    if NOTE_LINE_RE.match(before) or NOTE_LINE_RE.match(line.text.strip()) and (
            kind == "pdf" or _stops_short(prev, first_of_block, kind) or not ends_sentence(before)):
        # a note wholly in brackets: (2019年…会议通过), (此件公开发布); in text, one wrapped after
        # a sentence that filled its line is that paragraph's (……服务。/（市工商局牵头负责）)
        return True
    if first_of_block and _heading_wraps(prev, line, kind):
        return False
    if first_of_block and heading_marker(before) and heading_of(before, [prev], kind) and _stops_short(
            prev, True, kind, by=PROFILE.heading_short_gap) and _next_would_fit(prev, line, kind):
        # A numbered heading, short of the margin: what follows is not part of it, unless the
        # line is long enough to be a clause's first line that stopped a little short.
        if not _runs_on(prev, line, kind) and (len(squash(before)) <= PROFILE.short_heading_chars
                                               or _stops_short(prev, True, kind, by=PROFILE.heading_tail_gap)):
            return True
    finished = ends_sentence(before) or before.endswith(("：", ":"))
    if measured_indent(kind):
        return _boundary_measured(prev, line, first_of_block, kind, finished, block_start)
    return _boundary_in_text(prev, line, after, first_of_block, kind, finished)


def _boundary_measured(prev: PageLine, line: PageLine, first_of_block: bool, kind: str, finished: bool,
                       block_start: PageLine | None = None) -> bool:
    """The page shows indents and alignment: a first-line indent, a centred or right-set line,
    a line stopping short after a finished sentence."""
    before = prev.text.rstrip()
    # Edges that line up to half an em: only a PDF's geometry is that exact.
    exact = kind == "pdf"
    hanging = exact and line.indent > PROFILE.first_indent_max and abs(line.indent - prev.indent) < PROFILE.same_edge_em
    right_set = (exact and line.right_gap >= PROFILE.short_line_gap and not hanging
                 and abs(line.right_gap - prev.right_gap) < PROFILE.same_edge_em)
    if right_set:
        return True  # lines sharing a right edge inside the column: a signature block, line by line
    if hanging and not finished:
        return False  # a line under the words of the one before (an attachment item, a list) goes on
    if line.align in (CENTER, RIGHT) or prev.align in (CENTER, RIGHT) or _right_block(line) or _right_block(prev):
        return True
    first_line = PROFILE.first_indent_min <= line.indent <= PROFILE.first_indent_max
    if first_line and (not line.column_start or finished):
        return True  # (at a column's top, an indented line may go on from the column before)
    if finished and heading_of(line.text, [line], kind) is not None and _stops_short(line, False, kind):
        return True  # a numbered heading printed flush (no indent, no space above)
    if not _stops_short(prev, first_of_block, kind) or _continues(before, line.text) or _runs_on(prev, line, kind):
        return False
    # A line that stopped short mid-sentence, then a flush line: the text goes on (a column box
    # measured too wide, a page of two lines); a finished sentence ends, and so does a line of a
    # heading's shape that began its block or ends an item of a list (附件：1.… wrapped): inside a
    # paragraph such a line is that paragraph's words.
    listed = block_start is not None and (is_attachment(block_start.text) or is_attachment_item(block_start.text))
    return finished or (first_of_block or listed) and heading_of(before, [prev], kind) is not None or _own_line(before)


def _runs_on(prev: PageLine, line: PageLine, kind: str) -> bool:
    """-layout text: after a heading a paragraph begins indented; a full line from the margin
    carries on a line that stopped a little short mid-sentence (the grid gives a printed space
    or a digit a whole cell, so a full line may end an em or two early)."""
    return (kind == "layout-text" and line.align == JUSTIFIED and line.indent < PROFILE.first_indent_min
            and prev.right_gap < PROFILE.heading_tail_gap and not has_sentence_end(prev.text)
            and heading_marker(line.text) is None)


def _boundary_in_text(prev: PageLine, line: PageLine, after: PageLine | None, first_of_block: bool, kind: str,
                      finished: bool) -> bool:
    """Plain text shows only line widths: a paragraph's first line is short by the indent it lost,
    and its last line stops short."""
    before = prev.text.rstrip()
    if (_stops_short(prev, first_of_block, kind) and not _continues(before, line.text)
            and _next_would_fit(prev, line, kind, first_of_block)):
        # Widths are estimates: a line that stops mid-sentence a little short is a full line
        # measured long; only a clear gap ends a paragraph without its punctuation.
        if finished or _stops_short(prev, first_of_block, kind, by=PROFILE.heading_tail_gap) and before[-1:] not in OPENERS:
            return True
        if (first_of_block and _full_width_only(before) and heading_of(before, [prev], kind) is not None
                and _stops_short(prev, True, kind, by=PROFILE.exact_tail_gap)):
            return True  # a heading's shape (no mark, nothing left open), measured exactly: it stopped
    if not (finished or heading_marker(before) and not has_sentence_end(before)):
        return False
    if _short_by_indent(line, kind, after):
        # Short by the indent the extraction lost: a first line, unless it ends a sentence and
        # the next line is short too (then it is the last line of a paragraph).
        return not ends_sentence(line.text) or after is None or not _stops_short(after, False, kind)
    if line.right_gap > PROFILE.lost_indent_max:
        # a short line after a finished one: its own block, or a last line (a bracketed note
        # wrapped after a sentence that filled its line belongs to that sentence's paragraph)
        wrapped_note = NOTE_LINE_RE.match(line.text) and not _stops_short(prev, first_of_block, kind)
        return _lone_line(line.text) and not wrapped_note
    return False


def _heading_wraps(prev: PageLine, line: PageLine, kind: str) -> bool:
    """A numbered heading that fills its line and goes on in a short line of words, no
    punctuation (一、坚持以投资总量扩 / 充经济总量)."""
    if heading_marker(prev.text) is None or has_sentence_end(prev.text) or _stops_short(prev, True, kind):
        return False
    text = line.text
    # The tail is clearly short: shorter than a paragraph's first line that lost its indent.
    short = line.indent < PROFILE.first_indent_min if measured_indent(kind) else line.right_gap > PROFILE.heading_tail_gap
    return (
        short and _stops_short(line, False, kind) and heading_marker(text) is None
        and not any(ch in "，。；：、！？,;:" for ch in text) and len(squash(prev.text + text)) <= PROFILE.heading_max_chars
    )


def _right_block(line: PageLine) -> bool:
    """A line set towards the right, as signatures and dates are (a few em from the margin)."""
    return line.column_width > 0 and line.indent > PROFILE.right_block_indent_share * line.column_width


def _sentence_runs_across(prev: PageLine, line: PageLine, first_of_block: bool, kind: str) -> bool:
    """Plain text: pdftotext ends a block with a blank line where a column ends, though a sentence
    runs on into the next column. A full line stopping mid-sentence, then a full line (not short
    by the indent a paragraph's first line lost, no heading, not a line of its own): the sentence
    goes on across the blank."""
    before = prev.text.rstrip()
    return (
        prev.table is None and line.table is None and line.column_width > 0
        and not ends_sentence(before) and not before.endswith(("：", ":"))
        and not _stops_short(prev, first_of_block, kind) and line.right_gap < PROFILE.lost_indent_min
        and heading_marker(line.text) is None and not _own_line(line.text)
    )


def _note_goes_on(before: str, text: str) -> bool:
    """A line that opens a bracket it never closes, then one that closes a bracket it never opened."""
    before, text = before.strip(), text.strip()
    return (before[:1] in "（(" and not any(c in before for c in "）)")
            and text[-1:] in "）)" and not any(c in text for c in "（("))


def _open_note(group: list[PageLine]) -> bool:
    """A block that opens with a bracket not yet closed, a few lines long: a note under a title
    ((2013年1月17日…审议通 / 过…公布 / 自…起施行)) goes on until its bracket closes."""
    if len(group) >= PROFILE.max_title_lines or group[0].text.strip()[:1] not in "（(":
        return False
    text = "".join(line.text for line in group)
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _own_line(text: str) -> bool:
    """Lines that always begin apart in print: 文号, subtitle, speaker, a date, an attachment list,
    a chapter or section heading (第一章 总 则)."""
    return (is_doc_number(text) or is_subtitle(text) or is_speaker(text) or is_date_line(text) or is_attachment(text)
            or _chapter_line(text))


def _chapter_line(text: str) -> bool:
    marker = heading_marker(text)
    return (marker is not None and marker.kind in ("chapter", "section") and not has_sentence_end(text)
            and len(squash(text)) <= PROFILE.short_heading_chars)


def _continues(before: str, text: str) -> bool:
    """A line that cannot start a block: it opens with closing punctuation."""
    return bool(text) and text[0] in "，。、；：！？）》”’,.;:!?)"


def group_lines(lines: list[PageLine], kind: str) -> list[list[PageLine]]:
    groups: list[list[PageLine]] = []
    for i, line in enumerate(lines):
        after = lines[i + 1] if i + 1 < len(lines) else None
        if not groups or _boundary(groups[-1][-1], line, after, len(groups[-1]) == 1, kind, groups[-1][0],
                                   _open_note(groups[-1])):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def heading_marker(text: str):
    marker = find_marker(text)
    if marker is None or marker.kind not in HEADING_KINDS:
        return None
    return marker


def heading_of(text: str, lines: list[PageLine], kind: str) -> Block | None:
    """A numbered heading: a short line whose words after the number are a title, not a sentence
    (a lone trailing 。 on a short caption such as （一）目的。 is allowed)."""
    marker = heading_marker(text)
    rest = text.strip()[len(marker.prefix):].strip() if marker else text.strip()
    if marker is not None:
        if not rest or len(squash(rest)) > PROFILE.heading_max_chars:
            return None
        body = rest[:-1] if rest.endswith("。") and len(squash(rest)) <= 12 else rest
        if has_sentence_end(body):
            return None
        if "，" in body and len(squash(body)) > PROFILE.comma_heading_max_chars:
            return None  # a clause: 一、把握总体要求，明确工作目标 is a heading, a long line with commas a sentence
        return Block("heading", text, number=marker.prefix)
    # Unnumbered: a short line set apart (bold, centred or larger in a PDF; alone in text).
    if len(lines) > 1 or any(ch in "，。；：！？,;:!?、" for ch in rest) or len(squash(rest)) > 30:
        return None
    if CLOSING_FORMULA_RE.match(rest) or is_annex_label(rest) or RULE_RE.match(rest) or is_date_line(rest):
        return None
    if rest[:1] in "（(" and rest[-1:] in "）)":
        return None  # a bracketed note
    if closes_unopened_mark(rest) or leaves_mark_open(rest):
        return None  # words of a sentence broken across lines (…组织法》第四十四条…)
    line = lines[0]
    # A PDF shows a heading's face; text shows only that it stands alone (checked by the caller:
    # a short line without punctuation, followed by text).
    styled = line.bold or line.size >= PROFILE.heading_size or line.align == CENTER if kind == "pdf" else True
    return Block("heading", text) if styled and len(squash(rest)) >= 4 else None
