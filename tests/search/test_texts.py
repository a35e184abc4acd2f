"""search.texts: the verification texts (read with pread) against a brute-force substring scan."""
import os
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.fields import ID, Schema

from search import texts as texts_module
from search.texts import INDEX_SUFFIX, TEXT_SUFFIX, SegmentTexts, TextStore, segment_texts

# Characters whose UTF-8 bytes overlap (中 e4 b8 ad, 丮 e4 b8 ae, 丯 e4 b8 af share two bytes), so a
# byte-level match that crossed characters would show; ASCII, full-width forms, a 4-byte emoji and
# the segment break.
ALPHABET = "中文丮丯経济经濟5G%．年\u2029a😀"
texts_strategy = st.lists(st.text(alphabet=ALPHABET, max_size=12), min_size=1, max_size=30)


def _store(tmp_path, parts: list[list[str]]) -> TextStore:
    segments = []
    for n, texts in enumerate(parts):
        segments.append(segment_texts(str(tmp_path), f"MAIN_seg{n}", len(texts), lambda texts=texts: texts))
    return TextStore(segments)


@settings(max_examples=60, deadline=None)
@given(parts=st.lists(texts_strategy, min_size=1, max_size=3), needle=st.text(alphabet=ALPHABET, min_size=1, max_size=4))
def test_containing_is_exactly_the_substring_scan(tmp_path_factory, parts, needle):
    store = _store(tmp_path_factory.mktemp("texts"), parts)
    flat = [t for texts in parts for t in texts]
    every = np.arange(len(flat), dtype=np.int64)
    expected = [d for d, text in enumerate(flat) if needle in text]
    assert store.containing(every, needle).tolist() == expected
    odd = every[1::2]  # a subset of candidates: only those are checked
    assert store.containing(odd, needle).tolist() == [d for d in expected if d % 2]
    assert [store.text(d) for d in every.tolist()] == flat
    assert store.lengths().tolist() == [len(t) for t in flat]


@pytest.mark.parametrize("window", [1, 7, 64, texts_module.READ_WINDOW_BYTES])
def test_candidates_are_checked_whatever_the_read_window(tmp_path, monkeypatch, window):
    """Windows smaller than one text, holding a few texts, or all of them: the same answer."""
    monkeypatch.setattr(texts_module, "READ_WINDOW_BYTES", window)
    rng = random.Random(window)
    parts = [["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 40))) for _ in range(200)] for _ in range(2)]
    store = _store(tmp_path, parts)
    flat = [t for texts in parts for t in texts]
    for needle in ("中", "经济", "丮丯", "😀a", "%．"):
        for candidates in (range(len(flat)), range(0, len(flat), 3), range(150, 260)):
            docs = np.array(list(candidates), dtype=np.int64)
            assert store.containing(docs, needle).tolist() == [d for d in docs.tolist() if needle in flat[d]]


def test_a_file_for_another_count_of_documents_is_written_again(tmp_path):
    segment_texts(str(tmp_path), "MAIN_x", 2, lambda: ["甲", "乙"])
    again = segment_texts(str(tmp_path), "MAIN_x", 3, lambda: ["甲", "乙", "丙"])
    assert [again.text(d) for d in range(3)] == ["甲", "乙", "丙"]


def test_written_once_and_reused_across_loads(tmp_path):
    calls = []

    def load():
        calls.append(1)
        return ["经济", ""]

    first = segment_texts(str(tmp_path), "MAIN_y", 2, load)
    second = segment_texts(str(tmp_path), "MAIN_y", 2, load)
    assert len(calls) == 1
    assert isinstance(first, SegmentTexts) and second.text(0) == "经济" and second.text(1) == ""


def test_whoosh_deletes_the_files_with_their_segment(tmp_path):
    """The files carry their segment's name: Whoosh's clean-up removes them when the segment is
    merged away, so no file outlives its segment."""
    ix = whoosh_index.create_in(str(tmp_path), Schema(doc_id=ID(stored=True)))
    for batch in ("a", "b"):
        with ix.writer() as writer:
            writer.add_document(doc_id=batch)
    with ix.searcher() as searcher:
        names = [reader.segment().segment_id() for reader, _ in searcher.reader().leaf_readers()]
    for name in names:
        segment_texts(str(tmp_path), name, 1, lambda: ["x"])
    assert all(os.path.exists(os.path.join(tmp_path, name + TEXT_SUFFIX)) for name in names)
    ix.optimize()  # merges both segments into a new one and cleans up
    left = os.listdir(tmp_path)
    assert not [f for f in left if f.endswith((TEXT_SUFFIX, INDEX_SUFFIX))], left
