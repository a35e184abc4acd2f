"""The unit the spread repair works on: one non-blank input line, with what its steps need to know of
it; and measures of text shared by every step (visual width in em, a robust column width)."""
from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass
from bisect import bisect_left, bisect_right
from functools import cached_property, lru_cache

from .profile import PROFILE

# Punctuation after which a sentence (and possibly a paragraph) may end.
SENTENCE_END = set("。！？!?；;…")
# Closing marks that may follow a sentence end: "…。”" still ends the sentence.
CLOSERS = set("”’」』）)】》\"'")
OPEN_PUNCT = set("“‘「『（(【《")


@dataclass
class Line:
    index: int  # position among the non-blank input lines (0-based)
    raw: str  # as extracted, without the newline
    text: str  # stripped of surrounding white space
    indented: bool  # began with white space (the extraction's mark of a column start)
    absorbed: tuple[int, ...] = ()  # indices of orphan lines merged into this one
    column_width: float = 0.0  # the printed width of this line's column, once columns are known

    @property
    def last_index(self) -> int:
        return self.absorbed[-1] if self.absorbed else self.index

    @cached_property
    def key(self) -> str:
        return match_key(self.text)


def read_lines(text: str) -> list[Line]:
    lines = []
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            continue
        lines.append(Line(index=len(lines), raw=raw, text=stripped, indented=raw[:1].isspace()))
    return lines


_SPACE_RE = re.compile(r"\s+")


def match_key(text: str) -> str:
    """Comparison form of a text: no white space, full-width ASCII folded, for matching copies."""
    return _SPACE_RE.sub("", unicodedata.normalize("NFKC", text))


def is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0002ffff"


@lru_cache(maxsize=1 << 16)
def visual_width(text: str) -> float:
    """Printed width in em: full-width characters 1, half-width characters a little over 0.5
    (digits and Latin in CJK fonts are set slightly wider than half an em). Spaces inserted by
    the PDF extraction around numbers count as the small gap they stand for."""
    width = 0.0
    for ch in text:
        if ch.isspace():
            width += 0.25
        elif unicodedata.east_asian_width(ch) in ("W", "F") or ch in "“”‘’…—·":
            width += 1.0
        else:
            width += 0.55
    return width


HANGING_PUNCT = set("，。、；：！？”’）》,.;:!?")


_UNIT = re.compile(r"[（(【\[][^）)】\]]{0,6}[）)】\]]|[$¥￥]?[0-9A-Za-z][0-9A-Za-z.,%]*|.")


def first_unit(text: str) -> str:
    """What a line cannot be broken inside at its start: a short bracketed group, a number or
    a Latin word, else one character; with the closing marks that may not begin a line."""
    m = _UNIT.match(text)
    if not m:
        return ""
    end = m.end()
    while end < len(text) and text[end] in HANGING_PUNCT:
        end += 1
    return text[:end]


def is_short(text: str, width: float, indent: float = 0.0) -> bool:
    """Is the line short of the column width (by more than the slack of justification)? A
    closing mark at the end may hang past the margin: such a line is short only when even with
    the mark it stops a clear step before the margin."""
    stripped = text.rstrip()
    slack = 0.95 if stripped[-1:] in HANGING_PUNCT else 1.5
    return bool(width) and visual_width(stripped) <= width - indent - slack


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip()
    while stripped and stripped[-1] in CLOSERS:
        stripped = stripped[:-1]
    return bool(stripped) and stripped[-1] in SENTENCE_END


_PAIRS = {"”": "“", "’": "‘", "）": "（", ")": "(", "」": "「", "』": "『", "》": "《", "】": "【"}


def leaves_bracket_open(text: str) -> bool:
    """True when a line opens a bracket it does not close (a cell wrapped inside its bracket:
    "登錄之金額（澳" / "門幣）"): whatever its width, it goes on."""
    depth: dict[str, int] = {}
    for ch in text:
        if ch in _PAIRS.values() and ch not in _PAIRS:
            depth[ch] = depth.get(ch, 0) + 1
        elif ch in _PAIRS and depth.get(_PAIRS[ch], 0):
            depth[_PAIRS[ch]] -= 1
    return any(depth.values())


def continues_something(text: str) -> bool:
    """True when a line cannot begin a sentence: it opens with punctuation, or closes a quote
    or bracket that it never opened ("立”，增强…" goes on from "…两个确")."""
    stripped = text.lstrip()
    if not stripped:
        return False
    if stripped[0] in "，、。；：！？,.;:!?" or stripped[0] in _PAIRS:
        return True
    depth: dict[str, int] = {}
    for ch in stripped:
        if ch in _PAIRS.values():
            depth[ch] = depth.get(ch, 0) + 1
        elif ch in _PAIRS:
            opener = _PAIRS[ch]
            if opener == ch:  # symmetric quotes cannot tell
                continue
            if depth.get(opener, 0) == 0:
                return True
            depth[opener] -= 1
    return False


def ends_open(text: str, width: float) -> bool:
    """Does the text stop mid-sentence, so that the next line must go on with it? Not after a
    finished sentence or a lead-in colon, and not after a short line without punctuation (the
    end of a heading or a title, which never fill the width)."""
    from .numbering import find_marker

    stripped = text.rstrip()
    if ends_sentence(stripped) or stripped.endswith(("：", ":")):
        return False
    marker = find_marker(stripped)
    if marker is not None and marker.kind not in ("lead", "clause") and not has_sentence_punct(stripped[len(marker.prefix):]):
        return False  # a numbered heading line
    return not width or visual_width(stripped) >= width - 4


def has_sentence_punct(text: str) -> bool:
    return any(c in "。，；！？!?;：:、" for c in text)


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十三 -> 23, 一百零五 -> 105; None if not a Chinese numeral."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def robust_column_width(widths: list[float]) -> float:
    if not widths:
        return 0.0
    need = max(PROFILE.column_width_min_lines, PROFILE.column_width_share * len(widths))
    ascending = sorted(widths)
    # Full lines end within an em of the column edge (justification, hanging punctuation): the
    # column is the widest width that `need` lines reach to within an em, with a cluster of lines
    # at it (over-long lines, such as titles across two columns, are too few to be one).
    for width in reversed(ascending):
        at_least = len(ascending) - bisect_left(ascending, width - 1)
        near = bisect_right(ascending, width + 1) - bisect_left(ascending, width - 1)
        if at_least >= need and near >= need / 2:
            # The cluster's median: single lines run a little long or short of it.
            return float(statistics.median(w for w in ascending if width - 2 <= w <= width + 0.5))
    return float(ascending[-1])


_SPACES = re.compile(r"\s+")


def clean_line_spacing(text: str) -> str:
    """Spaces as printed, less the extraction's: a space between a Chinese character and a digit
    or Latin letter is the PDF's artefact (增长 15.2% is 增长15.2%); between two Chinese
    characters it was printed (letter-spaced 总 则, 组 长, a name after a title) and stays one."""
    def keep(m: re.Match) -> str:
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if not before or not after:
            return ""
        if before.isascii() != after.isascii() and (before.isalnum() or after.isalnum()):
            return ""
        return " "

    return _SPACES.sub(keep, text).strip()


def join_texts(texts: list[str]) -> str:
    """Wrapped lines of one block joined: no space at a line end, but between two Latin words."""
    joined = ""
    for text in texts:
        text = clean_line_spacing(text)
        if joined and joined[-1].isascii() and joined[-1].isalpha() and text[:1].isascii() and text[:1].isalpha():
            joined += " "
        joined += text
    return joined
