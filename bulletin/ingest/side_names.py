"""Two issuers printed side by side on one line (国务院办公厅　中央军委办公厅), which pdftotext's
default text breaks at the wide space into two blocks: a name, the other name between blank lines,
then the signature's date."""
from __future__ import annotations

from dataclasses import replace

from .anatomy import ORG_END_RE, has_sentence_end, is_date_line, is_signature_text, squash
from .layout import PageLine
from .lines import visual_width


def _is_name(text: str) -> bool:
    return is_signature_text(text) and not has_sentence_end(text)


def names_beside_before_date(left: PageLine, right: PageLine, date: PageLine, width: float) -> bool:
    """Two names (issuers) and a date: the second name printed beside the first, if both fit on
    one line of the column (the caller checks that blank lines set the second name off)."""
    return (left.table is None and right.table is None and _is_name(left.text) and _is_name(right.text)
            and is_date_line(date.text)
            and visual_width(left.text) + 1 + visual_width(right.text) <= width)


def names_side_by_side(lines: list[PageLine], width: float) -> tuple[list[PageLine], set[int]]:
    """Two issuers printed side by side (国务院办公厅　中央军委办公厅), which pdftotext reads as two
    blocks, the right one set off by blank lines on both sides, then the date: one line again
    (text_layout does the same for a page), before the sheet is cut, so that the two names and
    their date stay on one page. On a sheet the line between may be the other page's (a contents
    category, 上级文件), so the second must name a body (…厅, …局, …政府). Returns the lines and
    the indices of the joined ones."""
    out: list[PageLine] = []
    signed: set[int] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 2 < len(lines) and line.page == lines[i + 1].page == lines[i + 2].page \
                and (lines[i + 1].gap_above or 0) >= 1 and (lines[i + 2].gap_above or 0) >= 1 \
                and ORG_END_RE.search(squash(lines[i + 1].text)) \
                and names_beside_before_date(line, lines[i + 1], lines[i + 2], width):
            right = lines[i + 1]
            signed.add(len(out))
            out.append(replace(line, text=f"{line.text} {right.text}", source=line.source + right.source))
            i += 2
            continue
        out.append(line)
        i += 1
    return out, signed
