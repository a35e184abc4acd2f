"""Snippets quote the source: pieces of the printed text in order, cut only at clause ends (or
where a clause is longer than a window), only the matched substrings marked, all escaped."""
import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis import normalize
from search.highlight import CLAUSE_END, highlight

ALPHABET = list("冰雪经济旅游发展基站吉林化纤，。；：、 <>&\"'5GTabc")


@st.composite
def text_and_parts(draw):
    text = draw(st.text(alphabet=st.sampled_from(ALPHABET), min_size=1, max_size=700))
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text) - 1))
        part = text[start:start + draw(st.integers(1, 6))]
        if part.strip():
            parts.append(part)
    return text, parts


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text_and_parts())
def test_a_snippet_is_pieces_of_the_text_in_order_with_only_matches_marked(case):
    text, parts = case
    snippet = highlight(text, parts)
    assert "<" not in re.sub(r"</?mark>", "", snippet)  # everything else escaped
    for marked in re.findall(r"<mark>(.*?)</mark>", snippet):
        source = html.unescape(marked)
        squeezed = "".join(normalize(source).split())
        # a mark is one or several touching occurrences of the query's parts, nothing else
        assert any("".join(normalize(p).split()) in squeezed for p in parts)
    pieces = html.unescape(re.sub(r"</?mark>", "", snippet)).split("…")
    cursor = 0
    for n, piece in enumerate(pieces):
        if not piece:
            continue
        found = text.find(piece, cursor)
        assert found >= 0, "a piece of the snippet is not in the text"
        if n and found > 0:  # a cut: at a clause end, or the window ran out inside a long clause
            assert CLAUSE_END.match(text[found - 1]) or len(piece) >= 100
        cursor = found + len(piece)
    if len(text) <= 220:
        assert html.unescape(re.sub(r"</?mark>", "", snippet)) == text


def test_examples_from_the_issue():
    text = "国家级滑雪旅游度假地建设加快，冰雪旅游收入再创新高。"
    assert highlight(text, ["冰雪", "旅游"]) == "国家级滑雪<mark>旅游</mark>度假地建设加快，<mark>冰雪旅游</mark>收入再创新高。"
    assert highlight("红色吉林，红色旅游", ["红色吉林"]) == "<mark>红色吉林</mark>，红色旅游"
    assert highlight("惠及1251户，每户补贴", ["1251户"]) == "惠及<mark>1251户</mark>，每户补贴"
