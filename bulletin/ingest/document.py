"""The importer's output: a parsed bulletin as plain dataclasses (no Django here)."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field


@dataclass
class Block:
    """One printed unit of an article body: a heading or a paragraph, in reading order."""

    kind: str  # "heading" | "paragraph"
    text: str
    level: int | None = None  # headings only: 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）…
    number: str = ""  # headings only: the numbering as printed, e.g. "一、" or "（三）"


@dataclass
class Article:
    title: str
    category: str = ""
    start_page: int | None = None
    subtitle: str = ""
    speaker: str = ""
    doc_number: str = ""
    blocks: list[Block] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]


@dataclass
class TocEntry:
    title: str
    category: str = ""
    page: int | None = None


@dataclass
class Ledger:
    """Where every non-blank input line went; the four counts add up to `lines`."""

    lines: int = 0
    kept: int = 0
    duplicate: int = 0
    furniture: int = 0
    front_matter: int = 0

    @property
    def balanced(self) -> bool:
        return self.kept + self.duplicate + self.furniture + self.front_matter == self.lines


@dataclass
class ParsedBulletin:
    gazette: str
    year: int
    issue: int
    total_issue: int | None
    published: dt.date | None
    articles: list[Article]
    toc: list[TocEntry] = field(default_factory=list)
    ledger: Ledger = field(default_factory=Ledger)
    warnings: list[str] = field(default_factory=list)

    def to_json_dict(self) -> dict:
        """The parse_bulletin --json contract."""
        return {
            "gazette": self.gazette,
            "year": self.year,
            "issue": self.issue,
            "total_issue": self.total_issue,
            "published": self.published.isoformat() if self.published else None,
            "articles": [
                {
                    "title": a.title,
                    "category": a.category,
                    "start_page": a.start_page,
                    "subtitle": a.subtitle,
                    "speaker": a.speaker,
                    "doc_number": a.doc_number,
                    "blocks": [
                        {"kind": b.kind, "level": b.level, "number": b.number, "text": b.text}
                        if b.kind == "heading"
                        else {"kind": b.kind, "text": b.text}
                        for b in a.blocks
                    ],
                }
                for a in self.articles
            ],
            "toc": [asdict(t) for t in self.toc],
            "ledger": asdict(self.ledger),
            "warnings": list(self.warnings),
        }
