"""What a reader gets on an article page beyond its text: the terms a search hit brought along
(?hl=…) marked in the body, and the citation text of each paragraph."""
from __future__ import annotations

from django.utils.html import conditional_escape, format_html
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


def marked(text: str, terms: list[str], links: list[tuple] = ()) -> SafeString:
    """``text`` HTML-escaped, every occurrence of a term wrapped in <mark> and each of ``links``
    ((start, end, url, title): a cited 文号, citations.reading) made a link. Matching is the
    search's own (traditional/simplified, width, spaces ignored), mapped back to the printed
    characters, so what is marked is exactly what the hit matched. A mark that crosses a link's
    edge is split there, so the HTML stays well nested."""
    text = text or ""
    marks = match_spans(text, terms) if text and terms else []
    if not marks and not links:
        return conditional_escape(text)
    cuts = sorted({0, len(text), *(p for span in marks for p in span), *(p for link in links for p in link[:2])})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        piece = conditional_escape(text[start:end])
        if any(s <= start and end <= e for s, e in marks):
            piece = f'<mark class="hl">{piece}</mark>'
        for link_start, link_end, url, title in links:
            if link_start == start:
                out.append(format_html('<a class="citation-link" href="{}" title="{}">', url, title))
        out.append(piece)
        if any(link_end == end for _, link_end, *_rest in links):
            out.append("</a>")
    return mark_safe("".join(out))


def block_html(block, terms) -> SafeString:
    return marked(block.text, terms, getattr(block, "links", ()))


def citation_prefix(article) -> str:
    """《公报名》2024年第1期 · 标题: the start of every paragraph citation of the article."""
    bulletin = article.bulletin
    return f"《{bulletin.gazette.name}》{bulletin.year}年第{bulletin.issue}期 · {article.title}"


def paragraph_citation(prefix: str, position: int, url: str) -> str:
    return f"{prefix} · 第{position}段 · {url}#p-{position}"
