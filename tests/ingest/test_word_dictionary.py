"""The trie-backed tokenizer segments exactly as jieba's own (the test that fails loudly when jieba
changes how its segmentation reads the dictionary), and its file is built safely."""
import random
from pathlib import Path

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bulletin.ingest import word_dictionary
from bulletin.ingest.word_dictionary import dictionary_tokenizer

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "corpus" / "inputs"


@pytest.fixture
def fresh_tokenizer(tmp_path, monkeypatch):
    monkeypatch.setenv(word_dictionary.CACHE_DIR_ENV, str(tmp_path))
    dictionary_tokenizer.cache_clear()
    yield tmp_path
    dictionary_tokenizer.cache_clear()


def corpus_windows(count: int, seed: int = 7) -> list[str]:
    text = "".join(path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("b0*-a4.txt")))
    text = "".join(text.split())
    rng = random.Random(seed)
    return [text[start:start + rng.randint(2, 12)] for start in rng.sample(range(len(text) - 12), count)]


def test_cuts_equal_jiebas_on_corpus_text(fresh_tokenizer):
    tokenizer = dictionary_tokenizer()
    assert isinstance(tokenizer.FREQ, word_dictionary.TrieFrequencies)  # the trie, not jieba's dict
    for window in corpus_windows(3000):
        assert list(tokenizer.cut(window, HMM=False)) == list(jieba.cut(window, HMM=False)), window


HAN_AND_MORE = st.text(st.sampled_from("中华人民共和国政府工作报告经济发展市区县关于印发通知的是一二三0123A.%（）、，。 "),
                       max_size=16)


@settings(max_examples=300, deadline=None)
@given(HAN_AND_MORE)
def test_cuts_equal_jiebas_on_any_mix(text):
    assert list(dictionary_tokenizer().cut(text, HMM=False)) == list(jieba.cut(text, HMM=False))


def test_the_file_is_built_once_and_whole(fresh_tokenizer):
    stale = fresh_tokenizer / "bulletin-jieba-000000000000.marisa"  # an earlier version's trie
    stale.write_bytes(b"old")
    dictionary_tokenizer()
    built = list(fresh_tokenizer.iterdir())
    assert [path.suffix for path in built] == [".marisa"]  # no half-written file left beside it
    stamp = built[0].stat().st_mtime_ns
    dictionary_tokenizer.cache_clear()
    tokenizer = dictionary_tokenizer()
    assert built[0].stat().st_mtime_ns == stamp  # mapped, not rebuilt
    jieba.dt.check_initialized()
    assert tokenizer.total == jieba.dt.total
    assert tokenizer.FREQ["企业"] == jieba.dt.FREQ["企业"] > 0


def test_an_unwritable_cache_falls_back_to_jiebas_dictionary(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(word_dictionary.CACHE_DIR_ENV, str(blocker / "cache"))  # under a file: mkdir fails
    dictionary_tokenizer.cache_clear()
    try:
        assert dictionary_tokenizer() is jieba.dt
        assert list(dictionary_tokenizer().cut("技术企业", HMM=False)) == list(jieba.cut("技术企业", HMM=False))
    finally:
        dictionary_tokenizer.cache_clear()
