"""Property tests: synthetic bulletins rendered with the defects of real extractions must parse
back to exactly the original articles, headings and paragraphs."""
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.ingest import parse_text

from .synthetic_bulletin import Layout, random_bulletin, render

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def expected_articles(doc):
    return [(a.title, a.category, [(b.kind, b.level, b.text) for b in a.blocks]) for a in doc.articles]


def parsed_articles(parsed):
    return [
        (a.title, a.category, [(b.kind, b.level if b.kind == "heading" else None, b.text) for b in a.blocks])
        for a in parsed.articles
    ]


def assert_round_trip(seed, layout, articles, sections=3):
    rng = random.Random(seed)
    doc = random_bulletin(rng, articles=articles, sections=sections)
    parsed = parse_text(render(doc, layout, rng), "synthetic")
    assert (parsed.gazette, parsed.year, parsed.issue, parsed.total_issue, parsed.published) == (
        doc.gazette, doc.year, doc.issue, doc.total_issue, doc.published)
    assert parsed_articles(parsed) == expected_articles(doc)
    assert parsed.ledger.balanced
    return parsed


# Columns in order: wrapping with the indent lost, PDF spaces, blank lines, furniture, widths.
in_order = st.builds(
    Layout,
    width=st.integers(min_value=12, max_value=28),
    lines=st.integers(min_value=16, max_value=44),
    columns=st.sampled_from([1, 2, 3]),
    booklet=st.just(False),
    shuffle_columns=st.just(False),
    duplicate=st.just(False),
    furniture=st.booleans(),
    pdf_spaces=st.booleans(),
    column_space=st.sampled_from([0.0, 0.5, 1.0]),
    blank_lines=st.booleans(),
)


@SETTINGS
@given(seed=st.integers(0, 10**6), layout=in_order, articles=st.integers(1, 3))
def test_wrapped_lines_join_back_into_the_printed_paragraphs(seed, layout, articles):
    assert_round_trip(seed, layout, articles)


# Printer spreads, columns of a page in either order, the body printed twice; every column
# start marked by the extraction's leading space.
scrambled = st.builds(
    Layout,
    width=st.integers(min_value=14, max_value=24),
    lines=st.integers(min_value=18, max_value=36),
    columns=st.sampled_from([1, 2]),
    booklet=st.booleans(),
    shuffle_columns=st.booleans(),
    duplicate=st.booleans(),
    furniture=st.booleans(),
    pdf_spaces=st.booleans(),
    column_space=st.just(1.0),
    blank_lines=st.booleans(),
)


@SETTINGS
@given(seed=st.integers(0, 10**6), layout=scrambled, articles=st.integers(1, 2))
def test_shuffled_and_doubled_columns_come_back_in_reading_order(seed, layout, articles):
    assert_round_trip(seed, layout, articles, sections=4)
