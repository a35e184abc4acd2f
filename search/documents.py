"""Search documents built from the database: one per paragraph, one per article title.

Queries are batched per bulletin/article set (sections loaded once per batch), never per row.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from bulletin.models import Article, Bulletin, Paragraph, Section

from .schema import KIND_ARTICLE, KIND_PARAGRAPH, ref_of


def doc_key(kind: str, pk: int) -> str:
    return f"{kind}.{pk}"


def _date_number(date) -> int:
    return date.year * 10000 + date.month * 100 + date.day if date else 0


def _bulletin_fields(bulletin: Bulletin) -> dict:
    return {
        "bulletin": bulletin.pk,
        "bulletin_key": str(bulletin.pk),
        "year": bulletin.year,
        "issue": bulletin.issue,
        "published": _date_number(bulletin.published),
    }


def article_document(article: Article) -> dict:
    return {
        "doc_id": doc_key(KIND_ARTICLE, article.pk),
        "ref": ref_of(KIND_ARTICLE, article.pk),
        "text": article.title,
        "grams": article.title,
        "article": article.pk,
        "order": article.position,
        **_bulletin_fields(article.bulletin),
    }


def paragraph_document(paragraph: Paragraph, article: Article) -> dict:
    return {
        "doc_id": doc_key(KIND_PARAGRAPH, paragraph.pk),
        "ref": ref_of(KIND_PARAGRAPH, paragraph.pk),
        "text": paragraph.text,
        "grams": paragraph.text,
        "article": article.pk,
        "order": paragraph.number,
        **_bulletin_fields(article.bulletin),
    }


def documents_for_bulletins(bulletin_ids: Iterable[int], chunk: int = 2000) -> Iterator[dict]:
    """All documents of the given bulletins, streamed in chunks to bound memory."""
    articles = Article.objects.filter(bulletin_id__in=list(bulletin_ids)).select_related("bulletin")
    yield from documents_for_articles(articles, chunk=chunk)


def documents_for_articles(articles, chunk: int = 2000) -> Iterator[dict]:
    by_id = {a.pk: a for a in articles}
    for article in by_id.values():
        yield article_document(article)
    paragraphs = (
        Paragraph.objects.filter(article_id__in=list(by_id)).order_by("pk").only("pk", "article_id", "number", "text")
    )
    for paragraph in paragraphs.iterator(chunk_size=chunk):
        yield paragraph_document(paragraph, by_id[paragraph.article_id])


def documents_for_paragraphs(paragraphs: Iterable[Paragraph]) -> Iterator[dict]:
    """Documents for an arbitrary batch of paragraphs (haystack's update_index hands us these)."""
    paragraphs = list(paragraphs)
    article_ids = {p.article_id for p in paragraphs}
    articles = Article.objects.select_related("bulletin").in_bulk(article_ids)
    for paragraph in paragraphs:
        yield paragraph_document(paragraph, articles[paragraph.article_id])


def section_paths(section_ids: Iterable[int]) -> dict[int, list[str]]:
    """Heading path (root first) for each section id: one query per tree level, only the ancestors."""
    section_ids = {s for s in section_ids if s}
    tree: dict[int, tuple[int | None, str]] = {}
    wanted, depth = set(section_ids), 0
    while wanted and depth < 20:  # depth guard: a corrupt parent cycle must not hang a search
        rows = Section.objects.filter(pk__in=wanted).values_list("pk", "parent_id", "number", "title")
        for pk, parent, number, title in rows:
            tree[pk] = (parent, f"{number}{title}")
        wanted = {parent for parent, _ in tree.values() if parent and parent not in tree}
        depth += 1
    paths = {}
    for sid in section_ids:
        path, node, guard = [], tree.get(sid), 0
        while node is not None and guard < 50:
            path.append(node[1])
            node, guard = tree.get(node[0]), guard + 1
        paths[sid] = path[::-1]
    return paths
