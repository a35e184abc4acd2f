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


def parser_for(bulletin: Bulletin):
    """The parse a re-parse of this bulletin uses: a file imported over its flaws, with a reason,
    is parsed again the same way (its flaws stay warnings), any other as usual."""
    from .ingest.pipeline import parse_bulletin

    accept = bool(bulletin.override_reason)
    return lambda data, name: parse_bulletin(data, name, accept_flaws=accept)
