"""The Whoosh schema: what is indexed. Nothing is stored.

Hits are identified through the ``ref`` column; the text shown in results comes from the database
for the page being shown, so the index stays small and never shows text the database lost.
"""
from collections import Counter

from whoosh.columns import NumericColumn, RefBytesColumn
from whoosh.fields import COLUMN, ID, TEXT, Schema
from whoosh.formats import Existence, Frequency
from whoosh.system import pack_uint

from .analysis import BIGRAMS, WORDS, dictionary_subwords, form_grams, normalize, search_form, word_spans
from .whoosh_internals import ArrayCodec


class WordField(TEXT):
    """TEXT with the WORDS analyzer, term frequencies only (what BM25 ranking reads: matching is
    the bigram field's), whose index() builds postings straight from word_spans.

    Same terms and frequencies as analyzing with WORDS in index mode (tested), without one Token
    object per word: indexing is Whoosh-bound, and this is a third of its per-document work.
    """

    def __init__(self, **kwargs):
        super().__init__(analyzer=WORDS, phrase=False, **kwargs)
        self.format = Frequency(field_boost=self.format.field_boost)

    def index(self, value, **kwargs):
        counts = Counter()
        for word, _start, _end, _pos in word_spans(normalize(value)):
            counts[word] += 1
            for _offset, sub in dictionary_subwords(word):
                counts[sub] += 1
        for word, freq in counts.items():
            yield word.encode("utf-8"), freq, float(freq), pack_uint(freq)


class BigramField(TEXT):
    """TEXT with the BIGRAMS analyzer, presence only: a posting is a document number and nothing
    else (matching reads ids; frequencies and weights would only make each block slower to load).
    index() lists the grams directly."""

    def __init__(self, **kwargs):
        super().__init__(analyzer=BIGRAMS, phrase=False, **kwargs)
        self.format = Existence(field_boost=self.format.field_boost)

    def index(self, value, **kwargs):
        for gram in dict.fromkeys(form_grams(search_form(value))):
            yield gram.encode("utf-8"), 1, 1.0, b""

def posting_codec() -> ArrayCodec:
    """Whoosh's W3 files with numpy-ready posting blocks (search.whoosh_internals.ArrayCodec) of
    1,024 postings instead of 128: a search decodes whole posting lists, and each block costs a
    Python round trip. zlib at its fastest level: the narrow integer arrays then take about
    what W3's pickles took at level 3 and decompress in a fraction of the time (100,000
    paragraphs: 45 MB of postings and p95 17 ms; uncompressed 86 MB and 20 ms)."""
    return ArrayCodec(blocklimit=1024, compression=POSTING_COMPRESSION)


POSTING_COMPRESSION = 1


KIND_PARAGRAPH = "paragraph"
KIND_ARTICLE = "article"


def ref_of(kind: str, pk: int) -> int:
    return pk * 2 + (1 if kind == KIND_ARTICLE else 0)


def parse_ref(ref: int) -> tuple[str, int]:
    return (KIND_ARTICLE if ref & 1 else KIND_PARAGRAPH), ref >> 1


def article_ref_mask(refs):
    """parse_ref's kind for a numpy array of refs at once: True where the document is an article."""
    return (refs & 1).astype(bool)


def build_schema() -> Schema:
    return Schema(
        # "paragraph.123" / "article.45": the unique key updates and deletes use.
        doc_id=ID(unique=True),
        # The bulletin as a plain term: a bulletin's documents go in one delete_by_term.
        bulletin_key=ID(),
        # BM25 ranks on words: term frequencies.
        text=WordField(),
        # Recall: candidates by bigram postings, verified as substrings (search.matching): which
        # documents have a gram is all that is read.
        grams=BigramField(),
        # Per-document values read as columns (filters, facets, sorting, hit identity). Columns
        # only: an indexed NUMERIC field would add ~8 trie terms per value to every document.
        # Words to filter and facet on (a few hundred values at most): a column of references to
        # the few distinct values (one small int a document); the terms stay queryable by Whoosh.
        gazette=ID(sortable=RefBytesColumn()),  # the gazette's slug
        kind=ID(sortable=RefBytesColumn()),  # the block kind (heading, paragraph, table, doc_number …) or "title"
        doc_type=ID(sortable=RefBytesColumn()),  # 通知 / 决定 / 意见 … of the article
        category=ID(sortable=RefBytesColumn()),
        issuer=ID(sortable=RefBytesColumn()),  # 发文机关
        ref=COLUMN(NumericColumn("Q")),  # block pk * 2, or article pk * 2 + 1
        bulletin=COLUMN(NumericColumn("I")),
        article=COLUMN(NumericColumn("I")),
        year=COLUMN(NumericColumn("H")),
        issue=COLUMN(NumericColumn("H")),
        published=COLUMN(NumericColumn("I")),  # yyyymmdd, 0 if unknown
        signed=COLUMN(NumericColumn("I")),  # the article's 成文日期, yyyymmdd, 0 if unknown
        order=COLUMN(NumericColumn("I")),  # article position / block position
    )


def schema_signature(schema: Schema) -> list[tuple]:
    """Comparable summary (Whoosh field objects do not compare equal across instances)."""
    return [
        (name, type(field).__name__, type(getattr(field, "analyzer", None)).__name__, field.stored,
         type(field.format).__name__ if field.format else None, field.column_type is not None)
        for name, field in schema.items()
    ]


# What each kind of hit is, as the results say it.
KIND_LABELS = {
    "title": "标题", "category": "栏目", "doc_title": "文件标题", "heading": "章节标题", "paragraph": "正文", "table": "表格",
    "doc_number": "文号", "subtitle": "副标题", "speaker": "报告人", "addressee": "主送机关",
    "attachment": "附件", "signature": "落款", "date": "日期",
}
WORD_COLUMNS = ("gazette", "kind", "doc_type", "category", "issuer")  # filtered and faceted through their columns
