"""The masthead (gazette name, 年第…期, 总第…期, …出版) and the contents page, read from the line
model: a contents entry is a title with its start page after any leader (`……`, `. . .`, `·`,
spaces, none), the page on the same line, on the next line or in a right-hand column, titles
wrapped over lines, categories between entries."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .anatomy import TOC_HEAD_RE, ends_like_title, has_sentence_end, squash
from .document import TocEntry
from .errors import IngestError
from .layout import PageLine
from .profile import PROFILE

GAZETTE_RE = re.compile(r"([\u4e00-\u9fff]{2,20}?公[报報])")
ISSUE_RE = re.compile(r"(\d{4})\s*年\s*第\s*(\d{1,3})\s*期")
TOTAL_RE = re.compile(r"[总總]\s*第\s*(\d{1,5})\s*期")
DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(出版|印发|發行|发行|出刊)")
HEADER_TAG_RE = re.compile(r"(\d{4})\s*[·.．•]\s*(\d{1,2})(?!\d)")
PERIODICITY_ITEM_RE = re.compile(r"[（(]?(月刊|半月刊|旬刊|季刊|双月刊|雙月刊)[)）]?")
# A contents entry with its page on the same line: a leader of 2+ marks or 2+ spaces, or a
# single space before the number when the title is long enough not to be a number itself.
TOC_LINE_RE = re.compile(r"^(?P<title>.*?[^\s\d])\s*(?P<leader>(?:[…⋯\.·．。_\-—•]\s*){2,}|\s+)(?P<page>\d{1,4})$")
TRAILING_LEADER_RE = re.compile(r"\S\s*(?:[…⋯\.·．_—•]\s*){3,}$")
# A page number alone on a line, maybe after a leader: "3", "……3".
PAGE_ALONE_RE = re.compile(r"^(?:[…⋯\.·．。_\-—•]\s*)*(?P<page>\d{1,4})$")
# How the rest of a wrapped title may begin: …特别规定 / （试行）的通知.
TITLE_GOES_ON = ("（", "(", "的", "》", "”", "和", "暨", "及")


@dataclass
class Masthead:
    gazette: str
    year: int
    issue: int
    total_issue: int | None
    published: dt.date | None
    toc: list[TocEntry] = field(default_factory=list)
    line_indices: set[int] = field(default_factory=set)  # indices of the front-matter lines


def find_gazette(lines: list[PageLine]) -> str | None:
    counts: dict[str, int] = {}
    for line in lines:
        if len(line.text) > 40:
            continue
        for name in GAZETTE_RE.findall(squash(line.text)):
            counts[name] = counts.get(name, 0) + 1
    # The gazette stands alone on the cover and in running heads: prefer the most frequent name.
    return max(counts, key=lambda n: (counts[n], len(n))) if counts else None


def is_masthead_line(text: str, gazette: str | None) -> bool:
    """A line made only of masthead items: gazette name, 年第…期, 总第…期, …出版, (月刊), 目录."""
    compact = squash(text)
    if TOC_HEAD_RE.match(text.strip()):
        return True
    rest = compact
    for pattern in (ISSUE_RE, TOTAL_RE, DATE_RE, PERIODICITY_ITEM_RE):
        rest = pattern.sub("", rest)
    if gazette:
        rest = rest.replace(gazette, "")
    if rest == compact:
        return False
    return not rest.strip("（）()·.，、 ") or len(rest) <= 4 and not has_sentence_end(rest)


def read_masthead(lines: list[PageLine], name: str, front_limit: int) -> Masthead:
    gazette = find_gazette(lines)
    return Masthead(gazette, *read_issue(lines[:front_limit], lines, gazette, name))


def read_issue(head, lines, gazette: str | None, name: str) -> tuple[int, int, int | None, dt.date | None]:
    """年第…期, 总第…期 and the publication date from the masthead lines (`head`), the year and issue
    from a running head's 2024·1 beside the gazette name when the masthead has none. Lines are any
    objects with a `text`."""
    year = issue = total = None
    published = None
    for line in head:
        compact = squash(line.text)
        if year is None and (m := ISSUE_RE.search(compact)):
            year, issue = int(m.group(1)), int(m.group(2))
        if total is None and (m := TOTAL_RE.search(compact)):
            total = int(m.group(1))
        if published is None and (m := DATE_RE.search(compact)):
            published = masthead_date(m, name)
    if year is None and gazette:
        for line in lines:
            compact = squash(line.text)
            if gazette in compact and (m := HEADER_TAG_RE.search(compact)):
                year, issue = int(m.group(1)), int(m.group(2))
                break
    missing = [what for what, value in (("公报名称（…公报）", gazette), ("年份和期号（…年第…期）", year)) if value is None]
    if missing:
        raise IngestError(f"{name}: 找不到公报的刊头信息：缺少{'和'.join(missing)}")
    if published and abs(published.year - year) > 1:
        raise IngestError(f"{name}: 出版日期 {published} 与期号年份 {year} 不符")
    return year, issue, total, published


def masthead_date(m: re.Match, name: str) -> dt.date:
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise IngestError(f"{name}: 刊头中的出版日期不存在：{m.group(0)}") from None


def read_contents(lines: list[PageLine], start: int, stop: int, gazette: str | None) -> tuple[list[TocEntry], set[int], int]:
    """Entries of a contents page in lines[start:stop]; returns (entries, their line indices,
    index after the last entry). A title may wrap over lines; its page stands after a leader on
    its last line, or alone (with or without a leader) on a line of its own below it or in a
    column of its own printed after the titles: a page alone goes to the first title still
    waiting for one."""
    entries: list[TocEntry] = []
    used: set[int] = set()
    category = ""
    pending: list[int] = []  # lines of titles not yet closed by a page or a leader
    last = start

    def close_pending(text_after: str = "") -> list[str]:
        """Titles in the pending lines: a line that ends like a title closes one."""
        pieces = [lines[j].text.strip() for j in pending] + ([text_after] if text_after else [])
        titles, current = [], ""
        for k, piece in enumerate(pieces):
            current += piece
            following = pieces[k + 1] if k + 1 < len(pieces) else ""
            if ends_like_title(current) and following and not following.startswith(TITLE_GOES_ON):
                titles.append(current)  # 《…通知》 then a new title; not …规定 + （试行）的通知
                current = ""
        used.update(pending)
        pending.clear()
        return titles + [current] if current else titles

    for i in range(start, stop):
        line = lines[i]
        text = line.text.strip()
        if line.furniture:
            continue
        if is_masthead_line(text, gazette):
            used.add(i)
            continue
        alone = PAGE_ALONE_RE.match(text)
        m = TOC_LINE_RE.match(text)
        if alone and (pending or any(e.page is None for e in entries)):
            if not any(e.page is None for e in entries):
                entries += [TocEntry(_clean(t), category, None) for t in close_pending()]
            # else: the pending lines are a title still being printed; the page is an earlier one's
            waiting = next(e for e in entries if e.page is None)
            waiting.page = int(alone.group("page"))
            used.add(i)
            last = i + 1
        elif m and not has_sentence_end(m.group("title")) and _plausible_title(m.group("title"), m.group("leader")):
            *before, title = close_pending(_strip_leader(m.group("title")))
            entries += [TocEntry(_clean(t), category, None) for t in before]
            entries.append(TocEntry(_clean(title), category, int(m.group("page"))))
            used.add(i)
            last = i + 1
        elif TRAILING_LEADER_RE.search(text) and not has_sentence_end(text):
            entries += [TocEntry(_clean(t), category, None) for t in close_pending(_strip_leader(text))]
            used.add(i)
            last = i + 1
        elif _is_category(text) and not pending and (not ends_like_title(text) or _category_over_entry(lines, i, stop)):
            category = squash(text)
            used.add(i)
        elif not has_sentence_end(text) and "，" not in text and len(pending) < PROFILE.max_title_lines:
            pending.append(i)
        else:
            break
    return entries, {k for k in used if k < last}, last


def _category_over_entry(lines: list[PageLine], i: int, stop: int) -> bool:
    """A short title-like line (政府工作报告, 行政长官批示) is a category where an entry with its own
    leader follows it: a title never stands pageless above an entry that has its page."""
    for line in lines[i + 1:min(stop, i + 3)]:
        if line.furniture:
            continue
        text = line.text.strip()
        m = TOC_LINE_RE.match(text)
        return bool(m and m.group("leader").strip() or TRAILING_LEADER_RE.search(text))
    return False


def _plausible_title(title: str, leader: str) -> bool:
    """A leader makes an entry; without one (page after spaces), the words must end like a
    document's title: a line of text may end in a number too."""
    return bool(leader.strip()) or ends_like_title(title) and "，" not in title


def _strip_leader(text: str) -> str:
    return re.sub(r"(?:[…⋯\.·．。_\-—•]\s*){2,}$", "", text).strip()


def _is_category(text: str) -> bool:
    compact = squash(text)
    return 2 <= len(compact) <= PROFILE.category_max_chars and not has_sentence_end(compact) and not compact.isascii() and not any(c.isdigit() for c in compact)


def _clean(title: str) -> str:
    return re.sub(r"\s+", " ", title).strip()
