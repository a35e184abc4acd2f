"""No English reaches a reader or an editor: every public page, every admin page an editor uses
(upload, preview, list, change, reparse, delete), every message of an import (success, failure,
cancel, same file, reparse), the importer's warnings as shown, error pages and the import command's
output are read as a person sees them and must hold no ASCII word outside code, numbers and names."""
from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string
from django.test import Client

from bulletin.models import Article, Block, Bulletin
from search import writer
from tests.reading.visible_text import english_words, visible_text, words_in

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "jilin-gazette-2024-01.txt"
SAMPLE_NAME = SAMPLE.name  # all lower case: Django's capfirst once made it "Jilin-gazette-…"
UPLOAD_URL = "/admin/bulletin/bulletin/upload/"
NAMES = {"jilin", "editor"}  # the sample gazette's slug (admin slug column), the test user's name
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)


def printed_words() -> set[str]:
    """Latin words the bulletins print themselves (ABS, GDP, 5G …), stored or in the sample being
    previewed: the documents' content, quoted as printed, not the site speaking English."""
    texts = list(Block.objects.values_list("text", flat=True)) + list(Article.objects.values_list("title", flat=True))
    return words_in("\n".join(texts)) | words_in(SAMPLE.read_text(encoding="utf-8"))


def assert_chinese(html: str, where: str) -> str:
    text = visible_text(html)
    found = english_words(text, NAMES | printed_words())
    assert not found, f"{where}: English words {found[:12]} in {text[:400]!r}"
    return text


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "sources"
    return tmp_path


@pytest.fixture
def editor(db, data_dir):
    user = User.objects.create_superuser("editor", password="pw-editor-1")
    client = Client()
    client.force_login(user)
    return client


def upload(client, data, name):
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, data)})


def test_the_word_finder_finds_english_and_spares_names():
    # The check itself must be able to fail.
    assert english_words(visible_text("<p>Imported 《公报》 (2 articles, 72 paragraphs).</p>")) == [
        "Imported", "articles", "paragraphs"]
    assert english_words(visible_text('<p title="Open">打开</p>')) == ["Open"]
    assert english_words(visible_text('<input type="submit" value="Save">')) == ["Save"]
    spared = ('<p>PDF 原件，上限 50 MB；jilin-gazette-2024-01.txt；https://example.org/jilin/2024/1/ ；'
              '版本 2+af236bf08a40；<code>year:2024 type:通知</code></p><script>var x = "English";</script>')
    assert english_words(visible_text(spared)) == []


def test_an_editors_whole_round_is_in_chinese(editor, data_dir, django_capture_on_commit_callbacks):
    client = editor
    anonymous = Client()
    assert_chinese(anonymous.get("/admin/login/?next=/admin/").content.decode(), "login")
    assert_chinese(client.get("/admin/").content.decode(), "admin index")
    assert_chinese(client.get("/admin/bulletin/bulletin/").content.decode(), "empty list")
    assert_chinese(client.get(UPLOAD_URL).content.decode(), "upload form")

    # Refusals, as the form shows them.
    for data, name, expected in ((b"", "empty.txt", "文件是空的"), (b" \n ", "blank.txt", "blank.txt：文件是空的"),
                                 (PNG, "photo.txt", "photo.txt：这是PNG 图片（文件名却以 .txt 结尾）")):
        response = upload(client, data, name)
        assert response.status_code == 200
        text = assert_chinese(response.content.decode(), f"refusal of {name}")
        assert expected in text

    # Preview with the importer's warnings, then cancel: the message starts with the file name as written.
    staged = upload(client, SAMPLE.read_bytes(), SAMPLE_NAME)
    assert staged.status_code == 302
    preview = client.get(staged["Location"]).content.decode()
    text = assert_chinese(preview, "upload preview")
    assert "请核对此处的阅读顺序" in text  # the sample's one importer warning, placed at its article
    token = staged["Location"].rstrip("/").rsplit("/", 1)[1]
    cancelled = client.post(staged["Location"], {"token": token, "action": "cancel"}, follow=True).content.decode()
    text = assert_chinese(cancelled, "after cancel")
    assert f"{SAMPLE_NAME}：已取消上传，没有存入任何内容。" in text
    assert SAMPLE_NAME.capitalize() not in cancelled

    # Import: the success message with the sample's counts (2 articles, 72 paragraphs: README, issue 10).
    staged = upload(client, SAMPLE.read_bytes(), SAMPLE_NAME)
    token = staged["Location"].rstrip("/").rsplit("/", 1)[1]
    with django_capture_on_commit_callbacks(execute=True):
        landed = client.post(staged["Location"], {"token": token, "action": "import"}, follow=True)
    text = assert_chinese(landed.content.decode(), "bulletin page after import")
    assert "已导入 《吉林市人民政府公报》2024年第1期（2 篇，72 段）。" in text
    bulletin = Bulletin.objects.get()

    # The same file again is told so.
    again = client.post(UPLOAD_URL, {"file": SimpleUploadedFile(SAMPLE_NAME, SAMPLE.read_bytes())}, follow=True)
    text = assert_chinese(again.content.decode(), "same file again")
    assert f"{SAMPLE_NAME}：同一文件已在档案中" in text

    # The importer refuses a text that is no bulletin; its message reaches the form.
    refused = upload(client, "这不是公报，只是一段文字。\n第二行。\n".encode(), "note.txt")
    assert refused.status_code == 302  # a job: its page tells what the worker found
    text = assert_chinese(client.get(refused["Location"]).content.decode(), "importer refusal")
    assert "note.txt: 找不到公报的刊头信息" in text

    # Another file claiming the stored issue: the preview warns, importing it is refused with a message.
    other = SAMPLE.read_bytes() + "\n（另一版本）\n".encode()
    staged = upload(client, other, "jilin-2024-01-v2.txt")
    clash = client.get(staged["Location"]).content.decode()
    assert "档案中已有" in assert_chinese(clash, "clash preview")
    token = staged["Location"].rstrip("/").rsplit("/", 1)[1]
    conflict = client.post(staged["Location"], {"token": token, "action": "import"}, follow=True).content.decode()
    text = assert_chinese(conflict, "conflict message")
    assert f"《吉林市人民政府公报》2024年第1期 已由另一文件（{SAMPLE_NAME}）导入；要以新文件替换，请选择替换。没有存入任何内容。" in text
    client.post(staged["Location"], {"token": token, "action": "cancel"})

    admin_pages = [
        "/admin/bulletin/bulletin/", f"/admin/bulletin/bulletin/{bulletin.pk}/change/",
        f"/admin/bulletin/bulletin/{bulletin.pk}/reparse/", f"/admin/bulletin/bulletin/{bulletin.pk}/delete/",
        f"/admin/bulletin/bulletin/{bulletin.pk}/history/", "/admin/bulletin/gazette/",
        f"/admin/bulletin/gazette/{bulletin.gazette.pk}/change/", "/admin/bulletin/bulletin/?q=政府",
    ]
    for path in admin_pages:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_chinese(response.content.decode(), path)
    change = client.get(f"/admin/bulletin/bulletin/{bulletin.pk}/change/").content.decode()
    assert SAMPLE_NAME in change  # the source file's name as uploaded, not capitalised

    with django_capture_on_commit_callbacks(execute=True):
        reparsed = client.post(f"/admin/bulletin/bulletin/{bulletin.pk}/reparse/", follow=True)
    text = assert_chinese(reparsed.content.decode(), "after reparse")
    assert "已重新解析 《吉林市人民政府公报》2024年第1期，地址不变：没有变化" in text


def test_every_public_page_is_in_chinese(client, db, data_dir):
    out = StringIO()
    call_command("import_bulletin", str(SAMPLE), stdout=out, stderr=StringIO())
    writer.rebuild_from_database(procs=1)
    try:
        pages = ["/", "/year/2024/", "/jilin/", "/jilin/2024/1/", "/jilin/2024/1/1/", "/jilin/2024/1/2/",
                 "/jilin/2024/1/2/?hl=冰雪经济", "/search/", "/search/?q=冰雪经济", "/search/?q=year:2024",
                 "/search/?q=没有这个词语的结果", "/search/?q=经济&page=999", "/search/?q=%22", "/api/docs/"]
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, path
            html = response.content.decode()
            assert '<html lang="zh-Hans">' in html, path
            assert_chinese(html, path)
    finally:
        writer.clear_index()


def test_error_pages_are_chinese_in_the_sites_layout(client, db):
    response = client.get("/jilin/2099/1/")
    assert response.status_code == 404
    html = response.content.decode()
    text = assert_chinese(html, "404")
    assert "页面不存在" in text and '<html lang="zh-Hans">' in html and 'name="viewport"' in html
    assert 'class="site-header"' in html and 'href="/"' in html  # the site's header and a way home

    bad = client.get("/jilin/2024/1/1/?format=xml")
    assert bad.status_code in (400, 404)
    assert_chinese(bad.content.decode(), "bad format")

    csrf_client = Client(enforce_csrf_checks=True)
    refused = csrf_client.post("/admin/login/", {"username": "x", "password": "y"})
    assert refused.status_code == 403
    text = assert_chinese(refused.content.decode(), "CSRF failure")
    assert "表单已过期" in text and 'class="site-header"' in refused.content.decode()

    for code, title in ((400, "请求有误"), (403, "没有权限"), (500, "服务器出错")):
        html = render_to_string(f"{code}.html")
        assert title in assert_chinese(html, f"{code}.html")
        assert '<html lang="zh-Hans">' in html and 'class="site-header"' in html


def test_500_page_renders_without_a_request_context_or_database(rf, db, django_assert_num_queries):
    from django.views.defaults import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/jilin/2024/1/1/"))
    html = response.content.decode()
    assert response.status_code == 500 and "服务器出错" in html and 'href="/search/"' in html


def test_import_command_speaks_chinese(db, data_dir):
    out, err = StringIO(), StringIO()
    call_command("import_bulletin", str(SAMPLE), stdout=out, stderr=err)
    assert_chinese(out.getvalue() + err.getvalue(), "import_bulletin")
    assert "已导入 《吉林市人民政府公报》2024年第1期" in out.getvalue()
    with pytest.raises(CommandError) as failure:
        call_command("import_bulletin", str(SAMPLE.with_name("nosuch.txt")), stdout=StringIO(), stderr=(err := StringIO()))
    assert_chinese(str(failure.value) + err.getvalue(), "import_bulletin failure")
    assert "没有这个文件" in err.getvalue()
