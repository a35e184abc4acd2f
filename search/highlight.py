"""Snippets with <mark>: Whoosh's fragmenter and formatter fed by our own analyzer's tokens.

Whoosh's stock highlight() only marks tokens equal to a query term, so 林化 inside 吉林|化纤
would stay unmarked. Here the matched tokens are the query's CJK substrings found in the text
after the index's own normalisation (exactly the matches the bigram field guarantees), plus
non-CJK query words matched against the index's word analyzer tokens.
Everything outside <mark> is HTML-escaped, and so is the marked text.
"""
from __future__ import annotations

import bisect
import html
import re

from whoosh.analysis import Token
from whoosh.highlight import BasicFragmentScorer, ContextFragmenter, Formatter, WholeFragmenter, get_text

from .analysis import CJK_CHAR, IS_CJK, normalize, query_words, word_spans
from .query import parts_of, script_runs

WHOLE_TEXT_UP_TO = 220  # chars: shorter paragraphs are shown whole
FRAGMENT_CHARS = 160
CONTEXT_CHARS = 40
MAX_FRAGMENTS = 2
_CONTEXT_TOKEN = re.compile(rf"[{CJK_CHAR}]|[^\s{CJK_CHAR}]+")


class MarkFormatter(Formatter):
    between = " … "

    def _text(self, text):
        return html.escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return f"<mark>{html.escape(get_text(text, token, replace), quote=False)}</mark>"


def _needles(terms: list[str]) -> tuple[set[str], set[str]]:
    """CJK substrings to find, and non-CJK words to match against tokens."""
    substrings, words = set(), set()
    for term in terms:
        for part in parts_of(term, phrase=True):
            for run in script_runs(part):
                if IS_CJK.match(run):
                    substrings.add(run)
                else:
                    words.update(query_words(run))
    return substrings, words


def _matched_spans(norm: str, substrings: set[str], words: set[str], word_tokens) -> list[list[int]]:
    spans = []
    for needle in substrings:
        start = norm.find(needle)
        while start >= 0:
            spans.append([start, start + len(needle)])
            start = norm.find(needle, start + 1)
    spans.extend([s, e] for w, s, e, _p in word_tokens if w in words)
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:  # overlapping or touching matches become one <mark>
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _token_stream(marked: list[list[int]], word_tokens):
    """Matched spans plus unmatched analyzer tokens, in text order, none overlapping a match."""
    tokens, i = [], 0
    for word, start, end, _pos in word_tokens:
        while i < len(marked) and marked[i][1] <= start:
            tokens.append(_token(*marked[i], True))
            i += 1
        if i < len(marked) and marked[i][0] < end:
            continue  # overlaps the next match: the match stands in for it
        tokens.append(_token(start, end, False))
    tokens.extend(_token(*span, True) for span in marked[i:])
    return tokens


def _near(position: int, marked: list[list[int]], reach: int) -> bool:
    index = bisect.bisect_left(marked, [position - reach])
    return index < len(marked) and marked[index][0] <= position + reach


def _char_tokens(norm: str):
    return [(m.group(), m.start(), m.end(), 0) for m in _CONTEXT_TOKEN.finditer(norm)]


def _token(start: int, end: int, matched: bool) -> Token:
    token = Token(chars=True, positions=False)
    token.startchar, token.endchar, token.matched, token.text = start, end, matched, ""
    return token


def highlight(text: str, terms: list[str]) -> str:
    """HTML snippet of ``text`` with the query ``terms`` marked; plain escaped text if none match."""
    if not text:
        return ""
    norm = normalize(text)  # same length as text: offsets apply to the original
    substrings, words = _needles([normalize(t) for t in terms])
    # The word analyzer is needed only to match non-CJK query words as whole tokens; otherwise
    # characters are context enough for the fragmenter, and far cheaper than segmenting.
    word_tokens = list(word_spans(norm)) if words else _char_tokens(norm)
    marked = _matched_spans(norm, substrings, words, word_tokens)
    if not marked:
        return html.escape(text[:FRAGMENT_CHARS], quote=False) + ("…" if len(text) > FRAGMENT_CHARS else "")
    if len(text) <= WHOLE_TEXT_UP_TO:
        # The whole-text fragment only looks at matched tokens.
        fragments = list(WholeFragmenter().fragment_tokens(text, [_token(*span, True) for span in marked]))
    else:
        # Context tokens matter only near a match (the fragmenter's look-back and look-ahead).
        reach = FRAGMENT_CHARS + CONTEXT_CHARS
        word_tokens = [t for t in word_tokens if _near(t[1], marked, reach)]
        tokens = _token_stream(marked, word_tokens)
        fragmenter = ContextFragmenter(maxchars=FRAGMENT_CHARS, surround=CONTEXT_CHARS, charlimit=None)
        scorer = BasicFragmentScorer()
        # Whoosh 2.7's ContextFragmenter can also emit empty fragments after a match: drop them.
        candidates = [f for f in fragmenter.fragment_tokens(text, tokens) if f.matches]
        best = sorted(range(len(candidates)), key=lambda n: -scorer(candidates[n]))[:MAX_FRAGMENTS]
        fragments = [candidates[n] for n in sorted(best)]
    snippet = MarkFormatter().format(fragments)
    if fragments and fragments[0].startchar > 0:
        snippet = "…" + snippet
    if fragments and fragments[-1].endchar < len(text):
        snippet += "…"
    return snippet
