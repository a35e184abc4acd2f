"""What an article page shows of citations, in four queries: the 文号 it cites (held in the
archive or not), the articles that cite it, and its body text with each held mention linked."""
from __future__ import annotations

from dataclasses import dataclass, field

from bulletin.models import Article

from .models import DocNumberKey, Mention

# Blocks whose text the page prints as one run of text (headings and tables are set otherwise).
LINKED_KINDS = ("paragraph", "attachment", "addressee", "subtitle", "speaker", "signature", "date")


@dataclass
class Cited:
    key: str
    text: str  # as first printed in the article
    positions: list[int] = field(default_factory=list)  # blocks that mention it (anchors #p-<n>)
    article: Article | None = None  # the archive's article carrying this 文号, if held


@dataclass
class Citing:
    article: Article
    positions: list[int] = field(default_factory=list)  # its blocks that mention this article


@dataclass
class ArticleCitations:
    cites: list[Cited]
    cited_by: list[Citing]
    mentions: list[Mention]

    @property
    def held(self) -> dict[str, Article]:
        return {c.key: c.article for c in self.cites if c.article is not None}


def holders(keys, exclude_article: int | None = None) -> dict[str, Article]:
    """key → the article carrying that 文号 (the earliest issue when several print it)."""
    rows = (DocNumberKey.objects.filter(key__in=set(keys)).exclude(article_id=exclude_article)
            .select_related("article__bulletin__gazette")
            .order_by("article__bulletin__year", "article__bulletin__issue", "article_id"))
    found: dict[str, Article] = {}
    for row in rows:
        found.setdefault(row.key, row.article)
    return found


def citations_of(article: Article) -> ArticleCitations:
    mentions = list(Mention.objects.filter(article=article).order_by("block_position", "start"))
    cites: dict[str, Cited] = {}
    for mention in mentions:
        cited = cites.setdefault(mention.key, Cited(mention.key, mention.text))
        if mention.block_position not in cited.positions:
            cited.positions.append(mention.block_position)
    for key, held in holders(cites, exclude_article=article.pk).items():
        cites[key].article = held
    cited_by: dict[int, Citing] = {}
    own = DocNumberKey.objects.filter(article=article).values_list("key", flat=True).first()
    if own:
        citing = (Mention.objects.filter(key=own).exclude(article=article)
                  .select_related("article__bulletin__gazette")
                  .order_by("-article__bulletin__year", "-article__bulletin__issue", "article__position", "block_position"))
        for mention in citing:
            entry = cited_by.setdefault(mention.article_id, Citing(mention.article))
            if mention.block_position not in entry.positions:
                entry.positions.append(mention.block_position)
    return ArticleCitations(list(cites.values()), list(cited_by.values()), mentions)


def link_mentions(body, citations: ArticleCitations) -> None:
    """Give each body block that mentions a held 文号 its ``links``: (start, end, url, title) of
    each mention, for the page to render (bulletin.reading.marked escapes and links, and marks
    searched terms inside links too)."""
    held = citations.held
    by_position: dict[int, list[Mention]] = {}
    for mention in citations.mentions:
        if mention.key in held:
            by_position.setdefault(mention.block_position, []).append(mention)
    for block in body:
        mentions = by_position.get(block.position)
        if not mentions or block.kind not in LINKED_KINDS:
            continue
        links, cursor = [], 0
        for mention in sorted(mentions, key=lambda m: m.start):
            end = mention.start + len(mention.text)
            if mention.start < cursor or block.text[mention.start:end] != mention.text:
                continue  # stored offsets that no longer fit the text: leave it unlinked
            target = held[mention.key]
            links.append((mention.start, end, target.get_absolute_url(), target.title))
            cursor = end
        block.links = links
