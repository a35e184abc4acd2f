"""Search documents built from the database: one per body block (every kind a reader sees),
one per article title.

Queries are batched per bulletin/article set, never per row.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from bulletin.body import TOC_KINDS, body_from_rows, heading_path
from bulletin.models import Article, Block

from .analysis import SEGMENT_BREAK
from .schema import KIND_ARTICLE, KIND_PARAGRAPH, ref_of


def doc_key(kind: str, pk: int) -> str:
    return f"{kind}.{pk}"


def _date_number(date) -> int:
    return date.year * 10000 + date.month * 100 + date.day if date else 0


def _context_fields(article: Article) -> dict:
    """What every document of an article is filtered and faceted by."""
    bulletin = article.bulletin
    return {
        "bulletin": bulletin.pk,
        "bulletin_key": str(bulletin.pk),
        "gazette": bulletin.gazette.slug,
        "year": bulletin.year,
        "issue": bulletin.issue,
        "published": _date_number(bulletin.published),
        "article": article.pk,
        "doc_type": article.doc_type or "",
        "category": article.category or "",
        "issuer": article.issuer or "",
        "signed": _date_number(article.signed_on),
    }


def article_text(article: Article) -> str:
    """An article's own searchable text: its title, then its category (栏目), never matched across."""
    return f"{article.title}{SEGMENT_BREAK}{article.category}" if article.category else article.title


def article_document(article: Article) -> dict:
    text = article_text(article)
    return {
        "doc_id": doc_key(KIND_ARTICLE, article.pk),
        "ref": ref_of(KIND_ARTICLE, article.pk),
        "text": text,
        "grams": text,
        "kind": "title",
        "order": article.position,
        **_context_fields(article),
    }


def block_document(block: Block, article: Article) -> dict:
    return {
        "doc_id": doc_key(KIND_PARAGRAPH, block.pk),
        "ref": ref_of(KIND_PARAGRAPH, block.pk),
        "text": block.text,
        "grams": block.text,
        "kind": block.kind,
        "order": block.position,
        **_context_fields(article),
    }


def documents_for_bulletins(bulletin_ids: Iterable[int], chunk: int = 2000) -> Iterator[dict]:
    """All documents of the given bulletins, streamed in chunks to bound memory."""
    articles = Article.objects.filter(bulletin_id__in=list(bulletin_ids)).select_related("bulletin__gazette")
    yield from documents_for_articles(articles, chunk=chunk)


def documents_for_articles(articles, chunk: int = 2000) -> Iterator[dict]:
    by_id = {a.pk: a for a in articles}
    for article in by_id.values():
        yield article_document(article)
    blocks = (Block.objects.filter(article_id__in=list(by_id)).order_by("pk")
              .only("pk", "article_id", "position", "kind", "text"))
    for block in blocks.iterator(chunk_size=chunk):
        yield block_document(block, by_id[block.article_id])


def documents_for_blocks(blocks: Iterable[Block]) -> Iterator[dict]:
    """Documents for an arbitrary batch of blocks (haystack's update_index hands us these)."""
    blocks = list(blocks)
    article_ids = {b.article_id for b in blocks}
    articles = Article.objects.select_related("bulletin__gazette").in_bulk(article_ids)
    for block in blocks:
        yield block_document(block, articles[block.article_id])


def heading_paths(blocks: Iterable[Block]) -> dict[int, list[str]]:
    """For each block (by pk), the headings it falls under, outermost first, as bulletin.body
    derives them for the page: one query for the headings and embedded titles of the blocks'
    articles."""
    blocks = list(blocks)
    heads: dict[int, list] = {}
    rows = Block.objects.filter(article_id__in={b.article_id for b in blocks}, kind__in=TOC_KINDS).order_by("position")
    for row in rows.only("article_id", "position", "kind", "text", "level", "number", "rows", "parent"):
        heads.setdefault(row.article_id, []).append(row)
    paths = {}
    for block in blocks:
        body = body_from_rows([*heads.get(block.article_id, []), block] if block.kind not in TOC_KINDS
                              else heads.get(block.article_id, []))
        paths[block.pk] = heading_path(body, block.position)
    return paths
