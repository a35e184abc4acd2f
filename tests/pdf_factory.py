"""Synthetic bulletin PDFs for tests: our own documents, laid out like a printed 公报.

A SourceDoc (front matter + articles of headings and paragraphs) is laid out on A5 pages: an
unnumbered cover with the front matter and table of contents, then numbered body pages with a
running header (left on even pages, right on odd pages), a centred page number "- n -" at the foot,
each article starting on a new page under a title that spans both columns, and its body in two
columns of `chars_per_line` full-width characters, the first line of every paragraph indented by
2 em as in print. `render_pdf` draws the pages with reportlab's built-in CID font STSong-Light
(no font file needed), one page per sheet or as printer spreads (two A5 pages side by side on an A4
landscape sheet) in booklet order (for 8 pages: 8|1, 2|7, 6|3, 4|5).

`reading_lines(pages)` gives what an extraction should return in reading order, furniture excluded.
"""
from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass, field

from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PAGE_W, PAGE_H = A5  # 419.5 x 595.3 pt
BODY_SIZE = 10.0
LEADING = 16.0
TITLE_SIZE = 15.0
GUTTER = 2 * BODY_SIZE
TOP_Y = PAGE_H - 78  # baseline of the first body line
HEADER_Y = PAGE_H - 40
FOOTER_Y = 30


@dataclass
class SourceArticle:
    title: str
    category: str = ""
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("heading" | "paragraph", text)

    @property
    def paragraphs(self) -> list[str]:
        return [text for kind, text in self.blocks if kind == "paragraph"]


@dataclass
class SourceDoc:
    gazette: str = "临江市人民政府公报"
    year: int = 2025
    issue: int = 3
    total_issue: int = 120
    published: dt.date = dt.date(2025, 3, 15)
    articles: list[SourceArticle] = field(default_factory=list)

    @property
    def running_header(self) -> str:
        # Drawn with U+30FB: STSong-Light has no glyph for U+00B7; pdfminer reads U+30FB back as "·".
        return f"{self.gazette} {self.year}・{self.issue}"


@dataclass
class Line:
    text: str
    indent: bool = False  # first line of a paragraph: starts 2 em in


@dataclass
class Page:
    number: int | None  # printed page number; None: unnumbered (cover, blank)
    header: str | None = None
    spans: list[Line] = field(default_factory=list)  # centred lines across the page, above the columns
    columns: list[list[Line]] = field(default_factory=list)
    cover: list[tuple[str, float]] = field(default_factory=list)  # (text, size) centred, cover only


_SUBJECTS = ["全市", "各县（市）区", "市政府各部门", "开发区管委会", "相关单位", "各乡镇街道"]
_VERBS = ["统筹推进", "持续深化", "全面落实", "加快建设", "着力提升", "扎实开展", "稳步推进", "切实加强"]
_OBJECTS = ["城市更新行动", "营商环境优化", "乡村振兴战略", "生态环境保护", "数字政府建设", "安全生产监管",
            "公共服务供给", "老旧小区改造", "重点项目建设", "科技创新平台", "民生实事工程", "应急管理体系"]
_TAILS = ["，确保各项任务落到实处", "，形成工作合力", "，推动高质量发展", "，不断增强群众获得感",
          "，完善长效机制", "，切实提高工作效能"]
_FIGURES = ["GDP 增长 {p}%", "完成投资 {n} 亿元", "新增就业 {n} 万人", "改造道路 {n} 公里", "建成项目 {n} 个"]
_HEADINGS = ["总体要求", "重点任务", "保障措施", "工作安排", "组织实施", "监督检查", "工作目标", "基本原则",
             "主要措施", "责任分工", "进度安排", "考核评估"]
_NUMERALS = "一二三四五六七八九十"


def _sentence(rng: random.Random) -> str:
    text = rng.choice(_SUBJECTS) + rng.choice(_VERBS) + rng.choice(_OBJECTS)
    if rng.random() < 0.4:
        figure = rng.choice(_FIGURES).format(p=f"{rng.randint(2, 9)}.{rng.randint(0, 9)}", n=rng.randint(2, 980))
        text += "，" + figure
    return text + rng.choice(_TAILS) + "。"


def make_article(title: str, rng: random.Random, *, sections: int = 3, paragraphs_per_section: int = 3,
                 category: str = "市政府文件") -> SourceArticle:
    article = SourceArticle(title=title, category=category)
    topic = title.split("关于")[-1].removesuffix("的通知").removesuffix("的意见")
    article.blocks.append(("paragraph", f"为{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}，根据有关规定，结合我市实际，"
                                        f"现就{topic}有关事项{rng.choice(['通知如下', '提出如下意见'])}。"))
    headings = rng.sample(_HEADINGS, k=min(sections, len(_HEADINGS)))
    for s in range(sections):
        article.blocks.append(("heading", f"{_NUMERALS[s]}、{headings[s % len(headings)]}"))
        for _ in range(paragraphs_per_section):
            article.blocks.append(("paragraph", "".join(_sentence(rng) for _ in range(rng.randint(1, 4)))))
    return article


def sample_document(*, seed: int = 7, articles: int = 2, sections: int = 3, paragraphs_per_section: int = 3) -> SourceDoc:
    rng = random.Random(seed)
    titles = ["临江市人民政府关于推进城市更新行动的通知", "临江市人民政府办公室关于加强安全生产工作的意见",
              "临江市人民政府关于印发优化营商环境措施的通知", "临江市人民政府关于做好民生实事工作的通知"]
    doc = SourceDoc()
    for i in range(articles):
        title = titles[i] if i < len(titles) else f"临江市人民政府关于{_VERBS[i % len(_VERBS)]}{_OBJECTS[i % len(_OBJECTS)]}的通知"
        if i >= 24:  # titles differ, as in a real issue
            title = title.removesuffix("的通知") + f"的第{i - 23}号通知"
        doc.articles.append(make_article(title, rng, sections=sections, paragraphs_per_section=paragraphs_per_section))
    return doc


_NO_LINE_START = set("，。、；：！？）》”’%")


def _wrap(text: str, width: float, first_indent: float) -> list[Line]:
    lines: list[Line] = []
    current, limit = "", width - first_indent
    for ch in text:
        hanging = ch in _NO_LINE_START  # closing punctuation hangs at the line end, as in print
        if current and not hanging and pdfmetrics.stringWidth(current + ch, FONT, BODY_SIZE) > limit + 0.01:
            lines.append(Line(current.rstrip(), indent=not lines and first_indent > 0))
            current, limit = ("" if ch == " " else ch), width
        else:
            current += ch
    if current.strip():
        lines.append(Line(current.rstrip(), indent=not lines and first_indent > 0))
    return lines


def layout(doc: SourceDoc, *, chars_per_line: int = 17, lines_per_column: int = 24, columns: int = 2) -> list[Page]:
    """Cover (unnumbered) + numbered body pages; each article starts a page. Two columns of up to
    19 characters fit an A5 page at 10 pt."""
    col_width = chars_per_line * BODY_SIZE
    body: list[Page] = []
    starts: list[int] = []
    for article in doc.articles:
        lines: list[Line] = []
        for kind, text in article.blocks:
            lines += _wrap(text, col_width, 0 if kind == "heading" else 2 * BODY_SIZE)
        first = True
        while lines or first:
            page = Page(number=len(body) + 1)
            page.header = doc.running_header
            capacity = lines_per_column
            if first:
                starts.append(page.number)
                page.spans = [Line(article.title)]
                capacity -= 3  # the title takes three body lines
                first = False
            for _ in range(columns):
                page.columns.append(lines[:capacity])
                lines = lines[capacity:]
            page.columns = [c for c in page.columns if c]
            body.append(page)
    cover = Page(number=None)
    cover.cover = [(doc.gazette, 18), ("传达政令 宣传政策 指导工作 服务社会", 10), ("(月刊)", 10),
                   (f"{doc.year} 年第 {doc.issue} 期", 12), (f"(总第 {doc.total_issue} 期）", 10),
                   (f"{doc.published.year}年{doc.published.month}月{doc.published.day}日出版", 10), ("目 录", 14)]
    category = None
    for article, start in zip(doc.articles, starts):
        if article.category != category:
            category = article.category
            cover.cover.append((category, 11))
        cover.cover.append((f"{article.title}{'…' * max(4, 34 - len(article.title))}{start}", 9))
    return [cover] + body


def reading_lines(pages: list[Page]) -> list[str]:
    """Body and cover lines in reading order, without running headers and page numbers."""
    out: list[str] = []
    for page in pages:
        out += [text for text, _ in page.cover]
        out += [line.text for line in page.spans]
        for column in page.columns:
            out += [line.text for line in column]
    return out


def _draw_page(c: canvas.Canvas, page: Page, x_off: float, chars_per_line: int) -> None:
    col_width = chars_per_line * BODY_SIZE
    n_cols = max(1, len(page.columns))
    total = 2 * col_width + GUTTER
    left = x_off + (PAGE_W - total) / 2
    y = PAGE_H - 120
    for text, size in page.cover:
        c.setFont(FONT, size)
        c.drawCentredString(x_off + PAGE_W / 2, y, text)
        y -= size * 2.2
    if page.header:
        c.setFont(FONT, 9)
        if page.number is not None and page.number % 2 == 0:
            c.drawString(left, HEADER_Y, page.header)
        else:
            c.drawRightString(left + total, HEADER_Y, page.header)
        c.setLineWidth(0.5)
        c.line(left, HEADER_Y - 5, left + total, HEADER_Y - 5)
    if page.number is not None:
        c.setFont(FONT, 9)
        c.drawCentredString(x_off + PAGE_W / 2, FOOTER_Y, f"- {page.number} -")
    y = TOP_Y
    if page.spans:
        c.setFont(FONT, TITLE_SIZE)
        for line in page.spans:
            c.drawCentredString(x_off + PAGE_W / 2, y, line.text)
            y -= LEADING * 1.5
        y = TOP_Y - 3 * LEADING
    c.setFont(FONT, BODY_SIZE)
    for i, column in enumerate(page.columns[:n_cols]):
        x = left + i * (col_width + GUTTER)
        for j, line in enumerate(column):
            c.drawString(x + (2 * BODY_SIZE if line.indent else 0), y - j * LEADING, line.text)


def booklet_order(n_pages: int) -> list[tuple[int | None, int | None]]:
    """Sheet sides of a saddle-stitched booklet as (left, right) 0-based page indexes; None is blank."""
    total = (n_pages + 3) // 4 * 4
    sides = []
    for k in range(total // 2):
        low, high = k, total - 1 - k
        pair = (high, low) if k % 2 == 0 else (low, high)
        sides.append(tuple(i if i < n_pages else None for i in pair))
    return sides


def render_pdf(pages: list[Page], *, spreads: bool = False, booklet: bool = True, chars_per_line: int = 17,
               user_password: str | None = None) -> bytes:
    """Draw the pages; with spreads two pages per A4 landscape sheet (booklet order unless booklet=False)."""
    buf = io.BytesIO()
    encrypt = pdfencrypt.StandardEncryption(user_password, ownerPassword="owner", canCopy=0) if user_password is not None else None
    if not spreads:
        c = canvas.Canvas(buf, pagesize=A5, encrypt=encrypt)
        for page in pages:
            _draw_page(c, page, 0, chars_per_line)
            c.showPage()
    else:
        c = canvas.Canvas(buf, pagesize=landscape(A4), encrypt=encrypt)
        if booklet:
            sides = booklet_order(len(pages))
        else:
            sides = [(i, i + 1 if i + 1 < len(pages) else None) for i in range(0, len(pages), 2)]
        for left, right in sides:
            for index, x_off in ((left, 0), (right, PAGE_W)):
                if index is not None:
                    _draw_page(c, pages[index], x_off, chars_per_line)
            c.showPage()
    c.save()
    return buf.getvalue()


def render_scanned_pdf(n_pages: int = 2) -> bytes:
    """What a scan looks like to a text extractor: pages of graphics and no text at all."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A5)
    rng = random.Random(1)
    for _ in range(n_pages):
        c.setFillGray(0.9)
        c.rect(20, 20, PAGE_W - 40, PAGE_H - 40, fill=1, stroke=0)
        c.setFillGray(0.2)
        for row in range(30):
            c.rect(40, PAGE_H - 80 - row * 16, rng.randint(150, 330), 9, fill=1, stroke=0)
        c.showPage()
    c.save()
    return buf.getvalue()
