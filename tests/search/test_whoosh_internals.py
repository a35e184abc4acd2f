"""Fails loudly when a Whoosh release changes what search.whoosh_internals reads."""
import tempfile

import numpy as np
import pytest
import whoosh
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import RamStorage

from search.schema import build_schema, posting_codec
from search.whoosh_internals import (SUPPORTED_WHOOSH, ArrayCodec, decode_ids, decode_weights,
                                     leaf_postings_of_prefix, pack_ints, postings, unpack_numbers)


@pytest.fixture(autouse=True)
def private_temp_dir(tmp_path, monkeypatch):
    """A RamStorage writer keeps its pools in gettempdir()/MAIN.tmp, one fixed directory for every
    process on the machine: two test runs at once would delete each other's files."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def test_whoosh_is_the_release_the_internals_were_read_from():
    assert tuple(whoosh.__version__[:2]) == SUPPORTED_WHOOSH, "a new Whoosh: re-check search/whoosh_internals.py"


CODECS = {
    "w3-128": lambda: W3Codec(blocklimit=128),  # Whoosh's default blocks
    "w3-1024": lambda: W3Codec(blocklimit=1024),  # an index written before ArrayCodec
    "project": posting_codec,
    "array-128-zlib9": lambda: ArrayCodec(blocklimit=128, compression=9),
}


@pytest.mark.parametrize("codecs", [("w3-128", "w3-128"), ("w3-1024", "w3-1024"), ("project", "project"),
                                    ("array-128-zlib9", "project"), ("w3-1024", "project")])
def test_block_reading_equals_the_public_matcher_and_uses_the_fast_path(codecs):
    ix = RamStorage().create_index(build_schema())
    # Term frequencies 1..3 (word field weights), and a word counted 300 times (wider packed weights).
    texts = ["冰雪经济" * (n % 3 + 1) if n % 2 else "碳纤维产业" for n in range(3000)] + ["冰雪" * 300]
    # Two segments (docnums offset by the first one's size), each written by its own codec: an index
    # built before ArrayCodec gains segments written by it, and both are read together.
    for batch, codec in zip((texts[:2000], texts[2000:]), codecs):
        with ix.writer(codec=CODECS[codec]()) as w:
            for n, text in enumerate(batch):
                w.add_document(doc_id=f"{len(batch)}-{n}", text=text, grams=text)
    with ix.searcher() as searcher:
        leaves = [(r, off) for r, off in searcher.reader().leaf_readers()]
        assert len(leaves) == 2
        assert [type(r.codec()).__name__ for r, _ in leaves] == [type(CODECS[c]()).__name__ for c in codecs]
        for field, term in [("grams", "冰雪"), ("grams", "纤维"), ("text", "冰雪"), ("text", "经济"), ("text", "没有")]:
            expected_ids, expected_weights = [], []
            if (field, term) in searcher.reader():
                public = searcher.reader().postings(field, term)
                while public.is_active():
                    expected_ids.append(public.id())
                    expected_weights.append(public.weight())
                    public.next()
            got_ids, got_weights = postings(leaves, field, term, weights=True)
            if field == "grams":  # and both equal the truth: the documents holding the bigram
                assert got_ids.tolist() == [n for n, text in enumerate(texts) if term in text]
            assert got_ids.tolist() == expected_ids and got_weights.tolist() == expected_weights
            assert postings(leaves, field, term)[0].tolist() == expected_ids
            if expected_ids:
                leaf = leaves[0][0].postings(field, term)
                leaf = getattr(leaf, "child", leaf)
                for attribute in ("_read_data", "_atend", "_data", "_next_block", "_byteids"):
                    assert hasattr(leaf, attribute), f"Whoosh matcher lost {attribute}: the fast path is gone"
        assert expected_ids == []  # the last term is in no document: empty arrays, no error
        for reader, _offset in leaves:  # every term of a prefix at once: each term's docnums, concatenated
            terms = reader._terms
            for attribute in ("items_from", "term_info", "_codec", "_postfile"):
                assert hasattr(terms, attribute), f"Whoosh terms reader lost {attribute}: the fast path is gone"
            for prefix in ("济", "业", "冰", "无"):  # 济冰 and 济 + run end; the field's last terms; none
                grams = list(reader.expand_prefix("grams", prefix))
                assert len(grams) >= (2 if prefix == "济" else 1 if prefix != "无" else 0)
                one_by_one = []
                for gram in grams:  # through Whoosh's public matcher
                    public = reader.postings("grams", gram)
                    while public.is_active():
                        one_by_one.append(public.id())
                        public.next()
                assert leaf_postings_of_prefix(reader, "grams", prefix).tolist() == one_by_one


def test_segments_are_separate_files_so_searchers_share_the_page_cache(tmp_path, settings):
    """A compound segment is opened as a private copy per searcher (whoosh.filedb.compound:
    BufferFile over BytesIO): memory would grow with the threads. The writer must not make one."""
    from whoosh import index as whoosh_index

    from search import writer

    path = str(tmp_path / "ix")
    with writer.serialized_writer(path) as w:
        w.add_document(doc_id="a", text="冰雪经济", grams="冰雪经济")
    ix = whoosh_index.open_dir(path)
    segments = ix._segments()
    assert segments and not any(s.is_compound() for s in segments)
    assert not [name for name in ix.storage.list() if name.endswith(".seg")]
    assert all(isinstance(s.codec(), ArrayCodec) and s.codec()._blocklimit == 1024 for s in segments)


def test_merging_rewrites_every_codec_s_blocks_into_the_project_s_with_the_same_postings():
    ix = RamStorage().create_index(build_schema())
    texts = [("冰雪经济" * (n % 4 + 1)) if n % 3 else "碳纤维" for n in range(2500)]
    for batch, codec in ((texts[:1200], CODECS["w3-128"]), (texts[1200:], CODECS["project"])):
        with ix.writer(codec=codec()) as w:
            for n, text in enumerate(batch):
                w.add_document(doc_id=f"{codec.__name__}-{n}", text=text, grams=text)
    with ix.searcher() as searcher:
        before = {t: postings(list(searcher.reader().leaf_readers()), "text", t, weights=True) for t in ("冰雪", "碳纤维")}
    ix.optimize(codec=posting_codec())  # one merged segment, written by the project's codec
    with ix.searcher() as searcher:
        leaves = list(searcher.reader().leaf_readers())
        assert len(leaves) == 1 and isinstance(leaves[0][0].codec(), ArrayCodec)
        for term, (ids, weights) in before.items():
            got_ids, got_weights = postings(leaves, "text", term, weights=True)
            assert got_ids.tolist() == ids.tolist() and got_weights.tolist() == weights.tolist()
        assert set(got_ids.tolist()) == {n for n, t in enumerate(texts) if "碳纤维" in t}


@pytest.mark.parametrize("values, width", [([0, 255], 1), ([0, 256], 2), ([70000, 3], 4), ([], 1)])
def test_packed_numbers_take_the_narrowest_width_and_come_back_unchanged(values, width):
    packed = pack_ints(np.array(values, dtype=np.int64))
    assert packed[0] == width and len(packed) == 1 + width * len(values)
    assert unpack_numbers(packed).tolist() == values
    assert decode_ids(pack_ints(np.diff(np.array([5, 9, 300, 70000]), prepend=0))).tolist() == [5, 9, 300, 70000]
    assert decode_weights(None, 2).tolist() == [1.0, 1.0] and decode_weights(2.5, 2).tolist() == [2.5, 2.5]
    assert decode_weights(b"f" + np.array([0.5, 1.25], dtype="<f4").tobytes(), 2).tolist() == [0.5, 1.25]
