"""Does text B continue text A? Two kinds of evidence that a line end joins another line's start:
- a dictionary word spans the join (jieba's segmentation of "…技术企" + "业知心人…" puts 企业
  across it), which a random join rarely does; jieba's dictionary is in simplified script, so
  traditional text is looked up in simplified (提高應|急能力 joins as 应急 does);
- a run of characters across the join also stands somewhere inside a line of the bulletin (two
  neighbouring characters inside one line are always a true continuation, whatever the column
  order); the longer the run, the surer the join."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import opencc

from .word_dictionary import dictionary_tokenizer

_TO_SIMPLIFIED = opencc.OpenCC("t2s")
MAX_N = 6
_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_LATIN = re.compile(r"[A-Za-z]")


def normalize(text: str) -> str:
    # Numbers and Latin letters join by their class ("30" + "亿元" like any number + 亿元).
    return _LATIN.sub("a", _NUMBER.sub("0", _SPACES.sub("", text)))


class ContinuityModel:
    def __init__(self, texts):
        self.counts: Counter = Counter()
        for text in texts:
            core = normalize(text)
            for n in range(2, MAX_N + 1):
                self.counts.update(core[i : i + n] for i in range(len(core) - n + 1))

    def join_score(self, end_text: str, start_text: str) -> float:
        """Evidence that start_text continues end_text mid-sentence: 0 (none) to 5."""
        a, b = normalize(end_text), normalize(start_text)
        if not a or not b:
            return 0.0
        return max(_word_across(_simplified(a[-4:]), _simplified(b[:4])), self._run_across(a, b))

    def _run_across(self, a: str, b: str) -> float:
        # Short runs recur by chance (政府|工作 and 政府|工。, 全市|项目 two common words), so
        # they count little; five or six characters across the join rarely meet by accident.
        for total in range(MAX_N, 1, -1):
            for left in range(total - 1, 0, -1):
                right = total - left
                if left > len(a) or right > len(b):
                    continue
                if self.counts[a[-left:] + b[:right]] >= (2 if total == 2 else 1):
                    return {2: 0.0, 3: 0.5, 4: 1.0, 5: 2.5}.get(total, 4.0)
        return 0.0


@lru_cache(maxsize=65536)
def _simplified(text: str) -> str:
    """The text in simplified script, character for character (a conversion that changed the
    length would move the join: then the text as printed)."""
    converted = _TO_SIMPLIFIED.convert(text)
    return converted if len(converted) == len(text) else text


@lru_cache(maxsize=65536)
def _word_across(left: str, right: str) -> float:
    """2 when jieba's dictionary segmentation of left+right has a word across the join, else 0."""
    position = 0
    for word in dictionary_tokenizer().cut(left + right, HMM=False):
        end = position + len(word)
        if position < len(left) < end and len(word) >= 2 and not word.isdigit():
            return 2.0
        position = end
    return 0.0
