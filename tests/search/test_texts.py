"""search.texts: the memory-mapped verification texts against a brute-force substring scan."""
import os

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.fields import ID, Schema

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


def test_a_match_is_counted_only_on_a_character_boundary(tmp_path):
    """The UTF-16-LE bytes of 丮中 (2e 4e 2d 4e) hold 4e 2d, the bytes of ⵎ (U+2D4E), straddling
    the two characters: not a match; an aligned one, later in the same text, is."""
    straddle = "\u2d4e"
    assert straddle.encode("utf-16-le") in "丮中".encode("utf-16-le")[1:]
    store = _store(tmp_path, [["丮中", "丮中" + straddle, "😀中", "a" + straddle + "b"]])
    every = np.arange(4, dtype=np.int64)
    assert store.containing(every, straddle).tolist() == [1, 3]
    assert store.containing(every, "😀").tolist() == [2]


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


def test_an_earlier_release_s_utf8_files_are_replaced(tmp_path):
    for suffix in (".texts.utf8", ".texts.npy"):
        (tmp_path / f"MAIN_old{suffix}").write_bytes(b"stale")
    texts = segment_texts(str(tmp_path), "MAIN_old", 2, lambda: ["冰雪", "经济"])
    assert [texts.text(0), texts.text(1)] == ["冰雪", "经济"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["MAIN_old" + INDEX_SUFFIX, "MAIN_old" + TEXT_SUFFIX])
