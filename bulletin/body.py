"""An article body as the reader sees it, derived in one place from its ordered blocks.

The same functions serve the stored body (Block rows), the admin's preview (the importer's
blocks before anything is stored) and search (the heading path of a hit): the enclosing heading
of every block, the table of contents, and the heading level each block is rendered at.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .ingest.document import Block as ParsedBlock

# Blocks that open a part of the table of contents. An embedded document's title (the 办法 inside
# a 印发通知) sits above its headings, whose levels restart at 1 inside it.
TOC_KINDS = ("heading", "doc_title")
# A caption is one printed line: longer than a line of a narrow column is a sentence, not a caption.
CAPTION_MAX_CHARS = 40
CAPTION_RE = re.compile(r"^(附)?表\s*[0-9０-９一二三四五六七八九十]|(一览表|统计表|明细表|汇总表|名录|清单|表)$")


@dataclass
class BodyBlock:
    position: int  # 1-based in the article: the anchor #p-<position>
    kind: str
    text: str
    level: int | None = None
    number: str = ""
    rows: list[list[str]] | None = None
    parent: int | None = None  # position of the enclosing heading or embedded title
    depth: int = 0  # 1 for a top-level heading or an embedded title, 2 under it, …
    caption: str = ""  # tables: the anchor of the line printed as the table's caption, if any

    @property
    def anchor(self) -> str:
        return f"p-{self.position}"

    @property
    def heading_tag(self) -> str:
        # The article title is the page's h1; the outermost parts are h2.
        return f"h{min(self.depth + 1, 6)}"

    @property
    def heading(self) -> str:
        return self.text if self.text.startswith(self.number) else f"{self.number}{self.text}"

    def to_json_dict(self) -> dict:
        """The importer's JSON contract for this block (one definition: the importer's own)."""
        return ParsedBlock(self.kind, self.text, self.level, self.number, self.rows).to_json_dict()


@dataclass
class TocNode:
    block: BodyBlock
    children: list[TocNode] = field(default_factory=list)


def enclosing_positions(kinds_levels: Sequence[tuple[str, int | None]]) -> list[int | None]:
    """For each block (kind, level), in reading order, the 1-based position of the heading or
    embedded title it falls under. A heading closes every open heading of its level or deeper; an
    embedded title closes everything, and its own headings nest under it."""
    parents: list[int | None] = []
    stack: list[tuple[int, int]] = []  # (level, position); an embedded title has level 0
    for position, (kind, level) in enumerate(kinds_levels, start=1):
        if kind == "doc_title":
            stack.clear()
            parents.append(None)
            stack.append((0, position))
        elif kind == "heading":
            level = max(level or 1, 1)
            while stack and stack[-1][0] >= level:
                stack.pop()
            parents.append(stack[-1][1] if stack else None)
            stack.append((level, position))
        else:
            parents.append(stack[-1][1] if stack else None)
    return parents


def body_from_parsed(blocks: Iterable[ParsedBlock]) -> list[BodyBlock]:
    """The importer's blocks as the page shows them (the preview, before storing)."""
    blocks = list(blocks)
    parents = enclosing_positions([(b.kind, b.level) for b in blocks])
    body = [
        BodyBlock(position, b.kind, b.text, b.level, b.number, b.rows, parent)
        for position, (b, parent) in enumerate(zip(blocks, parents), start=1)
    ]
    return _with_depths(body)


def body_from_rows(rows: Iterable) -> list[BodyBlock]:
    """Stored Block rows (in position order) as the page shows them; parents as stored."""
    body = [BodyBlock(r.position, r.kind, r.text, r.level, r.number, r.rows, r.parent) for r in rows]
    return _with_depths(body)


def _with_depths(body: list[BodyBlock]) -> list[BodyBlock]:
    by_position = {b.position: b for b in body}
    for index, block in enumerate(body):
        if block.kind in TOC_KINDS:
            parent = by_position.get(block.parent) if block.parent else None
            block.depth = (parent.depth if parent else 0) + 1
        elif block.kind == "table" and index and _captions(body[index - 1]):
            block.caption = body[index - 1].anchor
    return body


def _captions(block: BodyBlock) -> bool:
    """A table's caption is printed just above it: a heading or an annex title (一、民间文学（共计6
    项）, 第四批…名录), or a short line that names the table (表1 …, …一览表) without ending a sentence."""
    if block.kind in TOC_KINDS:
        return True
    text = block.text.strip()
    return (block.kind == "paragraph" and len(text) <= CAPTION_MAX_CHARS and not text.endswith(("。", "：", ":", "；"))
            and bool(CAPTION_RE.search(text)))


def table_of_contents(body: Sequence[BodyBlock]) -> list[TocNode]:
    """Headings and embedded titles nested by their enclosing part. A part whose parent is
    unknown is shown at the top rather than lost."""
    nodes = {b.position: TocNode(b) for b in body if b.kind in TOC_KINDS}
    roots: list[TocNode] = []
    for position, node in nodes.items():
        parent = nodes.get(node.block.parent) if node.block.parent else None
        (parent.children if parent else roots).append(node)
    return roots


def heading_path(body: Sequence[BodyBlock], position: int) -> list[str]:
    """The headings (outermost first) a block falls under: where a search hit sits."""
    by_position = {b.position: b for b in body}
    path: list[str] = []
    block = by_position.get(position)
    parent = block.parent if block else None
    while parent and len(path) < 20:
        node = by_position.get(parent)
        if node is None:
            break
        path.append(node.heading)
        parent = node.parent
    return path[::-1]
