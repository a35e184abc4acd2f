"""What the words of a line say it is, in an official document: 文号, subtitle, speaker, addressee,
signature, date, attachment, a title, a contents entry, a page number. Shape only, no layout: the
recogniser weighs these against what the page shows (size, bold, alignment, position).
Steps share these predicates instead of importing each other."""
from __future__ import annotations

import datetime as dt
import re

from .lines import chinese_number

CJK = r"\u3400-\u9fff\uf900-\ufaff"
# 文号: 京政办发〔2016〕26号, （国函[20O0]31号）, 明府辦〔2015〕144號, 第82号 (a 令号), 第三号
DOC_NUMBER_RE = re.compile(
    rf"^[（(]?\s*(?:[{CJK}]{{1,14}}\s*[〔\[［【(（﹝]\s*[\dOo〇○零一二三四五六七八九]{{4}}\s*[〕\]］】)）﹞]\s*第?\s*\d{{1,5}}\s*[号號]"
    rf"|第\s*[\d{'一二三四五六七八九十百零〇'}]{{1,6}}\s*[号號])\s*[）)]?$"
)
# A 文号 mentioned at the end of a title line in print: "…的通知（京政办发〔2016〕26号）" is not split.
SPEAKER_RE = re.compile(
    rf"^[{CJK}]{{0,18}}(市长|省长|区长|县长|旗长|州长|主任|书记|局长|部长|主席|秘书长|办公室"
    rf"|市長|省長|區長|縣長|旗長|州長|書記|局長|部長|秘書長|辦公室)"
    # then the holder's name, two to four characters (one character is a word's tail: …副省长职)
    rf"\s*(?:[{CJK}·]{{2,4}})?$"
)
SUBTITLE_RE = re.compile(r"^(——|--|－－|—)\s*\S")
# The recipients of a document: "各区人民政府，市政府有关部门：", "国务院：", "石英代表：".
ADDRESSEE_END_RE = re.compile(r"[：:]$")
# What the name of a body or an office holder ends with.
ORG_END_RE = re.compile(
    r"(政府|部门|部門|单位|單位|委员会|委員會|管委会|管委會|办公室|辦公室|办事处|辦事處|机构|機構|国务院|國務院|代表|主席|"
    r"总理|總理|同志|企业|企業|公司|集团|集團|院校|学校|學校|中心|街道|街道办|街道辦|[局厅廳委办辦院部署会會处處所镇鎮乡鄉区區县縣市省])$"
)
PAREN_TAIL_RE = re.compile(r"[（(][^）)]*[）)]$")
CN_YEAR = "〇○零OoＯ一二三四五六七八九"
CN_NUM = "一二三四五六七八九十〇○零"
DATE_RE = re.compile(
    rf"^[（(]?\s*(?P<y>\d{{4}}|[{CN_YEAR}]{{4}})\s*年\s*(?P<m>\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*月"
    rf"\s*(?P<d>\d{{1,2}}|[{CN_NUM}]{{1,3}})\s*日\s*(?P<rest>.{{0,14}}?)\s*[）)]?$"
)
ATTACHMENT_RE = re.compile(r"^附\s*件\s*[：:]\s*\S")
ATTACHMENT_ITEM_RE = re.compile(r"^\d{1,2}\s*[.．、]\s*\S")
ANNEX_LABEL_RE = re.compile(r"^附\s*件\s*\d{0,2}\s*[：:]?$")
# Words that end a document title, by document type.
DOC_TYPES = (
    "通知", "决定", "決定", "意见", "意見", "方案", "办法", "辦法", "规定", "規定", "细则", "細則", "批复", "批覆",
    "复函", "覆函", "函", "报告", "報告", "公告", "通告", "通报", "通報", "令", "纪要", "紀要", "答复", "答覆",
    "预案", "預案", "规则", "規則", "条例", "條例", "决议", "決議", "命令", "名单", "名單", "名录", "名錄", "批示",
    "规划", "規劃", "要点", "要點", "章程", "守则", "制度", "摘录", "摘錄", "讲话", "講話",
    # budgets and final accounts are printed as documents of their own (…年度第二補充預算)
    "预算", "預算", "决算", "決算",
)
_TITLE_END_RE = re.compile(rf"(?:{'|'.join(sorted(DOC_TYPES, key=len, reverse=True))})(?:[（(][^）)]{{1,12}}[）)])?$")
SENTENCE_PUNCT = set("。；！？;!?")
# Formulas that close a document's text (特此公告, 此复) or note it ((此件公开发布)).
CLOSING_FORMULA_RE = re.compile(r"^(特此|此复|此覆|此致|此批|此令|专此|妥否|以上|[（(]此件|[（(]本文)")
RULE_RE = re.compile(r"^[—－\-_=＝·•\s]{3,}$")
CLAUSE_PUNCT = set("，,：:")
# A contents entry: title, a leader of any kind (or a run of spaces), the start page.
TOC_LEADER_RE = re.compile(r"^(?P<title>.*?\S)\s*(?:(?:[…⋯\.·．。_\-—•]\s*){2,}|\s{2,})(?P<page>\d{1,4})$")
TOC_HEAD_RE = re.compile(r"^(CONTENTS|Contents|目\s*[录錄]|本期目[录錄])$")
PAGE_NUMBER_RE = re.compile(r"^(?:[-–—―‐~·－\s]*\d{1,4}[-–—―‐~·－\s]*|第\s*\d{1,4}\s*[页頁]|\d{1,4}\s*/\s*\d{1,4})$")


_SPACES_RE = re.compile(r"\s+")  # compiled once: squash runs on every line several times


def squash(text: str) -> str:
    return _SPACES_RE.sub("", text)


def is_doc_number(text: str) -> bool:
    return bool(DOC_NUMBER_RE.match(squash(text)))


def is_subtitle(text: str) -> bool:
    return bool(SUBTITLE_RE.match(text.strip())) and len(text.strip()) > 4


def is_speaker(text: str) -> bool:
    """An office holder and a name (市长 王吉, 东乌旗人民政府代旗长 周玉龙); not a title's line
    that happens to hold an office (…市长孔晓宏代理市长的决定), nor a sentence's words wrapped
    onto a line (…工作 / 的副市长): an office and a name hold no particle 的."""
    text = text.strip()
    compact = squash(text)
    m = SPEAKER_RE.match(compact)
    return len(compact) <= 24 and bool(m) and not ends_like_title(compact) and "的" not in compact


def is_addressee(text: str) -> bool:
    """A line of recipients ending in a colon: a list of bodies or persons (各区人民政府，市政府各
    部门：), not a sentence that leads into a list (…，特制定以下规定：)."""
    text = text.strip()
    if not ADDRESSEE_END_RE.search(text) or any(ch in SENTENCE_PUNCT for ch in text):
        return False
    body = text[:-1]
    if not 1 < len(body) <= 160 or body.startswith("各位"):
        return False  # 各位代表： greets an audience; it addresses no body
    parts = [PAREN_TAIL_RE.sub("", part) for part in re.split(r"[，,、；]", body) if part.strip()]
    named = sum(1 for part in parts if ORG_END_RE.search(part))
    return named * 2 >= len(parts) and bool(ORG_END_RE.search(parts[-1]))


def parse_date(text: str) -> dt.date | None:
    m = DATE_RE.match(squash(text))
    if not m:
        return None
    year = _cn_digits(m.group("y"))
    month, day = chinese_number(m.group("m")), chinese_number(m.group("d"))
    try:
        return dt.date(year, month, day) if year and month and day else None
    except ValueError:
        return None


def is_date_line(text: str) -> bool:
    """A date on a line of its own (a signature date), possibly with a place: 二零一二年七月五日於…
    A date in brackets under a title ((2022年1月5日)) is a note, not a signature date."""
    if text.strip()[:1] in "（(":
        return False
    m = DATE_RE.match(squash(text))
    return bool(m) and parse_date(text) is not None and (not m.group("rest") or m.group("rest")[0] in "於于在")


def _cn_digits(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
    if all(ch in digits for ch in text):
        return int("".join(str(digits[ch]) for ch in text))
    return None


def is_attachment(text: str) -> bool:
    return bool(ATTACHMENT_RE.match(text.strip()))


def is_attachment_item(text: str) -> bool:
    return bool(ATTACHMENT_ITEM_RE.match(text.strip())) and not any(ch in SENTENCE_PUNCT for ch in text)


def is_annex_label(text: str) -> bool:
    return bool(ANNEX_LABEL_RE.match(squash(text)))


def has_sentence_end(text: str) -> bool:
    return not SENTENCE_PUNCT.isdisjoint(text)


def ends_like_title(text: str) -> bool:
    """Title-shaped: it names a document type at its end (…的通知, …办法（试行）, 政府令)."""
    return bool(_TITLE_END_RE.search(squash(text)))


def doc_type_of(title: str) -> str:
    m = _TITLE_END_RE.search(squash(title))
    return m.group(0).split("（")[0].split("(")[0] if m else ""


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER_RE.match(text.strip())) and any(ch.isdigit() for ch in text)


def is_signature_text(text: str) -> bool:
    """The issuing body or office holder: a name without sentence punctuation."""
    text = text.strip()
    return (
        1 < len(squash(text)) <= 40
        and not any(ch in SENTENCE_PUNCT or ch in "，,：:、" for ch in text)
        and not is_date_line(text)
    )


def closes_unopened_mark(text: str) -> bool:
    """A mark closed before it is opened (…请示》（…）的批示): the words go on from a line above."""
    return any(d < 0 for state in _depths(text) for d in state)


def leaves_mark_open(text: str) -> bool:
    """A mark opened and not closed (《临沧市…特别规定): the words go on below."""
    states = _depths(text)
    return bool(states) and any(d > 0 for d in states[-1])


_MARKS = {"《": (0, 1), "》": (0, -1), "（": (1, 1), "）": (1, -1), "(": (1, 1), ")": (1, -1)}


def _depths(text: str) -> list[tuple[int, int]]:
    """The nesting of book-title marks and of brackets after each mark in the text."""
    depth = [0, 0]
    states = []
    for ch in text:
        if ch in _MARKS:
            kind, step = _MARKS[ch]
            depth[kind] += step
            states.append((depth[0], depth[1]))
    return states
