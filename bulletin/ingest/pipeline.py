"""The importer end to end: bytes -> ParsedBulletin, with a ledger of where every line went."""
from __future__ import annotations

from collections import Counter

from .columns import full_width, mark_column_widths, merge_orphans, split_columns
from .continuity import ContinuityModel
from .dedupe import drop_duplicate_columns, drop_repeated_runs
from .document import Ledger, ParsedBulletin, TocEntry
from .errors import IngestError
from .extract import decode_bytes
from .frontmatter import read_front_matter
from .furniture import find_furniture
from .lines import Line, match_key, read_lines
from .numbering import count_numbering_breaks, numbered_starts
from .order import restore_reading_order
from .normalize import normalize_text
from .recognise import recognise
from .structure import build_article, title_length
from .text_layout import is_layout_text, read_text_layout

PDF_MAGIC = b"%PDF-"
# A printed body shows up twice in a spread extraction: lines of 8+ characters (too long to repeat
# by chance as headings do), 20 at least, a tenth of them in repeated runs of three.
SPREAD_LINE_CHARS = 8
SPREAD_MIN_LINES = 20
SPREAD_REPEATED_SHARE = 0.1
# Column starts marked by one leading space: two at least, on at most a fifth of the lines.
MIN_COLUMN_MARKS = 2
MAX_MARKED_SHARE = 0.2


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
        return parse_printer_spreads(text, name)
    return recognise(read_text_layout(text), name)


def marks_column_starts(text: str) -> bool:
    """An extraction that marks where a column starts with one leading space (as the sample
    does), on a few lines only; -layout text, indented throughout, marks nothing."""
    lines = [line for line in text.split("\n") if line.strip()]
    if is_layout_text(lines):
        return False
    marked = sum(1 for line in lines if line[:1] == " " and line[1:2] != " ")
    return MIN_COLUMN_MARKS <= marked <= MAX_MARKED_SHARE * len(lines)


def shows_printer_spreads(text: str) -> bool:
    """Evidence that the extraction broke the reading order the way a printer's imposition does:
    the body printed twice, i.e. runs of consecutive long lines repeated verbatim (a table's
    repeated cells or a repeated heading are single lines, not runs). An extraction without it
    is trusted as it comes."""
    long_lines = [line.strip() for line in text.split("\n") if len(line.strip()) >= SPREAD_LINE_CHARS]
    if len(long_lines) < SPREAD_MIN_LINES:
        return False
    runs = Counter(zip(long_lines, long_lines[1:], long_lines[2:]))
    in_repeated_runs = sum(n for n in runs.values() if n > 1)
    return in_repeated_runs >= SPREAD_REPEATED_SHARE * len(long_lines)


def parse_printer_spreads(text: str, name: str = "<input>") -> ParsedBulletin:
    """The reading-order repair for printer spreads (booklet imposition, doubled columns): columns
    cut, copies dropped, the order restored from the text (see order.py)."""
    lines = read_lines(text)
    if not lines:
        raise IngestError(f"{name}: 文件中没有文字")
    front = read_front_matter(lines, name)
    furniture = find_furniture(lines, front.gazette, exclude=front.line_indices)
    body = [line for line in lines if line.index not in front.line_indices and line.index not in furniture]
    if not body:
        raise IngestError(f"{name}: 找到了刊头，但其后没有正文")
    width = full_width(body)
    body = merge_orphans(body, width)
    model = ContinuityModel(line.text for line in body)

    columns = _split_at_titles(split_columns(body, model, width), front.toc)
    mark_column_widths(columns, width)
    unique, duplicate_lines = drop_duplicate_columns(columns, {match_key(entry.title) for entry in front.toc})
    titles = _title_columns(unique, front.toc)
    chains = restore_reading_order(unique, titles, model, width)

    warnings: list[str] = []
    articles = []
    seen_runs: set[tuple[str, ...]] = set()
    for chain in chains:
        chain_lines = drop_repeated_runs([line for column in chain.columns for line in unique[column]], seen_runs, duplicate_lines)
        entry = front.toc[chain.title] if chain.title is not None else None
        article = build_article(chain_lines, entry, width)
        for before, after in chain.weak_joins:
            warnings.append(
                f"《{article.title}》: the column starting «{unique[after][0].text[:14]}» was placed after "
                f"«…{unique[before][-1].text[-14:]}» on layout and numbering alone (no word joins them): check the order there"
            )
        breaks = count_numbering_breaks(numbered_starts(chain_lines))
        if breaks:
            warnings.append(f"《{article.title}》: {breaks} numbering step(s) out of sequence (a heading or 一是/二是 skipped or misplaced)")
        articles.append(article)
    found = {chain.title for chain in chains}
    for position, entry in enumerate(front.toc):
        if position not in found:
            warnings.append(f"TOC entry 《{entry.title}》 (p. {entry.page}) was not found in the text")

    ledger = _ledger(lines, front.line_indices, furniture, duplicate_lines)
    if not ledger.balanced:
        raise IngestError(f"{name}: 内部错误：行账不平（{ledger}）")
    return ParsedBulletin(
        gazette=front.gazette,
        year=front.year,
        issue=front.issue,
        total_issue=front.total_issue,
        published=front.published,
        articles=articles,
        toc=front.toc,
        ledger=ledger,
        warnings=warnings,
    )


def _split_at_titles(columns: list[list[Line]], toc: list[TocEntry]) -> list[list[Line]]:
    """An article title inside a column starts a column of its own (it opens an article)."""
    result = []
    for column in columns:
        start = 0
        for pos in range(1, len(column)):
            if any(title_length(column, pos, entry.title) for entry in toc):
                result.append(column[start:pos])
                start = pos
        result.append(column[start:])
    return result


def _title_columns(columns: list[list[Line]], toc: list[TocEntry]) -> dict[int, int]:
    titles: dict[int, int] = {}
    for position, entry in enumerate(toc):
        for column_id, column in enumerate(columns):
            if column_id not in titles and title_length(column, 0, entry.title):
                titles[column_id] = position
                break
    return titles


def _ledger(lines: list[Line], front: set[int], furniture: set[int], duplicates: list[Line]) -> Ledger:
    duplicate_ids = {i for line in duplicates for i in (line.index, *line.absorbed)}
    total = len(lines)
    return Ledger(
        lines=total,
        front_matter=len(front),
        furniture=len(furniture),
        duplicate=len(duplicate_ids),
        kept=total - len(front) - len(furniture) - len(duplicate_ids),
    )
