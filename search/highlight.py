"""Faithful snippets: the source text as printed, the matched substrings marked, cut only at
clause boundaries.

A query part matches a text's search form (normalised, whitespace removed; see search.analysis):
each occurrence is mapped back to the printed text's offsets and marked there, whole (a match that
spans a printed space or line break is one mark). Nothing else is marked, no character is
replaced. A long text is cut around its matches at the nearest clause ends (，。；！？：…), the
cuts shown by "…". Everything is HTML-escaped, the marked text too.
"""
from __future__ import annotations

import html
import re

from .analysis import search_form, search_form_offsets

WHOLE_TEXT_UP_TO = 220  # chars: shorter texts are shown whole
CONTEXT_CHARS = 60  # at least this much around a match, out to a clause boundary
MAX_WINDOW_CHARS = 240  # a clause longer than this is cut inside (marked by …)
MAX_WINDOWS = 2
CLAUSE_END = re.compile(r"[，。；！？：、,;!?:\n]")


def match_spans(text: str, parts: list[str]) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of every occurrence of every part, merged where they touch."""
    form, offsets = search_form_offsets(text)
    spans = []
    for part in {search_form(p) for p in parts} - {""}:
        start = form.find(part)
        while start >= 0:
            spans.append((offsets[start], offsets[start + len(part) - 1] + 1))
            start = form.find(part, start + 1)
    spans.sort()
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _clause_start(text: str, position: int) -> int:
    """The start of the clause ``position`` lies in, looking back at least CONTEXT_CHARS."""
    floor = max(0, position - MAX_WINDOW_CHARS // 2)
    look = max(floor, position - CONTEXT_CHARS)
    for index in range(look, floor - 1, -1):
        if index == 0 or CLAUSE_END.match(text[index - 1]):
            return index
    return floor


def _clause_end(text: str, position: int) -> int:
    ceiling = min(len(text), position + MAX_WINDOW_CHARS // 2)
    look = min(ceiling, position + CONTEXT_CHARS)
    for index in range(look, ceiling + 1):
        if index >= len(text) or CLAUSE_END.match(text[index - 1]):
            return index
    return ceiling


def _render(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    out, cursor = [], start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(html.escape(text[cursor:s], quote=False))
        out.append(f"<mark>{html.escape(text[s:e], quote=False)}</mark>")
        cursor = e
    out.append(html.escape(text[cursor:end], quote=False))
    return "".join(out)


def highlight(text: str, parts: list[str]) -> str:
    """HTML snippet of ``text`` with the query ``parts`` (normalised substrings) marked."""
    if not text:
        return ""
    spans = match_spans(text, parts)
    if len(text) <= WHOLE_TEXT_UP_TO:
        return _render(text, 0, len(text), spans)
    if not spans:
        end = _clause_end(text, 0)
        return _render(text, 0, end, []) + ("…" if end < len(text) else "")
    windows: list[list[int]] = []
    for s, e in spans:
        start, end = _clause_start(text, s), _clause_end(text, e)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
            windows[-1][2] += 1
        else:
            windows.append([start, end, 1])
    best = sorted(sorted(range(len(windows)), key=lambda i: -windows[i][2])[:MAX_WINDOWS])
    pieces = ["…"] if windows[best[0]][0] > 0 else []
    for n, index in enumerate(best):
        start, end, _count = windows[index]
        if n:
            pieces.append("…")  # the text between two windows is left out
        pieces.append(_render(text, start, end, spans))
    if windows[best[-1]][1] < len(text):
        pieces.append("…")
    return "".join(pieces)
