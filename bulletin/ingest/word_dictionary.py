"""jieba's dictionary segmentation without loading jieba's dictionary into memory.

The reading-order repair asks jieba a few thousand times whether a word spans a line join
(continuity.py). jieba answers from a Python dict of ~500,000 words and prefixes that takes
0.6-0.8 s to load, a third of a command-line parse's budget. Here the same words and frequencies
live in a marisa trie file (built once per machine from jieba's own dictionary, then memory-mapped
in a tenth of a millisecond), and a `jieba.Tokenizer` reads them through the three mapping
operations its segmentation uses (`in`, `[]`, `.get`) and the `total` it divides by. That is the
one place jieba's internals are touched (the attributes FREQ, total and initialized);
tests/ingest/test_word_dictionary.py compares every cut with jieba's own and fails if jieba changes.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

import jieba
import marisa_trie

jieba.setLogLevel(60)
log = logging.getLogger(__name__)

# Never looked up by jieba: it segments runs of Han characters, Latin letters, digits and +#&._%-,
# never a space (and marisa keys cannot hold NUL).
TOTAL_KEY = " total"
CACHE_DIR_ENV = "BULLETIN_CACHE_DIR"


class TrieFrequencies:
    """The read-only mapping jieba.Tokenizer.FREQ is used as: word or prefix → frequency
    (0 for a prefix that is not itself a word)."""

    def __init__(self, trie: marisa_trie.RecordTrie):
        self._trie = trie

    def __contains__(self, word: str) -> bool:
        return word in self._trie

    def __getitem__(self, word: str) -> int:
        return self._trie[word][0][0]

    def get(self, word: str, default=None):
        found = self._trie.get(word)
        return found[0][0] if found else default


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
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = TrieFrequencies(trie)
    tokenizer.total = trie[TOTAL_KEY][0][0]
    tokenizer.initialized = True
    return tokenizer


def trie_path() -> Path:
    """Named after jieba's version, its dictionary file and marisa's version: a new one of
    either builds a new trie."""
    dictionary = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    stat = dictionary.stat()
    key = f"{jieba.__version__}:{stat.st_size}:{stat.st_mtime_ns}:{importlib.metadata.version('marisa-trie')}"
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]
    directory = Path(os.environ.get(CACHE_DIR_ENV) or tempfile.gettempdir())
    return directory / f"bulletin-jieba-{digest}.marisa"


def build_trie(path: Path) -> None:
    """Write the trie of jieba's words and prefixes (one load of jieba's dictionary, ~1.5 s);
    written aside and renamed, so a concurrent reader never maps a half-written file."""
    jieba.dt.check_initialized()
    items = [(word, (frequency,)) for word, frequency in jieba.dt.FREQ.items()]
    items.append((TOTAL_KEY, (jieba.dt.total,)))
    trie = marisa_trie.RecordTrie("<I", items)
    path.parent.mkdir(parents=True, exist_ok=True)
    pending = path.with_name(f"{path.name}.{os.getpid()}.pending")
    try:
        trie.save(str(pending))
        os.replace(pending, path)
    finally:
        pending.unlink(missing_ok=True)
