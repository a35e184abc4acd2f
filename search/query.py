"""User query syntax → ParsedQuery (search.matching turns it into match sets and a ranking).

Syntax: words are ANDed; "短语" (also “…”, 「…」, 『…』) is a phrase; OR (或 |) between two
items makes an alternative; -词 excludes; filters: year:2024 issue:1 bulletin:7 article:9 (also
年: 期:), gazette:jilin (刊物:), type:通知 (文种:), issuer:… (发文机关:), category:… (栏目:),
kind:表格 (类型:), from:2024-01 to:2024-06 (published), signed_from: signed_to: (成文日期). A query
of filters alone lists that set. Full-width spaces, quotes, colons and minus are understood.
Nothing here raises on odd input: the worst outcome is an empty query with a message.

Matching semantics of one word or phrase (after normalisation: traditional → simplified, width,
case, every bracket as 〔〕, whitespace ignored): a document matches when it contains the part as a
substring, in order, across scripts (基站5G is not 5G基站). Outside quotes, punctuation splits a
word into parts that must all occur; inside quotes everything binds ("6.7%增长", "冰雪 经济").
A 文号 written loosely (京政办发2016年26号) also looks for its printed form 京政办发〔2016〕26号.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from citations.doc_numbers import doc_number_key

from .analysis import CLOSE_BRACKET, OPEN_BRACKET, normalize

MAX_QUERY_CHARS = 200
MAX_ITEMS = 12
NUMBER_FILTERS = {"year": "year", "年": "year", "年份": "year", "issue": "issue", "期": "issue",
                  "bulletin": "bulletin", "article": "article"}
WORD_FILTERS = {"gazette": "gazette", "刊物": "gazette", "公报": "gazette", "type": "doc_type", "文种": "doc_type",
                "issuer": "issuer", "发文机关": "issuer", "category": "category", "栏目": "category",
                "kind": "kind", "类型": "kind"}
RANGE_FILTERS = {"from": ("published", 0), "起": ("published", 0), "to": ("published", 1), "止": ("published", 1),
                 "signed_from": ("signed", 0), "signed_to": ("signed", 1)}
DATE_RE = re.compile(r"^(\d{4})(?:[-./年](\d{1,2}))?(?:[-./月](\d{1,2}))?日?$")
OR_WORDS = {"OR", "或", "|", "||"}
_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "『": '"', "』": '"', "＂": '"',
                         "‘": "'", "’": "'"})
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# Outside quotes, punctuation and spaces split an item (CJK counts as \w); ".%+#&-" stay inside
# "6.7%" as printed, and brackets inside a 文号 or a numbering (〔2016〕, 〔一〕).
_PART_SPLIT = re.compile(rf"[^\w.%+#&\-{OPEN_BRACKET}{CLOSE_BRACKET}]+")


@dataclass
class Item:
    text: str  # normalised
    phrase: bool = False
    negated: bool = False


@dataclass
class ParsedQuery:
    groups: list[list[Item]] = field(default_factory=list)  # AND of OR-groups
    filters: dict[str, int | str] = field(default_factory=dict)
    ranges: dict[str, list[int]] = field(default_factory=dict)  # column -> [low, high], inclusive
    notes: list[str] = field(default_factory=list)
    doc_number: str = ""  # the printed form of a 文号-shaped query, ranked first

    @property
    def has_filters(self) -> bool:
        return bool(self.filters or self.ranges)

    def terms_for_highlight(self) -> list[str]:
        """The substrings a hit is marked at: every part of every positive item."""
        return [part for group in self.groups for item in group if not item.negated
                for part in parts_of(item.text, item.phrase)]


def clean_raw(raw: str) -> tuple[str, list[str]]:
    notes = []
    text = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in raw or "")
    text = text.translate(_QUOTES)
    text = unicodedata.normalize("NFKC", text)  # full-width ASCII, ideographic space, ：－
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notes.append(_("检索词过长，只使用了前 %(n)d 个字符。") % {"n": MAX_QUERY_CHARS})
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
            if sep and _add_filter(parsed, key.lower(), value):
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
        printed = doc_number_key(item.text)
        if printed and not item.negated:
            parsed.doc_number = printed
            if printed != item.text:
                parsed.groups[-1].append(Item(printed, phrase=True))
    if sum(len(g) for g in parsed.groups) > MAX_ITEMS:
        parsed.groups = _truncate(parsed.groups)
        parsed.notes.append(_("检索词过多，只使用了前 %(n)d 个。") % {"n": MAX_ITEMS})
    return parsed


def _add_filter(parsed: ParsedQuery, key: str, value: str) -> bool:
    """Record a key:value filter; False when the key is not a filter (then it is a search word)."""
    if key in NUMBER_FILTERS:
        if value.isdigit() and len(value) <= 9:
            parsed.filters[NUMBER_FILTERS[key]] = int(value)
        else:
            parsed.notes.append(_("筛选条件“%(key)s:%(value)s”无效（应为数字），已忽略。") % {"key": key, "value": value})
        return True
    if key in WORD_FILTERS:
        if value:
            parsed.filters[WORD_FILTERS[key]] = value if WORD_FILTERS[key] == "gazette" else normalize(value)
        else:
            parsed.notes.append(_("筛选条件“%(key)s:”没有值，已忽略。") % {"key": key})
        return True
    if key in RANGE_FILTERS:
        column, end = RANGE_FILTERS[key]
        bound = date_bound(value, end)
        if bound is None:
            parsed.notes.append(_("日期“%(value)s”无法识别（应为 2024、2024-03 或 2024-03-15），已忽略。") % {"value": value})
        else:
            parsed.ranges.setdefault(column, [0, 99999999])[end] = bound
        return True
    return False


def date_bound(value: str, end: int) -> int | None:
    """yyyymmdd for a date, month or year; the first day of it (end=0) or the last (end=1)."""
    match = DATE_RE.match(value.strip())
    if not match:
        return None
    year, month, day = int(match.group(1)), match.group(2), match.group(3)
    if month is None:
        return year * 10000 + (1231 if end else 101)
    month = int(month)
    if not 1 <= month <= 12:
        return None
    if day is None:
        return year * 10000 + month * 100 + (31 if end else 1)
    day = int(day)
    return year * 10000 + month * 100 + day if 1 <= day <= 31 else None


def _truncate(groups):
    kept, total = [], 0
    for group in groups:
        if total >= MAX_ITEMS:
            break
        kept.append(group[: MAX_ITEMS - total])
        total += len(kept[-1])
    return kept


def parts_of(text: str, phrase: bool) -> list[str]:
    """Substrings that must all occur. A phrase is one, its spaces ignored (as in the text's
    search form); a word is split at punctuation."""
    if phrase:
        bound = "".join(text.split())
        return [bound] if bound else []
    return [p for p in _PART_SPLIT.split(text) if p]
