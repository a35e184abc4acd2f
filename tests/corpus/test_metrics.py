"""bench/corpus_metrics.score() on hand-made expectations and parses, with answers worked out by hand;
and bench/evaluate.run() on a small corpus directory with a fake importer."""
import copy
import json

import pytest

from .bench_modules import load_bench


metrics = load_bench("corpus_metrics", "corpus_metrics.py")
evaluate = load_bench("bench_evaluate", "evaluate.py")
score = metrics.score

# Article 1: 11 paragraph-like blocks overall (7 here + 4 in article 2), 2 headings, 1 table.
# Sentences: doc_number 1, addressee 1, paragraph 2, heading 1, paragraph 2, heading 1, paragraph 1,
# table 2 (one per line), signature 1, date 1 = 13; article 2: subtitle 1, speaker 1, 1, 1 = 4. 17 in all.
EXPECTED = {
    "gazette": "临沧市人民政府公报",
    "year": 2024,
    "issue": 3,
    "total_issue": 120,
    "published": "2024-03-15",
    "furniture": ["临沧市人民政府公报 2024·3"],
    "start_pages": {"a4": [3, 7], "booklet": [2, 4]},
    "articles": [
        {
            "title": "临沧市人民政府关于印发工作方案的通知",
            "category": "市政府文件",
            "start_page": 3,
            "doc_number": "临政发〔2024〕5号",
            "subtitle": "",
            "speaker": "",
            "addressee": "各县（区）人民政府，市直各委、办、局：",
            "issuer": "临沧市人民政府",
            "signed_on": "2024年3月1日",
            "blocks": [
                {"kind": "doc_number", "text": "临政发〔2024〕5号"},
                {"kind": "addressee", "text": "各县（区）人民政府，市直各委、办、局："},
                {"kind": "paragraph", "text": "现将方案印发给你们。请认真贯彻执行！"},
                {"kind": "heading", "level": 1, "text": "一、总体要求"},
                {"kind": "paragraph", "text": "坚持稳中求进。推动高质量发展；"},
                {"kind": "heading", "level": 2, "text": "（一）主要目标"},
                {"kind": "paragraph", "text": "到2025年，全市 GDP 增长6%。"},
                {"kind": "table", "rows": [["指标", "目标"], ["GDP", "6%"]], "text": "指标 目标\nGDP 6%"},
                {"kind": "signature", "text": "临沧市人民政府"},
                {"kind": "date", "text": "2024年3月1日"},
            ],
        },
        {
            "title": "在全市经济工作会议上的讲话",
            "category": "领导讲话",
            "start_page": 7,
            "doc_number": "",
            "subtitle": "——在全市经济工作会议上的讲话",
            "speaker": "张三",
            "addressee": "",
            "issuer": "",
            "signed_on": "",
            "blocks": [
                {"kind": "subtitle", "text": "——在全市经济工作会议上的讲话"},
                {"kind": "speaker", "text": "张三"},
                {"kind": "paragraph", "text": "同志们：今天召开全市经济工作会议。"},
                {"kind": "paragraph", "text": "大家辛苦了！"},
            ],
        },
    ],
}


def perfect_parse() -> dict:
    """What the importer should print for EXPECTED (its JSON contract, white space as a PDF gives it)."""
    parsed = {key: EXPECTED[key] for key in ("gazette", "year", "issue", "total_issue", "published")}
    parsed["articles"] = []
    for article in EXPECTED["articles"]:
        out = {key: value for key, value in article.items() if key != "blocks"}
        out["blocks"] = []
        for block in article["blocks"]:
            block = dict(block)
            if block["kind"] == "heading":
                block["number"] = block["text"].split("、")[0] + "、" if "、" in block["text"] else "（一）"
            out["blocks"].append(block)
        parsed["articles"].append(out)
    parsed["articles"][0]["blocks"][6]["text"] = "到2025年，全市GDP增长6%。"  # white space differs: same text
    parsed.update(toc=[], ledger={}, warnings=[])
    return parsed


def blocks(parsed, article=0):
    return parsed["articles"][article]["blocks"]


def fractions(result, *names):
    return {name: tuple(result["fractions"][name]) for name in names}


def test_perfect_parse_scores_one_everywhere():
    result = score(EXPECTED, perfect_parse(), "a4.pdf")
    for name in metrics.RATIOS:
        assert result[name] == 1.0, name
    assert result["sentences"] == 17
    assert fractions(result, "sentence_recall", "order", "para_recall", "para_precision", "headings", "tables") == {
        "sentence_recall": (17, 17),
        "order": (16, 16),
        "para_recall": (11, 11),
        "para_precision": (11, 11),
        "headings": (2, 2),
        "tables": (1, 1),
    }
    assert fractions(result, "metadata", "bulletin_metadata", "start_pages", "kind_accuracy") == {
        "metadata": (12, 12),
        "bulletin_metadata": (5, 5),
        "start_pages": (2, 2),
        "kind_accuracy": (11, 11),
    }
    for name in ("crash", "extra_articles", "duplicates", "radicals", "furniture"):
        assert result[name] == 0, name


def test_split_paragraph_lowers_paragraph_scores_but_keeps_sentences():
    parsed = perfect_parse()
    blocks(parsed)[4:5] = [{"kind": "paragraph", "text": "坚持稳中求进。"}, {"kind": "paragraph", "text": "推动高质量发展；"}]
    result = score(EXPECTED, parsed)
    assert fractions(result, "para_recall", "para_precision") == {"para_recall": (10, 11), "para_precision": (10, 12)}
    assert result["sentence_recall"] == 1.0
    assert result["order"] == 1.0
    assert result["duplicates"] == 0
    assert result["details"]["missing_paragraphs"] == ["坚持稳中求进。推动高质量发展；"]
    assert result["details"]["extra_paragraphs"] == ["坚持稳中求进。", "推动高质量发展；"]


def test_merged_paragraphs_lose_both_and_sentences_stay():
    parsed = perfect_parse()
    speech = blocks(parsed, 1)
    speech[2:4] = [{"kind": "paragraph", "text": "同志们：今天召开全市经济工作会议。大家辛苦了！"}]
    result = score(EXPECTED, parsed)
    assert fractions(result, "para_recall", "para_precision") == {"para_recall": (9, 11), "para_precision": (9, 10)}
    assert result["sentence_recall"] == 1.0


def test_swapped_paragraphs_lower_order():
    parsed = perfect_parse()
    speech = blocks(parsed, 1)
    speech[2], speech[3] = speech[3], speech[2]
    result = score(EXPECTED, parsed)
    # 17 sentences, 16 consecutive pairs; only 同志们… -> 大家辛苦了！ now runs backwards.
    assert fractions(result, "order") == {"order": (15, 16)}
    assert result["order"] == pytest.approx(15 / 16)
    assert result["sentence_recall"] == 1.0
    assert result["para_recall"] == 1.0 and result["para_precision"] == 1.0


def test_article_order_counts_in_order():
    parsed = perfect_parse()
    parsed["articles"].reverse()
    result = score(EXPECTED, parsed)
    # Pairs inside each article keep their order; the one pair across the articles (date -> subtitle) breaks.
    assert fractions(result, "order") == {"order": (15, 16)}
    assert result["articles"] == 1.0


def test_duplicated_paragraph_counts_duplicates():
    parsed = perfect_parse()
    blocks(parsed).insert(3, dict(blocks(parsed)[2]))  # 现将方案印发给你们。请认真贯彻执行！ twice
    result = score(EXPECTED, parsed)
    assert result["duplicates"] == 2  # two sentences, each once too many
    assert sorted(result["details"]["duplicate_sentences"]) == ["现将方案印发给你们。", "请认真贯彻执行！"]
    assert result["sentence_recall"] == 1.0
    assert result["order"] == 1.0  # the occurrence that keeps the order is chosen
    assert fractions(result, "para_recall", "para_precision") == {"para_recall": (11, 11), "para_precision": (11, 12)}


def test_repeated_sentence_is_not_a_duplicate_when_printed_twice():
    expected = copy.deepcopy(EXPECTED)
    expected["articles"][1]["blocks"].append({"kind": "paragraph", "text": "大家辛苦了！"})
    parsed = perfect_parse()
    blocks(parsed, 1).append({"kind": "paragraph", "text": "大家辛苦了！"})
    result = score(expected, parsed)
    assert result["duplicates"] == 0
    assert result["order"] == 1.0  # the two equal sentences map to their two distinct occurrences
    assert result["para_recall"] == 1.0 and result["para_precision"] == 1.0


def test_radical_character_is_counted():
    parsed = perfect_parse()
    blocks(parsed)[3]["text"] = "\u2f00、总体要求"  # KANGXI RADICAL ONE for 一
    blocks(parsed)[8]["text"] = "临沧市人民政府\uf900"  # a compatibility ideograph
    result = score(EXPECTED, parsed)
    assert result["radicals"] == 2
    assert result["details"]["radicals"] == ["\u2f00", "\uf900"]
    # No character is rewritten: the radical does not stand for 一 (the signature's sentence is still
    # inside its block's text; only the heading's is lost).
    assert fractions(result, "headings", "sentence_recall") == {"headings": (1, 2), "sentence_recall": (16, 17)}
    assert result["details"]["missing_sentences"] == ["一、总体要求"]


def test_page_number_and_running_head_blocks_count_as_furniture():
    parsed = perfect_parse()
    blocks(parsed).insert(5, {"kind": "paragraph", "text": "— 3 —"})
    blocks(parsed, 1).insert(0, {"kind": "paragraph", "text": "临沧市人民政府公报 2024·3"})
    blocks(parsed, 1).append({"kind": "paragraph", "text": "第 8 页"})
    blocks(parsed, 1).append({"kind": "paragraph", "text": "12"})
    blocks(parsed, 1).append({"kind": "paragraph", "text": "- 9 -"})
    result = score(EXPECTED, parsed)
    assert result["furniture"] == 5
    assert result["para_precision"] == pytest.approx(11 / 16)
    assert result["para_recall"] == 1.0


def test_running_head_inside_a_paragraph_counts_as_furniture():
    parsed = perfect_parse()
    blocks(parsed, 1)[3]["text"] = "大家辛苦了！临沧市人民政府公报2024·3"
    assert score(EXPECTED, parsed)["furniture"] == 1


def test_running_head_words_printed_in_the_text_are_not_furniture():
    expected = copy.deepcopy(EXPECTED)
    expected["furniture"] = ["临沧市人民政府公报", "临沧市人民政府公报 2024·3", "经济工作"]
    parsed = perfect_parse()
    assert score(expected, parsed)["furniture"] == 0
    # 经济工作 is in the subtitle and a paragraph; a paragraph cut in two still holds it once.
    blocks(parsed, 1)[2:3] = [{"kind": "paragraph", "text": "同志们："}, {"kind": "paragraph", "text": "今天召开全市经济工作会议。"}]
    assert score(expected, parsed)["furniture"] == 0
    # Once more than printed is a running head left in the text; the longer head counts once.
    blocks(parsed, 1)[-1]["text"] = "大家辛苦了！经济工作"
    blocks(parsed, 1).append({"kind": "paragraph", "text": "临沧市人民政府公报 2024·3"})
    blocks(parsed, 1).append({"kind": "paragraph", "text": "临沧市人民政府公报 2024·3 同志们"})
    result = score(expected, parsed)
    assert result["furniture"] == 3
    # The debugging list names every block that may hold one (the cut paragraph is a suspect too).
    assert result["details"]["furniture_blocks"][0] == "临沧市人民政府公报2024·3"
    assert {"大家辛苦了！经济工作", "临沧市人民政府公报2024·3同志们"} <= set(result["details"]["furniture_blocks"])


def test_heading_at_wrong_level_misses():
    parsed = perfect_parse()
    blocks(parsed)[5]["level"] = 3
    result = score(EXPECTED, parsed)
    assert fractions(result, "headings", "heading_precision") == {"headings": (1, 2), "heading_precision": (1, 2)}
    assert result["details"]["missing_headings"] == [("（一）主要目标", 2)]
    assert result["details"]["extra_headings"] == [("（一）主要目标", 3)]
    assert result["sentence_recall"] == 1.0


def test_heading_as_paragraph_misses_heading_and_paragraph_kind_is_checked():
    parsed = perfect_parse()
    blocks(parsed)[3] = {"kind": "paragraph", "text": "一、总体要求"}
    blocks(parsed)[8]["kind"] = "paragraph"  # the signature comes out as a paragraph
    result = score(EXPECTED, parsed)
    assert fractions(result, "headings", "heading_precision") == {"headings": (1, 2), "heading_precision": (1, 1)}
    assert fractions(result, "kind_accuracy") == {"kind_accuracy": (10, 11)}
    assert result["details"]["kind_errors"] == [{"text": "临沧市人民政府", "expected": "signature", "parsed": "paragraph"}]


def test_missing_article_lowers_articles():
    parsed = perfect_parse()
    del parsed["articles"][1]
    result = score(EXPECTED, parsed)
    assert fractions(result, "articles") == {"articles": (1, 2)}
    assert result["details"]["missing_articles"] == ["在全市经济工作会议上的讲话"]
    assert result["extra_articles"] == 0
    assert fractions(result, "sentence_recall", "para_recall", "metadata") == {
        "sentence_recall": (13, 17),
        "para_recall": (7, 11),
        "metadata": (6, 6),  # only the matched article's fields are compared
    }


def test_wrong_title_is_a_missing_and_an_extra_article():
    parsed = perfect_parse()
    parsed["articles"][1]["title"] = "在全市经济工作会议上的讲 话"  # white space does not matter
    parsed["articles"][0]["title"] = "临沧市人民政府关于印发工作方案的通知（试行）"
    result = score(EXPECTED, parsed)
    assert fractions(result, "articles") == {"articles": (1, 2)}
    assert result["extra_articles"] == 1


def test_metadata_fields_compared_without_white_space():
    parsed = perfect_parse()
    first = parsed["articles"][0]
    first["doc_number"] = "临政发〔2024〕6号"  # wrong
    first["issuer"] = "临沧市 人民政府"  # right
    del first["addressee"]  # a missing key is "": wrong here
    del parsed["articles"][1]["issuer"]  # "" expected: right
    parsed["total_issue"] = None  # wrong
    result = score(EXPECTED, parsed)
    assert fractions(result, "metadata", "bulletin_metadata") == {"metadata": (10, 12), "bulletin_metadata": (4, 5)}
    assert {(e["title"], e["field"]) for e in result["details"]["metadata_errors"]} == {
        ("临沧市人民政府关于印发工作方案的通知", "doc_number"),
        ("临沧市人民政府关于印发工作方案的通知", "addressee"),
        ("(bulletin)", "total_issue"),
    }


def test_table_rows_must_match_cell_by_cell():
    parsed = perfect_parse()
    blocks(parsed)[7] = {"kind": "table", "rows": [["指标", "目标"], ["GDP", "6 %"]], "text": "指标 目标\nGDP 6 %"}
    assert score(EXPECTED, parsed)["tables"] == 1.0  # white space in a cell does not matter
    blocks(parsed)[7] = {"kind": "table", "rows": [["指标", "目标", "GDP", "6%"]], "text": "指标 目标 GDP 6%"}
    result = score(EXPECTED, parsed)
    assert fractions(result, "tables") == {"tables": (0, 1)}  # rows cut wrong…
    assert result["sentence_recall"] == 1.0  # …though both printed lines are inside the block's text
    blocks(parsed)[7] = {"kind": "table", "rows": [["指标", "目标"], ["GDP", "7%"]], "text": "指标 目标\nGDP 7%"}
    result = score(EXPECTED, parsed)
    assert fractions(result, "tables", "sentence_recall") == {"tables": (0, 1), "sentence_recall": (16, 17)}
    assert result["details"]["missing_tables"] == [[["指标", "目标"], ["GDP", "6%"]]]
    # A table printed as a paragraph: its lines are found, it is no table, and it is an extra paragraph.
    blocks(parsed)[7] = {"kind": "paragraph", "text": "指标目标\nGDP6%"}
    result = score(EXPECTED, parsed)
    assert result["sentence_recall"] == 1.0
    assert fractions(result, "tables", "para_precision") == {"tables": (0, 1), "para_precision": (11, 12)}


def test_categories_as_the_contents_print_them_and_none_without_contents():
    parsed = perfect_parse()
    assert fractions(score(EXPECTED, parsed, "a4.pdf"), "categories") == {"categories": (2, 2)}
    parsed["articles"][1]["category"] = "市政府文件"  # the first article's category carried on
    result = score(EXPECTED, parsed, "twocol.txt")
    assert fractions(result, "categories") == {"categories": (1, 2)}
    assert result["details"]["wrong_categories"] == [(EXPECTED["articles"][1]["title"], "市政府文件")]
    # Without a contents page the bulletin prints no category: none is right, the markup's is not.
    assert fractions(score(EXPECTED, perfect_parse(), "a4-notoc.txt"), "categories") == {"categories": (0, 2)}
    for article in parsed["articles"]:
        article["category"] = ""
    assert fractions(score(EXPECTED, parsed, "a4-notoc.pdf"), "categories") == {"categories": (2, 2)}


def test_start_pages_per_layout():
    parsed = perfect_parse()
    assert fractions(score(EXPECTED, parsed, "booklet.pdf"), "start_pages") == {"start_pages": (0, 2)}
    assert fractions(score(EXPECTED, parsed, "a4.layout.txt"), "start_pages") == {"start_pages": (2, 2)}
    assert fractions(score(EXPECTED, parsed, "radicals.txt"), "start_pages") == {"start_pages": (0, 0)}


def test_crash_counts_and_recalls_nothing():
    result = score(EXPECTED, None)
    assert result["crash"] == 1
    assert fractions(result, "sentence_recall", "articles", "para_recall", "headings", "bulletin_metadata") == {
        "sentence_recall": (0, 17),
        "articles": (0, 2),
        "para_recall": (0, 11),
        "headings": (0, 2),
        "bulletin_metadata": (0, 5),
    }


def test_characters_are_never_rewritten():
    parsed = perfect_parse()
    blocks(parsed)[6]["text"] = "到２０２５年，全市GDP增长6%。"  # full-width digits are other characters
    result = score(EXPECTED, parsed)
    assert fractions(result, "sentence_recall", "para_recall") == {"sentence_recall": (16, 17), "para_recall": (10, 11)}


def test_sentence_split_keeps_marks_and_closing_quotes():
    assert metrics.split_sentences("他说：“好。”然后走了；再见！！真的？") == ["他说：“好。”", "然后走了；", "再见！！", "真的？"]
    assert metrics.split_sentences("没有句号") == ["没有句号"]
    assert metrics.block_sentences({"kind": "table", "rows": [], "text": "甲 乙\n丙。丁\n"}) == ["甲乙", "丙。", "丁"]
    assert metrics.block_sentences({"kind": "table", "rows": [["甲", "乙"], ["丙", ""]]}) == ["甲乙", "丙"]


def test_order_chooses_the_occurrence_that_keeps_order():
    # A short sentence printed early elsewhere must not count as out of order.
    assert metrics._order([[10], [3, 20], [30]]) == (2, 2)
    assert metrics._order([[10], [3], [30]]) == (1, 2)
    assert metrics._order([[5]]) == (0, 0)


def test_totals_are_micro_averages():
    parsed = perfect_parse()
    del parsed["articles"][1]
    totals = metrics.empty_totals()
    metrics.add(totals, score(EXPECTED, perfect_parse()), 1.0)
    metrics.add(totals, score(EXPECTED, parsed), 2.0)
    metrics.add(totals, score(EXPECTED, None), 0.5)
    done = metrics.finish(totals)
    assert done["inputs"] == 3 and done["crash"] == 1 and done["seconds"] == 3.5
    assert done["fractions"]["sentence_recall"] == [30, 51]
    assert done["sentence_recall"] == pytest.approx(30 / 51)


# --- evaluate.run on a small corpus with a fake importer ------------------------------------------


def _fake_parse(data: bytes, name: str) -> dict:
    kind = data.decode()
    if kind == "crash":
        raise ValueError("bad input\nsecond line")
    parsed = perfect_parse()
    if kind == "split":
        blocks(parsed)[4:5] = [{"kind": "paragraph", "text": "坚持稳中求进。"}, {"kind": "paragraph", "text": "推动高质量发展；"}]
    return parsed


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "b01.expected.json").write_text(json.dumps(EXPECTED, ensure_ascii=False), encoding="utf-8")
    trad = copy.deepcopy(EXPECTED)
    trad["articles"][1]["blocks"][3]["text"] = "大家辛苦了！！"
    (tmp_path / "b01-trad.expected.json").write_text(json.dumps(trad, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "b01-a4.pdf").write_text("perfect")
    (tmp_path / "b01-a4.layout.txt").write_text("split")
    (tmp_path / "b01-twocol.txt").write_text("crash")
    (tmp_path / "b01-trad.pdf").write_text("perfect")
    (tmp_path / "b02-seed.txt").write_text("perfect")  # no b02.expected.json
    (tmp_path / "notes.md").write_text("not an input")
    return tmp_path


def test_run_scores_every_input_and_groups_layouts(corpus):
    report = evaluate.run(corpus, parse=_fake_parse)
    rows = {row["input"]: row for row in report["rows"]}
    assert sorted(rows) == ["b01-a4.layout.txt", "b01-a4.pdf", "b01-trad.pdf", "b01-twocol.txt", "b02-seed.txt"]
    assert rows["b01-twocol.txt"]["error"] == "ValueError: bad input"
    assert rows["b02-seed.txt"]["error"] == "no expectation b02.expected.json"
    assert rows["b01-trad.pdf"]["result"]["fractions"]["para_recall"] == [10, 11]  # scored against the trad file
    assert rows["b01-a4.layout.txt"]["result"]["para_precision"] == pytest.approx(10 / 12)
    totals = report["totals"]
    assert totals["inputs"] == 5 and totals["crash"] == 2
    assert totals["fractions"]["sentence_recall"] == [17 + 17 + 16, 17 * 4]
    assert sorted(report["layouts"]) == ["a4.layout.txt", "a4.pdf", "seed.txt", "trad.pdf", "twocol.txt"]
    assert report["layouts"]["a4.pdf"]["sentence_recall"] == 1.0
    failures = evaluate.gate_failures(totals)
    assert "crash 2 (gate <= 0)" in failures
    assert any(f.startswith("sentence_recall") for f in failures)
    assert evaluate.worst_inputs(report["rows"], "para_recall")[0].startswith("b01-twocol.txt")

    only = evaluate.run(corpus, only="b01-a4*", parse=_fake_parse)
    assert [row["input"] for row in only["rows"]] == ["b01-a4.layout.txt", "b01-a4.pdf"]
    assert evaluate.gate_failures(evaluate.run(corpus, only="b01-a4.pdf", parse=_fake_parse)["totals"]) == []


def test_output_is_a_table_then_one_json_line(corpus, capsys, monkeypatch):
    monkeypatch.setattr(evaluate, "_default_parse", lambda: _fake_parse)
    assert evaluate.main(["--inputs", str(corpus), "--verbose"]) == 0
    assert evaluate.main(["--inputs", str(corpus), "--gate"]) == 1
    assert evaluate.main(["--inputs", str(corpus), "--gate", "--only", "b01-a4.pdf"]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    last = json.loads(out[-1])
    assert last["totals"]["inputs"] == 1 and last["totals"]["sentence_recall"] == 1.0
    assert set(last["layouts"]) == {"a4.pdf"}
    assert any(line.startswith("TOTAL") for line in out)


def test_an_empty_corpus_fails_the_gates(tmp_path):
    report = evaluate.run(tmp_path, parse=_fake_parse)
    assert report["rows"] == []
    assert evaluate.gate_failures(report["totals"]) == ["no inputs evaluated"]
