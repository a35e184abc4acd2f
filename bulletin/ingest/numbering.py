"""Numbering that begins a heading or a paragraph: 第一章, 一、, （一）, 1., （1）, 一是, 第一条.
Its sequences (一 二 三 …, restarting under a new higher heading) tell the reading order and the
heading levels."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lines import chinese_number

CN = "一二三四五六七八九十百零〇两"

# (kind, pattern); the kind order is the usual hierarchy of Chinese official documents.
MARKERS = [
    ("chapter", re.compile(rf"^第([{CN}\d]+)[章编]\s*")),
    ("section", re.compile(rf"^第([{CN}\d]+)节\s*")),
    ("l1", re.compile(rf"^([{CN}]+)\s*[、，,．.]\s*")),
    ("l2", re.compile(rf"^[（(]\s*([{CN}]+)\s*[）)]\s*")),
    ("l3", re.compile(r"^(\d{1,2})\s*[、．.](?!\d)\s*")),
    # 1.1 / 1.2.3 section numbers; not a decimal quantity (12.8亿元, 1.5%)
    ("decimal", re.compile(r"^\d{1,2}\.(\d{1,2})(?:\.\d{1,2})?(?!\s*[\d%．.亿万千百十元个倍米吨公年月日次项])\s*")),
    ("l4", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*")),
    ("clause", re.compile(rf"^第([{CN}\d]+)条\s*")),
    ("lead", re.compile(rf"^([{CN}]+)是(?=[^，。、；\s])")),
]
KIND_RANK = {kind: rank for rank, (kind, _) in enumerate(MARKERS)}
# Kinds that stand alone as headings when the text after them is a title, not a sentence.
HEADING_KINDS = ("chapter", "section", "l1", "l2", "l3", "decimal", "l4")
# Kinds that are always run-in: they begin a paragraph and never make a heading.
RUN_IN_KINDS = ("clause", "lead")


@dataclass(frozen=True)
class Marker:
    kind: str
    value: int
    prefix: str  # the numbering as printed, e.g. "（三）"
    rank: int = 0  # the kind's place in the hierarchy (KIND_RANK)


@lru_cache(maxsize=1 << 16)
def find_marker(text: str) -> Marker | None:
    text = text.lstrip()
    for kind, pattern in MARKERS:
        m = pattern.match(text)
        if not m:
            continue
        value = chinese_number(m.group(1))
        if value is None or value == 0 or value > 99:
            continue
        if kind == "l1" and m.group(0).rstrip()[-1] in "，,．.":
            continue  # "一，" is prose; "一." is rare and ambiguous with l3
        return Marker(kind, value, m.group(0).strip(), KIND_RANK[kind])
    return None


KIND_COUNT = len(MARKERS)


class NumberingState:
    """The last number seen for each kind (0: none yet); a higher kind restarts the ones below."""

    __slots__ = ("last",)

    def __init__(self, last=None):
        self.last = list(last) if last else [0] * KIND_COUNT

    def expects(self, marker: Marker) -> bool:
        """Is marker the natural next number here (the first of its kind, or last + 1)?"""
        return marker.value == self.last[marker.rank] + 1

    def advance(self, marker: Marker) -> None:
        rank = marker.rank
        self.last[rank] = marker.value
        self.last[rank + 1 :] = [0] * (KIND_COUNT - rank - 1)

    def copy(self) -> "NumberingState":
        return NumberingState(self.last)


def numbered_starts(lines) -> list[Marker]:
    """Markers that begin a paragraph in a run of lines: the line before ends a sentence or a
    lead-in (…：), or is itself a numbered heading, or the marker opens the run."""
    from .lines import ends_sentence, has_sentence_punct

    found = []
    previous = None
    for line in lines:
        text = line.text if hasattr(line, "text") else line
        if (
            previous is None
            or ends_sentence(previous)
            or previous.rstrip().endswith(("：", ":"))
            or (find_marker(previous) and len(previous) < 30)
            or (len(previous) <= 10 and not has_sentence_punct(previous))  # a heading's last line
        ):
            marker = find_marker(text)
            if marker is not None:
                found.append(marker)
        previous = text
    return found


def walk_numbering(markers: list[Marker], state: NumberingState | None = None, seen: set[str] | None = None, strict: bool = False):
    """Follow markers from a state; return (breaks, first_follows, end state, kinds seen).
    A marker breaks the sequence when it is not the next number (四是 then 二是 with no heading
    between). A kind's first number cannot be judged until it or a higher kind was seen: a run
    may start anywhere, unless strict (the run is a whole article, read from its title).
    first_follows: the first marker was judged and was the next number."""
    last = list(state.last) if state else [0] * KIND_COUNT
    seen = set(seen or ())
    top = min((KIND_RANK[k] for k in seen), default=KIND_COUNT)  # highest kind seen so far
    breaks = 0
    first_follows = False
    for position, marker in enumerate(markers):
        rank = marker.rank
        judged = strict or top <= rank
        expected = marker.value == last[rank] + 1
        if judged and not expected:
            breaks += 1
        if position == 0:
            first_follows = judged and expected
        last[rank] = marker.value
        last[rank + 1 :] = _ZEROS[: KIND_COUNT - rank - 1]
        if rank < top:
            top = rank
        seen.add(marker.kind)
    return breaks, first_follows, NumberingState(last), seen


_ZEROS = [0] * KIND_COUNT


def count_numbering_breaks(markers: list[Marker]) -> int:
    return walk_numbering(markers)[0]
