"""Page furniture in extracted text, by form and place: bare page numbers (`3`, `— 3 —`, `第3页`),
running heads (the gazette name with its year·issue tag; any short line repeated where pages
meet, such as alternating odd/even heads: gazette name / section name), headers split across
lines. A PDF's furniture is measured by position and comes flagged already; this only fills in
what text input cannot say."""
from __future__ import annotations

import re
from collections import defaultdict

from .anatomy import has_sentence_end, is_page_number, squash
from .layout import FOOTER, HEADER, PAGE_NUMBER, Layout, PageLine
from .profile import PROFILE

HEADER_TAG_RE = re.compile(r"\d{4}\s*[·.．•]\s*\d{1,2}(?!\d)|\d{4}\s*年\s*第\s*\d{1,3}\s*期")


def mark_text_furniture(layout: Layout, gazette: str | None, front: set[int], sections: set[str] = frozenset()) -> None:
    """sections: the contents page's category names, which odd pages print as their running head."""
    lines = layout.lines
    edges = _page_edges(lines)
    for i, line in enumerate(lines):
        if i in front or line.furniture or line.table is not None:
            continue
        if is_page_number(line.text) and (i in edges or _page_number_form(line.text)):
            line.furniture = PAGE_NUMBER
    if not any(line.page for line in lines):
        _pages_from_numbers(lines)
    # Page numbers found above tell where pages meet in text without form feeds.
    edges |= {j for i, line in enumerate(lines) if line.furniture == PAGE_NUMBER
              for j in range(i - PROFILE.edge_lines, i + PROFILE.edge_lines + 1)}
    by_key: dict[str, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if i in front or line.furniture:
            continue
        key = _head_key(line.text)
        if 0 < len(key) <= 40 and not has_sentence_end(line.text):
            by_key[key].append(i)
    for round_ in range(PROFILE.edge_lines):  # a head may sit under another head or a page number
        outer = _outermost(lines, front) & edges
        for key, places in by_key.items():
            # A running head is set no larger than the text (a title at a page's top is large).
            at_edges = [i for i in places if i in outer and not lines[i].furniture and lines[i].size < PROFILE.title_size]
            tagged = bool(gazette and gazette in key and HEADER_TAG_RE.search(lines[places[0]].text))
            # A section name heads a page once, at its very edge (the article title below it may
            # repeat the same words).
            section = key in sections and at_edges and round_ == 0
            if tagged or section or len(at_edges) >= PROFILE.running_head_repeats and len(at_edges) * 2 >= len(places):
                for i in (places if tagged else at_edges):
                    lines[i].furniture = HEADER if _in_page_top(lines, i) else FOOTER
    _split_headers(lines, gazette, front)


def _pages_from_numbers(lines: list[PageLine]) -> None:
    """Text without form feeds: a page ends at its page number."""
    page = 1
    for line in lines:
        line.page = page
        if line.furniture == PAGE_NUMBER:
            page += 1


def _outermost(lines: list[PageLine], front: set[int]) -> set[int]:
    """Per page, the first and the last line that is not yet furniture: where a running head or
    foot stands (a line below the head is text, however often it repeats)."""
    found: set[int] = set()
    previous_page = object()
    last_body = None
    for i, line in enumerate(lines):
        if line.page != previous_page:
            if last_body is not None:
                found.add(last_body)
            previous_page, first_seen = line.page, False
        if line.furniture or i in front:
            continue
        if not first_seen:
            found.add(i)
            first_seen = True
        last_body = i
    if last_body is not None:
        found.add(last_body)
    return found


def _page_number_form(text: str) -> bool:
    """Forms that only a page number takes (a bare "3" may be a table cell or a list number)."""
    stripped = text.strip()
    return not stripped.isdigit()


def _head_key(text: str) -> str:
    return re.sub(r"\d+", "#", squash(text))


def _page_edges(lines: list[PageLine]) -> set[int]:
    """Indices of lines at the top or bottom of a page (pages known from form feeds)."""
    edges: set[int] = set()
    if not any(line.page for line in lines):
        return edges
    by_page: dict[int, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        by_page[line.page or 0].append(i)
    for indices in by_page.values():
        edges.update(indices[:PROFILE.edge_lines])
        edges.update(indices[-PROFILE.edge_lines:])
    return edges


def _in_page_top(lines: list[PageLine], i: int) -> bool:
    page = lines[i].page
    before = [j for j in range(max(0, i - PROFILE.edge_lines), i) if lines[j].page == page and not lines[j].furniture]
    return not before


def _split_headers(lines: list[PageLine], gazette: str | None, front: set[int]) -> None:
    """A running head broken over two lines ("吉林市人民政府公报" / "2024·1") or the year tag alone
    beside a page number."""
    if not gazette:
        return
    for i in range(len(lines) - 1):
        a, b = lines[i], lines[i + 1]
        if i in front or a.furniture or b.furniture:
            continue
        if squash(a.text) == gazette and HEADER_TAG_RE.fullmatch(squash(b.text)):
            a.furniture = b.furniture = HEADER
