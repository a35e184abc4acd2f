"""{% discovery_head %}: what a page's <head> offers machines — feed discovery (<link
rel="alternate">), the OpenSearch description, and on gazette, issue and article pages a meta
description (and the gazette page's canonical link; issue and article pages print their own).
Which page it is follows from the template's context (gazette / bulletin / article / outcome)."""
from __future__ import annotations

import html
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator


register = template.Library()
DESCRIPTION_CHARS = 150


def _feeds(kind: str, args=(), query: str = "", title: str = "") -> list[dict]:
    suffix = f"?{query}" if query else ""
    return [
        {"type": "application/atom+xml", "title": f"{title}（Atom）",
         "href": reverse(f"discovery:{kind}_atom", args=args) + suffix},
        {"type": "application/rss+xml", "title": f"{title}（RSS）",
         "href": reverse(f"discovery:{kind}_rss", args=args) + suffix},
    ]


def _search_query(outcome) -> str:
    """The search's own (validated) parameters, without its page and order: what its feed runs."""
    return urlencode({k: v for k, v in outcome.request.params().items() if v not in ("", None) and k != "sort"})


def _plain(text) -> str:
    return html.unescape(strip_tags(str(text))) if hasattr(text, "__html__") else str(text)


def _clip(text: str) -> str:
    return Truncator(" ".join(text.split())).chars(DESCRIPTION_CHARS)


def _article_description(article, blocks) -> str:
    first = next((_plain(b.text) for b in blocks or () if b.kind == "paragraph"), "")
    facts = "，".join(x for x in (str(article.bulletin), article.doc_number, article.issuer) if x)
    return _clip(f"{article.title}（{facts}）。{first}")


@register.inclusion_tag("discovery/_head.html", takes_context=True)
def discovery_head(context):
    request = context.get("request")
    article, bulletin, gazette = context.get("article"), context.get("bulletin"), context.get("gazette")
    gazette = gazette or (bulletin.gazette if bulletin is not None else None)
    feeds = []
    description = canonical = ""
    if context.get("outcome") is not None:  # the search page: its own feed
        feeds += _feeds("search", query=_search_query(context["outcome"]), title="本检索的最新结果")
    if gazette is not None:
        feeds += _feeds("gazette_issues", args=[gazette.slug], title=f"{gazette.name} 新一期")
    feeds += _feeds("issues", title="公报档案 全部公报新一期")
    if article is not None:
        description = _article_description(article, context.get("blocks"))
    elif bulletin is not None:
        articles = list(context.get("articles") or ())
        published = bulletin.published
        day = f"，{published.year}年{published.month}月{published.day}日出版" if published else ""
        sections = "、".join(dict.fromkeys(a.category for a in articles if a.category))
        description = _clip(f"{bulletin}全文{day}，共{len(articles)}篇" + (f"，栏目：{sections}。" if sections else "。"))
    elif context.get("gazette") is not None:
        issues = sum(len(items) for _, items in context.get("groups") or ())
        description = _clip(f"{gazette.name}（{gazette.province}{gazette.city}）收录的各期全文，共{issues}期。")
        if request is not None:
            canonical = request.build_absolute_uri(gazette.get_absolute_url())
    return {"feeds": feeds, "description": description, "canonical": canonical}


@register.inclusion_tag("discovery/_search_feeds.html", takes_context=True)
def search_feed_links(context):
    """Visible links to the feed of the search on the page (for readers whose browser does not
    show the <head>'s)."""
    return {"feeds": _feeds("search", query=_search_query(context["outcome"]), title="")}
