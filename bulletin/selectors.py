"""Reads the pages need, each in a fixed number of queries whatever the size of the bulletin."""
from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from .body import BodyBlock, body_from_rows
from .models import Article, Block, Bulletin, Gazette


def bulletin_list():
    return (Bulletin.objects.select_related("gazette").annotate(article_count=Count("articles"))
            .order_by("-year", "-issue", "gazette__name"))


def bulletin_at(gazette: str, year: int, issue: int) -> Bulletin:
    return get_object_or_404(Bulletin.objects.select_related("gazette"), gazette__slug=gazette, year=year, issue=issue)


def gazette_at(slug: str) -> Gazette:
    return get_object_or_404(Gazette, slug=slug)


def articles_of(bulletin: Bulletin) -> list[Article]:
    """The bulletin's articles with their paragraph counts (one query)."""
    return list(
        bulletin.articles.annotate(paragraph_count=Count("blocks", filter=Q(blocks__kind="paragraph")))
        .only("id", "bulletin_id", "position", "title", "category", "start_page", "subtitle", "doc_number")
        .order_by("position")
    )


def article_at(gazette: str, year: int, issue: int, position: int) -> Article:
    return get_object_or_404(
        Article.objects.select_related("bulletin__gazette"),
        bulletin__gazette__slug=gazette, bulletin__year=year, bulletin__issue=issue, position=position,
    )


def body_of(article: Article) -> list[BodyBlock]:
    return body_from_rows(Block.objects.filter(article=article).order_by("position"))


def neighbours(article: Article) -> tuple[dict | None, dict | None]:
    """The previous and next article of the same bulletin (one query)."""
    siblings = list(Article.objects.filter(bulletin_id=article.bulletin_id).order_by("position")
                    .values_list("position", "title"))
    previous = next((s for s in reversed(siblings) if s[0] < article.position), None)
    following = next((s for s in siblings if s[0] > article.position), None)
    as_dict = (lambda s: {"position": s[0], "title": s[1]} if s else None)
    return as_dict(previous), as_dict(following)
