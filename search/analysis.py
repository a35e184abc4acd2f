"""Chinese text analysis for the index: normalisation, jieba words with positions, CJK bigrams.

Two analyzers feed two Whoosh fields:

* ``WORDS`` (field ``text``): jieba precise-mode words numbered 0, 1, 2 … in reading order, so
  phrase queries work. At index time only, dictionary sub-words of a long word are emitted at the
  *same* position as the word (碳纤维 also yields 纤维), so a search for 纤维 finds 碳纤维.
* ``BIGRAMS`` (field ``grams``): overlapping character bigrams of the text's search form (every
  script, whitespace removed): a query part's bigrams find every text holding it as a substring,
  whatever jieba made of the text, and the candidates are verified: this is the recall guarantee.

Both normalise the same way, preserving character offsets (highlighting relies on them):
full-width ASCII to half-width, lower case, traditional to simplified with OpenCC.
"""
from __future__ import annotations

import logging
import re
import threading

import jieba
import opencc
from whoosh.analysis import Token, Tokenizer

# Unified ideographs and extension A; what a bulletin prints in practice.
CJK_CHAR = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{CJK_CHAR}]+")
IS_CJK = re.compile(f"[{CJK_CHAR}]")
WORDLIKE = re.compile(rf"[{CJK_CHAR}\w]")  # a token worth indexing (not punctuation/space)

_converter = opencc.OpenCC("t2s")
_jieba_lock = threading.Lock()
_jieba_ready = False

# Full-width ASCII (！ … ～) to half-width, ideographic space to space: same length, offsets stay.
_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE[0x3000] = 0x20
# Every bracket a 文号 is printed with (〔2016〕 [2016] (2016) 【2016】 …) is one pair for search:
# 京政办发[2016]26号 finds 京政办发〔2016〕26号, and （一） finds (一).
OPEN_BRACKET, CLOSE_BRACKET = "〔", "〕"
for _open in "([（【〖［｛{":
    _WIDTH_TABLE[ord(_open)] = OPEN_BRACKET
for _close in ")]）】〗］｝}":
    _WIDTH_TABLE[ord(_close)] = CLOSE_BRACKET
# Separates the fields of one search document (an article's title and its category): no match
# and no bigram spans it. Queries never contain it (they are cleaned of control and space chars).
SEGMENT_BREAK = "\u2029"


def load_jieba() -> None:
    """Load jieba's dictionary once per process (gunicorn --preload shares it across workers)."""
    global _jieba_ready
    if _jieba_ready:
        return
    with _jieba_lock:
        if not _jieba_ready:
            jieba.setLogLevel(logging.WARNING)
            jieba.initialize()
            _jieba_ready = True


def to_simplified(text: str) -> str:
    converted = _converter.convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase rule changed the length: convert char by char so offsets still line up.
    return "".join(c if len(c) == 1 else o for o, c in ((o, _converter.convert(o)) for o in text))


def normalize(text: str) -> str:
    """Offset-preserving normalisation shared by indexing, querying and highlighting."""
    return to_simplified(text.translate(_WIDTH_TABLE).lower())


def search_form(text: str) -> str:
    """What substring search compares: the normalised text without whitespace (a line break or a
    space inside printed Chinese means nothing), segment breaks kept."""
    return "".join(ch for ch in normalize(text) if ch == SEGMENT_BREAK or not ch.isspace())


def search_form_offsets(text: str) -> tuple[str, list[int]]:
    """The search form of ``text`` and, for each of its characters, the offset in ``text``."""
    norm = normalize(text)
    offsets = [i for i, ch in enumerate(norm) if ch == SEGMENT_BREAK or not ch.isspace()]
    return "".join(norm[i] for i in offsets), offsets


def form_grams(form: str):
    """Every overlapping bigram of a search form (any script: 基站5G, T1000高性能, 6.7%增长), none
    across a segment break, and each segment's last character + RUN_END, so that every character
    starts a gram and a one-character query is a prefix query."""
    for segment in form.split(SEGMENT_BREAK):
        for i in range(len(segment) - 1):
            yield segment[i:i + 2]
        if segment:
            yield segment[-1] + RUN_END


def part_grams(part: str) -> list[str]:
    """The bigrams a query part of two or more characters must have, in order."""
    return [part[i:i + 2] for i in range(len(part) - 1)]


def _is_dictionary_word(word: str) -> bool:
    return jieba.dt.FREQ.get(word, 0) > 0  # FREQ also holds prefixes with frequency 0


def dictionary_subwords(word: str):
    """(offset, sub-word) for jieba dictionary words strictly inside a CJK ``word`` (碳纤维 → 纤维)."""
    if len(word) < 3 or not IS_CJK.match(word):
        return
    seen = set()
    for size in range(len(word) - 1, 1, -1):
        for start in range(0, len(word) - size + 1):
            sub = word[start:start + size]
            if sub not in seen and _is_dictionary_word(sub):
                seen.add(sub)
                yield start, sub


def word_spans(text: str):
    """(word, start, end, position) for the words of normalised ``text`` in reading order.

    Positions count words; punctuation advances the position without being indexed, so a phrase
    never matches across a comma; whitespace is skipped without a gap ("GDP 增长" is adjacent).
    """
    load_jieba()
    position = 0
    for word, start, end in jieba.tokenize(text, mode="default", HMM=True):
        if WORDLIKE.search(word):
            yield word, start, end, position
            position += 1
        elif not word.isspace():
            position += 1


RUN_END = "\u2028"  # never inside a search form (it is whitespace): a gram "X" + RUN_END ends a segment


class _TokenizerBase(Tokenizer):
    def _emit(self, spans, positions, chars, start_pos, start_char, boost, **kwargs):
        token = Token(positions, chars, removestops=False, boost=boost, **kwargs)
        for text, start, end, pos in spans:
            token.text = text
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class ChineseWordTokenizer(_TokenizerBase):
    """jieba precise-mode words; in ``index`` mode also dictionary sub-words at the same position."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        text = normalize(value)
        spans = word_spans(text)
        if mode == "index":
            spans = self._with_subwords(spans)
        return self._emit(spans, positions, chars, start_pos, start_char, 1.0, mode=mode)

    @staticmethod
    def _with_subwords(spans):
        for word, start, end, pos in spans:
            yield word, start, end, pos
            for offset, sub in dictionary_subwords(word):
                yield sub, start + offset, start + offset + len(sub), pos


class CJKBigramTokenizer(_TokenizerBase):
    """The grams of a search form (the field's own index() counts them directly; this is the
    analyzer Whoosh's query parser and tools see)."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        spans = ((gram, i, i + 2, i) for i, gram in enumerate(form_grams(search_form(value))))
        return self._emit(spans, positions, chars, start_pos, start_char, 1.0, mode=mode)


# A bare Tokenizer is a complete Whoosh analyzer; no filters: no stemming, no stop words.
WORDS = ChineseWordTokenizer()
BIGRAMS = CJKBigramTokenizer()


def query_words(piece: str) -> list[str]:
    """Precise-mode words of a normalised query piece (no sub-words: they would over-match)."""
    return [w for w, _s, _e, _p in word_spans(piece)]
