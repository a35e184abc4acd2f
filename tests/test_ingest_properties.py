"""Property tests: synthetic bulletins rendered with the defects of real extractions must parse
back to exactly the original articles, headings and paragraphs."""
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.ingest import parse_text

from .synthetic_bulletin import Layout, random_bulletin, render

layouts = st.builds(
    Layout,
    width=st.integers(min_value=14, max_value=26),
    lines=st.integers(min_value=18, max_value=40),
    columns=st.sampled_from([1, 2]),
    booklet=st.booleans(),
    shuffle_columns=st.booleans(),
    duplicate=st.booleans(),
    furniture=st.booleans(),
    pdf_spaces=st.booleans(),
    sheet_space=st.just(True),
    blank_lines=st.booleans(),
)


def expected_articles(doc):
    out = []
    for article in doc.articles:
        blocks = [(b.kind, b.level, b.text) for b in article.blocks]
        out.append((article.title, article.category, blocks))
    return out


def parsed_articles(parsed):
    return [
        (a.title, a.category, [(b.kind, b.level if b.kind == "heading" else None, b.text) for b in a.blocks])
        for a in parsed.articles
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=10**6), layout=layouts, articles=st.integers(min_value=1, max_value=3))
def test_rendered_bulletin_parses_back_exactly(seed, layout, articles):
    rng = random.Random(seed)
    doc = random_bulletin(rng, articles=articles)
    text = render(doc, layout, rng)
    parsed = parse_text(text, "synthetic")
    assert (parsed.gazette, parsed.year, parsed.issue, parsed.total_issue, parsed.published) == (
        doc.gazette, doc.year, doc.issue, doc.total_issue, doc.published)
    assert parsed_articles(parsed) == expected_articles(doc)
    assert parsed.ledger.balanced
