"""The lines of one document (below its title) into typed blocks, in reading order: the title
block (文号, subtitle, speaker, addressee), paragraphs joined from their wrapped lines, headings,
tables, attachment lines, signature and date. A line never joins a neighbour of another kind."""
from __future__ import annotations

from .anatomy import (
    CLOSING_FORMULA_RE, RULE_RE, doc_type_of, has_sentence_end, is_addressee, is_annex_label, is_attachment,
    is_attachment_item, is_date_line, is_doc_number, is_signature_text, is_speaker, is_subtitle, squash,
)
from .block_boundaries import heading_marker, group_lines, heading_of
from .document import Block
from .layout import RIGHT, PageLine
from .lines import join_texts
from .numbering import find_marker
from .profile import PROFILE

__all__ = ["group_lines", "classify", "assign_levels"]  # group_lines: block_boundaries' grouping, this module's API too

# ---------------------------------------------------------------- kinds


def classify(groups: list[list[PageLine]], kind: str) -> list[Block]:
    blocks: list[Block] = []
    texts = [join_texts([line.text for line in group]) for group in groups]
    i = 0
    # The title block: 文号, subtitle, speaker, addressee, in any order, each once.
    seen: set[str] = set()
    while i < len(groups):
        found = _title_block_kind(texts[i], seen)
        if not found:
            break
        seen.add(found)
        blocks.append(Block(found, texts[i]))
        i += 1
    in_attachment = False
    for j in range(i, len(groups)):
        group, text = groups[j], texts[j]
        if group[0].table is not None:
            rows = [list(line.cells or [line.text]) for line in group]
            blocks.append(Block("table", "\n".join(" ".join(row) for row in rows), rows=rows))
            in_attachment = False
            continue
        if is_attachment(text) or in_attachment and is_attachment_item(text):
            blocks.append(Block("attachment", text))
            in_attachment = True
            continue
        if in_attachment and _attachment_goes_on(groups, texts, j, kind):
            blocks[-1].text = join_texts([blocks[-1].text, text])  # an item wrapped onto a line of its own
            continue
        in_attachment = False
        if is_date_line(text):
            blocks.append(Block("date", text))
            continue
        heading = heading_of(text, group, kind)
        if heading is not None and not heading.number and not _followed_by_text(groups, texts, j):
            heading = None  # a run of short lines (a list, a table's cells) has no headings
        if heading is not None and not _signature_place(groups, texts, j, kind):
            blocks.append(heading)
            continue
        if _signature_place(groups, texts, j, kind):
            blocks.append(Block("signature", text))
            continue
        if not blocks and is_addressee(text):
            blocks.append(Block("addressee", text))
            continue
        blocks.append(Block("paragraph", text))
    return blocks


def _followed_by_text(groups: list[list[PageLine]], texts: list[str], j: int) -> bool:
    """Running text follows (a table's cells are no text: the line over a table is its title)."""
    return j + 1 < len(texts) and groups[j + 1][0].table is None and (
        has_sentence_end(texts[j + 1]) or len(squash(texts[j + 1])) > PROFILE.heading_max_chars
        or heading_marker(texts[j + 1]) is not None)


def _attachment_goes_on(groups: list[list[PageLine]], texts: list[str], j: int, kind: str) -> bool:
    """The rest of an attachment item wrapped onto the next line (aligned under its words)."""
    text = texts[j]
    return (
        len(groups[j]) <= 2 and not has_sentence_end(text) and not is_date_line(text) and not is_annex_label(text)
        and heading_marker(text) is None and not _signature_place(groups, texts, j, kind)
        and len(squash(text)) <= PROFILE.heading_max_chars
    )


def _title_block_kind(text: str, seen: set[str]) -> str | None:
    for kind, test in (("doc_number", is_doc_number), ("subtitle", is_subtitle), ("speaker", is_speaker),
                       ("addressee", is_addressee)):
        if kind not in seen and test(text):
            return kind
    return None


def _signature_place(groups: list[list[PageLine]], texts: list[str], j: int, kind: str) -> bool:
    """An issuing body's name where signatures stand: just above its date (one or two lines), just
    below a date printed first (Macau), or right-aligned at a document's end."""
    text = texts[j]
    if not is_signature_text(text) or len(groups[j]) > 2 or heading_marker(text) or CLOSING_FORMULA_RE.match(text):
        return False
    if is_annex_label(text) or RULE_RE.match(text) or text.startswith(("（", "(")) and not _dated_next(texts, j):
        return False  # a label, a rule, a bracketed note; a bracketed second issuer stands over its date
    if len(doc_type_of(text)) >= 2:
        return False  # …实施办法, …的通知: a document's name, not an issuing body
    for step in (1, 2):
        k = j + step
        if k < len(texts) and is_date_line(texts[k]):
            return step == 1 or _signature_place_simple(texts[j + 1])
    if j > 0 and is_date_line(texts[j - 1]) and (j + 1 == len(texts) or not _looks_like_paragraph(texts[j + 1])):
        return True
    line = groups[j][0]
    return kind == "pdf" and line.align == RIGHT and line.indent > PROFILE.right_block_indent_share * (line.column_width or 1)


def _dated_next(texts: list[str], j: int) -> bool:
    return j + 1 < len(texts) and is_date_line(texts[j + 1])


def _signature_place_simple(text: str) -> bool:
    return is_signature_text(text) and not heading_marker(text)


def _looks_like_paragraph(text: str) -> bool:
    return has_sentence_end(text) or len(squash(text)) > 40


def assign_levels(blocks: list[Block]) -> None:
    """Levels inside each document (an embedded document's headings start again at 1): the
    numbering kinds it uses, highest first; an unnumbered heading sits one below the numbered
    heading before it, or at level 1 when none came before."""
    segment: list[Block] = []
    for block in blocks + [Block("doc_title", "")]:
        if block.kind != "doc_title":
            segment.append(block)
            continue
        headings = [b for b in segment if b.kind == "heading"]
        ranks = sorted({find_marker(b.text).rank for b in headings if b.number})
        level_of = {rank: level for level, rank in enumerate(ranks, start=1)}
        last = 0
        for b in headings:
            if b.number:
                b.level = level_of[find_marker(b.text).rank]
                last = b.level
            else:
                b.level = last + 1 if last else 1
        segment = []
