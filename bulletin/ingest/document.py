"""The importer's output: a parsed bulletin as plain dataclasses (no Django here)."""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field


# Every kind of block an article body holds, in the order an official document prints them.
BLOCK_KINDS = (
    "doc_number", "subtitle", "speaker", "addressee", "heading", "paragraph", "table", "attachment",
    "signature", "date", "doc_title",
)


@dataclass
class Block:
    """One printed unit of an article body, in reading order."""

    kind: str  # one of BLOCK_KINDS
    text: str  # as printed; a table's cells joined by a space, its rows by a newline
    level: int | None = None  # headings only: 1 for 一、, 2 for （一）, … counted inside its document
    number: str = ""  # headings only: the numbering as printed, e.g. "一、" or "（三）"
    rows: list[list[str]] | None = None  # tables only: the cells of each row

    def to_json_dict(self) -> dict:
        if self.kind == "heading":
            return {"kind": self.kind, "level": self.level, "number": self.number, "text": self.text}
        if self.kind == "table":
            return {"kind": self.kind, "rows": [list(row) for row in self.rows or []], "text": self.text}
        return {"kind": self.kind, "text": self.text}


@dataclass
class Article:
    title: str
    category: str = ""
    start_page: int | None = None
    subtitle: str = ""
    speaker: str = ""
    doc_number: str = ""
    addressee: str = ""
    issuer: str = ""  # 发文机关: the first signature line
    signed_on: dt.date | None = None  # 成文日期: the first date line
    doc_type: str = ""  # 通知 / 决定 / 意见 / 办法 / … read from the title
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
                    "addressee": a.addressee,
                    "issuer": a.issuer,
                    "signed_on": a.signed_on.isoformat() if a.signed_on else None,
                    "doc_type": a.doc_type,
                    "blocks": [b.to_json_dict() for b in a.blocks],
                }
                for a in self.articles
            ],
            "toc": [asdict(t) for t in self.toc],
            "ledger": asdict(self.ledger),
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json_dict(cls, data: dict) -> "ParsedBulletin":
        """The inverse of to_json_dict (a stored preview is read back by it)."""
        articles = [
            Article(
                title=a["title"],
                category=a.get("category", ""),
                start_page=a.get("start_page"),
                subtitle=a.get("subtitle", ""),
                speaker=a.get("speaker", ""),
                doc_number=a.get("doc_number", ""),
                addressee=a.get("addressee", ""),
                issuer=a.get("issuer", ""),
                signed_on=dt.date.fromisoformat(a["signed_on"]) if a.get("signed_on") else None,
                doc_type=a.get("doc_type", ""),
                blocks=[
                    Block(kind=b["kind"], text=b["text"], level=b.get("level"), number=b.get("number", ""), rows=b.get("rows"))
                    for b in a["blocks"]
                ],
            )
            for a in data["articles"]
        ]
        return cls(
            gazette=data["gazette"],
            year=data["year"],
            issue=data["issue"],
            total_issue=data.get("total_issue"),
            published=dt.date.fromisoformat(data["published"]) if data.get("published") else None,
            articles=articles,
            toc=[TocEntry(**t) for t in data.get("toc", [])],
            ledger=Ledger(**data.get("ledger", {})),
            warnings=list(data.get("warnings", [])),
        )
