"""Keep the index following the database: bulletin changes arrive here after commit."""
import logging

from bulletin.faults import fault_point

from .outbox import apply_pending

log = logging.getLogger(__name__)

# Here, in the process that committed, the index is updated at once; if that fails or the
# process dies first, the outbox row written with the change stays and the job worker applies it.
FAST_PATH_LOCK_TIMEOUT_S = 30


def apply_bulletins_changed(sender, added=(), removed=(), **kwargs):
    # The database has already committed: an index failure must not make the import look failed.
    fault_point("index:before-apply")
    try:
        bulletins, count = apply_pending(extra=[*added, *removed], timeout=FAST_PATH_LOCK_TIMEOUT_S)
    except Exception as exc:  # one line: the change is safe in the outbox, nothing for anyone to do
        log.warning("search index not updated yet for bulletins added=%s removed=%s (%s: %s); "
                    "kept in the outbox, the job worker (manage.py archive_worker) applies it",
                    added, removed, type(exc).__name__, exc)
        return
    log.info("search index: %d bulletins applied, +%d documents", bulletins, count)
