"""jieba's dictionary segmentation without loading jieba's dictionary into memory.

The reading-order repair asks jieba a few thousand times whether a word spans a line join
(continuity.py). jieba answers from a Python dict of ~500,000 words and prefixes that takes
0.6-0.8 s to load, a third of a command-line parse's budget. Here the same words and frequencies
live in a marisa trie file (built once per machine from jieba's own dictionary, then memory-mapped
in a tenth of a millisecond); a `jieba.Tokenizer` subclass builds a sentence's graph of words
from the trie's prefixes and leaves the route through it to jieba. This is the one place jieba's
internals are touched (the attributes FREQ, total, initialized and the method get_DAG);
tests/ingest/test_word_dictionary.py compares every cut with jieba's own and fails if jieba changes.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

import jieba
import marisa_trie

jieba.setLogLevel(60)
log = logging.getLogger(__name__)

# Never looked up by jieba: it segments runs of Han characters, Latin letters, digits and +#&._%-,
# never a space (and marisa keys cannot hold NUL).
TOTAL_KEY = " total"
CACHE_DIR_ENV = "ARCHIVE_CACHE_DIR"
TRIE_FORMAT = 2  # 2: words of positive frequency only (get_DAG walks the trie's prefixes)


class TrieFrequencies:
    """The read-only mapping jieba.Tokenizer.FREQ is used as: word → frequency (its route
    calculation looks up the words of the graph get_DAG built)."""

    def __init__(self, trie: marisa_trie.RecordTrie):
        self._trie = trie

    def __getitem__(self, word: str) -> int:
        return self._trie[word][0][0]

    def get(self, word: str, default=None):
        found = self._trie.get(word)
        return found[0][0] if found else default


class TrieTokenizer(jieba.Tokenizer):
    """jieba's tokenizer reading the trie: a sentence's graph of dictionary words (get_DAG) from
    one prefix walk of the trie per position instead of a dict lookup per prefix; the route
    through it is jieba's own (calc, with FREQ and total)."""

    def __init__(self, trie: marisa_trie.RecordTrie):
        super().__init__()
        self.FREQ = TrieFrequencies(trie)
        self.total = trie[TOTAL_KEY][0][0]
        self.initialized = True
        self._prefixes = trie.prefixes

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # noqa: N802 - jieba's name
        # The trie holds the words of positive frequency only; every prefix of a word is in
        # jieba's dict, so jieba's walk stops exactly where the trie's prefixes run out.
        graph = {}
        for k in range(len(sentence)):
            graph[k] = sorted(k + len(word) - 1 for word in self._prefixes(sentence[k:])) or [k]
        return graph


@lru_cache(maxsize=1)
def dictionary_tokenizer() -> jieba.Tokenizer:
    """A tokenizer that segments exactly as jieba's default one does (HMM off), reading the
    dictionary from the trie file; jieba's own tokenizer when no file can be written."""
    path = trie_path()
    if not path.exists():
        try:
            build_trie(path)
        except OSError as exc:  # a read-only temp dir: segment with jieba's dictionary in memory
            log.warning("jieba trie not written to %s (%s); loading jieba's dictionary", path, exc)
            jieba.dt.check_initialized()
            return jieba.dt
    trie = marisa_trie.RecordTrie("<I")
    trie.mmap(str(path))
    return TrieTokenizer(trie)


def trie_path() -> Path:
    """Named after jieba's version, its dictionary file and marisa's version: a new one of
    either builds a new trie."""
    dictionary = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    stat = dictionary.stat()
    key = (f"{TRIE_FORMAT}:{jieba.__version__}:{stat.st_size}:{stat.st_mtime_ns}:"
           f"{importlib.metadata.version('marisa-trie')}")
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]
    directory = Path(os.environ.get(CACHE_DIR_ENV) or tempfile.gettempdir())
    return directory / f"bulletin-jieba-{digest}.marisa"


def build_trie(path: Path) -> None:
    """Write the trie of jieba's words of positive frequency (one load of jieba's dictionary,
    ~1.5 s); written aside and renamed, so a concurrent reader never maps a half-written file."""
    jieba.dt.check_initialized()
    items = [(word, (frequency,)) for word, frequency in jieba.dt.FREQ.items() if frequency > 0]
    items.append((TOTAL_KEY, (jieba.dt.total,)))
    trie = marisa_trie.RecordTrie("<I", items)
    path.parent.mkdir(parents=True, exist_ok=True)
    pending = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.pending")  # one per writer
    try:
        trie.save(str(pending))
        os.replace(pending, path)
    finally:
        pending.unlink(missing_ok=True)
    for stale in path.parent.glob("bulletin-jieba-*.marisa"):  # tries of earlier versions or formats
        if stale != path:
            stale.unlink(missing_ok=True)  # a process still mapping one keeps its pages
