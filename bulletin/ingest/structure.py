"""Articles from ordered lines: title, the title block (subtitle, speaker, 文号), and the body's
headings with their levels."""
from __future__ import annotations

import re

from .document import Article, Block, TocEntry
from .lines import Line, has_sentence_punct, match_key
from .numbering import KIND_RANK, find_marker
from .paragraphs import build_blocks, clean_spacing

DOC_NUMBER_RE = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号$")
SPEAKER_RE = re.compile(r"^[\u4e00-\u9fff]{0,12}(市长|省长|区长|县长|主任|书记|局长|部长|主席|秘书长)\s*[\u4e00-\u9fff·]{2,4}$")
SPEAKER_MAX = 16


def title_block_kind(text: str) -> str | None:
    """"subtitle" (——…), "doc_number" (文号) or "speaker" (市长 王吉): lines printed under a title."""
    text = text.strip()
    if text.startswith("——") and len(text) > 4:
        return "subtitle"
    if DOC_NUMBER_RE.match(text):
        return "doc_number"
    if len(text) <= SPEAKER_MAX and SPEAKER_RE.match(text):
        return "speaker"
    return None


def is_title_block_line(text: str) -> bool:
    return title_block_kind(text) is not None


def title_length(lines: list[Line], start: int, title: str) -> int:
    """How many lines from `start` spell the title (a long title may wrap); 0 if they don't."""
    want = match_key(title)
    got = ""
    for count in range(1, 4):
        if start + count > len(lines):
            return 0
        got += lines[start + count - 1].key
        if got == want:
            return count
        if not want.startswith(got):
            return 0
    return 0


def build_article(lines: list[Line], entry: TocEntry | None, width: float) -> Article:
    title_lines = title_length(lines, 0, entry.title) if entry else 0
    title = entry.title if entry and title_lines else ""
    article = Article(title=title, category=entry.category if entry else "", start_page=entry.page if entry else None)
    rest = lines[title_lines:]
    rest, title_block = _take_title_block(article, rest)
    article.blocks = title_block + build_blocks(rest, width)
    _assign_levels(article.blocks)
    if not article.title:
        article.title = _fallback_title(article)
    return article


def _take_title_block(article: Article, lines: list[Line]) -> tuple[list[Line], list[Block]]:
    """Subtitle (——…), speaker (市长 王吉) and 文号 lines right under the title: article metadata,
    and blocks of their own kind (the JSON contract gives every title-block line as a block)."""
    taken: list[Block] = []
    for line in lines[:4]:
        kind = title_block_kind(line.text)
        if kind is None or getattr(article, kind) or (kind == "subtitle" and taken):
            break
        cleaned = re.sub(r"\s+", " ", line.text.strip()) if kind == "speaker" else clean_spacing(line.text)
        setattr(article, kind, cleaned)
        taken.append(Block(kind, cleaned))
    return lines[len(taken):], taken


def _assign_levels(blocks: list[Block]) -> None:
    """Levels follow the kinds of numbering the article uses: the highest kind present is
    level 1 (一、 in a report, 第一章 in rules), the next level 2, and so on."""
    kinds = {}
    for block in blocks:
        if block.kind == "heading":
            marker = find_marker(block.text)
            kinds[id(block)] = marker.kind
    ranks = sorted({KIND_RANK[k] for k in kinds.values()})
    level_of = {rank: level for level, rank in enumerate(ranks, start=1)}
    for block in blocks:
        if block.kind == "heading":
            block.level = level_of[KIND_RANK[kinds[id(block)]]]


def _fallback_title(article: Article) -> str:
    for block in article.blocks:
        if block.kind == "paragraph" and not has_sentence_punct(block.text) and len(block.text) <= 40:
            return block.text
    return "（无标题）"
