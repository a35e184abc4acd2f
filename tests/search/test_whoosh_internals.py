"""Fails loudly when a Whoosh release changes what search.whoosh_internals reads."""
import pytest
import whoosh
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import RamStorage

from search.schema import build_schema
from search.whoosh_internals import SUPPORTED_WHOOSH, leaf_postings, leaf_postings_of_terms, postings


def test_whoosh_is_the_release_the_internals_were_read_from():
    assert tuple(whoosh.__version__[:2]) == SUPPORTED_WHOOSH, "a new Whoosh: re-check search/whoosh_internals.py"


@pytest.mark.parametrize("blocklimit", [128, 1024])  # Whoosh's default blocks, and the project's
def test_block_reading_equals_the_public_matcher_and_uses_the_fast_path(blocklimit):
    ix = RamStorage().create_index(build_schema())
    texts = ["冰雪经济" * (n % 3 + 1) if n % 2 else "碳纤维产业" for n in range(3000)]  # several posting blocks
    for batch in (texts[:2000], texts[2000:]):  # two segments: docnums offset by the first one's size
        with ix.writer(codec=W3Codec(blocklimit=blocklimit)) as w:
            for n, text in enumerate(batch):
                w.add_document(doc_id=f"{len(batch)}-{n}", text=text, grams=text)
    with ix.searcher() as searcher:
        leaves = [(r, off) for r, off in searcher.reader().leaf_readers()]
        assert len(leaves) == 2
        for field, term in [("grams", "冰雪"), ("grams", "纤维"), ("text", "冰雪"), ("text", "没有")]:
            expected_ids, expected_weights = [], []
            if (field, term) in searcher.reader():
                public = searcher.reader().postings(field, term)
                while public.is_active():
                    expected_ids.append(public.id())
                    expected_weights.append(public.weight())
                    public.next()
            got_ids, got_weights = postings(leaves, field, term, weights=True)
            assert got_ids.tolist() == expected_ids and got_weights.tolist() == expected_weights
            assert postings(leaves, field, term)[0].tolist() == expected_ids
            if expected_ids:
                leaf = leaves[0][0].postings(field, term)
                leaf = getattr(leaf, "child", leaf)
                for attribute in ("_read_data", "_atend", "_data", "_next_block", "_byteids"):
                    assert hasattr(leaf, attribute), f"Whoosh matcher lost {attribute}: the fast path is gone"
        assert expected_ids == []  # the last term is in no document: empty arrays, no error
        for reader, _offset in leaves:  # many terms at once: each term's docnums, concatenated
            grams = list(reader.expand_prefix("grams", "济"))  # 济冰 (冰雪经济冰雪经济) and 济 + run end
            assert len(grams) >= 2
            one_by_one = [d for g in grams for d in leaf_postings(reader, "grams", g)[0].tolist()]
            assert leaf_postings_of_terms(reader, "grams", grams).tolist() == one_by_one


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
    assert all(s.codec()._blocklimit == 1024 for s in segments)  # schema.posting_codec(): big blocks
