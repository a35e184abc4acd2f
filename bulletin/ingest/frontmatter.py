"""Read the cover and table of contents: gazette name, year, issue, total issue, publication date,
and the TOC entries with their categories and start pages."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .document import TocEntry
from .errors import IngestError
from .lines import Line, has_sentence_punct, match_key

GAZETTE_RE = re.compile(r"([\u4e00-\u9fff]{2,20}?公[报報])")
ISSUE_RE = re.compile(r"(\d{4})\s*年\s*第\s*(\d{1,3})\s*期")
TOTAL_RE = re.compile(r"[总總]\s*第\s*(\d{1,5})\s*期")
DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(出版|印发|發行|发行)?")
# The year·issue tag of running headers: "2024·1", "2024.1", "2024 年第 1 期"
HEADER_TAG_RE = re.compile(r"(\d{4})\s*[·.．•]\s*(\d{1,2})(?!\d)")
TOC_ENTRY_RE = re.compile(r"^(?P<title>.*?\S)\s*(?:[…\.·．。⋯_\-—]\s*){3,}(?P<page>\d{1,4})\s*$")
TOC_HEAD_RE = re.compile(r"^(CONTENTS|Contents|目\s*[录錄]|本期目[录錄])$")
PERIODICITY_RE = re.compile(r"^[（(]\s*(月刊|半月刊|旬刊|季刊|双月刊|雙月刊)\s*[)）]$")

# Lines in the cover/TOC block within this distance of each other belong to one block.
MAX_GAP = 8


@dataclass
class FrontMatter:
    gazette: str
    year: int
    issue: int
    total_issue: int | None
    published: dt.date | None
    toc: list[TocEntry] = field(default_factory=list)
    line_indices: set[int] = field(default_factory=set)


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


def _find_gazette(lines: list[Line]) -> str | None:
    counts: dict[str, int] = {}
    for line in lines:
        if len(line.text) > 40:
            continue
        for name in GAZETTE_RE.findall(match_key(line.text)):
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    # A gazette name stands alone on the cover or in running headers; prefer the longest common one.
    return max(counts, key=lambda n: (counts[n], len(n)))


def read_front_matter(lines: list[Line], name: str = "<input>") -> FrontMatter:
    gazette = _find_gazette(lines)
    anchors = [line.index for line in lines if _is_anchor(line, gazette)]
    block = _densest_cluster(anchors)
    block_lines = [line for line in lines if block and block[0] <= line.index <= block[-1]]

    year = issue = total = None
    published = None
    for line in block_lines:
        compact = match_key(line.text)
        if year is None and (m := ISSUE_RE.search(compact)):
            year, issue = int(m.group(1)), int(m.group(2))
        if total is None and (m := TOTAL_RE.search(compact)):
            total = int(m.group(1))
        if published is None and (m := DATE_RE.search(compact)) and m.group(4):
            published = _date(m, name)
    if year is None:
        # Fall back to the running header's "2024·1" next to the gazette name.
        for line in lines:
            compact = match_key(line.text)
            if gazette and gazette in compact and (m := HEADER_TAG_RE.search(compact)):
                year, issue = int(m.group(1)), int(m.group(2))
                break
    missing = [what for what, value in (("gazette name (…公报)", gazette), ("year and issue (…年第…期)", year)) if value is None]
    if missing:
        raise IngestError(f"{name}: 找不到公报的刊头信息：缺少{'和'.join(missing)}")
    if published and abs(published.year - year) > 1:
        raise IngestError(f"{name}: 出版日期 {published} 与期号年份 {year} 不符")
    toc = _read_toc(block_lines, gazette)
    return FrontMatter(gazette, year, issue, total, published, toc, {line.index for line in block_lines})


def _date(m: re.Match, name: str) -> dt.date:
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise IngestError(f"{name}: 刊头中的出版日期不存在：{m.group(0)}") from None


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
        compact = match_key(line.text)
        if len(compact) <= 15 and not has_sentence_punct(compact) and not compact.isascii():
            # The nearest plain short line before an entry is its category (卷首语, 市政府文件…).
            category = compact
            pending = []
        else:
            pending.append(line.text)
    return entries


def _clean_title(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip()
