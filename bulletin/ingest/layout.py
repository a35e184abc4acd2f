"""The one model of a printed bulletin that every input becomes: attributed lines.

A PDF fills each attribute exactly from the page geometry; extracted text fills what the text
shows (leading spaces, column gaps of `pdftotext -layout`, blank lines, line widths measured in
em per column) and leaves the rest at "unknown". One recogniser (`recognise`) reads this model,
whatever the input was. Units: lengths in em of the body text (one CJK character), so every
threshold in `profile` is relative to what was measured.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Line alignment inside its column box.
LEFT, CENTER, RIGHT, JUSTIFIED = "left", "center", "right", "justified"
# Page furniture kinds: not part of any document's text.
HEADER, FOOTER, PAGE_NUMBER = "header", "footer", "page_number"


@dataclass
class PageLine:
    text: str  # the printed line, normalised (see normalize.py), no surrounding white space
    source: tuple[int, ...] = ()  # indices of the input lines it was read from (for the ledger)
    page: int | None = None  # logical page in reading order (1-based); None where unknown
    printed_page: int | None = None  # the page number printed on that page, if any
    column: int = 0  # column on the page, 0 = leftmost; -1 spans the columns (a wide title)
    column_count: int = 1  # columns on that page (1 or 2 usually)
    indent: float = 0.0  # em from the column box's left edge to the first character
    right_gap: float = 0.0  # em from the last character to the column box's right edge
    column_width: float = 0.0  # the column box's width in em (0: unknown)
    size: float = 1.0  # font size relative to the body text (1.0 = body)
    bold: bool = False  # a bold or black face (黑体, 小标宋, …) or a glyph drawn twice
    align: str = LEFT  # LEFT / CENTER / RIGHT / JUSTIFIED (full line, both edges on the box)
    gap_above: float | None = None  # blank space above, in body line heights (0 = normal leading)
    furniture: str = ""  # "" or HEADER / FOOTER / PAGE_NUMBER
    table: int | None = None  # id of the table this line is a row of (None: not a table row)
    cells: list[str] | None = None  # the row's cells, left to right, when table is set
    measured: bool = False  # True: attributes measured from geometry (PDF); False: inferred from text
    column_start: bool = False  # the first line of a column (after a page or column break)

    @property
    def is_body(self) -> bool:
        return not self.furniture


@dataclass
class Layout:
    """All lines of a bulletin in reading order (as far as the input shows it), with the counts the
    ledger needs."""

    lines: list[PageLine]
    kind: str  # "pdf" | "text" | "layout-text" (pdftotext -layout: spaces carry positions)
    input_lines: int  # non-blank lines of the input (for a PDF: printed lines read from the pages)
    em_points: float = 0.0  # the body em in PDF points (0 for text)
    warnings: list[str] = field(default_factory=list)
    # Input lines that the reading-order repair found to be copies (indices), for the ledger.
    duplicate_sources: set[int] = field(default_factory=set)
