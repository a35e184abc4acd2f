"""Gutters on a page of `pdftotext -layout` text: runs of cells blank down the page with a column
of text on each side; of several, the ones between columns of running text (the gaps between the
cells of a table set in one column are none)."""
from __future__ import annotations

import re

from .profile import PROFILE


def grid_cells(raw: str) -> list[tuple[int, str]]:
    """(cell, character) for the non-space characters of a grid line."""
    return [(i, ch) for i, ch in enumerate(raw) if not ch.isspace()]


def first_cell(raw: str, start: int) -> int:
    rest = raw[start:]
    return start + len(rest) - len(rest.lstrip()) if rest.strip() else 10**6


def gutters(page: list[str]) -> list[tuple[int, int]]:
    """Runs of cells blank in every line of the page that has text on both sides of them in
    enough lines: the gaps between columns."""
    rows = [raw for raw in page if raw.strip()]
    if len(rows) < PROFILE.gutter_min_rows:
        return []
    width = max(len(raw) for raw in rows)
    covered = [0] * width
    for raw in rows:
        for i, _ in grid_cells(raw):
            covered[i] += 1
    gutters = []
    i = 0
    while i < width:
        if covered[i] > PROFILE.gutter_crossing_share * len(rows):
            i += 1
            continue
        j = i
        while j < width and covered[j] <= PROFILE.gutter_crossing_share * len(rows):
            j += 1
        if i > 0 and j < width and j - i >= PROFILE.gutter_min_cells:
            # Columns on both sides: many rows hold text left of it, and many rows have text
            # beginning right after it (the left edge of a column, not a ragged right side or a
            # right-aligned signature). Rows of two columns need not share baselines.
            left = sum(1 for raw in rows if raw[:i].strip())
            # (a row whose text runs on into the strip without a gap, a long line's tail,
            # begins nothing there)
            right = sum(1 for raw in rows if j <= len(raw) and _begins_after_gap(raw, i, j + PROFILE.first_indent_max))
            if min(left, right) >= max(PROFILE.gutter_min_rows / 2, PROFILE.gutter_both_sides_share * len(rows)):
                gutters.append((i, j))
        i = j
    return _prose_columns(rows, gutters, width)


def _prose_columns(rows: list[str], gutters: list[tuple[int, int]], width: int) -> list[tuple[int, int]]:
    """Of several gaps, a page's gutters run between columns of running text: a strip between two
    gaps with no sentence in it is a column of a table set in one page column, and the narrower
    gap beside it is between that table's cells. One gap is kept whatever stands beside it."""
    gutters = list(gutters)
    while len(gutters) > 1:
        edges = [0] + [g for gutter in gutters for g in gutter] + [width]
        bare = [k for k in range(len(gutters) + 1)
                if not any(_SENTENCE_MARK.search(raw[edges[2 * k]:edges[2 * k + 1]]) for raw in rows)]
        if not bare:
            break
        k = bare[0]
        beside = [g for g in (k - 1, k) if 0 <= g < len(gutters)]
        gutters.pop(min(beside, key=lambda g: gutters[g][1] - gutters[g][0]))
    return gutters


_SENTENCE_MARK = re.compile(r"[，。；]")


def _begins_after_gap(raw: str, start: int, limit: float) -> bool:
    """Text begins at or after `start`, by `limit`, after two blank cells at least (the gap between
    columns; one blank cell is a space between words)."""
    k = first_cell(raw, start)
    return k <= limit and not raw[max(0, k - 2):k].strip() and k >= 2
