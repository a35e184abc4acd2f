"""Printer spreads in `pdftotext -layout` text: a sheet of two pages side by side is cut into its
two pages before either is read, so that a table or a title on one page never takes in the other
page's text. Where the pages meet: halfway between the two page numbers of the sheet's foot (each
centred on its page) or the two copies of its running head, at the strip of grid cells blank down
the whole sheet nearest to that point (the grid squeezes CJK lines, so it may lie a few cells
off). Where the left page holds a table, a gap between its columns may lie nearer that point
than the gutter does: a sheet with its own page numbers is cut at the blank strip where most of
the right page's prose lines begin (a line of one phrase running on to the row's end), the
nearest one only when no strip shows that. A sheet that shows neither, in a bulletin where at least half the sheets do, is cut where
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
    shown = [(page, m) for page, m in ((page, spread_middle(page)) for page in sheets) if m is not None]
    if not shown or 2 * len(shown) < len(sheets):
        return None
    # a sheet whose gutter lies out of reach of its numbers' middle (a wide table squeezed onto
    # the grid pushes the other page off) says little of where other sheets' pages meet
    confirmed = [m for page, m in shown if _near(_gutter(page, m), m)]
    return int(statistics.median(confirmed or [m for _, m in shown]))


def _gutter(page: list[str], middle: int) -> tuple[int, int] | None:
    return _prose_strip(page, middle) or _blank_strip_near(page, middle)


def _near(strip: tuple[int, int] | None, middle: int) -> bool:
    return strip is not None and abs((strip[0] + strip[1]) / 2 - middle) <= PROFILE.spread_gutter_reach


def split_spread(page: list[str], shared_middle: int | None) -> tuple[list[str], list[str]] | None:
    """The sheet's left and right page (rows kept in step, blank rows included), or None when it
    is no spread. Its own evidence cuts it even without a blank strip: each row at the space
    nearest the middle, a row without one goes whole to the page it begins on."""
    own = spread_middle(page)
    middle = own if own is not None else shared_middle
    if middle is None:
        return None
    strip = _prose_strip(page, own) if own is not None else None
    strip = strip or _blank_strip_near(page, middle)
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


def _prose_strip(page: list[str], middle: int) -> tuple[int, int] | None:
    """The blank strip after which most rows begin a line of prose (within a paragraph indent,
    one phrase to the row's end, at least a share of the sheet's longest phrase long), the nearer
    to the middle of two alike; None when no row begins one after any strip."""
    longest = max((len(m.group()) for raw in page for m in _PHRASE.finditer(raw)), default=0)
    best, best_rows = None, 0
    for strip in sorted(_blank_strips(page), key=lambda strip: abs((strip[0] + strip[1]) / 2 - middle)):
        rows = 0
        for raw in page:
            rest = raw[strip[1]:]
            phrases = _PHRASE.findall(rest)
            if (len(phrases) == 1 and len(rest) - len(rest.lstrip()) <= PROFILE.grid_indent_max_cells
                    and len(phrases[0]) >= PROFILE.spread_prose_line_share * longest):
                rows += 1
        if rows > best_rows:
            best, best_rows = strip, rows
    return best


def _blank_strip_near(page: list[str], middle: int) -> tuple[int, int] | None:
    """The strip of cells blank down the whole sheet (no line runs across two pages) nearest to
    the middle, within reach."""
    strips = _blank_strips(page)
    near = [strip for strip in strips if _near(strip, middle)]
    return min(near, key=lambda strip: abs((strip[0] + strip[1]) / 2 - middle)) if near else None


def _blank_strips(page: list[str]) -> list[tuple[int, int]]:
    """The strips of cells blank down the whole sheet, between its text (left to right)."""
    rows = [raw for raw in page if raw.strip()]
    if not rows:
        return []
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
    return strips
