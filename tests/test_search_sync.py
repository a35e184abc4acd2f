"""The index follows the database; writes are serialized; management commands."""
import multiprocessing
import threading

import numpy as np
import pytest
from django.core.management import call_command

from bulletin.models import Article, Block, Bulletin
from bulletin.services import delete_bulletin
from bulletin.signals import bulletins_changed
from search import snapshot as snapshot_module
from search import writer
from search.documents import documents_for_bulletins
from search.engine import SearchRequest, run_search
from search.schema import parse_ref
from search.snapshot import current_snapshot

from .test_search_support import empty_index, make_bulletin  # noqa: F401

pytestmark = pytest.mark.django_db


def count(q, **kw):
    return run_search(SearchRequest(q=q, **kw)).count


def test_index_follows_database_on_add_replace_delete(db, empty_index, django_capture_on_commit_callbacks):
    old = make_bulletin(["旧版本独有的词语甲乙丙。", "两版共有的句子。"], issue=5)
    bulletins_changed.send(sender=Bulletin, added=[old.pk], removed=[])
    assert count("甲乙丙") == 1 and count("两版共有") == 1

    # replace: the old bulletin's rows go, the new ones come, in one index commit
    old_pk = old.pk
    old.delete()
    new = make_bulletin(["新版本独有的词语丁戊己。", "两版共有的句子。"], issue=5)
    bulletins_changed.send(sender=Bulletin, added=[new.pk], removed=[old_pk])
    assert count("甲乙丙") == 0 and count("丁戊己") == 1 and count("两版共有") == 1

    with django_capture_on_commit_callbacks(execute=True):
        delete_bulletin(new)
    assert count("丁戊己") == 0 and count("两版共有") == 0
    assert current_snapshot().doc_count == 0


def _write_in_child(documents, queue):
    try:
        writer.write_documents(documents)
        queue.put("ok")
    except Exception as exc:  # reported to the parent
        queue.put(repr(exc))


def test_concurrent_writers_queue_instead_of_failing(db, empty_index):
    """Threads and another process write while a writer holds the index: all wait, none fail."""
    bulletins = [make_bulletin([f"并发写入测试第{i}号段落。"], issue=i + 1) for i in range(5)]
    batches = [list(documents_for_bulletins([b.pk])) for b in bulletins]  # built here: threads need no DB
    errors, queue = [], multiprocessing.get_context("fork").Queue()

    def write(documents):
        try:
            writer.write_documents(documents)
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    with writer.serialized_writer() as held:  # a long update is running...
        child = multiprocessing.get_context("fork").Process(target=_write_in_child, args=(batches[0], queue))
        child.start()
        threads = [threading.Thread(target=write, args=(batch,)) for batch in batches[1:]]
        for t in threads:
            t.start()
        held.add_document(**batches[0][0])  # the holder's own document
    for t in threads:
        t.join()
    child.join(timeout=60)
    assert errors == [] and queue.get(timeout=5) == "ok"
    assert count("并发写入测试") == 5  # (the child re-wrote batch 0: update by doc_id, no duplicate)


def test_haystack_rebuild_index_and_check_command(db, empty_index, capsys):
    make_bulletin(["重建索引之后可以检索到这段文字。"], issue=7)
    call_command("search_check")
    assert "MISMATCH" in capsys.readouterr().out
    call_command("rebuild_index", interactive=False, verbosity=0)
    assert count("重建索引") == 1
    call_command("search_check")
    assert "OK" in capsys.readouterr().out


def test_a_generation_holds_one_copy_of_the_columns_and_an_import_keeps_the_codes(db, empty_index):
    """Each segment's columns are slices of its generation's arrays (memory: one copy, not two);
    after an import adds a segment, the older segments' columns follow the new generation, and a
    word column's codes still name the right values."""
    first = make_bulletin(["第一期的句子。"], issue=1)
    bulletins_changed.send(sender=Bulletin, added=[first.pk], removed=[])
    assert count("第一期") == 1
    second = make_bulletin(["第二期的句子。"], issue=2, gazette="长春市人民政府公报")
    bulletins_changed.send(sender=Bulletin, added=[second.pk], removed=[])
    assert count("第二期") == 1 and count("的句子") == 2
    snap = current_snapshot()
    segment_ids = [reader.segment().segment_id() for reader, _offset in snap.leaves]
    for segment_id in segment_ids:
        data = snapshot_module._segment_cache[segment_id]
        for name, column in snap.columns.items():
            assert np.shares_memory(data.columns[name], column), f"{segment_id}: {name} copied"
    assert sum(len(snapshot_module._segment_cache[s].columns["ref"]) for s in segment_ids) == len(snap.columns["ref"])
    slugs = {first.pk: first.gazette.slug, second.pk: second.gazette.slug}
    for docnum in np.flatnonzero(snap.live).tolist():
        kind, pk = parse_ref(int(snap.columns["ref"][docnum]))
        row = Article.objects.get(pk=pk) if kind == "article" else Block.objects.get(pk=pk).article
        assert snap.vocabularies["gazette"][snap.columns["gazette"][docnum]] == slugs[row.bulletin_id]
