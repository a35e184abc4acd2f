"""The importer: bulletin bytes in, a ParsedBulletin out. Plain Python; no Django import here.

Steps, each a module with one job:
  extract    bytes -> text (encodings; PDFs through ingest.pdf)
  frontmatter  gazette, year, issue, date, table of contents
  furniture  page numbers and running headers out
  columns    the body cut into page columns
  dedupe     repeated columns out
  order      columns back in reading order
  paragraphs wrapped lines joined into printed paragraphs, PDF spaces removed
  structure  articles and heading trees
"""
from .document import Article, Block, Ledger, ParsedBulletin, TocEntry
from .errors import IngestError
from .pipeline import parse_bulletin, parse_text

__all__ = ["Article", "Block", "IngestError", "Ledger", "ParsedBulletin", "TocEntry", "parse_bulletin", "parse_text"]
