"""What the admin shows of a parse before it is stored (upload) or swapped in (reparse): the
same body rendering as the public page, the first blocks of each article, and each importer
warning placed at the article and block it is about."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .body import BodyBlock, body_from_parsed, table_of_contents
from .ingest.document import Article, ParsedBulletin

PREVIEW_BLOCKS = 8  # enough to see the title block, the addressee and the first paragraphs
QUOTED_RE = re.compile(r"「([^」]{2,})」")
TITLE_RE = re.compile(r"《([^》]{2,})》")


@dataclass
class PlacedWarning:
    text: str
    article: int | None = None  # 1-based position of the article it names
    block: int | None = None  # 1-based position of the block it quotes, within that article

    @property
    def place(self) -> str:
        if self.article is None:
            return "全期"
        return f"第{self.article}篇" + (f" 第{self.block}块" if self.block else "")


@dataclass
class ArticlePreview:
    position: int
    article: Article
    body: list[BodyBlock]
    toc: list
    warnings: list[PlacedWarning] = field(default_factory=list)

    @property
    def prefix(self) -> str:
        # Several articles on one page: their anchors must not collide.
        return f"a{self.position}-"

    @property
    def first_blocks(self) -> list[BodyBlock]:
        return self.body[:PREVIEW_BLOCKS]

    @property
    def more_blocks(self) -> int:
        return max(len(self.body) - PREVIEW_BLOCKS, 0)

    @property
    def paragraphs(self) -> int:
        return sum(1 for b in self.body if b.kind == "paragraph")

    @property
    def headings(self) -> int:
        return sum(1 for b in self.body if b.kind == "heading")


def place_warnings(parsed: ParsedBulletin) -> list[PlacedWarning]:
    """An importer warning names an article by its title in 《》 and quotes a block's opening in
    「」; place it there (the first article and block that match), else at the issue."""
    placed = []
    for text in parsed.warnings:
        warning = PlacedWarning(text)
        titles = TITLE_RE.findall(text)
        quotes = [q.rstrip("…") for q in QUOTED_RE.findall(text)]
        for position, article in enumerate(parsed.articles, start=1):
            named = any(t == article.title for t in titles)
            quoted = next((i for i, b in enumerate(article.blocks, start=1)
                           if any(q and b.text.startswith(q) for q in quotes)), None)
            if named or quoted:
                warning.article, warning.block = position, quoted
                break
        placed.append(warning)
    return placed


def preview_context(parsed: ParsedBulletin) -> dict:
    warnings = place_warnings(parsed)
    articles = []
    for position, article in enumerate(parsed.articles, start=1):
        body = body_from_parsed(article.blocks)
        articles.append(ArticlePreview(position, article, body, table_of_contents(body),
                                       [w for w in warnings if w.article == position]))
    ledger = parsed.ledger
    return {
        "parsed": parsed,
        "articles": articles,
        "issue_warnings": [w for w in warnings if w.article is None],
        "warning_total": len(warnings),
        "paragraph_total": sum(a.paragraphs for a in articles),
        "ledger": ledger,
        "ledger_rows": [("kept", "正文", ledger.kept), ("duplicate", "重复", ledger.duplicate),
                        ("furniture", "页眉页码", ledger.furniture), ("front_matter", "封面目录", ledger.front_matter)],
    }
