"""Typeset corpus articles (tests/corpus/markup.py) into synthetic 公报 PDFs and text variants.

Layouts (see README.md): a4, a4-notoc, twocol, booklet, trad (PDF, reportlab) and the text-only
variants radicals (broken text layer) and seed (bad two-column extraction, hard-wrapped).

Everything is drawn with reportlab's built-in CID font STSong-Light (not embedded) except titles and
headings in the layouts with `hei=True`, which use WenQuanYi Micro Hei (embedded subset) as 黑体; the
other layouts fake bold by drawing the glyphs twice, 0.3 pt apart.
"""
from __future__ import annotations

import io
import random
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

SONG = "STSong-Light"
HEI = "WQYMicroHei"
HEI_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
pdfmetrics.registerFont(UnicodeCIDFont(SONG))
pdfmetrics.registerFont(TTFont(HEI, HEI_PATH, subfontIndex=0))

FAKE_BOLD_DX = 0.3

# ----------------------------------------------------------------------------- line breaking

CLOSING = set("，。、；：？！）》”’」』〕】〉］｝%,.;:!?)]}·・…—％")
OPENING = set("（《“‘「『〔【〈［｛([{")
_ASCII_RUN = re.compile(r"[A-Za-z0-9$%.,:/\-+＋]+|.", re.S)


def units_of(text: str) -> list[str]:
    """Break text into unbreakable units: runs of ASCII letters/digits/number punctuation, else one char."""
    return _ASCII_RUN.findall(text)


def _no_start(prev: str, u: str) -> bool:
    """True if a line may not start with u (after prev)."""
    if u[0] in CLOSING:
        return True
    if u[0] in "—…" and prev and prev[-1] == u[0]:
        return True
    return False


def wrap(text: str, widths, measure) -> list[str]:
    """Greedy line breaking by measured width with kinsoku (no line starts with closing punctuation,
    none ends with opening punctuation: the previous unit is pulled down instead).

    widths(i) gives the available width of line i; measure(s) the width of s."""
    units = units_of(text)
    # split units longer than any line into chars
    maxw = widths(1)
    fixed: list[str] = []
    for u in units:
        if len(u) > 1 and measure(u) > maxw * 0.5:
            fixed.extend(u)
        else:
            fixed.append(u)
    units = fixed
    lines: list[str] = []
    cur: list[str] = []
    curw = 0.0
    for u in units:
        w = measure(u)
        while cur and curw + w > widths(len(lines)) + 0.01:
            if u == " ":  # a space at a line end vanishes
                lines.append("".join(cur).rstrip(" ")); cur = []; curw = 0.0
                break
            brk = len(cur)
            first = u
            while brk > 1 and (_no_start(cur[brk - 1], first) or cur[brk - 1][-1] in OPENING):
                brk -= 1
                first = cur[brk]
            if brk <= 1 and (_no_start(cur[0], cur[1] if len(cur) > 1 else u) or cur[0][-1] in OPENING):
                brk = len(cur)  # give up: plain break
            lines.append("".join(cur[:brk]).rstrip(" "))
            cur = cur[brk:]
            while cur and cur[0] == " ":
                cur.pop(0)
            curw = sum(measure(x) for x in cur)
            if curw + w > widths(len(lines)) + 0.01 and len(cur) <= 1:
                break  # cannot do better: avoid looping
        if not cur and u == " ":
            continue
        cur.append(u)
        curw += w
    if cur:
        lines.append("".join(cur).rstrip(" "))
    return lines or [""]


def sw(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


# ----------------------------------------------------------------------------- boxes


@dataclass
class Item:
    dx: float
    text: str
    font: str
    size: float
    bold: bool = False
    cs: float = 0.0


@dataclass
class Box:
    height: float
    items: list = field(default_factory=list)  # Items (text line) ...
    kind: str = "line"  # line | spacer | newpage | row
    keep: bool = False  # keep with next
    span: bool = False  # spans both columns (two-column layout)
    art: int | None = None
    row: dict | None = None  # table row data

    def draw(self, c: canvas.Canvas, x: float, ytop: float):
        if self.kind == "line":
            for it in self.items:
                base = ytop - 0.5 * (self.height - it.size) - 0.86 * it.size
                _text(c, x + it.dx, base, it)
        elif self.kind == "row":
            _draw_row(c, x, ytop, self)


def _text(c, x, y, it: Item):
    if it.cs:
        c.saveState()  # Tc persists across text objects: restore it afterwards
    for k in (range(2) if it.bold else range(1)):
        t = c.beginText(x + k * FAKE_BOLD_DX, y)
        t.setFont(it.font, it.size)
        if it.cs:
            t.setCharSpace(it.cs)
        t.textOut(it.text)
        c.drawText(t)
    if it.cs:
        c.restoreState()


def _draw_row(c, x, ytop, box: Box):
    r = box.row
    pad, lh = r["pad"], r["lh"]
    widths = r["widths"]
    total = sum(widths)
    c.setLineWidth(0.6)
    c.line(x, ytop, x + total, ytop)
    c.line(x, ytop - box.height, x + total, ytop - box.height)
    cx = x
    c.line(cx, ytop, cx, ytop - box.height)
    for w, lines in zip(widths, r["cells"]):
        for i, ln in enumerate(lines):
            base = ytop - pad - i * lh - 0.5 * (lh - r["size"]) - 0.86 * r["size"]
            dx = pad
            if r["header"]:
                dx = (w - sw(ln, r["font"], r["size"])) / 2
            _text(c, cx + dx, base, Item(0, ln, r["font"], r["size"], r["bold"]))
        cx += w
        c.line(cx, ytop, cx, ytop - box.height)


def spacer(h, art=None):
    return Box(h, kind="spacer", art=art)


# ----------------------------------------------------------------------------- layout specs


@dataclass
class Spec:
    name: str
    page_w: float
    page_h: float
    left: float
    right: float
    top: float  # y of the top of the text frame
    bottom: float  # y of the bottom of the text frame
    cols: int = 1
    gutter: float = 0.0
    size: float = 12.0
    leading: float = 19.0
    title_size: float = 18.0
    hei: bool = True  # 黑体 font for titles/headings, else fake bold
    bold_l2: bool = False
    toc: str | None = "a4"  # a4 | twocol | trad | None
    cover: bool = True
    masthead: bool = False
    booklet: bool = False
    body_starts_at: int = 1  # printed number of the first body page (None: physical index + 1)

    @property
    def full_w(self):
        return self.page_w - self.left - self.right

    @property
    def col_w(self):
        return (self.full_w - (self.cols - 1) * self.gutter) / self.cols


SPECS = {
    "a4": Spec("a4", *A4, left=79, right=79, top=842 - 86, bottom=78, size=12, leading=19,
               title_size=18, hei=True, bold_l2=False, toc="a4"),
    "a4-notoc": Spec("a4-notoc", *A4, left=72, right=72, top=842 - 64, bottom=70, size=11,
                     leading=17, title_size=17, hei=False, bold_l2=True, toc=None, cover=False,
                     masthead=True),
    "twocol": Spec("twocol", *A4, left=54, right=54, top=842 - 72, bottom=66, cols=2, gutter=22,
                   size=10.5, leading=15.5, title_size=17, hei=False, bold_l2=True, toc="twocol",
                   cover=False, body_starts_at=0),
    "booklet": Spec("booklet", *A5, left=50, right=50, top=595 - 62, bottom=56, size=10.5,
                    leading=16, title_size=16, hei=True, bold_l2=True, toc="a4", booklet=True),
    "trad": Spec("trad", *A4, left=79, right=79, top=842 - 86, bottom=78, size=12, leading=19,
                 title_size=18, hei=True, bold_l2=False, toc="trad"),
}
PDF_LAYOUTS = list(SPECS)

PAGE_NUMBER_FORMS = {"a4": "— {n} —", "a4-notoc": "第{n}页", "twocol": "- {n} -",
                     "booklet": "- {n} -", "trad": "— {n} —", "seed": "- {n} -"}

# ----------------------------------------------------------------------------- article -> boxes

_NUMBERED = re.compile(r"^(第[一二三四五六七八九十百零〇\d]+[章节節编編]|[一二三四五六七八九十]+、|"
                       r"（[一二三四五六七八九十]+）|\d+(\.\d+)*[\.、．\s])")
_CENTRED_NUMBERED = re.compile(r"^第[一二三四五六七八九十百零〇\d]+[章节節编編]")


class Builder:
    def __init__(self, spec: Spec):
        self.spec = spec
        self.boxes: list[Box] = []

    def font(self, bold: bool) -> tuple[str, bool]:
        """(font, fake_bold) for bold text in this layout."""
        if not bold:
            return SONG, False
        return (HEI, False) if self.spec.hei else (SONG, True)

    def lines(self, text, width, *, size=None, bold=False, align="justify", indent=0.0,
              rest_indent=0.0, right_pad=0.0, leading=None, keep=False, span=False, art=None):
        spec = self.spec
        size = size or spec.size
        leading = leading or spec.leading
        font, fake = self.font(bold)
        measure = lambda s: sw(s, font, size)  # noqa: E731
        avail = lambda i: width - (indent if i == 0 else rest_indent) - right_pad  # noqa: E731
        out = wrap(text, avail, measure)
        for i, ln in enumerate(out):
            ind = indent if i == 0 else rest_indent
            w = measure(ln)
            cs = 0.0
            if align == "justify":
                dx = ind
                n = len(ln)
                if i < len(out) - 1 and n > 1:
                    gap = avail(i) - w
                    if 0 < gap < 0.3 * size * (n - 1):
                        cs = gap / (n - 1)
            elif align == "center":
                dx = (width - w) / 2
            elif align == "right":
                dx = width - right_pad - w
            else:
                dx = ind
            self.boxes.append(Box(leading, [Item(dx, ln, font, size, fake, cs)],
                                  keep=keep, span=span, art=art))

    def space(self, lines=1.0, art=None):
        self.boxes.append(spacer(self.spec.leading * lines, art))

    def table(self, rows, width, art):
        spec = self.spec
        size = spec.size - 1.5
        pad = 3.0
        lh = size * 1.4
        ncol = max(len(r) for r in rows)
        rows = [r + [""] * (ncol - len(r)) for r in rows]
        hfont, hfake = self.font(True)
        nat = [max(max(sw(r[j], SONG, size), sw(rows[0][j], hfont, size)) for r in rows) + 2 * pad + 1
               for j in range(ncol)]
        minw = 2 * size + 2 * pad
        if sum(nat) <= width:
            widths = [w * width / sum(nat) for w in nat]
        else:
            lo, hi = minw, max(nat)
            for _ in range(40):
                cap = (lo + hi) / 2
                if sum(max(minw, min(n, cap)) for n in nat) > width:
                    hi = cap
                else:
                    lo = cap
            widths = [max(minw, min(n, lo)) for n in nat]
            extra = width - sum(widths)
            widths[-1] += extra
        for ri, r in enumerate(rows):
            header = ri == 0
            font, fake = (hfont, hfake) if header else (SONG, False)
            cells = []
            for j, cell in enumerate(r):
                cw = widths[j] - 2 * pad
                cells.append(wrap(cell, lambda i: cw, lambda s: sw(s, font, size)) if cell else [])
            h = max(1, max(len(c) for c in cells)) * lh + 2 * pad
            self.boxes.append(Box(h, kind="row", art=art, keep=header, row=dict(
                cells=cells, widths=widths, pad=pad, lh=lh, size=size, font=font, bold=fake,
                header=header)))

    def article(self, art: dict, idx: int, newpage=True):
        spec = self.spec
        W = spec.col_w
        FW = spec.full_w
        two = spec.cols == 2
        if newpage:
            self.boxes.append(Box(0, kind="newpage", art=idx))
        tw = (FW if two else W)
        tl = spec.title_size * 1.45
        self.lines(art["title"], tw - 2 * spec.title_size, size=spec.title_size, bold=True,
                   align="center", leading=tl, keep=True, span=two, art=idx)
        # title block: doc number / subtitle / speaker / (…通过) lines right after the title
        blocks = art["blocks"]
        i = 0
        while i < len(blocks):
            b = blocks[i]
            t = b.get("text", "")
            if b["kind"] in ("doc_number", "subtitle", "speaker") or (
                    b["kind"] == "paragraph" and t.startswith("（") and t.endswith("）") and len(t) < 90
                    and i < 3):
                self.lines(t, tw - 2 * spec.size, align="center", keep=True, span=two, art=idx)
                i += 1
            else:
                break
        self.boxes.append(spacer(spec.leading * 0.8, idx))
        if two:
            self.boxes[-1].span = True
        prev = None
        for b in blocks[i:]:
            k = b["kind"]
            t = b.get("text", "")
            em = spec.size
            if k == "heading":
                if prev != "heading":
                    self.space(1, idx)
                numbered = bool(_NUMBERED.match(t)) and not _CENTRED_NUMBERED.match(t)
                bold = b["level"] == 1 or (b["level"] == 2 and spec.bold_l2) or not numbered
                if numbered:
                    self.lines(t, W, bold=bold, align="left", indent=2 * em, keep=True, art=idx)
                else:
                    self.lines(t, W - 2 * em, bold=bold, align="center", keep=True, art=idx)
            elif k == "paragraph":
                self.lines(t, W, indent=2 * em, art=idx)
            elif k == "addressee":
                self.lines(t, W, align="justify", art=idx)
            elif k == "doc_number" or k == "subtitle" or k == "speaker":
                self.lines(t, W - 2 * em, align="center", art=idx)
            elif k == "doc_title":
                self.space(1, idx)
                self.lines(t, W - 2 * em, size=spec.title_size - 1, bold=True, align="center",
                           leading=(spec.title_size - 1) * 1.45, keep=True, art=idx)
                self.space(0.6, idx)
            elif k == "attachment":
                lead = "附件：" if t.startswith("附件：") else ("附件:" if t.startswith("附件:") else "")
                hang = 2 * em + sw(lead or "附件：", SONG, em)
                if prev != "attachment":
                    self.space(1, idx)
                if lead:
                    self.lines(t, W, align="left", indent=2 * em, rest_indent=hang, art=idx)
                else:
                    self.lines(t, W, align="left", indent=hang, rest_indent=hang, art=idx)
            elif k in ("signature", "date"):
                if prev not in ("signature", "date"):
                    self.space(1, idx)
                pad = 4 * em
                if sw(t, SONG, em) + pad > W:
                    pad = max(0.0, W - sw(t, SONG, em))
                self.lines(t, W, align="right", right_pad=pad, keep=True, art=idx)  # date stays with signature
            elif k == "table":
                self.space(0.5, idx)
                self.table(b["rows"], W, idx)
                self.space(0.5, idx)
            else:
                raise ValueError(k)
            prev = k


# ----------------------------------------------------------------------------- pagination


@dataclass
class Page:
    placements: list = field(default_factory=list)  # (box, x, ytop)
    art: int | None = None  # article in progress at the top of the page
    starts: list = field(default_factory=list)  # articles whose title is on this page
    kind: str = "body"  # cover | toc | body | blank


def paginate(boxes: list[Box], spec: Spec, kind="body") -> list[Page]:
    pages: list[Page] = []
    state = {"col": 0, "y": spec.top, "col_top": spec.top, "fresh": True}

    def new_page(art=None):
        pages.append(Page(kind=kind, art=art))
        state.update(col=0, y=spec.top, col_top=spec.top, fresh=True)

    new_page()
    cur_art = None
    for bi, box in enumerate(boxes):
        if box.kind == "newpage":
            if not state["fresh"]:
                new_page(box.art)
            pages[-1].art = box.art if pages[-1].art is None or state["fresh"] else pages[-1].art
            continue
        if box.art is not None and box.art != cur_art:
            cur_art = box.art
            if pages[-1].art is None:
                pages[-1].art = box.art
            if box.art not in pages[-1].starts and all(box.art not in p.starts for p in pages):
                pass
        if box.span:
            x = spec.left
            if box.kind == "spacer":
                state["y"] -= box.height
            else:
                pages[-1].placements.append((box, x, state["y"]))
                state["y"] -= box.height
            state["col_top"] = state["y"]
            state["fresh"] = False
            if box.art is not None and box.art not in _all_starts(pages):
                pages[-1].starts.append(box.art)
            continue
        if box.kind == "spacer" and abs(state["y"] - state["col_top"]) < 0.01:
            continue
        need = box.height
        if box.keep:
            j = bi + 1
            while j < len(boxes) and (boxes[j].kind == "spacer" or (
                    boxes[j].kind == "line" and boxes[j].keep)) and j - bi < 6:
                need += boxes[j].height
                j += 1
            if j < len(boxes) and boxes[j].kind in ("line", "row"):
                need += boxes[j].height
        if state["y"] - need < spec.bottom - 0.01 and not (
                abs(state["y"] - state["col_top"]) < 0.01 and need > state["col_top"] - spec.bottom):
            if state["col"] + 1 < spec.cols:
                state["col"] += 1
                state["y"] = state["col_top"]
            else:
                new_page(cur_art)
            if box.kind == "spacer":
                continue
        if box.kind == "spacer":
            state["y"] -= box.height
            continue
        x = spec.left + state["col"] * (spec.col_w + spec.gutter)
        pages[-1].placements.append((box, x, state["y"]))
        state["y"] -= box.height
        state["fresh"] = False
        if box.art is not None and box.art not in _all_starts(pages):
            pages[-1].starts.append(box.art)
    if not pages[-1].placements and len(pages) > 1:
        pages.pop()
    return pages


def _all_starts(pages):
    return {a for p in pages for a in p.starts}


# ----------------------------------------------------------------------------- bulletin rendering


@dataclass
class Bulletin:
    num: int
    gazette: str
    year: int
    issue: int
    total_issue: int
    published: str  # ISO
    articles: list  # dicts from markup + "category"
    seed_width: int = 20
    seed_col_lines: int = 28

    @property
    def tag(self):
        return f"{self.gazette} {self.year}·{self.issue}"

    @property
    def published_cn(self):
        y, m, d = (int(x) for x in self.published.split("-"))
        return f"{y}年{m}月{d}日出版"

    @property
    def cover_lines(self):
        return [self.gazette, f"{self.year}年第{self.issue}期", f"总第{self.total_issue}期",
                self.published_cn]


def categories_in_order(arts):
    seen = []
    for a in arts:
        if a["category"] not in seen:
            seen.append(a["category"])
    return seen


def toc_boxes(b: Bulletin, spec: Spec, pages_of: list, conv=lambda s: s) -> list[Box]:
    bl = Builder(spec)
    W = spec.full_w
    em = spec.size
    if spec.toc == "twocol":
        bl.lines(conv(b.gazette), W, size=26, bold=True, align="center", leading=40)
        bl.lines(conv(f"{b.year}年第{b.issue}期　总第{b.total_issue}期　{b.published_cn}"), W,
                 align="center")
        bl.space(1)
    bl.lines(conv("目录"), W, size=20, bold=True, align="center", leading=34)
    bl.space(0.5)
    arts = b.articles
    for cat in categories_in_order(arts):
        bl.space(0.4)
        bl.lines(conv(cat), W, size=em + 1, bold=True, align="left", keep=True)
        for ai, a in enumerate(arts):
            if a["category"] != cat:
                continue
            title = conv(a["title"])
            n = str(pages_of[ai])
            if spec.toc == "twocol":
                bl.lines(title + "……" + n, W, align="left", indent=2 * em, rest_indent=2 * em)
                continue
            numw = sw("999", SONG, em)
            avail = lambda i: W - 2 * em - numw - 3 * em  # noqa: E731
            tl = wrap(title, avail, lambda s: sw(s, SONG, em))
            for li, ln in enumerate(tl[:-1]):
                bl.boxes.append(Box(spec.leading, [Item(2 * em, ln, SONG, em)]))
            last = tl[-1]
            lw = sw(last, SONG, em)
            if spec.toc == "trad":
                dot = ". "
                cnt = int((W - 2 * em - lw - em) / sw(dot, SONG, em))
                bl.boxes.append(Box(spec.leading, [Item(2 * em, last, SONG, em),
                                                   Item(2 * em + lw + em * 0.5, (dot * cnt).rstrip(), SONG, em)],
                                    keep=True))
                bl.boxes.append(Box(spec.leading, [Item(W - sw(n, SONG, em), n, SONG, em)]))
            else:
                nw = sw(n, SONG, em)
                gap = W - 2 * em - lw - nw - 0.3 * em
                cnt = max(2, int(gap / em))
                lead = "…" * cnt
                bl.boxes.append(Box(spec.leading, [
                    Item(2 * em, last, SONG, em),
                    Item(W - nw - 0.15 * em - cnt * em, lead, SONG, em),
                    Item(W - sw(n, SONG, em), n, SONG, em)]))
    return bl.boxes


def draw_cover(c, b: Bulletin, spec: Spec, ox: float, conv):
    W, H = spec.page_w, spec.page_h
    big = 40 if W > 500 else 28
    font, fake = (HEI, False) if spec.hei else (SONG, True)
    lines = [conv(s) for s in b.cover_lines]
    _text(c, ox + (W - sw(lines[0], font, big)) / 2, H * 0.72, Item(0, lines[0], font, big, fake))
    c.setStrokeColorRGB(0.8, 0, 0)
    c.setLineWidth(2)
    c.line(ox + spec.left, H * 0.72 - 22, ox + W - spec.right, H * 0.72 - 22)
    c.setLineWidth(0.6)
    c.line(ox + spec.left, H * 0.72 - 27, ox + W - spec.right, H * 0.72 - 27)
    c.setStrokeColorRGB(0, 0, 0)
    s2 = 18 if W > 500 else 14
    for k, ln in enumerate(lines[1:3]):
        _text(c, ox + (W - sw(ln, SONG, s2)) / 2, H * 0.5 - k * s2 * 1.8, Item(0, ln, SONG, s2))
    _text(c, ox + (W - sw(lines[3], SONG, s2 - 2)) / 2, H * 0.12, Item(0, lines[3], SONG, s2 - 2))


def draw_masthead(c, b, spec, ox, conv):
    """a4-notoc: masthead at the top of the first page; returns its height."""
    W, H = spec.page_w, spec.page_h
    name = conv(b.gazette)
    _text(c, ox + (W - sw(name, SONG, 30)) / 2, H - 70, Item(0, name, SONG, 30, True))
    info = conv(f"{b.year}年第{b.issue}期 总第{b.total_issue}期 {b.published_cn}")
    _text(c, ox + (W - sw(info, SONG, 11)) / 2, H - 96, Item(0, info, SONG, 11))
    c.setStrokeColorRGB(0.8, 0, 0)
    c.setLineWidth(1.5)
    c.line(ox + spec.left, H - 106, ox + W - spec.right, H - 106)
    c.setStrokeColorRGB(0, 0, 0)


MASTHEAD_H = 56


def draw_furniture(c, spec: Spec, page: Page, printed, ox, b: Bulletin, conv, arts):
    """Running head and page number. Returns the strings printed."""
    W, H = spec.page_w, spec.page_h
    out = []
    em = 9.0
    head = None
    align = "center"
    if spec.name in ("a4", "trad"):
        if printed % 2 == 0:
            head, align = conv(b.tag), "left"
        else:
            head, align = conv(arts[page.art]["category"]) if page.art is not None else None, "right"
    elif spec.name == "twocol":
        head = conv(b.gazette)
    elif spec.name == "booklet":
        head = conv(b.tag)
    if head:
        y = spec.top + 22
        # 黑体 for running heads: STSong-Light (not embedded) loses U+00B7 '·' in text extraction
        if align == "left":
            x = spec.left
        elif align == "right":
            x = W - spec.right - sw(head, HEI, em)
        else:
            x = (W - sw(head, HEI, em)) / 2
        _text(c, ox + x, y, Item(0, head, HEI, em))
        c.setLineWidth(0.5)
        c.line(ox + spec.left, y - 5, ox + W - spec.right, y - 5)
        out.append(head)
    form = PAGE_NUMBER_FORMS[spec.name]
    pn = conv(form.format(n=printed))
    size = 10.5
    y = spec.bottom - 32
    pw = sw(pn, SONG, size)
    if spec.name == "a4-notoc":
        x = W - spec.right - pw
    elif spec.name == "twocol":
        x = spec.left if printed % 2 == 0 else W - spec.right - pw
    else:
        x = (W - pw) / 2
    _text(c, ox + x, y, Item(0, pn, SONG, size))
    return out


def render_pdf(b: Bulletin, layout: str, arts: list, conv=lambda s: s) -> tuple[bytes, dict]:
    """Render one bulletin in one layout. arts: article dicts (already converted for trad).
    Returns (pdf bytes, info) with info = {"start_pages", "pages", "printed", "toc"}."""
    spec = SPECS[layout]
    bl = Builder(spec)
    for i, a in enumerate(arts):
        bl.article(a, i, newpage=not (spec.masthead and i == 0))
    if spec.masthead:
        # reserve the masthead's height on the first page
        bl.boxes.insert(0, spacer(MASTHEAD_H))
        bl.boxes[0].kind = "line"  # a line with no items: not dropped at the page top
    body = paginate(bl.boxes, spec)
    front: list[Page] = []
    if spec.cover:
        front.append(Page(kind="cover"))

    def printed_numbers(nfront):
        if spec.body_starts_at == 0:  # physical numbering
            return [nfront + k + 1 for k in range(len(body))]
        return [spec.body_starts_at + k for k in range(len(body))]

    toc_pages: list[Page] = []
    if spec.toc:
        dummy = [99] * len(arts)
        tp = paginate(toc_boxes(b, spec, dummy, conv), spec, kind="toc")
        nums = printed_numbers(len(front) + len(tp))
        starts = _starts(body, nums, len(arts))
        toc_pages = paginate(toc_boxes(b, spec, starts, conv), spec, kind="toc")
        assert len(toc_pages) == len(tp)
    front += toc_pages
    nums = printed_numbers(len(front))
    starts = _starts(body, nums, len(arts))
    pages = front + body
    printed = [None] * len(front) + nums
    if spec.booklet:
        while len(pages) % 4:
            pages.append(Page(kind="blank"))
            printed.append(None)
    buf = io.BytesIO()
    furniture = set()
    if spec.booklet:
        n = len(pages)
        sheets = []
        for s in range(n // 2):
            if s % 2 == 0:
                sheets.append((n - 1 - s, s))
            else:
                sheets.append((s, n - 1 - s))
        c = canvas.Canvas(buf, pagesize=landscape(A4), invariant=1)
        c.setTitle(conv(b.gazette))
        for left, right in sheets:
            for idx, ox in ((left, 0.0), (right, A5[0])):
                furniture |= _draw_page(c, pages[idx], printed[idx], spec, ox, b, conv, arts)
            c.showPage()
        order = [list(s) for s in sheets]
    else:
        c = canvas.Canvas(buf, pagesize=(spec.page_w, spec.page_h), invariant=1)
        c.setTitle(conv(b.gazette))
        for idx, p in enumerate(pages):
            furniture |= _draw_page(c, p, printed[idx], spec, 0.0, b, conv, arts)
            c.showPage()
        order = None
    c.save()
    info = {"start_pages": starts, "pages": len(pages), "printed": printed,
            "kinds": [p.kind for p in pages], "furniture": sorted(furniture)}
    if order:
        info["sheets"] = order
    return buf.getvalue(), info


def _starts(body, nums, n):
    out = [None] * n
    for p, num in zip(body, nums):
        for a in p.starts:
            if out[a] is None:
                out[a] = num
    return out


def _draw_page(c, page: Page, printed, spec, ox, b, conv, arts):
    fur = set()
    if page.kind == "cover":
        draw_cover(c, b, spec, ox, conv)
        return fur
    if page.kind == "blank":
        return fur
    if spec.masthead and printed == 1:
        draw_masthead(c, b, spec, ox, conv)
    if page.kind == "body":
        fur |= set(draw_furniture(c, spec, page, printed, ox, b, conv, arts))
    for box, x, y in page.placements:
        box.draw(c, ox + x, y)
    return fur


# ----------------------------------------------------------------------------- text variants


def pdftotext(pdf_path, layout=False) -> str:
    args = ["pdftotext"] + (["-layout"] if layout else []) + ["-enc", "UTF-8", str(pdf_path), "-"]
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")


def radical_map() -> dict:
    m = {}
    for cp in list(range(0x2F00, 0x2FD6)) + list(range(0x2E80, 0x2EF4)):
        try:
            unicodedata.name(chr(cp))
        except ValueError:
            continue
        n = unicodedata.normalize("NFKC", chr(cp))
        if len(n) == 1 and n != chr(cp) and n not in m:
            m[n] = chr(cp)
    return m


def radicalize(text: str, seed: int, share=1 / 3) -> str:
    m = radical_map()
    rng = random.Random(seed)
    out = []
    for ch in text:
        if ch in m and rng.random() < share:
            out.append(m[ch])
        else:
            out.append(ch)
    return "".join(out)


def cw(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "FW" else 0.5


def text_width(s: str) -> float:
    return sum(cw(ch) for ch in s)


def seed_text(b: Bulletin, seed: int) -> tuple[str, list]:
    """A bad extraction of a two-column print: hard-wrapped at b.seed_width, indents lost, blank lines,
    running heads and page numbers every column. Returns (text, start pages)."""
    rng = random.Random(seed)
    W = b.seed_width
    L = b.seed_col_lines
    out: list[str] = []

    def emit(line):
        out.append(line)
        if rng.random() < 0.85:
            out.append("")

    for ln in b.cover_lines[:1]:
        emit(ln)
    # contents with dot leaders (numbers filled in at the end)
    page_slots = []
    emit(f"{b.year}年第{b.issue}期")
    emit(f"（总第{b.total_issue}期）")
    emit(b.published_cn)
    emit("目录")
    for cat in categories_in_order(b.articles):
        emit(cat)
        for ai, a in enumerate(b.articles):
            if a["category"] == cat:
                page_slots.append((len(out), ai))
                emit("")
    # body
    state = {"page": 1, "col": 0, "n": 0, "started": False}
    starts = [None] * len(b.articles)

    def page_break():
        out.append(f"- {state['page']} -")
        out.append("")
        state["page"] += 1
        state.update(col=0, n=0, started=False)

    def body_line(line):
        if not state["started"]:
            out.append(b.tag)
            out.append("")
            state["started"] = True
        emit(line)
        state["n"] += 1
        if state["n"] >= L:
            if state["col"] == 0:
                state.update(col=1, n=0)
            else:
                page_break()

    def wrapped(text, first_w, rest_w):
        return wrap(text, lambda i: first_w if i == 0 else rest_w, text_width)

    for ai, a in enumerate(b.articles):
        if state["started"]:
            page_break()
        starts[ai] = state["page"]
        for ln in wrapped(a["title"], 2 * W - 4, 2 * W - 4):
            body_line(ln)
        for blk in a["blocks"]:
            k, t = blk["kind"], blk.get("text", "")
            if k == "table":
                for row in blk["rows"]:
                    for ln in wrapped(" ".join(c for c in row if c), W, W):
                        body_line(ln)
            elif k in ("paragraph", "attachment") or (k == "heading" and _NUMBERED.match(t)
                                                     and not _CENTRED_NUMBERED.match(t)):
                for ln in wrapped(t, W - 2, W):
                    body_line(ln)
            else:
                for ln in wrapped(t, W, W):
                    body_line(ln)
    if state["n"] or state["col"]:
        page_break()
    for pos, ai in page_slots:
        title = b.articles[ai]["title"]
        out[pos] = title + "…" * max(3, int(2 * W - text_width(title) - 2)) + str(starts[ai])
    return "\n".join(out).rstrip("\n") + "\n", starts
