"""What the parser can afford, checked before any parsing starts (bench/parser_bounds.py measures
the figures behind these numbers).

The recogniser is linear in its input (about 3 s and 30 MB per MB of text: 10 MB took 32 s
and 330 MB peak on the busy 2-core machine). The printer-spread
repair (spreads.py, order.py) is not: it weighs every column against every other and searches
over arrangements, so it runs only on an input the size of one printed issue; a larger text is
read in the order it comes, with a warning."""
from __future__ import annotations

from .errors import IngestError

MB = 1024 * 1024
# The largest text the recogniser is given: 10 MB of bulletin text parses in about 30 s with a
# few hundred MB; 16 MB stays within the 1 GB / 60 s budget (a 50 MB text is refused at once).
MAX_TEXT_BYTES = 16 * MB
# The printer-spread repair: the sample (33,000 characters, 36 columns) takes 1 s; 120 columns
# take 2.4 s, 236 columns 19 s, 513 columns 87 s (synthetic booklets).
MAX_SPREAD_CHARS = 150_000
MAX_SPREAD_COLUMNS = 160
# A PDF is read sheet by sheet (pdfplumber's objects of a read sheet are released): about 0.2 MB
# and 0.07 s per page (synthetic bulletin: 200 pages 12 s / 86 MB, 1,003 pages 75 s / 231 MB on
# the busy 2-core machine); 600 pages, four times a thick issue, stay within 60 s.
MAX_PDF_PAGES = 600


def human_size(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB else f"{size / 1024:.0f} KB"


def check_text_size(size: int, name: str) -> None:
    """Refuse a text the parser cannot afford, before decoding it."""
    if size > MAX_TEXT_BYTES:
        raise IngestError(f"{name}: 文本有 {human_size(size)}，超过解析器一次能处理的 {human_size(MAX_TEXT_BYTES)}：请按期拆分后再导入")
