"""Page furniture: page numbers and running headers, recognised by their form, never by a list of
one bulletin's strings. A line is furniture when nothing but furniture units remain on it
(two pages of a printer spread put two headers, or two page numbers, on one line)."""
from __future__ import annotations

import re
from collections import Counter

from .lines import Line, has_sentence_punct

# "- 19 -", "— 3 —", "－12－", "第 5 页", "5/20"
PAGE_NUMBER_UNIT = r"(?:[-—–－~]\s*\d{1,4}\s*[-—–－~]|第\s*\d{1,4}\s*[页頁]|\d{1,4}\s*/\s*\d{1,4})"
# The year·issue tag that running headers carry: "2024·1", "2024.1", "2024年第1期"
HEADER_TAG = r"(?:\d{4}\s*[·.．•]\s*\d{1,2}|\d{4}\s*年\s*第\s*\d{1,3}\s*期)"

# A short line repeated this many times, without sentence punctuation, is a running header too.
MIN_REPEATS = 3


def furniture_pattern(gazette: str | None) -> re.Pattern:
    units = [PAGE_NUMBER_UNIT]
    if gazette:
        # the gazette name with its year·issue tag, in either order
        name = re.escape(gazette)
        units.append(rf"{name}\s*{HEADER_TAG}")
        units.append(rf"{HEADER_TAG}\s*{name}")
    return re.compile(rf"^(?:\s*(?:{'|'.join(units)}))+\s*$")


def find_furniture(lines: list[Line], gazette: str | None, exclude: set[int] = frozenset()) -> set[int]:
    """Indices of the lines that are page furniture."""
    pattern = furniture_pattern(gazette)
    furniture = {line.index for line in lines if line.index not in exclude and pattern.match(line.text)}
    furniture |= _repeated_headers(lines, exclude | furniture, furniture)
    return furniture


def _repeated_headers(lines: list[Line], skip: set[int], page_marks: set[int]) -> set[int]:
    """Running headers of another form (a department name, a section title on every page):
    short lines, no sentence punctuation, repeated more often than duplicated columns repeat
    a line, carrying a year tag, or standing next to page numbers (where a page begins or ends)
    in at least half of their places. A line of the text repeated verbatim is not furniture."""
    candidates = [line for line in lines if line.index not in skip]
    counts = Counter(line.key for line in candidates)
    places: dict[str, list[int]] = {}
    for line in candidates:
        key = line.key
        if counts[key] < MIN_REPEATS or len(key) > 30 or has_sentence_punct(key):
            continue
        places.setdefault(key, []).append(line.index)
    found = set()
    for key, indices in places.items():
        if re.search(HEADER_TAG, key):
            found.update(indices)
            continue
        near_marks = sum(1 for i in indices if i - 1 in page_marks or i + 1 in page_marks or i == 0)
        # Untagged: a line of a few words on many pages, beside the page numbers.
        if len(indices) >= 2 * MIN_REPEATS and len(key) >= 4 and near_marks * 2 >= len(indices):
            found.update(indices)
    return found
