"""Join wrapped lines back into the printed paragraphs and headings, and remove the spaces the
PDF extraction put around numbers and Latin text."""
from __future__ import annotations

import re

from .document import Block
from .lines import Line, ends_sentence, has_sentence_punct, is_short, visual_width
from .numbering import HEADING_KINDS, find_marker

# White space next to a non-ASCII character is an extraction artefact ("增长 15.2%" -> "增长15.2%");
# between two ASCII words it is a real space ("Hello World").
_SPACE_RUN = re.compile(r"\s+")
# A line that stops this far (em) before the margin ends its paragraph, whatever follows.
CLEAR_GAP = 2.5
# A short lead sentence at a line start, printed bold in the source: "项目建设提速提质。"
RUN_IN_LEAD_RE = re.compile(r"^[^，,。；;：:、！？!?“”]{4,12}。")


def clean_spacing(text: str) -> str:
    def keep(m: re.Match) -> str:
        start, end = m.start(), m.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if before and after and before.isascii() and after.isascii() and before.isalnum() and after.isalnum():
            return " "
        if before and after and before.isascii() and after.isascii() and (before in ",.;:)%" or after in "("):
            return " "
        return ""

    return _SPACE_RUN.sub(keep, text).strip()


def join_lines(texts: list[str]) -> str:
    joined = ""
    for text in texts:
        text = text.strip()
        if joined and joined[-1].isascii() and joined[-1].isalpha() and text[:1].isascii() and text[:1].isalpha():
            joined += " "  # two Latin words wrapped at a line end
        joined += text
    return clean_spacing(joined)


def is_heading_start(text: str) -> bool:
    marker = find_marker(text)
    if marker is None or marker.kind not in HEADING_KINDS:
        return False
    rest = text.strip()[len(marker.prefix) :]
    return bool(rest) and not has_sentence_punct(rest.rstrip("：:")) and len(rest) <= 40


def _starts_new_paragraph(prev: Line, line: Line, width: float, prev_opened: bool, after: Line | None = None) -> bool:
    """prev_opened: the line before is itself a paragraph's first line, full at two characters
    less than the column (the indent)."""
    text, before = line.text, prev.text
    prev_width = prev.column_width or width
    prev_indent = 2 if prev_opened else 0
    width = line.column_width or width
    short_prev = is_short(before, prev_width, prev_indent)
    if find_marker(text) or text.startswith("——"):
        return ends_sentence(before) or before.endswith(("：", ":")) or short_prev
    if before.endswith(("：", ":")) and short_prev:
        return True  # a salutation or a lead-in line such as "各位代表："
    if not ends_sentence(before):
        return False
    gap = prev_width - prev_indent - visual_width(before)
    if gap >= CLEAR_GAP:
        return True  # the line before stops well short of the margin: its paragraph ended
    if is_short(text, width):
        if not ends_sentence(text):
            return True  # this line is short by the indent the extraction lost: a first line
        # Short and finishing a sentence: a first line whose sentence ends at the margin when
        # the paragraph runs on at full width below it; else the last line of a paragraph.
        return (
            after is not None
            and not is_short(after.text, after.column_width or width)
            and not find_marker(after.text)
            and visual_width(text) >= width - 2.5
        )
    # A bold lead sentence (工业经济稳中向好。) after a line that does not quite fill the width
    # opens a paragraph even where no indent was printed.
    return bool(RUN_IN_LEAD_RE.match(text)) and gap >= 0.25


def _opens_quote(text: str) -> bool:
    return any(text.count(o) > text.count(c) for o, c in ("“”", "（）", "《》", "「」"))


def build_blocks(lines: list[Line], width: float) -> list[Block]:
    """Lines in reading order -> headings and paragraphs in reading order."""
    blocks: list[Block] = []
    current: list[str] = []
    i = 0

    def flush():
        if current:
            blocks.append(Block(kind="paragraph", text=join_lines(current)))
            current.clear()

    while i < len(lines):
        line = lines[i]
        prev = lines[i - 1] if i else None
        prev_opened = len(current) == 1
        after = lines[i + 1] if i + 1 < len(lines) else None
        begins = prev is None or not current or _starts_new_paragraph(prev, line, width, prev_opened, after)
        if begins and is_heading_start(line.text):
            flush()
            parts = [line.text]
            # A heading wrapped onto a second, short line without punctuation.
            while (
                i + 1 < len(lines)
                and visual_width(parts[-1]) >= width - 3.5
                and visual_width(lines[i + 1].text) <= (lines[i + 1].column_width or width) - 4
                and not _opens_quote(lines[i + 1].text)
                and not has_sentence_punct(lines[i + 1].text)
                and not find_marker(lines[i + 1].text)
            ):
                i += 1
                parts.append(lines[i].text)
            marker = find_marker(line.text)
            blocks.append(Block(kind="heading", text=join_lines(parts), number=marker.prefix, level=None))  # level: see structure
            i += 1
            continue
        if begins:
            flush()
        current.append(line.text)
        i += 1
    flush()
    return blocks
