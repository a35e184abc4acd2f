"""User query syntax → ParsedQuery (search.matching turns it into match sets and a ranking).

Syntax: words are ANDed; "短语" (also “…”, 「…」, 『…』) is a phrase; OR (或 |) between two
items makes an alternative; -词 excludes; year:2024 issue:1 bulletin:7 (also 年:2024 期:1)
filter. Full-width spaces, quotes, colons and minus are understood. Nothing here raises on odd
input: the worst outcome is an empty query with a message.

Matching semantics of one word or phrase (after traditional → simplified): a document matches
when it contains the text as a substring; punctuation inside an item splits it into parts that
must all occur. A phrase differs from a word only in that spaces between CJK characters inside
the quotes are ignored ("冰雪 经济" = 冰雪经济).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .analysis import CJK_CHAR, CJK_RUN, normalize

MAX_QUERY_CHARS = 200
MAX_ITEMS = 12
FILTER_FIELDS = {"year": "year", "年": "year", "年份": "year", "issue": "issue", "期": "issue",
                 "bulletin": "bulletin", "公报": "bulletin", "article": "article"}
OR_WORDS = {"OR", "或", "|", "||"}
_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "『": '"', "』": '"', "＂": '"',
                         "‘": "'", "’": "'"})
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# Punctuation and spaces split an item (CJK counts as \w); ".%+#&-" stay inside "6.7%" as jieba keeps them.
_PART_SPLIT = re.compile(r"[^\w.%+#&\-]+")
_CJK_SPACE_CJK = re.compile(rf"(?<=[{CJK_CHAR}])\s+(?=[{CJK_CHAR}])")


@dataclass
class Item:
    text: str  # normalised
    phrase: bool = False
    negated: bool = False


@dataclass
class ParsedQuery:
    groups: list[list[Item]] = field(default_factory=list)  # AND of OR-groups
    filters: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def terms_for_highlight(self) -> list[str]:
        return [item.text for group in self.groups for item in group if not item.negated]


def clean_raw(raw: str) -> tuple[str, list[str]]:
    notes = []
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in raw or "")
    text = text.translate(_QUOTES)
    text = unicodedata.normalize("NFKC", text)  # full-width ASCII, ideographic space, ：－
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notes.append(f"检索词过长，只使用了前 {MAX_QUERY_CHARS} 个字符。")
    return text, notes


def parse(raw: str) -> ParsedQuery:
    text, notes = clean_raw(raw)
    parsed = ParsedQuery(notes=notes)
    pending_or = False
    for match in _TOKEN.finditer(text):
        neg, phrase_text, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None:
            if bare in OR_WORDS:
                pending_or = bool(parsed.groups)
                continue
            key, sep, value = bare.partition(":")
            if sep and key.lower() in FILTER_FIELDS:
                if value.isdigit() and len(value) <= 9:
                    parsed.filters[FILTER_FIELDS[key.lower()]] = int(value)
                else:
                    parsed.notes.append(f"筛选条件“{bare}”无效，已忽略。")
                continue
            neg = "-" if bare.startswith("-") and len(bare) > 1 else ""
            item = Item(normalize(bare.lstrip("-") if neg else bare), phrase=False, negated=bool(neg))
        else:
            item = Item(normalize(phrase_text), phrase=True, negated=bool(neg))
        if not _PART_SPLIT.sub("", item.text):
            continue  # only punctuation
        if pending_or and not item.negated:
            parsed.groups[-1].append(item)
        else:
            parsed.groups.append([item])
        pending_or = False
    if sum(len(g) for g in parsed.groups) > MAX_ITEMS:
        parsed.groups = _truncate(parsed.groups)
        parsed.notes.append(f"检索词过多，只使用了前 {MAX_ITEMS} 个。")
    return parsed


def _truncate(groups):
    kept, total = [], 0
    for group in groups:
        if total >= MAX_ITEMS:
            break
        kept.append(group[: MAX_ITEMS - total])
        total += len(kept[-1])
    return kept


def parts_of(text: str, phrase: bool) -> list[str]:
    """Pieces that must all occur. In a phrase, spaces between CJK characters are ignored."""
    if phrase:
        text = _CJK_SPACE_CJK.sub("", text)
    return [p for p in _PART_SPLIT.split(text) if p]


def script_runs(part: str) -> list[str]:
    """Split "gdp增长6.7" into CJK and non-CJK runs."""
    runs, last = [], 0
    for m in CJK_RUN.finditer(part):
        if m.start() > last:
            runs.append(part[last:m.start()])
        runs.append(m.group())
        last = m.end()
    if last < len(part):
        runs.append(part[last:])
    return runs
