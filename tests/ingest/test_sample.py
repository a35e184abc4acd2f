"""What must hold on the real sample (吉林市人民政府公报 2024年第1期), checked through the
parse_bulletin --json contract."""
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "jilin-gazette-2024-01.txt"
ORDER = Path(__file__).resolve().parents[1] / "data" / "sample_column_order.json"

REPORT_HEADINGS = [
    (1, "一、2023年工作回顾"),
    (2, "（一）经济运行逆势上扬"),
    (2, "（二）发展动能集聚释放"),
    (2, "（三）城乡建设焕新升级"),
    (2, "（四）人民福祉更加殷实"),
    (2, "（五）政府自身建设全面加强"),
    (1, "二、2024年工作总体思路和目标任务"),
    (1, "三、2024年工作安排"),
    (2, "（一）坚定不移以科技创新推动产业转型升级"),
    (2, "（二）坚定不移落实扩大内需战略"),
    (2, "（三）坚定不移推进农业农村现代化"),
    (2, "（四）坚定不移深化改革扩大开放"),
    (2, "（五）坚定不移建设人民满意城市"),
    (2, "（六）坚定不移推进生态强市建设"),
    (2, "（七）坚定不移保障和改善民生"),
    (2, "（八）坚定不移统筹发展和安全"),
]


@pytest.fixture(scope="module")
def parsed():
    out = StringIO()
    call_command("parse_bulletin", str(SAMPLE), "--json", stdout=out)
    return json.loads(out.getvalue())


def _raw_lines():
    return [line.strip() for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def _squash(text):
    return re.sub(r"\s+", "", text)


def test_metadata(parsed):
    assert (parsed["gazette"], parsed["year"], parsed["issue"], parsed["total_issue"], parsed["published"]) == (
        "吉林市人民政府公报", 2024, 1, 255, "2024-02-15")


def test_both_articles_with_titles_and_categories(parsed):
    assert [(a["title"], a["category"]) for a in parsed["articles"]] == [
        ("实干创新担使命 奋勇争先立涛头", "卷首语"),
        ("政府工作报告", "市政府办公室文件"),
    ]
    report = parsed["articles"][1]
    assert report["subtitle"] == "——2024年1月16日在吉林市第十七届人民代表大会第四次会议上"
    assert report["speaker"] == "市长 王吉"
    # The title block's lines are blocks of their own kind too, first and once.
    assert [(b["kind"], b["text"]) for b in report["blocks"][:2]] == [
        ("subtitle", report["subtitle"]), ("speaker", report["speaker"])]


def test_report_heading_tree(parsed):
    headings = [(b["level"], b["text"]) for b in parsed["articles"][1]["blocks"] if b["kind"] == "heading"]
    assert headings == REPORT_HEADINGS


def test_paragraph_counts_as_printed(parsed):
    counts = [sum(b["kind"] == "paragraph" for b in a["blocks"]) for a in parsed["articles"]]
    # The foreword has 8 paragraphs; the report 64 (the "about 66" counts 三是…基地。 and
    # 四是…基地。 as paragraphs of their own, but their next lines run on at full width).
    assert counts == [8, 64]


def test_run_in_leads_stay_inside_their_paragraphs(parsed):
    blocks = parsed["articles"][1]["blocks"]
    texts = [b["text"] for b in blocks if b["kind"] == "paragraph"]
    assert any(t.startswith("一是聚力打造全国一流化工产业基地。紧盯") for t in texts)
    assert any(t.startswith("——聚焦空间布局合理。深入实施") for t in texts)
    assert any(t.startswith("工业经济展现韧性。加速释放百亿级企业优质产能") for t in texts)
    assert not any(b["kind"] == "heading" and ("是" == b["text"][1:2] or b["text"].startswith("——")) for b in blocks)


def test_no_furniture_or_pdf_spaces_left(parsed):
    for article in parsed["articles"]:
        for block in article["blocks"]:
            text = block["text"]
            assert "公报" not in text or "公报" in article["title"]
            assert not re.search(r"-\s*\d+\s*-", text)
            assert not re.search(r"[\u4e00-\u9fff]\s+[\dA-Za-z]|[\dA-Za-z%]\s+[\u4e00-\u9fff]", text), text
    report = "".join(b["text"] for b in parsed["articles"][1]["blocks"])
    assert "增长15.2%" in report and "单位GDP能耗" in report and "贷款2亿元以上" in report


def test_every_body_line_appears_exactly_once_in_reading_order(parsed):
    """Each column of the sample (named by its first line) must appear once, in the reading order
    derived by hand (tests/data/sample_column_order.json), with every line of it."""
    raw = _raw_lines()
    order = json.loads(ORDER.read_text(encoding="utf-8"))["articles"]
    article_text = [
        _squash(a["title"] + "".join(b["text"] for b in a["blocks"]))
        for a in parsed["articles"]
    ]
    for text, starts in zip(article_text, order):
        position = 0
        for start in starts:
            first = _squash(raw[start - 1])
            found = text.find(first, position)
            assert found >= 0, f"column starting at line {start} ({raw[start - 1]}) missing or out of order"
            assert text.count(first) == 1, f"line {start} ({raw[start - 1]}) appears more than once"
            position = found + len(first)


def test_ledger_accounts_for_every_line(parsed):
    ledger = parsed["ledger"]
    assert ledger["lines"] == len(_raw_lines()) == 1792
    assert ledger["kept"] + ledger["duplicate"] + ledger["furniture"] + ledger["front_matter"] == ledger["lines"]
    assert ledger["furniture"] == 4 and ledger["front_matter"] == 14
    # The report body is printed twice: nearly half the lines are copies.
    assert 800 < ledger["duplicate"] < 900


def test_all_sentences_kept(parsed):
    """Every character of every non-furniture, non-front-matter line of the first copy is kept:
    the multiset of characters of the output equals that of the unique input lines."""
    raw = _raw_lines()
    body = "".join(_squash(a["title"] + "".join(b["text"] for b in a["blocks"])) for a in parsed["articles"])
    # Everything from the foreword through the first copy of the report (the second copy starts
    # with the report title line, which appears only once, then repeats the rest).
    first_copy = raw[:51] + raw[67:928] + raw[1600:1601]
    assert sorted(body) == sorted("".join(_squash(x) for x in first_copy))
