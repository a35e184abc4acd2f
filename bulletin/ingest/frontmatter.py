"""Read the cover and table of contents: gazette name, year, issue, total issue, publication date,
and the TOC entries with their categories and start pages."""
from __future__ import annotations

import re

from .document import TocEntry
from .lines import Line, has_sentence_punct, match_key
from .anatomy import TOC_HEAD_RE
from .masthead import DATE_RE, ISSUE_RE, TOTAL_RE, Masthead, find_gazette, read_issue

TOC_ENTRY_RE = re.compile(r"^(?P<title>.*?\S)\s*(?:[…\.·．。⋯_\-—]\s*){3,}(?P<page>\d{1,4})\s*$")
PERIODICITY_RE = re.compile(r"^[（(]\s*(月刊|半月刊|旬刊|季刊|双月刊|雙月刊)\s*[)）]$")

# Lines in the cover/TOC block within this distance of each other belong to one block.
MAX_GAP = 8


def _is_anchor(line: Line, gazette: str | None) -> bool:
    text = line.text
    if TOC_ENTRY_RE.match(text) or TOC_HEAD_RE.match(text) or PERIODICITY_RE.match(text):
        return True
    compact = match_key(text)
    if ISSUE_RE.fullmatch(compact) or TOTAL_RE.search(compact) and len(compact) <= 14:
        return True
    if DATE_RE.fullmatch(compact) and DATE_RE.fullmatch(compact).group(4):
        return True
    return bool(gazette) and compact == gazette


def read_front_matter(lines: list[Line], name: str = "<input>") -> Masthead:
    gazette = find_gazette(lines)
    anchors = [line.index for line in lines if _is_anchor(line, gazette)]
    block = _densest_cluster(anchors)
    block_lines = [line for line in lines if block and block[0] <= line.index <= block[-1]]

    year, issue, total, published = read_issue(block_lines, lines, gazette, name)
    toc = _read_toc(block_lines, gazette)
    return Masthead(gazette, year, issue, total, published, toc, {line.index for line in block_lines})


def _densest_cluster(indices: list[int]) -> list[int]:
    clusters: list[list[int]] = []
    for index in sorted(indices):
        if clusters and index - clusters[-1][-1] <= MAX_GAP:
            clusters[-1].append(index)
        else:
            clusters.append([index])
    return max(clusters, key=len) if clusters else []


def _read_toc(block_lines: list[Line], gazette: str | None) -> list[TocEntry]:
    entries: list[TocEntry] = []
    category = ""
    pending: list[str] = []  # a TOC title wrapped over several lines
    for line in block_lines:
        m = TOC_ENTRY_RE.match(line.text)
        if m:
            title = "".join(pending) + m.group("title")
            entries.append(TocEntry(title=_clean_title(title), category=category, page=int(m.group("page"))))
            pending = []
            continue
        if _is_anchor(line, gazette):
            continue
        if is_category_line(line.text):
            # The nearest plain short line before an entry is its category (卷首语, 市政府文件…).
            category = match_key(line.text)
            pending = []
        else:
            pending.append(line.text)
    return entries


def is_category_line(text: str) -> bool:
    """A contents page's category line (卷首语, 市政府文件…): short, plain, no sentence punctuation."""
    compact = match_key(text)
    return len(compact) <= 15 and not has_sentence_punct(compact) and not compact.isascii()


def _clean_title(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip()
