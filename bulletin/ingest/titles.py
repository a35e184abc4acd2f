"""Where documents begin: title blocks found on the page itself. A PDF prints a title large, bold
or centred; `-layout` text shows the centring; plain text shows only the words, so there a
title is title-shaped (…关于…的通知/决定/办法…, no sentence in it) and stands apart from the text
around it. A contents page, when there is one, names the articles: its titles are articles,
other titles are documents embedded in an article (the 办法 a notice issues, an annex)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .anatomy import (
    CLOSING_FORMULA_RE, closes_unopened_mark, ends_like_title, has_sentence_end, is_addressee, is_annex_label,
    is_attachment, is_attachment_item, leaves_mark_open,
    is_date_line, is_doc_number, is_signature_text, is_speaker, is_subtitle, squash,
)
from .layout import CENTER, RIGHT, Layout, PageLine
from .lines import ends_sentence, first_unit, join_texts, visual_width
from .numbering import HEADING_KINDS, find_marker
from .masthead import TITLE_GOES_ON
from .profile import PROFILE

ISSUING_TITLE_RE = re.compile(r"(印发|转发|轉發|颁布|頒布|发布|發布|公布|修订|修訂|令$|批示$|印發)")
# A line wholly in brackets ((此件公开发布), (2019年…通过)) is a note, never part of a title.
PAREN_LINE_RE = re.compile(r"^[（(][^（()）]*[）)]$")


@dataclass
class TitleSpan:
    start: int  # index of the first title line
    end: int  # index after the last title line
    text: str
    article: bool  # True: a new article; False: a document embedded in the current one


def _styled(line: PageLine, kind: str) -> bool:
    """The page prints this line as a title: large (PDF) or centred (PDF, -layout)."""
    if kind == "pdf":
        return line.size >= PROFILE.title_size and (line.bold or line.align == CENTER or line.column == -1)
    if kind == "layout-text":
        return line.align == CENTER
    return False


def _join(lines: list[PageLine], start: int, end: int) -> str:
    return join_texts([line.text for line in lines[start:end]])


# An embedded document's title is mentioned by the text just before it (印发《…》的通知, 附件：…):
# the last 20,000 characters of the current article are searched, not the whole article, so a
# very long input costs time linear in its length.
MENTION_WINDOW = 20_000


def find_titles(layout: Layout, body: list[int], toc_titles: list[str]) -> list[TitleSpan]:
    """Title spans among the body lines (indices into layout.lines, furniture excluded)."""
    lines = [layout.lines[i] for i in body]
    wanted = [squash(t) for t in toc_titles]
    spans: list[TitleSpan] = []
    i = 0
    current_title = ""
    mentioned = ""
    previous_annex = False
    while i < len(lines):
        span = _title_at(lines, i, layout.kind, wanted, i == 0 or _block_ended(lines[i - 1]))
        if span is None:
            text = lines[i].text
            mentioned += squash(text)
            if len(mentioned) > 2 * MENTION_WINDOW:
                mentioned = mentioned[-MENTION_WINDOW:]  # keeps `key in mentioned` linear overall
            previous_annex = is_annex_label(text)
            i += 1
            continue
        end, text = span
        key = squash(text)
        if wanted:
            article = key in wanted
        else:
            embedded = bool(spans) and (
                previous_annex or key in mentioned or f"《{key}》" in current_title
                or bool(ISSUING_TITLE_RE.search(current_title)) and spans[-1].article and _after_closing(lines, i)
            )
            article = not embedded
        if not spans and not article:
            article = True  # text before any title belongs to no document: the first title opens one
        spans.append(TitleSpan(body[i], body[end - 1] + 1, text, article))
        if article:
            current_title, mentioned = key, ""
        previous_annex = False
        i = end
    return spans


def _title_at(lines: list[PageLine], i: int, kind: str, wanted: list[str], fresh: bool) -> tuple[int, str] | None:
    first = lines[i]
    if _never_title(first.text) or first.table is not None:
        return None  # (a table's row is no title's line)
    if wanted:
        for n in range(1, PROFILE.max_title_lines + 1):
            key = squash(_join(lines, i, min(i + n, len(lines))))
            if key in wanted:  # whole lines spelling a contents title: that article's title
                return i + n, _join(lines, i, i + n)
            if not any(w.startswith(key) for w in wanted):
                break
    if first.align == RIGHT or _dated_below(lines, i):
        return None  # a right-aligned line, or one over a date, is a signature
    if not (fresh or _styled(first, kind)) or kind == "pdf" and not _styled(first, kind):
        return None  # a PDF shows its titles: large, bold or centred
    if kind == "pdf":
        # A title is the run of lines set in the title's size (a long title wraps).
        end = i + 1
        while end < len(lines) and end - i < PROFILE.max_title_lines and _continues_title(lines[end - 1], lines[end], kind):
            end += 1
        text = _join(lines, i, end)
        return (end, text) if _title_words(text) else None
    # Text: the fewest lines (a long title wraps) whose words end like a document's title.
    for end in range(i + 1, min(i + PROFILE.max_title_lines, len(lines)) + 1):
        if end > i + 1 and not _continues_title(lines[end - 2], lines[end - 1], kind):
            return None
        text = _join(lines, i, end)
        if not _title_words(text):
            return None
        if ends_like_title(text):
            break
    else:
        return None
    # A title may end like one early (…集镇规划 / 建设管理实施办法, …特别规定 / （试行）的通知):
    # a next line that goes on in the title's words and again ends like a title belongs to it.
    while (end < len(lines) and end - i < PROFILE.max_title_lines and _extends_title(lines[end - 1], lines[end], kind)
           and ends_like_title(_join(lines, i, end + 1))):
        end += 1
        text = _join(lines, i, end)
    if leaves_mark_open(text):
        return None  # 《临沧市道路交通安全管理特别规定 / （试行）》已经…: the words go on below
    if kind == "layout-text" and (_styled(lines[end - 1], kind) or _styled(first, kind)):
        return end, text
    # The words alone: the title must stand apart, and what follows must read as the top of a
    # document (文号, subtitle, speaker, addressee, a dated line) or the title stop short.
    follows = lines[end] if end < len(lines) else None
    if follows is None or _opens_document(follows) or _standalone(lines, i, end) or _after_document_end(lines, i, end):
        return end, text
    return None


def _after_document_end(lines: list[PageLine], i: int, end: int) -> bool:
    """The line before ends a document or opens an annex: its date, a note in brackets
    ((此件公开发布)), an annex label (附件2), or the issuer a date printed first stands over
    (Macau: date, then 行政長官 何厚鏵). Text there begins a new document, so title-shaped words
    stand apart however the text was wrapped (a title hard-wrapped at the column width). That
    issuer line itself is no title's first line when the longer lines below it end like a title
    alone."""
    if i == 0:
        return False
    before = lines[i - 1].text.strip()
    rest = _join(lines, i + 1, end)
    if is_date_line(before) and end > i + 1 and ends_like_title(rest) and len(squash(rest)) > len(squash(lines[i].text)):
        return False  # (a wrapped title's last line is its shorter tail; an issuer's name is shorter than the title)
    issuer_under_date = i > 1 and is_date_line(lines[i - 2].text) and is_signature_text(before)
    return is_date_line(before) or bool(PAREN_LINE_RE.match(before)) or is_annex_label(before) or issuer_under_date


def _never_title(text: str) -> bool:
    """Lines that are something else, whatever their words end with."""
    text = text.strip()
    return (
        has_sentence_end(text) or is_doc_number(text) or is_date_line(text) or bool(PAREN_LINE_RE.match(text))
        or is_attachment(text) or is_attachment_item(text) or is_annex_label(text) or bool(CLOSING_FORMULA_RE.match(text))
        or _numbered(text)
    )


def _numbered(text: str) -> bool:
    """一、关于…的意见 is a heading of the document, not a title, whatever it ends with."""
    marker = find_marker(text)
    return marker is not None and marker.kind in HEADING_KINDS


def _dated_below(lines: list[PageLine], i: int) -> bool:
    return any(is_date_line(line.text) for line in lines[i + 1:i + 3])


def _title_words(text: str) -> bool:
    return (0 < len(squash(text)) <= PROFILE.title_max_chars and not has_sentence_end(text) and "，" not in text
            and not closes_unopened_mark(text))



def _continues_title(prev: PageLine, line: PageLine, kind: str) -> bool:
    text = line.text
    if line.page != prev.page:
        return False  # a title never runs over a page break
    if has_sentence_end(text) or is_doc_number(text) or is_subtitle(text) or is_date_line(text):
        return False
    if is_speaker(text) or is_addressee(text):
        return False
    if kind == "pdf":
        return abs(line.size - prev.size) < 0.05 and line.size >= PROFILE.title_size and (line.gap_above or 0) < 1
    if line.align == RIGHT:
        return False
    # Text: the line before is not yet a whole title, and no blank or parenthesised line between.
    if line.gap_above is not None and line.gap_above >= PROFILE.block_gap or PAREN_LINE_RE.match(prev.text.strip()):
        return False
    if visual_width(prev.text) + visual_width(first_unit(text)) <= visual_width(text):
        return False  # a title wraps where its words no longer fit: a line with room left ended it
    return not ends_like_title(prev.text) and len(squash(text)) <= PROFILE.title_max_chars


def _extends_title(prev: PageLine, line: PageLine, kind: str) -> bool:
    text = line.text.strip()
    if line.page != prev.page or _never_title(text) or line.align == RIGHT or has_sentence_end(text) or "，" in text:
        return False
    if is_speaker(text) or is_addressee(text) or is_subtitle(text):
        return False
    if line.gap_above is not None and line.gap_above >= PROFILE.block_gap:
        return False
    return text.startswith(TITLE_GOES_ON) or ends_like_title(text) and len(squash(text)) < len(squash(prev.text))


def _opens_document(line: PageLine) -> bool:
    """The top of a document: 文号, subtitle, speaker, addressee, a bracketed note, or the first
    chapter of a regulation (第一章 总 则)."""
    text = line.text
    return (is_doc_number(text) or is_subtitle(text) or is_speaker(text) or is_addressee(text)
            or text.startswith(("（", "(")) or bool(FIRST_CHAPTER_RE.match(text)))


FIRST_CHAPTER_RE = re.compile(r"^第[一1]章\s*\S")


def _standalone(lines: list[PageLine], start: int, end: int) -> bool:
    """Every line of it clearly short of the column (a title is set larger and centred: shorter
    than even a paragraph's first line), or a blank line under it."""
    last = lines[end - 1]
    short = all(line.right_gap > PROFILE.lost_indent_max for line in lines[start:end])
    return short or (last.gap_above or 0) >= PROFILE.block_gap


def _block_ended(line: PageLine) -> bool:
    if line.table is not None:
        return True  # a table's row: the words below it are not its cell's
    text = line.text.rstrip()
    if ends_sentence(text) or text.endswith(("：", ":")) or is_date_line(text) or line.align in (CENTER, RIGHT):
        return True  # (a centred or right-set line stands apart: a title, a signature)
    if is_attachment(text) or is_attachment_item(text):
        return False  # an attachment item may wrap onto the next line
    if _numbered(text) and line.right_gap < PROFILE.lost_indent_max:
        return False  # a numbered heading that fills its line may go on in the next
    return line.right_gap >= PROFILE.short_line_gap and not has_sentence_end(text) and len(text) <= PROFILE.heading_max_chars


def _after_closing(lines: list[PageLine], i: int) -> bool:
    """The line before closes a document (its date), so a title here follows its notice."""
    return i > 0 and is_date_line(lines[i - 1].text)
