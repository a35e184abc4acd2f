"""The importer end to end: bytes -> ParsedBulletin, with a ledger of where every line went."""
from __future__ import annotations

from collections import Counter

from .document import ParsedBulletin
from .errors import IngestError
from .extract import decode_checked
from .limits import MAX_SPREAD_CHARS, check_text_size
from .normalize import normalize_text
from .recognise import recognise
from .text_layout import is_layout_text, read_text_layout
from .profile import PROFILE
from .text_checks import FORCED, Flaw, body_flaws, refuse

PDF_MAGIC = b"%PDF-"


def parse_bulletin(data: bytes, name: str = "<input>", accept_flaws: bool = False) -> ParsedBulletin:
    """Parse a bulletin file's bytes: a PDF or its extracted text in any supported encoding. Every
    input becomes the attributed line model (layout.py), read by one recogniser.

    A text with flaws (mixed encodings, mojibake, control characters, too little body:
    text_checks.py) is refused with FlawedText naming the line, unless accept_flaws (the editor
    gave a reason): then it is repaired where sure and each flaw becomes a warning."""
    if data[:1024].lstrip().startswith(PDF_MAGIC):
        parsed, text, flaws = _parse_pdf(data, name), None, []
    else:
        check_text_size(len(data), name)
        text, flaws = decode_checked(data, name)
        if flaws and not accept_flaws:
            raise refuse(flaws, name)  # before parsing: the text is wrong, its parse would be too
        parsed = parse_text(text, name)
    flaws += _body_flaws(parsed, text)
    if flaws and not accept_flaws:
        raise refuse(flaws, name)
    parsed.warnings[:0] = [f"{FORCED}第 {flaw.line} 行{flaw.message}" for flaw in flaws]
    return parsed


def _body_flaws(parsed: ParsedBulletin, text: str | None) -> list[Flaw]:
    blocks = [block for article in parsed.articles for block in article.blocks]
    first = 1
    if text is not None and blocks:
        at = text.find(blocks[0].text[:12])
        first = text.count("\n", 0, at) + 1 if at >= 0 else 1
    return body_flaws(parsed.ledger.kept, sum(len(block.text) for block in blocks), first)


def _parse_pdf(data: bytes, name: str) -> ParsedBulletin:
    """pdfminer and pdfplumber raise whatever a damaged file provokes (PSSyntaxError, struct.error,
    KeyError, RecursionError, …), also after opening, from objects read lazily: every one of them
    becomes the one-line error, named after the library's exception."""
    from .pdf import pdf_error
    from .pdf_lines import read_pdf_layout

    try:
        layout = read_pdf_layout(data, name)
    except IngestError:
        raise
    except Exception as exc:  # noqa: BLE001 -- see the docstring
        raise pdf_error(exc, name) from None
    return recognise(layout, name)


def parse_text(text: str, name: str = "<input>") -> ParsedBulletin:
    """Text is read in the order it comes. The printer-spread repair (order.py) runs only on
    evidence that the extraction is a spread's: the body printed twice, or column starts marked
    by the extraction; that repair keeps an extraction which already reads through."""
    text = normalize_text(text)
    if shows_printer_spreads(text) or marks_column_starts(text):
        from .spreads import SpreadsTooLarge, parse_printer_spreads

        try:
            if len(text) > MAX_SPREAD_CHARS:
                raise SpreadsTooLarge(f"文本有 {len(text)} 个字符，超过印刷拼版顺序修复能处理的 {MAX_SPREAD_CHARS} 个")
            return parse_printer_spreads(text, name)
        except SpreadsTooLarge as exc:
            # The repair is superlinear (limits.py): a text this large is read as it comes.
            parsed = recognise(read_text_layout(text), name)
            parsed.warnings.insert(0, f"{exc}：按提取顺序读入，请核对阅读顺序")
            return parsed
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
