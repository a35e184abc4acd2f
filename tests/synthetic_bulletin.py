"""Synthetic bulletins for property tests and benchmarks: a known document rendered with the
defects of real extractions (wrapped lines with the indent lost, PDF spaces around numbers,
page furniture, columns in printer-spread order, the body printed twice, column-start spaces),
so that the importer can be asked for the exact original back."""
from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

from bulletin.ingest.lines import visual_width

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "jilin-gazette-2024-01.txt"
CN_NUMBERS = "一二三四五六七八九十"
# Latin words are left out (typesetting never splits them; the greedy wrap here would).
_PLAIN = re.compile(r"[\u4e00-\u9fff0-9.%，、；：“”（）+-]+")
_NUMBERED = re.compile(r"[一二三四五六七八九十]是|[一二三四五六七八九十]、|[（(][一二三四五六七八九十\d]+[）)]|——|\d[.、]")
_MARKER_START = re.compile(r"^([一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|第[一二三四五六七八九十]+[章条节])")


def sentence_pool() -> list[str]:
    """Sentences of the sample report, for realistic text (whatever their order there)."""
    raw = "".join(line.strip().replace(" ", "") for line in SAMPLE.read_text(encoding="utf-8").splitlines())
    sentences = []
    for piece in raw.split("。"):
        piece = piece.strip()
        # Short sentences are left out: in this genre they are bold leads that open paragraphs.
        if 16 <= len(piece) <= 70 and _PLAIN.fullmatch(piece) and not _NUMBERED.search(piece):
            if "公报" not in piece and not piece.startswith(tuple("，、；：！？”）")):
                sentences.append(piece + "。")
    return sorted(set(sentences))


def phrase_pool(sentences: list[str]) -> list[str]:
    phrases = []
    for s in sentences:
        head = re.split(r"[，。；：、“”（）]", s)[0]
        if 5 <= len(head) <= 14 and re.fullmatch(r"[\u4e00-\u9fff]+", head):
            phrases.append(head)
    return sorted(set(phrases))


@dataclass
class SyntheticBlock:
    kind: str  # heading | paragraph
    text: str
    level: int | None = None


@dataclass
class SyntheticArticle:
    title: str
    category: str
    subtitle: str = ""
    speaker: str = ""
    blocks: list[SyntheticBlock] = field(default_factory=list)


@dataclass
class SyntheticBulletin:
    gazette: str
    year: int
    issue: int
    total_issue: int
    published: dt.date
    articles: list[SyntheticArticle]


def random_bulletin(rng: random.Random, *, articles: int = 2, sections: int = 3, gazette: str = "江城市人民政府公报") -> SyntheticBulletin:
    sentences = sentence_pool()
    phrases = phrase_pool(sentences)
    sentences = list(sentences)
    year = rng.randint(2015, 2030)
    issue = rng.randint(1, 12)
    result = []
    for index in range(articles):
        article = SyntheticArticle(
            title=rng.choice(phrases) + ("的通知" if index % 2 else "工作报告"),
            category=rng.choice(["市政府文件", "市政府办公室文件", "卷首语", "人事任免"]),
        )
        if rng.random() < 0.5:
            article.subtitle = f"——{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日在市人民代表大会上"
            article.speaker = "市长 " + rng.choice(["王吉", "李明", "张伟华"])
        for _ in range(rng.randint(1, 2)):
            article.blocks.append(SyntheticBlock("paragraph", _paragraph(rng, sentences)))
        for s in range(rng.randint(1, sections)):
            article.blocks.append(SyntheticBlock("heading", f"{CN_NUMBERS[s]}、{rng.choice(phrases)}", 1))
            subsections = rng.randint(0, 3)
            if not subsections:
                for _ in range(rng.randint(1, 3)):
                    article.blocks.append(SyntheticBlock("paragraph", _paragraph(rng, sentences)))
            for sub in range(subsections):
                article.blocks.append(SyntheticBlock("heading", f"（{CN_NUMBERS[sub]}）{rng.choice(phrases)}", 2))
                leads = rng.random() < 0.5
                for p in range(rng.randint(1, 4)):
                    lead = f"{CN_NUMBERS[p]}是{rng.choice(phrases)}。" if leads else ""
                    article.blocks.append(SyntheticBlock("paragraph", lead + _paragraph(rng, sentences)))
        result.append(article)
    return SyntheticBulletin(gazette, year, issue, rng.randint(100, 400), dt.date(year, issue, rng.randint(1, 28)), result)


def _paragraph(rng: random.Random, sentences: list[str]) -> str:
    # Each sentence once per bulletin: a long sentence printed twice with the same wrapping
    # would be indistinguishable from a copied column.
    # At least two sentences: a one-line paragraph ending in 。 right after a paragraph whose
    # last line nearly fills the width cannot be told from that paragraph's last line by the
    # text alone (the extraction lost the indent that showed it).
    picked = []
    for _ in range(rng.randint(2, 4)):
        if sentences:
            picked.append(sentences.pop(rng.randrange(len(sentences))))
        else:  # the sample's sentences are used up: make new ones, each different
            picked.append(f"第{rng.randint(2, 999)}批{rng.choice(CN_NUMBERS)}类项目完成投资{rng.randint(10, 9999)}万元，惠及群众{rng.randint(2, 99999)}人。")
    return "".join(picked)


# ----------------------------------------------------------------------------------- rendering


@dataclass
class Layout:
    width: int = 18  # characters per column line
    lines: int = 28  # lines per column
    columns: int = 2  # columns per page
    booklet: bool = True  # pages printed in printer spreads (N|1, 2|N-1, …)
    shuffle_columns: bool = True  # a page's columns come out in either order
    duplicate: bool = True  # the whole body printed twice (second copy in reverse sheet order)
    furniture: bool = True  # running header and page number on every sheet
    pdf_spaces: bool = True  # spaces around numbers and Latin text
    sheet_space: bool = True  # a leading space marks the start of every sheet's text
    column_space: float = 0.8  # ...and of each column with this probability ("often, not always")
    blank_lines: bool = True  # blank lines between the lines


HANGING = set("，。、；：！？”’）》")


def wrap(text: str, width: float, first: float, spaced: bool = False) -> list[str]:
    """Greedy wrap by printed width; the first line is shorter by the (lost) indent. Closing
    punctuation never starts a line (it hangs at the end of the line before, as typeset).
    spaced: measure with the gaps around numbers that the extraction will show as spaces."""
    measure = (lambda t: visual_width(pdf_spacing(t))) if spaced else visual_width
    lines, current, capacity = [], "", first
    for unit in text:
        fits = measure(current + unit) <= capacity
        # Justification: on a full-width line, punctuation set half-width makes room for one
        # more character rather than leave a gap at the margin (first lines are set as is).
        squeeze = capacity == width and measure(current + unit) <= capacity + 0.5 and any(p in current for p in "，、；：。“”")
        if current and unit not in HANGING and not fits and not squeeze:
            lines.append(current)
            current, capacity = "", width
        elif current and unit in HANGING and current[-1] in HANGING and measure(current) > capacity:
            # Only one mark may hang: pull the last character down with its marks.
            cut = len(current.rstrip("".join(HANGING))) - 1
            if cut > 0:
                lines.append(current[:cut])
                current, capacity = current[cut:], width
        current += unit
    if current:
        lines.append(current)
    return lines


def pdf_spacing(line: str) -> str:
    """Insert the spaces a PDF extraction puts between CJK text and numbers or Latin words."""
    return re.sub(r"(?<=[^\x00-\x7f])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])(?=[^\x00-\x7f，。、；：！？”）])", " ", line)


def _article_lines(article: SyntheticArticle, width: int, spaced: bool) -> tuple[list[str], list[str]]:
    """(title block lines that span the page, body lines that flow in columns)."""
    header = [article.title] + ([article.subtitle] if article.subtitle else []) + ([article.speaker] if article.speaker else [])
    body = []
    for block in article.blocks:
        if block.kind == "heading":
            body.extend(wrap(block.text, width - 2, width - 2, spaced))
        else:
            body.extend(wrap(block.text, width, width - 2, spaced))
    return header, body


def render(doc: SyntheticBulletin, layout: Layout, rng: random.Random) -> str:
    pages: list[list[list[str]]] = []  # page -> columns -> lines
    spans: dict[int, list[str]] = {}  # page index -> spanning title block
    toc = []
    for article in doc.articles:
        header, body = _article_lines(article, layout.width, layout.pdf_spaces)
        first_page = len(pages)
        toc.append((article, first_page + 1))
        capacity = layout.lines - len(header)
        spans[first_page] = header
        while body or len(pages) == first_page:
            page = []
            for _ in range(layout.columns):
                page.append(body[:capacity])
                body = body[capacity:]
            pages.append(page)
            capacity = layout.lines
    out = _front_matter(doc, toc)
    for copy in range(2 if layout.duplicate else 1):
        sheets = _sheets(len(pages), layout.booklet)
        if copy:
            sheets = sheets[::-1]
        for sheet in sheets:
            out.extend(_render_sheet(doc, sheet, pages, spans, layout, rng))
    text_lines = []
    for line in out:
        text_lines.append(line)
        if layout.blank_lines:
            text_lines.append("")
    return "\n".join(text_lines) + "\n"


def _front_matter(doc: SyntheticBulletin, toc) -> list[str]:
    lines = [doc.gazette, "(月刊)", f"{doc.year} 年第 {doc.issue}期", f"(总第 {doc.total_issue} 期）",
             f"{doc.published.year}年{doc.published.month}月{doc.published.day}日出版", "目 录"]
    for article, page in toc:
        lines.append(article.category)
        lines.append(f"{article.title}{'…' * 12}{page}")
    return lines


def _sheets(page_count: int, booklet: bool) -> list[list[int]]:
    if not booklet:
        return [[p] for p in range(page_count)]
    padded = page_count + (-page_count % 4)
    sheets = []
    for i in range(padded // 2):
        left, right = (padded - 1 - i, i) if i % 2 == 0 else (i, padded - 1 - i)
        sheets.append([p for p in (left, right) if p < page_count])
    return [s for s in sheets if s]


def _render_sheet(doc, sheet: list[int], pages, spans, layout: Layout, rng: random.Random) -> list[str]:
    out = []
    if layout.furniture:
        out.append("".join(f"- {p + 1} -" for p in sheet))
        out.append(" ".join(f"{doc.gazette} {doc.year}·{doc.issue}" for _ in sheet))
    first = True
    for p in sheet:
        block = list(spans.get(p, []))
        columns = [c for c in pages[p] if c]
        if layout.shuffle_columns and rng.random() < 0.5:
            columns = columns[::-1]
        for lines in [block] + columns:
            marked = rng.random() < layout.column_space
            for position, line in enumerate(lines):
                text = pdf_spacing(line) if layout.pdf_spaces else line
                mark = (first and layout.sheet_space) or (position == 0 and marked)
                out.append((" " if mark else "") + text)
                first = False
    return out
