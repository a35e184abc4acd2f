"""Template helpers of the reading page: marked search terms, citations, a hit's link."""
from django import template
from django.utils.http import urlencode

from .. import reading

register = template.Library()


@register.filter
def marked(text, terms):
    return reading.marked(text, terms or [])


@register.filter
def block_html(block, terms):
    """A text block escaped, with its cited 文号 linked and the searched terms marked."""
    return reading.block_html(block, terms or [])


@register.simple_tag
def paragraph_citation(prefix, position, url):
    return reading.paragraph_citation(prefix, position, url)


@register.filter
def dashed(subtitle):
    """A subtitle introduced by exactly one ——, whether or not the stored text carries it."""
    text = (subtitle or "").lstrip("—-－– ")
    return f"——{text}" if text else ""


@register.filter
def with_hl(url, query):
    """A search hit's address carrying the query (?hl=…) before its #anchor, so the article page
    can mark the searched terms."""
    if not query:
        return url
    path, hash_, anchor = str(url).partition("#")
    joiner = "&" if "?" in path else "?"
    return f"{path}{joiner}{urlencode({'hl': query})}{hash_}{anchor}"
