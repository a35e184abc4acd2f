"""The parser's bounds: a text larger than it can afford is refused before parsing starts; the
superlinear printer-spread repair runs only within its size and work budget (a larger text is
read as it comes, with a warning); memory grows linearly with the input."""
import random
import time
import tracemalloc
from pathlib import Path

import pytest

import bulletin.ingest.order as order
import bulletin.ingest.pdf as pdf
import bulletin.ingest.pipeline as pipeline
import bulletin.ingest.spreads as spreads
from bulletin.ingest import IngestError, parse_bulletin
from bulletin.ingest.limits import MAX_TEXT_BYTES
from tests import pdf_factory as pf
from tests.synthetic_bulletin import Layout, random_bulletin, render

SAMPLE = Path(__file__).resolve().parent.parent.parent / "samples" / "jilin-gazette-2024-01.txt"
IN_ORDER = Layout(booklet=False, shuffle_columns=False, duplicate=False, sheet_space=False, column_space=0.0)


def test_a_text_above_the_limit_is_refused_before_decoding():
    data = b"\xff" * (MAX_TEXT_BYTES + 1)  # not text in any encoding: decoding would say so
    start = time.perf_counter()
    with pytest.raises(IngestError) as info:
        parse_bulletin(data, "huge.txt")
    assert time.perf_counter() - start < 2
    assert str(info.value) == "huge.txt: 文本有 16.0 MB，超过解析器一次能处理的 16.0 MB：请按期拆分后再导入"


def test_a_pdf_with_more_pages_than_allowed_is_refused(monkeypatch):
    data = pf.render_pdf(pf.layout(pf.sample_document(seed=1, articles=1)))
    monkeypatch.setattr(pdf, "MAX_PDF_PAGES", 1)
    with pytest.raises(IngestError) as info:
        parse_bulletin(data, "long.pdf")
    assert str(info.value).startswith("long.pdf: PDF 有 ") and "超过解析器一次能处理的 1 页" in str(info.value)


def titles(parsed):
    return [a.title for a in parsed.articles]


def test_spread_repair_runs_on_the_sample_within_its_limits():
    parsed = parse_bulletin(SAMPLE.read_bytes(), "sample.txt")
    assert len(parsed.articles) == 2 and parsed.articles[1].title == "政府工作报告"
    assert not any("按提取顺序读入" in w for w in parsed.warnings)


@pytest.mark.parametrize("module, name, value, says", [
    (pipeline, "MAX_SPREAD_CHARS", 1000, "个字符，超过印刷拼版顺序修复能处理的 1000 个"),
    (spreads, "MAX_SPREAD_COLUMNS", 10, "栏，超过印刷拼版顺序修复能处理的 10 栏"),
])
def test_a_spread_extraction_above_the_repair_limits_is_read_as_it_comes_with_a_warning(monkeypatch, module, name, value, says):
    monkeypatch.setattr(module, name, value)
    parsed = parse_bulletin(SAMPLE.read_bytes(), "sample.txt")
    assert says in parsed.warnings[0] and parsed.warnings[0].endswith("按提取顺序读入，请核对阅读顺序")
    assert parsed.articles and parsed.gazette == "吉林市人民政府公报"


def test_the_reading_order_search_stops_at_its_work_budget(monkeypatch):
    scorers = []
    original = order._Scorer.__init__

    def recording(self, *args):
        original(self, *args)
        scorers.append(self)

    monkeypatch.setattr(order._Scorer, "__init__", recording)
    monkeypatch.setattr(order, "WORK_BUDGET", 2000)
    parsed = parse_bulletin(SAMPLE.read_bytes(), "sample.txt")
    assert len(parsed.articles) == 2
    searched = [s.work for s in scorers if s.work > 0]
    # Stops within one article's columns (the largest single step) past the budget.
    assert searched and max(searched) <= 2000 + 100, searched


def in_order_text(articles: int) -> bytes:
    rng = random.Random(5)
    return render(random_bulletin(rng, articles=articles, sections=4), IN_ORDER, rng).encode("utf-8")


def peak_bytes(data: bytes) -> int:
    tracemalloc.start()
    try:
        parse_bulletin(data, "big.txt")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_grows_linearly_with_the_input():
    small, large = in_order_text(15), in_order_text(60)
    ratio = len(large) / len(small)
    assert 3 < ratio < 5
    growth = peak_bytes(large) / peak_bytes(small)
    # Linear: the peak grows like the input (a quadratic step would grow it ~16 times).
    assert growth < 1.5 * ratio, (len(small), len(large), growth)
