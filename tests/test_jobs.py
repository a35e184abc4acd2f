"""Import jobs run by the worker (here synchronously), the index outbox, the repair, the sweep."""
from __future__ import annotations

import re
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from bulletin.models import Bulletin
from bulletin.sources import files_guard, remove_orphan_sources
from jobs import runner, sweep
from jobs.models import ImportJob
from search import outbox, writer
from search.engine import SearchRequest, run_search
from search.models import IndexChange
from search.repair import compare, database_refs, index_refs

from .fault_harness import bulletin_text
from .test_admin_upload import UPLOAD_URL, make_user, upload
from .test_search_support import empty_index, make_bulletin  # noqa: F401

pytestmark = pytest.mark.django_db


def count(q):
    return run_search(SearchRequest(q=q)).count


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = tmp_path / "data" / "sources"
    settings.DATA_DIR.mkdir()
    return settings.DATA_DIR


@pytest.fixture
def queued(settings):
    """Tasks are recorded, not run: what a site sees while its worker is busy or stopped."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def editor_client(db, data_dir):
    client = Client()
    client.force_login(make_user("editor", "add_bulletin", "view_bulletin"))
    return client


def test_upload_waits_for_the_worker_on_a_self_refreshing_page_then_previews(editor_client, data_dir, queued,
                                                                            empty_index,
                                                                            django_capture_on_commit_callbacks):
    data = bulletin_text(2031, 5, "鑫淼焱垚")
    response = upload(editor_client, data, "b.txt")
    assert response.status_code == 302
    url = response["Location"]
    job = ImportJob.objects.get()
    assert url == f"{UPLOAD_URL}{job.token}/" and job.state == ImportJob.UPLOADED
    page = editor_client.get(url).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page and 'data-state="uploaded"' in page
    assert "<script" not in page.split("</head>")[0].split("refresh")[1][:200]
    assert Bulletin.objects.count() == 0 and (data_dir / "uploads" / f"{job.token}.upload").read_bytes() == data

    assert runner.run(job.pk) == ImportJob.PARSED  # the worker's turn
    page = editor_client.get(url).content.decode()
    assert "确认导入" in page and 'id="preview-year">2031<' in page and "http-equiv" not in page
    assert ImportJob.objects.get().state == ImportJob.PREVIEWED

    response = editor_client.post(url, {"token": job.token, "action": "import"})
    assert response.status_code == 302 and response["Location"] == url  # the store is queued
    assert ImportJob.objects.get().state == ImportJob.CONFIRMED and Bulletin.objects.count() == 0
    assert 'http-equiv="refresh"' in editor_client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert runner.run(job.pk) in (ImportJob.STORED, ImportJob.INDEXED)
    runner.mark_indexed()
    job.refresh_from_db()
    bulletin = Bulletin.objects.get()
    assert job.state == ImportJob.INDEXED and job.bulletin == bulletin and (bulletin.year, bulletin.issue) == (2031, 5)
    page = editor_client.get(url).content.decode()
    assert 'data-state="indexed"' in page and bulletin.get_absolute_url() in page and "http-equiv" not in page
    assert count("鑫淼焱垚") >= 1 and IndexChange.objects.count() == 0
    assert list((data_dir / "uploads").iterdir()) == []
    # The job list shows it, linking to its page.
    assert url in editor_client.get("/admin/jobs/importjob/").content.decode()
    response = editor_client.get(f"/admin/jobs/importjob/{job.pk}/change/")
    assert response.status_code == 302 and response["Location"] == url
    assert editor_client.get("/admin/jobs/importjob/abc/change/").status_code == 404
    assert editor_client.get("/admin/jobs/importjob/add/").status_code == 403


def test_a_parse_failure_is_the_jobs_one_line_chinese_error(editor_client, queued):
    upload(editor_client, "各位同事：\n明天上午九点开会。\n".encode(), "letter.txt")
    job = ImportJob.objects.get()
    assert runner.run(job.pk) == ImportJob.FAILED
    job.refresh_from_db()
    assert job.error.startswith("letter.txt") and "\n" not in job.error and re.search(r"[\u4e00-\u9fff]", job.error)


def test_a_job_whose_worker_died_is_taken_up_again_and_gives_up_after_three(editor_client, queued):
    upload(editor_client, bulletin_text(2031, 6, "犇骉"), "b.txt")
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(worker="nosuchhost:1")  # another host: cannot tell, leave it
    assert sweep.requeue_jobs() == []
    dead = _dead_pid()
    import socket

    ImportJob.objects.filter(pk=job.pk).update(worker=f"{socket.gethostname()}:{dead}")
    assert sweep.requeue_jobs() == [job.pk]  # (the dummy backend records the new task)
    assert ImportJob.objects.get().worker == ""
    ImportJob.objects.filter(pk=job.pk).update(attempts=runner.MAX_ATTEMPTS)
    assert runner.run(job.pk) == ImportJob.FAILED
    assert "中断了 3 次" in ImportJob.objects.get().error


def _dead_pid() -> int:
    import subprocess

    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_an_index_failure_after_commit_stays_in_the_outbox_until_applied(db, empty_index, monkeypatch, data_dir,
                                                                         django_capture_on_commit_callbacks):
    from bulletin.ingest.pipeline import parse_bulletin
    from bulletin.services import store_bulletin

    data = bulletin_text(2031, 7, "龘靐齉")
    real = outbox.serialized_writer

    def busy(*args, **kwargs):
        raise writer.IndexWriteTimeout("index writer busy")

    monkeypatch.setattr(outbox, "serialized_writer", busy)
    with django_capture_on_commit_callbacks(execute=True):
        bulletin = store_bulletin(parse_bulletin(data, "b.txt"), source_bytes=data, source_name="b.txt").bulletin
    change = IndexChange.objects.get()
    assert change.bulletin_id == bulletin.pk and change.attempts == 1 and "busy" in change.last_error
    assert count("龘靐齉") == 0 and not compare().ok
    monkeypatch.setattr(outbox, "serialized_writer", real)
    sweep.sweep()  # the worker's next pass
    assert count("龘靐齉") >= 1 and IndexChange.objects.count() == 0
    assert set(index_refs()) == set(database_refs())


@pytest.mark.django_db(transaction=True)  # a reader thread with its own connection sees the rows
def test_search_check_repairs_only_what_differs_and_readers_never_see_it_empty(empty_index, capsys):
    kept = make_bulletin(["一直都在索引里的段落甲乙。"], issue=1)
    lost = make_bulletin(["索引丢失了这一期的段落丙丁。"], issue=2)
    writer.apply_bulletin_changes(added=[kept.pk, lost.pk])
    with writer.serialized_writer() as w:  # the index loses one bulletin (a crash, a bad restore…)
        w.delete_by_term("bulletin_key", str(lost.pk))
    new = make_bulletin(["从未索引的段落戊己。"], issue=3)  # and never got another
    call_command("search_check")
    out = capsys.readouterr().out
    assert "MISMATCH in 2 bulletin(s)" in out and "search_check --repair" in out and "rebuild_index" not in out
    assert count("段落甲乙") == 1

    seen, stop = [], threading.Event()

    def reader():
        from django.db import connection

        try:
            while not stop.is_set():
                seen.append(count("段落甲乙"))
        finally:
            connection.close()

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        call_command("search_check", "--repair")
    finally:
        stop.set()
        thread.join()
    out = capsys.readouterr().out
    assert "REPAIRED: 2 bulletin(s) re-indexed" in out
    assert seen and min(seen) == 1  # the untouched bulletin was found at every moment
    assert count("段落丙丁") == 1 and count("段落戊己") == 1
    assert set(index_refs()) == set(database_refs())
    assert {b for b in index_refs().values()} == {kept.pk, lost.pk, new.pk}


def test_orphan_source_files_go_but_never_one_whose_row_is_being_committed(db, data_dir):
    sources = Path(data_dir) / "sources" / "bulletins" / "2031"
    sources.mkdir(parents=True)
    orphan = sources / "deadbeef.txt"
    orphan.write_bytes(b"x")
    entered, release = threading.Event(), threading.Event()

    def writer_between_file_and_commit():
        with files_guard():
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=writer_between_file_and_commit)
    thread.start()
    entered.wait(10)
    try:
        assert remove_orphan_sources() == [] and orphan.exists()  # a writer is mid-way: wait
    finally:
        release.set()
        thread.join()
    assert remove_orphan_sources() == ["bulletins/2031/deadbeef.txt"] and not orphan.exists()
