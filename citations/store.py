"""Record the 文号 mentions and own 文号 keys of a bulletin's articles from its stored blocks.

bulletin.services calls record_bulletin inside the transaction that stores or re-parses a
bulletin; the data migration and `manage.py fill_citations` call it for bulletins stored before.
The model classes are parameters so that a migration can pass its historical models.
"""
from __future__ import annotations

from .doc_numbers import doc_number_key, find_mentions

# The article's own 文号 line is not a mention of another document.
SKIPPED_KINDS = ("doc_number",)


def record_bulletin(bulletin_id: int, *, models=None) -> int:
    """Replace the bulletin's mentions and keys; the number of mentions stored."""
    Article, Block, Mention, DocNumberKey = models or _models()
    articles = list(Article.objects.filter(bulletin_id=bulletin_id).values_list("pk", "doc_number"))
    article_ids = [pk for pk, _ in articles]
    Mention.objects.filter(article_id__in=article_ids).delete()
    DocNumberKey.objects.filter(article_id__in=article_ids).delete()
    DocNumberKey.objects.bulk_create(
        DocNumberKey(article_id=pk, key=key) for pk, key in ((pk, doc_number_key(n)) for pk, n in articles) if key)
    rows = []
    blocks = (Block.objects.filter(article_id__in=article_ids).exclude(kind__in=SKIPPED_KINDS)
              .values_list("position", "article_id", "text").iterator())
    for position, article_id, text in blocks:
        rows.extend(Mention(article_id=article_id, block_position=position, start=m.start, text=m.text[:120], key=m.key[:120])
                    for m in find_mentions(text))
    Mention.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _models():
    from bulletin.models import Article, Block

    from .models import DocNumberKey, Mention
    return Article, Block, Mention, DocNumberKey
