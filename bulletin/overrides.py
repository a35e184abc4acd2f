"""The editor's reason for importing a file the importer flagged (text_checks.py): given on the
upload form or with import_bulletin --force-reason, kept on the bulletin."""
from __future__ import annotations

from .models import Bulletin

MAX_REASON = Bulletin._meta.get_field("override_reason").max_length


def clean_reason(reason: str | None) -> str:
    """One line, without control characters, at most the field's length."""
    text = " ".join((reason or "").split())
    return "".join(c for c in text if c.isprintable())[:MAX_REASON]


def record_override(bulletin: Bulletin, reason: str) -> None:
    """The reason of the file now stored (empty when the file needed none: a replacement clears it)."""
    Bulletin.objects.filter(pk=bulletin.pk).update(override_reason=reason)
    bulletin.override_reason = reason
