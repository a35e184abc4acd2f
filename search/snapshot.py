"""A per-process view of one index generation: searcher, columns as arrays, verification texts.

Opened once and reused by every request in this thread; reopened only when a writer committed a
new generation. Per-segment data is cached by segment id (segments never change), so after an
import only the new segment is loaded.

The texts are the database's paragraph/title texts, normalised like the index (search.texts keeps
them in memory-mapped files, one per segment). They verify candidates of query parts of 3+
characters (bigram candidates → exact substring), the way a trigram index rechecks rows.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from whoosh import index as whoosh_index

from bulletin.models import Article, Block

from .analysis import SEGMENT_BREAK, search_form
from .texts import SegmentTexts, TextStore, segment_texts
from .schema import KIND_ARTICLE, WORD_COLUMNS, build_schema, parse_ref, schema_signature
from .writer import index_path

BM25_K1, BM25_B = 1.2, 0.75
COLUMNS = ("ref", "year", "issue", "bulletin", "article", "published", "signed", *WORD_COLUMNS)
COLUMN_DTYPES = {"ref": np.int64}  # pk * 2 (+1): beyond 32 bits in a large archive; the rest fit in int32
_local = threading.local()
_segment_cache: dict[str, "SegmentData"] = {}
_segment_lock = threading.Lock()
# A word column's codes, process-wide and append-only, so a segment's codes are the generation's:
# its columns can be slices of the generation's arrays (one copy in memory, not two).
_vocabularies: dict[str, dict[str, int]] = {name: {} for name in WORD_COLUMNS}
_generations: dict[tuple, "Generation"] = {}  # by (segment id, live docs) of each segment
_generation_lock = threading.Lock()


@dataclass
class SegmentData:
    """One segment's per-document data, kept while the segment lives (segments never change).
    Once a generation holds the segment, its columns are views of the generation's arrays."""

    columns: dict[str, np.ndarray]  # numbers; a word column as codes into _vocabularies[name]
    texts: SegmentTexts


@dataclass
class Generation:
    """The per-document data of one index generation, shared by every thread of the process
    (read-only once built): a worker holds it once, not once per thread. Columns are numpy
    arrays (4 or 8 bytes a document, vectorised filters and facets); a word column holds codes
    into its vocabulary."""

    columns: dict[str, np.ndarray]  # global docnum → value (word columns: code)
    vocabularies: dict[str, list[str]]  # word column → its values, by code
    text_store: TextStore  # global docnum → search form ("" if the row is gone)
    live: np.ndarray  # global docnum → not deleted (bool)
    _bounds: dict[str, tuple[int, int]] = field(default_factory=dict, init=False, repr=False)

    def code(self, name: str, value: str) -> int:
        """The code of a word column's value; -1 if no document has it."""
        try:
            return self.vocabularies[name].index(value)
        except ValueError:
            return -1

    def bounds(self, name: str) -> tuple[int, int]:
        """A column's smallest and largest value (0, 0 when empty), computed once per generation."""
        found = self._bounds.get(name)
        if found is None:
            column = self.columns[name]
            found = self._bounds[name] = (int(column.min()), int(column.max())) if len(column) else (0, 0)
        return found

    @cached_property
    def live_count(self) -> int:
        return int(self.live.sum())

    @cached_property
    def length_norm(self) -> np.ndarray:
        """BM25's k1·(1 − b + b·len/avglen) per document, length in characters; once per generation."""
        lengths = self.text_store.lengths().astype(np.float64)
        average = max(1.0, float(lengths.mean()) if len(lengths) else 1.0)
        return BM25_K1 * (1 - BM25_B + BM25_B * lengths / average)


@dataclass
class Snapshot:
    searcher: object  # this thread's own (Whoosh searchers are not shared between threads)
    leaves: list[tuple[object, int]]  # (segment reader, docnum offset)
    generation: Generation

    @property
    def columns(self) -> dict[str, list]:
        return self.generation.columns

    @property
    def text_store(self) -> TextStore:
        return self.generation.text_store

    @property
    def live(self) -> np.ndarray:
        return self.generation.live

    @property
    def live_count(self) -> int:
        return self.generation.live_count

    @property
    def vocabularies(self) -> dict[str, list[str]]:
        return self.generation.vocabularies

    @property
    def length_norm(self) -> np.ndarray:
        return self.generation.length_norm

    @property
    def doc_count(self) -> int:
        return self.searcher.doc_count()

    def document_frequency(self, field: str, term: str) -> int:
        return self.searcher.reader().doc_frequency(field, term)


def current_snapshot() -> Snapshot | None:
    path = index_path()
    snap = getattr(_local, "snapshot", None)
    if snap is not None and getattr(_local, "path", None) == path:
        if snap.searcher.up_to_date():
            return snap
        # refresh() reuses the readers of unchanged segments, so the old searcher is not closed.
        _local.snapshot = _build(snap.searcher.refresh())
        return _local.snapshot
    if snap is not None:
        snap.searcher.close()
        _local.snapshot = None
    if not whoosh_index.exists_in(path):
        return None
    ix = whoosh_index.open_dir(path)
    if schema_signature(ix.schema) != schema_signature(build_schema()):
        return None  # an index of an older release: search says to rebuild it
    _local.snapshot, _local.path = _build(ix.searcher()), path
    return _local.snapshot


def _build(searcher) -> Snapshot:
    # An empty index has one EmptyReader leaf without a segment: nothing to load.
    leaves = [(r, off) for r, off in searcher.reader().leaf_readers() if r.segment() is not None]
    key = tuple((r.segment().segment_id(), r.doc_count()) for r, _off in leaves)
    with _generation_lock:
        generation = _generations.get(key)
        if generation is None:
            generation = _load_generation(leaves)
            # Only the latest: a thread still on an older snapshot keeps that generation alive itself.
            _generations.clear()
            _generations[key] = generation
    return Snapshot(searcher, leaves, generation)


def _load_generation(leaves) -> Generation:
    parts = {name: [] for name in COLUMNS}
    texts: list[SegmentTexts] = []
    live_parts = []
    segments = []
    for reader, _offset in leaves:
        data = _segment_data(reader)
        segments.append(data)
        for name in COLUMNS:
            parts[name].append(data.columns[name])
        texts.append(data.texts)
        live = np.ones(reader.doc_count_all(), dtype=bool)
        if reader.has_deletions():
            live[np.fromiter(reader.segment().deleted_docs(), dtype=np.int64)] = False
        live_parts.append(live)
    columns = {name: np.concatenate(chunks) if chunks else np.zeros(0, dtype=COLUMN_DTYPES.get(name, np.int32))
               for name, chunks in parts.items()}
    live_ids = {reader.segment().segment_id() for reader, _offset in leaves}
    with _segment_lock:
        for stale in set(_segment_cache) - live_ids:  # forget merged-away segments
            del _segment_cache[stale]
        start = 0
        for data in segments:  # from now on the segment's columns are slices of the generation's
            end = start + len(data.columns["ref"])
            data.columns = {name: columns[name][start:end] for name in COLUMNS}
            start = end
        vocabularies = {name: list(codes) for name, codes in _vocabularies.items()}
    live = np.concatenate(live_parts) if live_parts else np.zeros(0, dtype=bool)
    return Generation(columns, vocabularies, TextStore(texts), live)


def _segment_data(reader) -> SegmentData:
    key = reader.segment().segment_id()
    with _segment_lock:
        cached = _segment_cache.get(key)
    if cached is not None:
        return cached
    columns = {}
    for name in COLUMNS:
        values = reader.column_reader(name)
        if name in WORD_COLUMNS:
            with _segment_lock:
                vocabulary = _vocabularies[name]
                columns[name] = np.fromiter((vocabulary.setdefault(v, len(vocabulary)) for v in values), dtype=np.int32)
        else:
            columns[name] = np.fromiter(values, dtype=COLUMN_DTYPES.get(name, np.int32))
    refs = columns["ref"]
    texts = segment_texts(index_path(), key, len(refs), lambda: _texts_for_refs(refs.tolist()))
    data = SegmentData(columns, texts)
    with _segment_lock:
        _segment_cache[key] = data
    return data


def _texts_for_refs(refs: list[int]) -> list[str]:
    paragraph_ids, article_ids = [], []
    for ref in refs:
        kind, pk = parse_ref(ref)
        (article_ids if kind == KIND_ARTICLE else paragraph_ids).append(pk)
    paragraphs = _texts_in_range(Block, ("text",), paragraph_ids)
    articles = _texts_in_range(Article, ("title", "category"), article_ids)
    out = []
    for ref in refs:
        pk = ref >> 1
        out.append(articles.get(pk, "") if ref & 1 else paragraphs.get(pk, ""))
    return out


def _texts_in_range(model, fields: tuple[str, ...], ids: list[int]) -> dict[int, str]:
    """Search forms of the documents' texts (an article's: title and category, as indexed)."""
    if not ids:
        return {}
    wanted = set(ids)
    low, high = min(ids), max(ids)
    # A segment holds a few pk ranges: one range scan beats a huge IN list.
    if high - low < 4 * len(ids):
        rows = model.objects.filter(pk__gte=low, pk__lte=high).values_list("pk", *fields).iterator(chunk_size=5000)
    else:
        rows = (r for start in range(0, len(ids), 500)
                for r in model.objects.filter(pk__in=ids[start:start + 500]).values_list("pk", *fields))
    return {pk: search_form(SEGMENT_BREAK.join(v for v in values if v)) for pk, *values in rows if pk in wanted}
