"""Normalise text once, on entry: radicals and compatibility ideographs that a PDF's text layer
put in place of the unified ideographs (`⽂` for 文, `⼀` for 一) are folded back. Nothing else is
rewritten: full-width punctuation, traditional script and spacing stay as printed."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# CJK Radicals Supplement characters without a Unicode decomposition, each the simplified form of
# a whole character that text layers emit in its place (Unicode gives no mapping for these).
_SUPPLEMENT = {
    "⻅": "见", "⻆": "角", "⻈": "讠", "⻉": "贝", "⻋": "车", "⻌": "辶", "⻐": "钅", "⻓": "长",
    "⻔": "门", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻠": "饣", "⻢": "马", "⻥": "鱼",
    "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻬": "齐", "⻮": "齿", "⻰": "龙",
    "⻳": "龟", "⺠": "民", "⻄": "西", "⻘": "青", "⻝": "食", "⻣": "骨", "⻤": "鬼", "⻢": "马",
}

_RANGES = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))


def _is_foldable(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _RANGES)


@lru_cache(maxsize=None)
def fold_char(ch: str) -> str:
    """The unified ideograph a radical or compatibility ideograph stands for (itself otherwise)."""
    if ch in _SUPPLEMENT:
        return _SUPPLEMENT[ch]
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


# The same ranges as one character class: a regex scans a long text in C, not char by char.
_FOLDABLE_RE = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _RANGES) + "]")


def normalize_text(text: str) -> str:
    if not _FOLDABLE_RE.search(text):
        return text  # the common case: nothing to fold, no copy
    return _FOLDABLE_RE.sub(lambda m: fold_char(m.group()), text)


def count_unfolded(text: str) -> int:
    """Radical / compatibility characters left in a text (0 after normalize_text, but for the few
    supplement radicals that stand for no whole character)."""
    return sum(1 for ch in text if _is_foldable(ch) and fold_char(ch) == ch)
