"""Analyzer, query syntax and highlighting: pure functions, no database."""
import tempfile

import pytest
from search.analysis import BIGRAMS, WORDS, normalize
from search.highlight import highlight
from whoosh.filedb.filestore import RamStorage

from search.query import parse
from search.schema import build_schema


@pytest.fixture(autouse=True)
def private_temp_dir(tmp_path, monkeypatch):
    """A RamStorage writer keeps its pools in gettempdir()/MAIN.tmp, one fixed directory for every
    process on the machine: two test runs at once would delete each other's files."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def tokens(analyzer, text, mode="index"):
    return [(t.text, t.pos, t.startchar, t.endchar) for t in analyzer(text, positions=True, chars=True, mode=mode)]


def test_words_are_numbered_in_reading_order_with_subwords_at_the_same_position():
    toks = tokens(WORDS, "吉林化纤碳纤维产量")
    assert [t[0] for t in toks if t[0] != "纤维"] == ["吉林", "化纤", "碳纤维", "产量"]
    positions = {t[0]: t[1] for t in toks}
    assert positions["吉林"] == 0 and positions["化纤"] == 1 and positions["产量"] == 3
    assert positions["纤维"] == positions["碳纤维"] == 2  # sub-word at the word's position
    assert ("纤维", 2, 5, 7) in toks  # and with its own character offsets


def test_query_mode_has_no_subwords():
    assert [t[0] for t in tokens(WORDS, "碳纤维", mode="query")] == ["碳纤维"]


def test_punctuation_leaves_a_position_gap_but_spaces_do_not():
    pos = {t[0]: t[1] for t in tokens(WORDS, "冰雪，经济")}
    assert pos["经济"] - pos["冰雪"] == 2
    pos = {t[0]: t[1] for t in tokens(WORDS, "GDP 增长")}
    assert pos["增长"] - pos["gdp"] == 1


def test_bigrams_cover_every_script_in_order_but_never_a_segment_break():
    from search.analysis import RUN_END, SEGMENT_BREAK

    grams = [t[0] for t in tokens(BIGRAMS, "吉林化纤，GDP 增长")]
    # The search form is 吉林化纤,gdp增长: full width folded, case folded, the space dropped.
    assert grams == ["吉林", "林化", "化纤", "纤,", ",g", "gd", "dp", "p增", "增长", "长" + RUN_END]
    grams = [t[0] for t in tokens(BIGRAMS, f"标题{SEGMENT_BREAK}栏目")]
    assert grams == ["标题", "题" + RUN_END, "栏目", "目" + RUN_END]


def test_normalisation_is_traditional_to_simplified_and_keeps_offsets():
    assert normalize("碳纖維 ＧＤＰ　發展") == "碳纤维 gdp 发展"
    for text in ["乾燥的後面", "ＡＢＣ１２３", "吉林市人民政府公報"]:
        assert len(normalize(text)) == len(text)


def test_query_syntax():
    parsed = parse('“冰雪 经济” OR 碳纖維 -招商 year:2024 期：1')
    assert [[(i.text, i.phrase, i.negated) for i in g] for g in parsed.groups] == [
        [("冰雪 经济", True, False), ("碳纤维", False, False)], [("招商", False, True)]]
    assert parsed.filters == {"year": 2024, "issue": 1}


def test_odd_queries_parse_without_error():
    for raw in ["", "，。！？", '"', '"未闭合', "\x00\x1b[31m", "a" * 5000, "' OR 1=1; DROP TABLE x;--",
                "<img src=x onerror=alert(1)>", "OR OR -", "year:abc", "-", "()[]{}^~*?:\\/"]:
        parsed = parse(raw)
        assert sum(len(i.text) for g in parsed.groups for i in g) <= 200


def test_highlight_marks_substrings_across_jieba_words_and_escapes_html():
    html = highlight("<script>alert('x')</script>吉林化纤增长", ["林化"])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "吉<mark>林化</mark>纤" in html


def test_highlight_marks_traditional_query_in_simplified_text_and_merges_overlaps():
    assert highlight("大力发展碳纤维产业", ["碳纖維"]) == "大力发展<mark>碳纤维</mark>产业"
    assert highlight("冰雪经济", ["冰雪", "雪经济"]) == "<mark>冰雪经济</mark>"


def test_highlight_of_long_text_shows_fragments_around_matches():
    text = "前" * 400 + "冰雪经济" + "后" * 400
    html = highlight(text, ["冰雪经济"])
    assert "<mark>冰雪经济</mark>" in html and html.startswith("…") and html.endswith("…")
    assert len(html) < 260


def test_highlight_marks_non_cjk_words_as_tokens():
    assert "<mark>gdp</mark>" in highlight("gdp 增长 6.7%", ["GDP"]).lower()


def test_word_field_weights_are_term_frequencies_with_dictionary_subwords():
    """What BM25 ranking reads: each word's frequency in the document (sub-words of a long word
    counted at its position), through Whoosh's public matcher."""
    ix = RamStorage().create_index(build_schema())
    with ix.writer() as w:
        w.add_document(doc_id="a", text="大力发展冰雪经济和数字经济")
        w.add_document(doc_id="b", text="吉林化纤碳纤维产量增长")
    with ix.searcher() as s:
        def weights(word):
            matcher = s.reader().postings("text", word)
            found = {}
            while matcher.is_active():
                found[matcher.id()] = matcher.weight()
                matcher.next()
            return found
        assert weights("经济") == {0: 2.0}
        assert weights("冰雪") == {0: 1.0}
        assert weights("纤维") == {1: 1.0}  # dictionary sub-word of 碳纤维
        assert weights("碳纤维") == {1: 1.0}


def test_fast_field_indexing_equals_analyzer_indexing():
    """schema's WordField/BigramField build postings without Token objects: same terms, same values."""
    schema = build_schema()
    texts = ["吉林化纤碳纤维产量增长60%，GDP 增长６．７％。", "臺灣碳纖維產業，冰雪经济、冰雪旅游！", "", "abc"]
    for name in ("text", "grams"):
        field = schema[name]
        for text in texts:
            fast = sorted(field.index(text))
            stock = sorted((w.encode("utf-8"), f, wt, v)
                           for w, f, wt, v in field.format.word_values(text, field.analyzer, mode="index"))
            assert fast == stock
