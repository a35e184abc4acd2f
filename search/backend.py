"""The haystack engine of the site: our Whoosh index, our query semantics, through haystack's API.

`SearchQuerySet` is the search layer of the site, the API and the bench: `auto_query`/`filter`
/`exclude`/`narrow`/`models`/`facet`/`order_by`/`highlight`/`count` and slicing all run here, on
the same exact matching and ranking (search.matching). haystack's commands (rebuild_index,
update_index [--remove], clear_index) write through search.writer (one commit each, atomic for
readers). Another haystack engine (Elasticsearch, OpenSearch) can be configured instead: see the
README for the Chinese analysis it needs to keep these semantics.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from haystack.backends import BaseSearchQuery, SQ
from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.inputs import BaseInput
from haystack.models import SearchResult
from haystack.utils import get_identifier

from bulletin.models import Article, Block

from . import writer
from .documents import article_document, doc_key, documents_for_blocks
from .query import date_bound
from .schema import KIND_ARTICLE, KIND_PARAGRAPH, WORD_COLUMNS

_KIND_BY_MODEL = {"bulletin.block": KIND_PARAGRAPH, "bulletin.article": KIND_ARTICLE}
_MODEL_BY_KIND = {KIND_PARAGRAPH: ("bulletin", "block"), KIND_ARTICLE: ("bulletin", "article")}
NUMBER_FIELDS = ("year", "issue", "bulletin", "article", "published", "signed")
DATE_FIELDS = ("published", "signed")
SORTABLE = {"published", "signed", "year", "issue", "score"}


class UnsupportedQuery(ValueError):
    """A SearchQuerySet expression this engine cannot answer exactly (refused, never guessed)."""


@dataclass
class StructuredQuery:
    """What a SearchQuerySet asks, as our engine answers it (haystack passes it to search())."""

    text: list[str] = field(default_factory=list)  # our query syntax, ANDed
    filters: dict[str, list] = field(default_factory=dict)  # field -> allowed values (OR)
    ranges: dict[str, list[int]] = field(default_factory=dict)  # field -> [low, high]
    excluded: dict[str, list] = field(default_factory=dict)  # field -> values to drop

    def __str__(self):
        bits = list(self.text)
        bits += [f"{k}:{'|'.join(map(str, v))}" for k, v in self.filters.items()]
        bits += [f"{k}:{lo}..{hi}" for k, (lo, hi) in self.ranges.items()]
        bits += [f"-{k}:{'|'.join(map(str, v))}" for k, v in self.excluded.items()]
        return " ".join(bits) or "*"


def _value(value):
    return value.query_string if isinstance(value, BaseInput) else value


def _number(field_name: str, value, end: int = 0) -> int:
    if field_name in DATE_FIELDS and not isinstance(value, int):
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
        bound = date_bound(text, end)
        if bound is None:
            raise UnsupportedQuery(f"{field_name}: 不是日期：{value!r}")
        return bound
    try:
        return int(value)
    except (TypeError, ValueError):
        raise UnsupportedQuery(f"{field_name}: 不是数字：{value!r}") from None


class ChineseSearchQuery(BaseSearchQuery):
    """Turns haystack's SQ tree into a StructuredQuery (AND of conditions; OR of one field's
    values; NOT of a filter or of a text condition)."""

    def build_query(self):
        query = StructuredQuery()
        self._add(self.query_filter, query, negated=False)
        for narrow in self.narrow_queries:
            query.text.append(str(narrow))
        return query

    def _add(self, node, query: StructuredQuery, negated: bool):
        negated = negated != bool(getattr(node, "negated", False))
        children = getattr(node, "children", [])
        if getattr(node, "connector", SQ.AND) == SQ.OR and len(children) > 1:
            self._add_or(children, query, negated)
            return
        for child in children:
            if isinstance(child, tuple):
                self._add_condition(child, query, negated)
            else:
                self._add(child, query, negated)

    def _add_or(self, children, query, negated):
        leaves = [c for c in children if isinstance(c, tuple)]
        if len(leaves) != len(children):
            raise UnsupportedQuery("OR 只能连接同一字段的取值或检索词")
        fields = {self.query_filter.split_expression(expr) for expr, _ in leaves}
        if len(fields) != 1:
            raise UnsupportedQuery("OR 只能连接同一字段的取值或检索词")
        (name, kind), = fields
        if name == "content" or kind == "content" and name == "text":
            text = " OR ".join(str(_value(v)) for _, v in leaves)
            query.text.append(f"-({text})" if negated else text)
            return
        target = query.excluded if negated else query.filters
        target.setdefault(name, []).extend(self._values(name, _value(v)) for _, v in leaves)

    def _add_condition(self, child, query: StructuredQuery, negated: bool):
        expression, value = child
        name, kind = self.query_filter.split_expression(expression)
        value = _value(value)
        if name in ("content", "text", "text"):
            if negated:
                query.text.extend(f"-{bit}" for bit in str(value).split())
            else:
                query.text.append(str(value))
            return
        if name not in WORD_COLUMNS and name not in NUMBER_FIELDS:
            raise UnsupportedQuery(f"不能按“{name}”筛选")
        if kind in ("content", "exact", "in"):
            values = list(value) if kind == "in" else [value]
            target = query.excluded if negated else query.filters
            target.setdefault(name, []).extend(self._values(name, v) for v in values)
            return
        if name not in NUMBER_FIELDS or negated:
            raise UnsupportedQuery(f"“{name}__{kind}”不支持")
        low, high = query.ranges.get(name, [0, 10**12])
        if kind == "range":
            low, high = max(low, _number(name, value[0], 0)), min(high, _number(name, value[1], 1))
        elif kind in ("gte", "gt"):
            low = max(low, _number(name, value, 0) + (kind == "gt"))
        elif kind in ("lte", "lt"):
            high = min(high, _number(name, value, 1) - (kind == "lt"))
        else:
            raise UnsupportedQuery(f"“{name}__{kind}”不支持")
        query.ranges[name] = [low, high]

    @staticmethod
    def _values(name, value):
        return str(value) if name in WORD_COLUMNS else _number(name, value)

    def build_query_fragment(self, field, filter_type, value):  # not used: build_query is ours
        return f"{field}:{_value(value)}"

    def clean(self, query_fragment):
        return query_fragment  # our parser takes the user's syntax as typed


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
            by_id = Article.objects.select_related("bulletin__gazette").in_bulk([a.pk for a in articles])
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

    def search(self, query_string, start_offset=0, end_offset=None, facets=None, sort_by=None,
               highlight=False, models=None, narrow_queries=None, result_class=None, **kwargs):
        """Exact matching, facets, ranking or sorting, and the slice asked for, as haystack
        results; `hits` is the exact number of matches."""
        from .executor import execute

        if not isinstance(query_string, StructuredQuery):
            query_string = StructuredQuery(text=[str(query_string or "")] if str(query_string or "") != "*" else [])
        for narrow in narrow_queries or ():
            query_string.text.append(str(narrow))
        answer = execute(query_string, start=start_offset, end=end_offset, facets=facets, sort_by=sort_by,
                         models=models, highlight=bool(highlight))
        result_class = result_class or SearchResult
        results = []
        for hit in answer.hits:
            app_label, model_name = _MODEL_BY_KIND[hit.kind]
            result = result_class(app_label, model_name, hit.pk, hit.score, kind=hit.block_kind,
                                  id=f"{app_label}.{model_name}.{hit.pk}", row=hit.row)
            if highlight:
                result.highlighted = {"text": [hit.highlight]}
            results.append(result)
        facet_fields = {name: list(counts.items()) for name, counts in answer.facets.items()}
        return {"results": results, "hits": answer.count, "facets": {"fields": facet_fields} if facets else {},
                "spelling_suggestion": None, "messages": answer.messages}


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshSearchBackend
    query = ChineseSearchQuery
