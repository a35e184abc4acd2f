"""Read one corpus file (../shared/corpus/*.txt beside the repository, line markup) into the expected article.

Plain Python, no Django. The result is the ground truth an importer is measured against:

    {"title": str, "doc_number": str, "subtitle": str, "speaker": str, "addressee": str,
     "issuer": str, "signed_on": "YYYY-MM-DD" | None,
     "blocks": [{"kind": ..., "text": ...}, {"kind": "heading", "level": 1, "text": ...},
                {"kind": "table", "rows": [[...], ...], "text": "a b\\nc d"}, ...]}

The title is not repeated as a block.
"""
from __future__ import annotations

import re
from pathlib import Path

PREFIXES = [
    ("@文号 ", "doc_number"),
    ("@主送 ", "addressee"),
    ("@副标题 ", "subtitle"),
    ("@署名 ", "speaker"),
    ("@落款 ", "signature"),
    ("@日期 ", "date"),
    ("@附件 ", "attachment"),
    ("> ", "doc_title"),
]

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "０": 0, "Ｏ": 0, "◯": 0,
              "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6,
              "柒": 7, "捌": 8, "玖": 9, "两": 2, "兩": 2}
_DIGIT_CLASS = "0-9０-９" + "".join(k for k in _CN_DIGITS)
_DATE_RE = re.compile(
    rf"([{_DIGIT_CLASS}]{{4}})\s*年\s*([{_DIGIT_CLASS}十拾]{{1,3}})\s*月\s*([{_DIGIT_CLASS}十拾廿卅]{{1,4}})\s*[日号]")


def _number(s: str) -> int | None:
    """'2003' / '二〇〇三' (digit by digit) or '十二' / '二十六' / '廿一' (positional)."""
    s = s.strip()
    if not s:
        return None
    if all(c.isdigit() for c in s):
        return int(s.translate({ord(c): ord("0") + i for i, c in enumerate("０１２３４５６７８９")}))
    s = s.replace("拾", "十").replace("廿", "二十").replace("卅", "三十")
    if "十" in s:
        head, _, tail = s.partition("十")
        if "十" in tail:
            return None
        tens = 1 if head == "" else _CN_DIGITS.get(head) if len(head) == 1 else None
        units = 0 if tail == "" else _CN_DIGITS.get(tail) if len(tail) == 1 else None
        if tens is None or units is None:
            return None
        return tens * 10 + units
    value = 0
    for c in s:
        if c.isdigit():
            d = int(c) if c.isascii() else "０１２３４５６７８９".index(c)
        elif c in _CN_DIGITS:
            d = _CN_DIGITS[c]
        else:
            return None
        value = value * 10 + d
    return value


def parse_date(text: str) -> str | None:
    """First 'Y年M月D日' in text as ISO YYYY-MM-DD, Arabic or Chinese numerals; None if none/invalid."""
    import datetime as dt
    m = _DATE_RE.search(text or "")
    if not m:
        return None
    y, mo, d = (_number(g) for g in m.groups())
    if None in (y, mo, d):
        return None
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def _cells(line: str) -> list[str]:
    inner = line.strip()
    assert inner.startswith("|") and inner.endswith("|"), line
    return [c.strip() for c in inner[1:-1].split("|")]


def table_text(rows: list[list[str]]) -> str:
    return "\n".join(" ".join(row) for row in rows)


def parse_lines(lines: list[str]) -> dict:
    title = ""
    blocks: list[dict] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if line.startswith("# "):
            if not title:
                title = line[2:].strip()
                continue
        m = re.match(r"^(#{2,5}) (.*)$", line)
        if m:
            blocks.append({"kind": "heading", "level": len(m.group(1)) - 1, "text": m.group(2).strip()})
            continue
        if line.startswith("|") and line.rstrip().endswith("|"):
            row = _cells(line)
            if blocks and blocks[-1]["kind"] == "table" and blocks[-1].get("_open"):
                blocks[-1]["rows"].append(row)
            else:
                blocks.append({"kind": "table", "rows": [row], "_open": True})
            continue
        for prefix, kind in PREFIXES:
            if line.startswith(prefix):
                blocks.append({"kind": kind, "text": line[len(prefix):].strip()})
                break
        else:
            blocks.append({"kind": "paragraph", "text": line.strip()})
    for b in blocks:
        if b["kind"] == "table":
            b.pop("_open", None)
            b["text"] = table_text(b["rows"])
    # close table runs: a table block is open only until a non-row line follows
    def first(kind: str) -> str:
        return next((b["text"] for b in blocks if b["kind"] == kind), "")
    date = first("date")
    return {
        "title": title,
        "doc_number": first("doc_number"),
        "subtitle": first("subtitle"),
        "speaker": first("speaker"),
        "addressee": first("addressee"),
        "issuer": first("signature"),
        "signed_on": parse_date(date) if date else None,
        "blocks": blocks,
    }


def read_markup(path) -> dict:
    return parse_lines(Path(path).read_text(encoding="utf-8").splitlines())
