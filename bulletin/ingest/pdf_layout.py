"""Page geometry for the PDF extraction: characters into row fragments, gutters between columns,
and a page's body read band by band, column by column (see ingest.pdf for the whole method)."""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from .profile import PROFILE

# A face whose name says bold or black: 黑体 (SimHei, MicroHei, Heiti), 小标宋 / 大标宋 (FZXBS, FZDBS), …
BOLD_FONT_RE = re.compile(r"bold|black|heavy|demi|hei|xbs|xiaobiaosong|dbs|dabiaosong|fzht|小标宋|大标宋|黑|粗", re.I)
FONT_BOLD, DRAWN_TWICE = 1, 2  # Box.flags
# The marks a contents leader is drawn with, set close (……) or spaced out (. . . , · · ·).
LEADER_MARKS = frozenset(".·•…‥．。")


class Box(NamedTuple):
    """One character of a fragment as drawn."""
    x0: float
    x1: float
    text: str  # the character, with a leading space where the row had a gap or a space before it
    size: float = 0.0
    flags: int = 0  # FONT_BOLD | DRAWN_TWICE


@dataclass
class Fragment:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    row: int
    boxes: list[Box] = field(default_factory=list, repr=False)  # each character
    table: object = None  # a table row (ingest.pdf_lines.TableRow) instead of text: kept out of gutters and furniture

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class LogicalPage:
    sheet: int  # 1-based index of the PDF page it comes from
    side: str  # "" (whole sheet), "left" or "right"
    x0: float
    x1: float
    height: float
    em: float = 10.0
    images: int = 0
    fragments: list[Fragment] = field(default_factory=list)
    header: list[Fragment] = field(default_factory=list)
    footer: list[Fragment] = field(default_factory=list)
    number: int | None = None
    lines: list[str] = field(default_factory=list)  # body lines in reading order, column starts marked
    rows: list[PlacedRow] = field(default_factory=list)  # the same lines as fragments, with their place
    gutters: list[tuple[float, float]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"第 {self.sheet} 页" + ({"left": "（左半）", "right": "（右半）"}.get(self.side, ""))


@dataclass
class PlacedRow:
    """One printed line of a page body: the fragments of one row in one column (or spanning)."""
    fragments: list[Fragment]
    column: int  # -1: spans the columns
    column_start: bool  # first line of a column, or of a run of spanning lines

    @property
    def text(self) -> str:
        return " ".join(f.text for f in self.fragments)


def fragments_of(chars: list[dict]) -> list[Fragment]:
    """Rows by baseline (within half a character height), split at gaps wider than 0.8 em.
    Space characters of the text layer are kept (collapsed); a gap wider than 0.4 em becomes one."""
    rows: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["bottom"], c["x0"])):
        # Same row: baselines within half the smaller character (a large title beside small text
        # on the other half of a spread must not pull two lines of that text into one row).
        if rows and abs(ch["bottom"] - rows[-1][-1]["bottom"]) <= max(min(ch["size"], rows[-1][-1]["size"]), 1.0) * 0.5:
            rows[-1].append(ch)
        else:
            rows.append([ch])
    out: list[Fragment] = []
    for row_index, row in enumerate(rows):
        row.sort(key=lambda c: c["x0"])
        group: list[dict] = []
        pending_space = False
        for ch in row:
            if not ch["text"].strip():
                pending_space = bool(group)
                continue
            if group and ch["text"] == group[-1]["text"].strip() and abs(ch["x0"] - group[-1]["x0"]) < 0.3 * ch["size"]:
                group[-1] = {**group[-1], "twice": True}
                continue  # the same glyph drawn twice, slightly offset (fake bold)
            if group:
                gap = ch["x0"] - group[-1]["x1"]
                if gap > PROFILE.split_gap_em * max(ch["size"], group[-1]["size"]):
                    out.append(_make_fragment(group, row_index))
                    group, pending_space = [], False
                elif pending_space or gap > 0.4 * ch["size"]:
                    group.append({**ch, "text": " " + ch["text"]})
                    pending_space = False
                    continue
            group.append(ch)
            pending_space = False
        if group:
            out.append(_make_fragment(group, row_index))
    return out


def _make_fragment(group: list[dict], row: int) -> Fragment:
    return Fragment(
        "".join(c["text"] for c in group),
        group[0]["x0"], group[-1]["x1"],
        min(c["top"] for c in group), max(c["bottom"] for c in group), row,
        [Box(c["x0"], c["x1"], c["text"], c["size"],
             (FONT_BOLD if BOLD_FONT_RE.search(c.get("fontname") or "") else 0) | (DRAWN_TWICE if c.get("twice") else 0))
         for c in group],
    )


def split_atgutters_of(fragments: list[Fragment], gutters: list[tuple[float, float]], em: float) -> list[Fragment]:
    """A row piece that runs from one column into the next only because the gap between them was
    narrow (hanging punctuation, tight gutter) is cut at its widest gap over the gutter, if that gap
    stands out from the piece's other gaps (an evenly letter-spaced title is left whole)."""
    out: list[Fragment] = []
    for f in fragments:
        pieces = [f]
        for a, b in gutters:
            last = pieces[-1]
            if not (last.x0 < a and last.x1 > b) or len(last.boxes) < 2:
                continue
            gaps = [(last.boxes[i][0] - last.boxes[i - 1][1], i) for i in range(1, len(last.boxes))]
            over = [(gap, i) for gap, i in gaps if last.boxes[i - 1][1] < b and last.boxes[i][0] > a]
            if not over:
                continue
            gap, cut = max(over)
            typical = statistics.median(g for g, _ in gaps)
            if gap < 0.4 * em or gap < 2 * max(typical, 0) + 0.3 * em:
                continue
            head, tail = last.boxes[:cut], last.boxes[cut:]
            tail = [tail[0]._replace(text=tail[0].text.lstrip())] + tail[1:]
            left = Fragment("".join(b.text for b in head), last.x0, head[-1].x1, last.top, last.bottom, last.row, head)
            right = Fragment("".join(b.text for b in tail), tail[0].x0, last.x1, last.top, last.bottom, last.row, tail)
            pieces[-1:] = [left, right]
        out += pieces
    return out


_STEP = 1.0  # points: the resolution of the coverage profile gutters are found in


def gutters_of(fragments: list[Fragment], em: float) -> list[tuple[float, float]]:
    """Vertical strips (x0, x1) between columns: few or no fragments cross them, and text lies on
    both sides, with clearly more lines there than across the strip."""
    if len(fragments) < 2:
        return []
    lo, hi = min(f.x0 for f in fragments), max(f.x1 for f in fragments)
    step = _STEP
    n = int((hi - lo) / step) + 1
    cover = [0] * n  # per point of x: how many rows have a character there
    for row in _rows(fragments):
        marked = bytearray(n)
        # A ruled table's row is solid from edge to edge (the gaps between its cells are no
        # gutter), and it shows that its column holds lines.
        spans = sorted([(x0, x1, text.strip()) for f in row if f.table is None for x0, x1, text, *_ in f.boxes]
                       + [(f.x0, f.x1, "") for f in row if f.table is not None])
        for k, (x0, x1, text) in enumerate(spans):
            if k and text in LEADER_MARKS and spans[k - 1][2] in LEADER_MARKS:
                x0 = spans[k - 1][1]  # a leader of spaced dots (. . .) is one line across its gaps
            for i in range(max(0, int((x0 - lo) / step) + 1), min(n, int((x1 - lo) / step))):
                marked[i] = 1
        for i in range(n):
            cover[i] += marked[i]
    gutters: list[tuple[float, float]] = []
    # Candidate strips: maximal runs whose coverage is at most half of the lower neighbouring peak.
    for level in sorted(set(cover)):
        i = 0
        while i < n:
            if cover[i] > level:
                i += 1
                continue
            j = i
            while j < n and cover[j] <= level:
                j += 1
            if i > 0 and j < n and (j - i) * step >= PROFILE.min_gutter_em * em:
                left_peak, right_peak = max(cover[:i]), max(cover[j:])
                strip = (lo + i * step, lo + j * step)
                if level * 2 <= min(left_peak, right_peak) and (level == 0 or min(left_peak, right_peak) >= 3) \
                        and _side_by_side(fragments, strip, em):
                    # A wider strip at a higher level replaces the narrower ones it contains (the
                    # gap between a column and a title is not the gutter the title crosses).
                    inside = [g for g in gutters if strip[0] <= g[0] and g[1] <= strip[1]]
                    if not any(a < strip[1] and strip[0] < b for a, b in gutters if (a, b) not in inside):
                        gutters = [g for g in gutters if g not in inside] + [strip]
            i = j
    return sorted(gutters)


def _side_by_side(fragments: list[Fragment], strip: tuple[float, float], em: float) -> bool:
    """Is the strip a gutter between columns of text set side by side? Some text stands on both
    sides of it at one height, and lines of the left column end at its edge (justified lines
    reach the column's right edge). A contents page's short category lines under a masthead set
    right of centre never stand beside anything; the gap in one spaced line (issue · date) has
    no column edge above or below it."""
    a, b = strip[0] + _STEP, strip[1] - _STEP  # the strip was measured in whole steps of x
    left, right = [], []
    at_edge = 0
    for f in fragments:
        # A fragment may run across the gutter's gap (its characters decide) or across the strip.
        spans = [(f.x0, f.x1)] if f.table is not None else [(x0, x1) for x0, x1, *_ in f.boxes]
        if any(x0 < b and x1 > a for x0, x1 in spans):
            continue
        ends = [x1 for _, x1 in spans if x1 <= a]
        if ends:
            left.append((f.top, f.bottom))
            at_edge += max(ends) >= a - em
        if any(x0 >= b for x0, _ in spans):
            right.append((f.top, f.bottom))
    beside = any(top < r_bottom and r_top < bottom for top, bottom in left for r_top, r_bottom in right)
    return beside and at_edge >= PROFILE.gutter_edge_lines


def _rows(fragments: list[Fragment]) -> list[list[Fragment]]:
    rows: dict[int, list[Fragment]] = {}
    for f in fragments:
        rows.setdefault(f.row, []).append(f)
    return list(rows.values())


def order_page(page: LogicalPage, warnings: list[str]) -> None:
    """Sets page.gutters, page.rows (the body lines in reading order with their column) and page.lines
    (their text, each column start marked with a leading space). Table rows (Fragment.table) count in
    finding the gutters as solid rows (a table in one column is that column's lines); they are placed
    like any line, by their position."""
    text = [f for f in page.fragments if f.table is None]
    gutters = gutters_of(page.fragments, page.em)
    tables = [f for f in page.fragments if f.table is not None]
    fragments = sorted(split_atgutters_of(text, gutters, page.em) + tables, key=lambda f: (f.top, f.x0))
    bounds = [float("-inf")] + [(a + b) / 2 for a, b in gutters] + [float("inf")]  # text may overhang the page

    def column_of(f: Fragment) -> int:
        for a, b in gutters:
            if f.x0 < a - 0.5 and f.x1 > b + 0.5 or (a + 0.5 < f.middle < b - 0.5):
                return -1  # spans the gutter: a title across the columns
        return next(i for i in range(len(bounds) - 1) if bounds[i] <= f.middle < bounds[i + 1])

    rows: list[PlacedRow] = []
    band: dict[int, list[Fragment]] = {}
    spanning: list[Fragment] = []

    def flush_band():
        for col in sorted(band):
            rows.extend(_column_rows(band[col], col))
        band.clear()

    for f in fragments:
        col = column_of(f)
        if col < 0:
            if band:
                flush_band()
            spanning.append(f)
        else:
            if spanning:
                rows.extend(_column_rows(spanning, -1))
                spanning = []
            band.setdefault(col, []).append(f)
    if spanning:
        rows.extend(_column_rows(spanning, -1))
    flush_band()
    if not gutters:
        shared = sum(1 for k in Counter(f.row for f in fragments).values() if k > 1)
        if shared >= 2:
            warnings.append(f"{page.label}：有 {shared} 行包含几段分开的文字，却找不到分栏的栏间空白，这些行的阅读顺序不确定")
    page.gutters = gutters
    page.rows = rows
    page.lines = [(" " if row.column_start else "") + row.text for row in rows]


def _column_rows(fragments: list[Fragment], column: int) -> list[PlacedRow]:
    """Lines of one column (or one spanning run) top to bottom; pieces of one row joined."""
    ordered = sorted(_rows(fragments), key=lambda group: min(f.top for f in group))
    return [PlacedRow(sorted(group, key=lambda f: f.x0), column, i == 0) for i, group in enumerate(ordered)]
