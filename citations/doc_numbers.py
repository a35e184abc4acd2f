"""文号 (document numbers) in running text: every printed form, one normalised key. Plain Python.

A 文号 is printed as 国办发〔2009〕3号, 京政办发[2016]26号, 京政办发(2016)26号, 豫环（2005）26号,
方征启公告﹝2022﹞4号, 国发〔2005〕第3号, 闽政[1998]文333号, 明府辦〔2015〕144號, 国函[20O0]31号 (an
OCR'd letter O), or loosely 京政办发2016年26号. All of them have the key 国办发〔2009〕3号 form:
simplified issuer code, 〔year〕, the number without 第 or leading zeros, 号.

find_mentions(text) gives each 文号 in a text with its offsets, printed text and key;
doc_number_key(text) is the key of a text that is one 文号 (an article's own, a search query).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import opencc

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_IS_CJK = re.compile(f"[{CJK}]")
MAX_PREFIX = 14  # the longest issuer code a 文号 carries (方征启公告, 京政办发 … are 2–6)
# Same-length folding (offsets stay): full-width ASCII to ASCII, ideographic space to space.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_OPEN, _CLOSE = "〔[【(﹝〖{", "〕]】)﹞〗}"
_YEAR_DIGITS = {**{c: "0" for c in "〇○零Oo"}, **{str(d): str(d) for d in range(10)}}
# 〔2009〕3号 / (2016)第26号 / [1998]文333号 — the part after the issuer code, bracketed year.
_BRACKETED = re.compile(
    rf"[{re.escape(_OPEN)}]\s*(?P<year>[0-9〇○零Oo]{{4}})\s*[{re.escape(_CLOSE)}]\s*"
    r"(?P<infix>第|文)?\s*(?P<number>[0-9]{1,5})\s*[号號]"
)
# 2016年26号, 2005年第3号 — the loose form; the code before it must end like an issuer code.
_LOOSE = re.compile(r"(?P<year>[0-9]{4})年第?(?P<number>[0-9]{1,5})[号號](?![线線楼樓院房门門路街机機车車馆館床])")
_LOOSE_CODE_END = re.compile(r"[发發函字办辦文令告复復电電规規通报報呈]$")
# Words that run into a code in prose ("根据鲁政发〔2014〕20号", "又见国办发…"): the code starts after
# the last of them. None of them occurs inside an issuer code.
_LEAD_WORDS = re.compile(
    r"^.*(?:[的和及与與或并並、]|根据|根據|依据|依據|按照|依照|参照|參照|遵照|对照|對照|执行|執行|落实|落實|"
    r"贯彻|貫徹|印发|印發|转发|轉發|引用|援引|参见|參見|详见|詳見|见|見|废止|廢止|代替|取代)"
)
_converter = opencc.OpenCC("t2s")


@dataclass(frozen=True)
class Mention:
    start: int  # offsets into the text given
    end: int
    text: str  # as printed
    key: str  # normalised: 国办发〔2009〕3号


def _fold(text: str) -> str:
    return text.translate(_WIDTH)


def _code_before(folded: str, end: int) -> str:
    """The issuer code printed right before `end`: the CJK run there (spaces inside allowed),
    without the prose words that run into it."""
    start = end
    while start > 0 and end - start < MAX_PREFIX + 4 and (_IS_CJK.match(folded[start - 1]) or folded[start - 1] == " "):
        start -= 1
    run = folded[start:end]
    run = run[len(run) - len(run.lstrip()):]  # never start on a space
    squashed = run.replace(" ", "")
    lead = _LEAD_WORDS.match(squashed)
    lead = lead.end() if lead else 0
    code = squashed[lead:][-MAX_PREFIX:]
    # Back to a suffix of the printed run (spaces kept) with the same CJK characters.
    kept, position = 0, len(run)
    while kept < len(code):
        position -= 1
        if run[position] != " ":
            kept += 1
    return run[position:]


def _key(code: str, year: str, number: str, infix: str = "") -> str | None:
    year = "".join(_YEAR_DIGITS[c] for c in year)
    if not 1900 <= int(year) <= 2099 or int(number) == 0:
        return None
    code = _converter.convert(code.replace(" ", "")) + ("文" if infix == "文" else "")
    return f"{code}〔{year}〕{int(number)}号"


def find_mentions(text: str) -> list[Mention]:
    """Every 文号 printed in `text`, in order."""
    folded = _fold(text)
    found: list[Mention] = []
    for pattern in (_BRACKETED, _LOOSE):
        for match in pattern.finditer(folded):
            code = _code_before(folded, match.start())
            if not code or (pattern is _LOOSE and not _LOOSE_CODE_END.search(code)):
                continue
            key = _key(code, match.group("year"), match.group("number"), match.groupdict().get("infix") or "")
            if key:
                start = match.start() - len(code)
                found.append(Mention(start, match.end(), text[start:match.end()], key))
    found.sort(key=lambda m: m.start)
    return [m for i, m in enumerate(found) if i == 0 or m.start >= found[i - 1].end]


def doc_number_key(text: str) -> str:
    """The key of a text that is one 文号, perhaps in brackets (（汴政〔2007〕26号）); '' otherwise."""
    stripped = _fold(text).strip().strip("()").strip()
    mentions = find_mentions(stripped)
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(stripped):
        return mentions[0].key
    return ""
