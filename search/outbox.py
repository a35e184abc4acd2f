"""Apply the index outbox: bring the index to the database's current state for every bulletin a
committed change named, then forget those rows.

Idempotent: a bulletin is applied by what the database holds *now* (its documents deleted by
bulletin key, then added again if it still exists), so applying twice, late, or after a crash
gives the same index. The rows are read under the index lock before the bulletins' rows, so a
change committed meanwhile keeps its own row for the next pass.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F

from bulletin.faults import fault_point

from .documents import documents_for_bulletins
from .models import IndexChange
from .writer import serialized_writer

log = logging.getLogger(__name__)


def record_change(bulletin_id: int) -> None:
    """Call inside the transaction that changes the bulletin."""
    IndexChange.objects.create(bulletin_id=bulletin_id)


def pending_bulletins() -> set[int]:
    return set(IndexChange.objects.values_list("bulletin_id", flat=True))


def apply_pending(extra: Iterable[int] = (), timeout: float | None = None) -> tuple[int, int]:
    """Apply every pending change (and the bulletins in ``extra``) in ONE index commit.

    Returns (bulletins applied, documents added). On failure the rows stay, with the error, for
    the worker's next pass."""
    extra = set(extra)
    if not extra and not IndexChange.objects.exists():
        return 0, 0  # nothing to do: no lock taken, no empty commit (the worker asks every pass)
    kwargs = {} if timeout is None else {"timeout": timeout}
    rows: list[int] = []
    try:
        with serialized_writer(**kwargs) as writer:
            pending = list(IndexChange.objects.values_list("pk", "bulletin_id"))
            rows = [pk for pk, _ in pending]
            bulletins = sorted({b for _, b in pending} | extra)
            if not bulletins:
                return 0, 0
            for bulletin_id in bulletins:
                writer.delete_by_term("bulletin_key", str(bulletin_id))
            added = 0
            for document in documents_for_bulletins(bulletins):
                writer.add_document(**document)
                added += 1
            fault_point("index:before-commit")
    except Exception as exc:
        # The rows this pass took (or, if it failed before reading them, all waiting): marked.
        failed = IndexChange.objects.filter(pk__in=rows) if rows else IndexChange.objects.all()
        failed.update(attempts=F("attempts") + 1, last_error=f"{type(exc).__name__}: {exc}"[:300])
        raise
    with transaction.atomic():
        IndexChange.objects.filter(pk__in=rows).delete()
    return len(bulletins), added
