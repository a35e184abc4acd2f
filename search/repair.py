"""Compare the index with the database document by document, and repair only what differs.

The repair re-indexes just the bulletins that own a missing or extra document, in ONE commit
(through the outbox path): readers see the index before or after, never an emptied one.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from bulletin.models import Article, Block

from .schema import KIND_ARTICLE, KIND_PARAGRAPH, parse_ref, ref_of
from .writer import index_path, open_index


@dataclass
class Drift:
    database: dict[str, int]  # kind → documents the database implies
    index: dict[str, int]  # kind → live documents in the index
    missing: dict[int, int] = field(default_factory=dict)  # ref → bulletin, in the database only
    extra: dict[int, int] = field(default_factory=dict)  # ref → bulletin, in the index only

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra

    @property
    def bulletins(self) -> set[int]:
        return set(self.missing.values()) | set(self.extra.values())

    def count(self, refs: dict[int, int], kind: str) -> int:
        return sum(1 for ref in refs if parse_ref(ref)[0] == kind)


def database_refs() -> dict[int, int]:
    refs = {ref_of(KIND_PARAGRAPH, pk): b for pk, b in Block.objects.values_list("pk", "article__bulletin_id")}
    refs.update({ref_of(KIND_ARTICLE, pk): b for pk, b in Article.objects.values_list("pk", "bulletin_id")})
    return refs


def index_refs(path: str | None = None) -> dict[int, int]:
    """ref → bulletin of every live document, read from the index's columns (a brute-force scan)."""
    ix = open_index(path or index_path())
    refs = {}
    with ix.reader() as reader:
        if reader.doc_count_all() == 0:
            return refs
        ref_column, bulletin_column = reader.column_reader("ref"), reader.column_reader("bulletin")
        for docnum in range(reader.doc_count_all()):
            if not reader.is_deleted(docnum):
                refs[int(ref_column[docnum])] = int(bulletin_column[docnum])
    return refs


def compare() -> Drift:
    # The index first: a change committed in between shows as missing (repairable), not as extra.
    indexed = index_refs()
    database = database_refs()
    drift = Drift(
        database={kind: sum(1 for r in database if parse_ref(r)[0] == kind) for kind in (KIND_PARAGRAPH, KIND_ARTICLE)},
        index={kind: sum(1 for r in indexed if parse_ref(r)[0] == kind) for kind in (KIND_PARAGRAPH, KIND_ARTICLE)},
    )
    drift.missing = {ref: b for ref, b in database.items() if ref not in indexed}
    drift.extra = {ref: b for ref, b in indexed.items() if ref not in database}
    drift.extra.update({ref: b for ref, b in indexed.items() if ref in database and database[ref] != b})
    return drift


def repair(drift: Drift | None = None) -> tuple[int, int]:
    """Re-index the bulletins that differ (and whatever the outbox holds), in one commit."""
    from .outbox import apply_pending

    drift = compare() if drift is None else drift
    return apply_pending(extra=drift.bulletins)
