"""The per-thread cache of match sets is bounded in entries and in bytes, and keeps the latest."""
from collections import OrderedDict

import numpy as np

from search import executor
from search.executor import _Cached, _trim
from search.matching import Scores


def _entry(documents: int, scored: int = 0) -> _Cached:
    entry = _Cached(np.arange(documents, dtype=np.int64))
    if scored:
        entry.scores = Scores(np.arange(scored, dtype=np.int64), np.ones(scored))
    return entry


def test_older_entries_are_dropped_beyond_the_byte_budget_but_the_latest_stays():
    budget_docs = executor.CACHE_BYTES // 8
    cache = OrderedDict()
    cache["small-1"] = _entry(10)
    cache["big"] = _entry(budget_docs, scored=budget_docs // 2)  # over the budget with its scores
    cache["small-2"] = _entry(10)
    cache["latest-huge"] = _entry(3 * budget_docs)
    _trim(cache)
    assert list(cache) == ["small-2", "latest-huge"]  # oldest first, until the rest fits
    assert sum(e.nbytes for e in list(cache.values())[:-1]) <= executor.CACHE_BYTES
    assert cache["latest-huge"].nbytes == 3 * budget_docs * 8


def test_entries_beyond_the_count_are_dropped_oldest_first():
    cache = OrderedDict((f"q{n}", _entry(5)) for n in range(executor.CACHE_SIZE + 3))
    cache["none"] = _Cached(None)  # a query of exclusions alone holds no set
    _trim(cache)
    assert len(cache) == executor.CACHE_SIZE
    assert list(cache)[-1] == "none" and "q0" not in cache and "q3" not in cache and "q4" in cache
