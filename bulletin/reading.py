"""What a reader gets on an article page beyond its text: the terms a search hit brought along
(?hl=…) marked in the body, and the citation text of each paragraph."""
from __future__ import annotations

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from search.highlight import match_spans
from search.query import parse

MAX_TERMS = 12  # the query parser keeps at most this many items; parts beyond are noise


def highlight_terms(raw: str | None) -> list[str]:
    """The positive words and phrases of a search query (filters and -exclusions dropped)."""
    if not raw or not raw.strip():
        return []
    try:
        terms = parse(raw).terms_for_highlight()
    except Exception:  # a query the parser cannot read marks nothing rather than failing the page
        return []
    return [t for t in dict.fromkeys(terms) if t][:MAX_TERMS]


def marked(text: str, terms: list[str]) -> SafeString:
    """``text`` HTML-escaped, every occurrence of a term wrapped in <mark> (escaped inside too).
    Matching is the search's own (traditional/simplified, width, spaces ignored), mapped back to
    the printed characters, so what is marked is exactly what the hit matched."""
    if not text or not terms:
        return conditional_escape(text or "")
    out, cursor = [], 0
    for start, end in match_spans(text, terms):
        out.append(conditional_escape(text[cursor:start]))
        out.append(f'<mark class="hl">{conditional_escape(text[start:end])}</mark>')
        cursor = end
    out.append(conditional_escape(text[cursor:]))
    return mark_safe("".join(out))


def citation_prefix(article) -> str:
    """《公报名》2024年第1期 · 标题: the start of every paragraph citation of the article."""
    bulletin = article.bulletin
    return f"《{bulletin.gazette.name}》{bulletin.year}年第{bulletin.issue}期 · {article.title}"


def paragraph_citation(prefix: str, position: int, url: str) -> str:
    return f"{prefix} · 第{position}段 · {url}#p-{position}"
