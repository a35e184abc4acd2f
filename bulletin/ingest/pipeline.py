"""The importer end to end: bytes -> ParsedBulletin, with a ledger of where every line went."""
from __future__ import annotations

from collections import Counter

from .document import ParsedBulletin
from .extract import decode_bytes
from .normalize import normalize_text
from .recognise import recognise
from .text_layout import is_layout_text, read_text_layout
from .profile import PROFILE

PDF_MAGIC = b"%PDF-"


def parse_bulletin(data: bytes, name: str = "<input>") -> ParsedBulletin:
    """Parse a bulletin file's bytes: a PDF or its extracted text in any supported encoding. Every
    input becomes the attributed line model (layout.py), read by one recogniser."""
    if data[:1024].lstrip().startswith(PDF_MAGIC):
        from .pdf_lines import read_pdf_layout

        return recognise(read_pdf_layout(data, name), name)
    return parse_text(decode_bytes(data, name), name)


def parse_text(text: str, name: str = "<input>") -> ParsedBulletin:
    """Text is read in the order it comes. The printer-spread repair (order.py) runs only on
    evidence that the extraction is a spread's: the body printed twice, or column starts marked
    by the extraction; that repair keeps an extraction which already reads through."""
    text = normalize_text(text)
    if shows_printer_spreads(text) or marks_column_starts(text):
        from .spreads import parse_printer_spreads

        return parse_printer_spreads(text, name)
    return recognise(read_text_layout(text), name)


def marks_column_starts(text: str) -> bool:
    """An extraction that marks where a column starts with one leading space (as the sample
    does), on a few lines only; -layout text, indented throughout, marks nothing."""
    lines = [line for line in text.split("\n") if line.strip()]
    if is_layout_text(lines):
        return False
    marked = sum(1 for line in lines if line[:1] == " " and line[1:2] != " ")
    return PROFILE.min_column_marks <= marked <= PROFILE.max_marked_share * len(lines)


def shows_printer_spreads(text: str) -> bool:
    """Evidence that the extraction broke the reading order the way a printer's imposition does:
    the body printed twice, i.e. runs of consecutive long lines repeated verbatim (a table's
    repeated cells or a repeated heading are single lines, not runs). An extraction without it
    is trusted as it comes."""
    long_lines = [line.strip() for line in text.split("\n") if len(line.strip()) >= PROFILE.spread_line_chars]
    if len(long_lines) < PROFILE.spread_min_lines:
        return False
    runs = Counter(zip(long_lines, long_lines[1:], long_lines[2:]))
    in_repeated_runs = sum(n for n in runs.values() if n > 1)
    return in_repeated_runs >= PROFILE.spread_repeated_share * len(long_lines)
