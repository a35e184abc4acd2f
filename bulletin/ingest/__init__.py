"""The importer: bulletin bytes in, a ParsedBulletin out. Plain Python; no Django import here.

Every input becomes one model of the printed page (layout.PageLine), read by one recogniser:
  extract, normalize   bytes to text; radicals folded on entry
  pdf_lines            a PDF's lines from its geometry (pdf, pdf_layout: pages, columns, furniture;
                       ruled tables through pdfplumber)
  text_layout          extracted text's lines (plain; grid_text for pdftotext -layout, its
                       gutters in grid_gutters); tables:
                       text_tables (-layout grid), plain_tables (one cell block a line),
                       amount_tables (budgets without running numbers); printer spreads in
                       text: grid_spreads (-layout), text_spreads (default text); side_names:
                       two issuers printed side by side, one line again
  masthead             gazette, year, issue, date; the contents page in any form
  text_furniture       page numbers and running heads that text leaves
  titles               where articles and embedded documents begin
  block_boundaries     where one block ends and the next begins
  blocks               a document's lines into typed blocks, heading levels
  recognise            the whole bulletin, its ledger and character check
  anatomy, profile     shapes of a document's parts; every tunable, with its reason
  spreads              the legacy reading-order repair for the sample's spreads (columns, dedupe,
                       continuity, order, frontmatter, furniture, paragraphs, structure), run only
                       on evidence
  version              the importer's version, recorded on every bulletin it parses
"""
from .document import Article, Block, Ledger, ParsedBulletin, TocEntry
from .errors import IngestError
from .pipeline import parse_bulletin, parse_text

__all__ = ["Article", "Block", "IngestError", "Ledger", "ParsedBulletin", "TocEntry", "parse_bulletin", "parse_text"]
