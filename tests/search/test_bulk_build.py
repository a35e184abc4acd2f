"""search.bulk_build: a rebuild in segments (in-process and in worker processes) indexes exactly the
database, with each segment's verification texts, in one generation."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin.models import Article, Block
from search import bulk_build, writer
from search.analysis import search_form
from search.documents import article_text
from search.schema import KIND_ARTICLE, parse_ref
from search.snapshot import current_snapshot
from tests.test_search_support import SPECIAL_TEXTS, make_bulletin

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_a_rebuild_in_many_small_segments_holds_every_document_with_its_text(monkeypatch):
    for issue in range(1, 4):
        make_bulletin(SPECIAL_TEXTS + [f"第{issue}期的段落"], issue=issue)
    monkeypatch.setattr(bulk_build, "DOCS_PER_SEGMENT", 4)
    count = writer.rebuild_from_database(procs=1)
    expected = {("paragraph", pk): search_form(text) for pk, text in Block.objects.values_list("pk", "text")}
    expected |= {("article", a.pk): search_form(article_text(a)) for a in Article.objects.all()}
    assert count == len(expected)
    snap = current_snapshot()
    assert len(snap.leaves) == -(-count // 4)  # a segment every 4 documents
    found = {}
    for docnum, ref in enumerate(snap.columns["ref"].tolist()):
        if snap.live[docnum]:
            found[parse_ref(ref)] = snap.text_store.text(docnum)
    assert found == expected
    leftovers = [n for n in os.listdir(writer.index_path()) if n.startswith(bulk_build.BUILD_DIR_PREFIX)]
    assert not leftovers
    assert KIND_ARTICLE in {kind for kind, _ in found}


def test_a_rebuild_in_worker_processes_agrees_with_the_database(tmp_path):
    """The real path: two forked workers read their shares from a database file, the segments are
    adopted into the live index, search_check finds index and database agree."""
    env = {"PATH": "/usr/bin:/bin", "ARCHIVE_DATA_DIR": str(tmp_path / "data"), "PYTHONDONTWRITEBYTECODE": "1"}

    def manage(*args):
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
                                timeout=300, env=env)
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    (tmp_path / "data").mkdir()
    manage("migrate", "-v0")
    manage("import_bulletin", *sorted(str(p) for p in (ROOT / "tests" / "corpus" / "inputs").glob("b0[1-4]-a4.txt")))
    out = manage("search_rebuild", "--procs", "2")
    assert "Indexed" in out
    check = manage("search_check", "--fail")
    assert "OK" in check
    index = Path(env["ARCHIVE_DATA_DIR"]) / "whoosh_index"
    names = os.listdir(index)
    assert not [n for n in names if n.startswith(bulk_build.BUILD_DIR_PREFIX)]
    assert [n for n in names if n.endswith(".texts.utf16le")]  # written by the workers, adopted with their segments
