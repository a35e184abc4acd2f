"""Printer spreads in `pdftotext -layout` text: a sheet of two pages side by side is cut into its
two pages before either is read, so that a table or a title on one page never takes in the other
page's text. Where the pages meet: halfway between the two page numbers of the sheet's foot (each
centred on its page) or the two copies of its running head, at the strip of grid cells blank down
the whole sheet nearest to that point (the grid squeezes CJK lines, so it may lie a few cells
off). A sheet that shows neither, in a bulletin where at least half the sheets do, is cut where
those meet when a blank strip lies there (a contents page beside a page without its number)."""
from __future__ import annotations

import re
import statistics

from .anatomy import is_page_number
from .profile import PROFILE

_PHRASE = re.compile(r"\S+(?: \S+)*")


def spread_middle(page: list[str]) -> int | None:
    """The grid cell halfway between the sheet's two page numbers (or two running heads)."""
    for raw in reversed(page):
        parts = [(m.start(), m.end()) for m in _PHRASE.finditer(raw)]
        if len(parts) != 2:
            continue
        texts = [raw[a:b] for a, b in parts]
        if all(is_page_number(t) for t in texts) or texts[0] == texts[1] and len(texts[0]) > 4:
            return (sum(parts[0]) + sum(parts[1])) // 4
    return None


def spreads_middle(pages: list[list[str]]) -> int | None:
    """Where the pages meet in a bulletin where at least half the sheets show two pages side by
    side (the median over those sheets); None otherwise."""
    sheets = [page for page in pages if any(s.strip() for s in page)]
    middles = [m for m in (spread_middle(page) for page in sheets) if m is not None]
    return int(statistics.median(middles)) if middles and 2 * len(middles) >= len(sheets) else None


def split_spread(page: list[str], shared_middle: int | None) -> tuple[list[str], list[str]] | None:
    """The sheet's left and right page (rows kept in step, blank rows included), or None when it
    is no spread. Its own evidence cuts it even without a blank strip: each row at the space
    nearest the middle, a row without one goes whole to the page it begins on."""
    own = spread_middle(page)
    middle = own if own is not None else shared_middle
    if middle is None:
        return None
    strip = _blank_strip_near(page, middle)
    if strip is None and own is None:
        return None
    left, right = [], []
    for raw in page:
        cut = (strip[0] + strip[1]) // 2 if strip else _cut_near(raw, middle)
        left.append(raw[:cut].rstrip())
        right.append(raw[cut:].rstrip())
    return left, right


def _cut_near(raw: str, middle: int) -> int:
    runs = [m.span() for m in re.finditer(r"\s+", raw) if m.start() > 0 and m.end() < len(raw)]
    near = [r for r in runs if abs((r[0] + r[1]) / 2 - middle) <= PROFILE.spread_gutter_reach]
    if near:
        start, stop = min(near, key=lambda r: abs((r[0] + r[1]) / 2 - middle))
        return (start + stop) // 2
    begins = len(raw) - len(raw.lstrip())
    return len(raw) if begins < middle else 0


def _blank_strip_near(page: list[str], middle: int) -> tuple[int, int] | None:
    """The strip of cells blank down the whole sheet (no line runs across two pages) nearest to
    the middle, within reach."""
    rows = [raw for raw in page if raw.strip()]
    if not rows:
        return None
    width = max(len(raw) for raw in rows)
    blank = [True] * width
    for raw in rows:
        for i, ch in enumerate(raw):
            if not ch.isspace():
                blank[i] = False
    strips, i = [], 1
    while i < width:
        if not blank[i]:
            i += 1
            continue
        j = i
        while j < width and blank[j]:
            j += 1
        if j < width:
            strips.append((i, j))
        i = j
    near = [strip for strip in strips if abs((strip[0] + strip[1]) / 2 - middle) <= PROFILE.spread_gutter_reach]
    return min(near, key=lambda strip: abs((strip[0] + strip[1]) / 2 - middle)) if near else None
