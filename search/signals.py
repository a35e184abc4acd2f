"""Keep the index following the database: bulletin changes arrive here after commit."""
import logging

from .writer import apply_bulletin_changes

log = logging.getLogger(__name__)


def apply_bulletins_changed(sender, added=(), removed=(), **kwargs):
    # The database has already committed: an index failure must not make the import look failed.
    # It is logged loudly instead; `manage.py search_check` reports the drift, rebuild_index repairs it.
    try:
        count = apply_bulletin_changes(added=added or (), removed=removed or ())
    except Exception:
        log.exception("search index NOT updated for bulletins added=%s removed=%s", added, removed)
        return
    log.info("search index: +%d documents for bulletins %s, removed bulletins %s", count, added, removed)
