"""haystack is the search layer: its commands are correct on our engine, and the site keeps
working when another haystack engine is configured."""
from io import StringIO

import haystack
import pytest
from django.core.management import call_command
from django.test import override_settings

from bulletin.models import Block
from search import writer
from search.engine import SearchRequest, run_search
from tests.test_search_support import empty_index, make_bulletin  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def check_output() -> str:
    out = StringIO()
    call_command("search_check", stdout=out)
    return out.getvalue()


def test_update_index_remove_drops_stale_documents(empty_index):
    make_bulletin(["大力发展冰雪经济。", "冰雪旅游名城。", "碳纤维产业。"])
    writer.rebuild_from_database(procs=1)
    assert run_search(SearchRequest(q="冰雪")).count == 2
    Block.objects.filter(text="冰雪旅游名城。")._raw_delete(Block.objects.db)  # gone without telling the index
    assert "MISMATCH" in check_output()
    call_command("update_index", remove=True, verbosity=0)
    assert "OK" in check_output()
    assert run_search(SearchRequest(q="冰雪")).count == 1


def test_rebuild_index_never_empties_the_index_for_readers(empty_index, monkeypatch):
    make_bulletin(["大力发展冰雪经济。"])
    writer.rebuild_from_database(procs=1)
    seen = []
    real = writer.rebuild_from_database

    def rebuild_while_reading(*args, **kwargs):
        seen.append(run_search(SearchRequest(q="冰雪")).count)  # a reader during the rebuild
        return real(*args, **kwargs)

    def refuse_clear(*args, **kwargs):
        raise AssertionError("rebuild_index cleared the index")

    monkeypatch.setattr("search.management.commands.rebuild_index.rebuild_from_database", rebuild_while_reading)
    monkeypatch.setattr(writer, "clear_index", refuse_clear)
    call_command("rebuild_index", interactive=False, stdout=StringIO())
    assert seen == [1] and run_search(SearchRequest(q="冰雪")).count == 1


def test_the_site_works_on_another_haystack_engine(client, empty_index):
    make_bulletin(["大力发展冰雪经济。"])
    simple = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
    saved = haystack.connections.connections_info
    try:
        with override_settings(HAYSTACK_CONNECTIONS=simple):
            haystack.connections.connections_info = simple
            haystack.connections.reload("default")
            response = client.get("/search/", {"q": "冰雪"})
            html = response.content.decode()
            assert response.status_code == 200 and "检索出错" not in html
            assert "冰雪" in html and "共找到" in html
            api = client.get("/api/search", {"q": "冰雪"})
            assert api.status_code == 200 and api.json()["count"] >= 1
    finally:
        haystack.connections.connections_info = saved
        haystack.connections.reload("default")


def test_threads_share_one_copy_of_a_generation(empty_index):
    """A worker's memory must not grow with its threads: the per-document data of an index
    generation is loaded once per process."""
    import threading

    from search.snapshot import current_snapshot

    make_bulletin(["大力发展冰雪经济。", "冰雪旅游名城。"])
    writer.rebuild_from_database(procs=1)
    mine = current_snapshot()
    theirs = []
    thread = threading.Thread(target=lambda: theirs.append(current_snapshot()))
    thread.start()
    thread.join()
    assert theirs[0] is not mine and theirs[0].searcher is not mine.searcher  # each thread its own searcher
    assert theirs[0].generation is mine.generation  # one copy of the columns and texts
    make_bulletin(["碳纤维产业。"], issue=2)
    writer.rebuild_from_database(procs=1)
    assert current_snapshot().generation is not mine.generation  # a new generation once the index changed
