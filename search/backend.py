"""Haystack engine on our Whoosh index: our schema and analyzers, our serialized writer.

Haystack's management commands (rebuild_index, update_index, clear_index) and SearchQuerySet
drive this backend; the site's pages go through search.engine, on the same matching and ranking.
"""
from __future__ import annotations

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.utils import get_identifier

from bulletin.models import Article, Block

from . import writer
from .documents import article_document, doc_key, documents_for_blocks
from .schema import KIND_ARTICLE, KIND_PARAGRAPH, parse_ref

_KIND_BY_MODEL = {"bulletin.block": KIND_PARAGRAPH, "bulletin.article": KIND_ARTICLE}


class ChineseWhooshSearchBackend(WhooshSearchBackend):
    def setup(self):
        self.index = writer.open_index(self.path)
        self.schema = self.index.schema
        self.content_field_name = "text"
        self.setup_complete = True

    def update(self, index, iterable, commit=True):
        """A whole batch in one commit, old versions found with one searcher; errors raise."""
        objects = list(iterable)
        blocks = [o for o in objects if isinstance(o, Block)]
        articles = [o for o in objects if isinstance(o, Article)]
        documents = list(documents_for_blocks(blocks))
        if articles:
            by_id = Article.objects.select_related("bulletin").in_bulk([a.pk for a in articles])
            documents += [article_document(a) for a in by_id.values()]
        writer.write_documents(documents, path=self.path)

    def remove(self, obj_or_string, commit=True):
        identifier = get_identifier(obj_or_string)  # "bulletin.block.12"
        model, _, pk = identifier.rpartition(".")
        kind = _KIND_BY_MODEL.get(model)
        if kind is None or not pk.isdigit():
            raise ValueError(f"not an indexed object: {identifier}")
        writer.delete_documents([doc_key(kind, int(pk))], path=self.path)  # never fails silently

    def clear(self, models=None, commit=True):
        writer.clear_index(self.path)

    def delete_index(self):
        writer.clear_index(self.path)

    def optimize(self):
        with writer.serialized_writer(self.path) as w:
            w.optimize = True  # whoosh: merge every segment on commit

    def search(self, query_string, start_offset=0, end_offset=None, **kwargs):
        """Haystack's SearchQuerySet on the same matching and ranking as the site (our query
        syntax, exact substring recall, BM25), returning haystack SearchResults."""
        from haystack.models import SearchResult

        from .matching import matching_docnums, rank
        from .query import parse
        from .snapshot import current_snapshot

        snap = current_snapshot()
        parsed = parse(str(query_string or ""))
        matched = matching_docnums(snap, parsed, {}) if snap is not None else None
        if not matched:
            return {"results": [], "hits": 0}
        end = len(matched) if end_offset is None else min(end_offset, len(matched))
        ranked = rank(snap, parsed, matched, end)[start_offset:end]
        models = {KIND_PARAGRAPH: ("bulletin", "block"), KIND_ARTICLE: ("bulletin", "article")}
        results = []
        for docnum, score in ranked:
            kind, pk = parse_ref(snap.columns["ref"][docnum])
            app_label, model_name = models[kind]
            results.append(SearchResult(app_label, model_name, pk, score))
        return {"results": results, "hits": len(matched)}


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshSearchBackend
