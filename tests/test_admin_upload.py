"""The editor's upload in the admin: permissions, CSRF, preview without writing, confirm, same file,
clash and replace, cancel, refusals, and nothing written outside ARCHIVE_DATA_DIR."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bulletin import upload as staging
from bulletin.models import Article, Block, Bulletin
from bulletin.signals import bulletins_changed
from jobs.models import ImportJob
from tests import pdf_factory as pf

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "jilin-gazette-2024-01.txt"
UPLOAD_URL = "/admin/bulletin/bulletin/upload/"


@pytest.fixture
def data_dir(settings, tmp_path):
    """A fresh ARCHIVE_DATA_DIR per test, with sentinel directories around it to catch escapes."""
    root = tmp_path / "data"
    root.mkdir()
    settings.DATA_DIR = root
    settings.MEDIA_ROOT = root / "sources"
    return root


@pytest.fixture(autouse=True)
def index_events():
    """What the index is told after commit (the search app's own receiver is tested with search)."""
    from search.signals import apply_bulletins_changed

    events = []

    def receiver(sender, added=(), removed=(), **kwargs):
        events.append((list(added), list(removed)))

    search_was_connected = bulletins_changed.disconnect(dispatch_uid="search.apply_bulletins_changed")
    bulletins_changed.connect(receiver, dispatch_uid="test-admin-upload", weak=False)
    yield events
    bulletins_changed.disconnect(dispatch_uid="test-admin-upload")
    if search_was_connected:
        bulletins_changed.connect(apply_bulletins_changed, dispatch_uid="search.apply_bulletins_changed")


@pytest.fixture
def sample_bytes():
    return SAMPLE.read_bytes()


def make_user(username, *perms, staff=True):
    user = User.objects.create_user(username, password="pw-" + username, is_staff=staff)
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(content_type__app_label="bulletin", codename=codename))
    return user


@pytest.fixture
def editor(db):
    return make_user("editor", "add_bulletin", "view_bulletin", "delete_bulletin")


@pytest.fixture
def editor_client(editor, data_dir):
    client = Client()
    client.force_login(editor)
    return client


def upload(client, data, name="bulletin.txt"):
    return client.post(UPLOAD_URL, {"file": SimpleUploadedFile(name, data)})


def staged_url(response):
    assert response.status_code == 302, response.content.decode()[:2000]
    assert re.fullmatch(r"/admin/bulletin/bulletin/upload/[0-9a-f]{32}/", response["Location"]), response["Location"]
    return response["Location"]


def token_of(url):
    return url.rstrip("/").rsplit("/", 1)[-1]


def staged_files(data_dir):
    uploads = data_dir / "uploads"
    return sorted(p.name for p in uploads.iterdir()) if uploads.exists() else []


def all_files(root):
    # .files-lock: the lock file source writers share with the orphan sweep (bulletin.sources), made once.
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.name != ".files-lock")


def form_errors(response):
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", "", m) for m in re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S))


def message_texts(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# ---------------------------------------------------------------- who may upload


def test_anonymous_is_sent_to_login_and_nothing_is_written(client, data_dir, sample_bytes, db):
    for response in (client.get(UPLOAD_URL), upload(client, sample_bytes)):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert staged_files(data_dir) == [] and Bulletin.objects.count() == 0


def test_staff_without_add_permission_is_refused(data_dir, sample_bytes, db):
    client = Client()
    client.force_login(make_user("reader", "view_bulletin"))
    assert client.get(UPLOAD_URL).status_code == 403
    assert upload(client, sample_bytes).status_code == 403
    assert staged_files(data_dir) == [] and Bulletin.objects.count() == 0


def test_non_staff_user_with_permission_is_sent_to_login(data_dir, sample_bytes, db):
    client = Client()
    client.force_login(make_user("clerk", "add_bulletin", staff=False))
    assert upload(client, sample_bytes).status_code == 302
    assert staged_files(data_dir) == []


def test_csrf_is_enforced_on_upload_and_confirm(editor, data_dir, sample_bytes):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert upload(strict, sample_bytes).status_code == 403
    assert staged_files(data_dir) == []
    # with the token from the form it works
    page = strict.get(UPLOAD_URL)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = strict.post(UPLOAD_URL, {"file": SimpleUploadedFile("s.txt", sample_bytes), "csrfmiddlewaretoken": csrf})
    url = staged_url(response)
    assert strict.post(url, {"token": token_of(url), "action": "import"}).status_code == 403
    assert Bulletin.objects.count() == 0


def test_add_button_leads_to_upload(editor_client):
    response = editor_client.get("/admin/bulletin/bulletin/add/")
    assert response.status_code == 302 and response["Location"] == UPLOAD_URL
    assert "上传公报" in editor_client.get("/admin/bulletin/bulletin/").content.decode()


# ---------------------------------------------------------------- preview, confirm, same, clash, cancel


def test_preview_shows_the_parse_and_writes_nothing_to_the_archive(editor_client, data_dir, sample_bytes):
    url = staged_url(upload(editor_client, sample_bytes, "jilin-2024-01.txt"))
    token = token_of(url)
    assert staged_files(data_dir) == [f"{token}.json", f"{token}.upload"]
    assert (data_dir / "uploads" / f"{token}.upload").read_bytes() == sample_bytes
    response = editor_client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    for expected in ("吉林市人民政府公报", 'id="preview-year">2024<', 'id="preview-issue">1<', "2024-02-15",
                     "政府工作报告", "一、2023年工作回顾", "确认导入", "jilin-2024-01.txt", "ledger-furniture"):
        assert expected in html, expected
    assert re.search(r'class="paragraph-count">\d+<', html)
    assert Bulletin.objects.count() == 0 and Block.objects.count() == 0
    assert not (data_dir / "sources").exists()
    # The public page's own rendering of each article's first blocks, and its facts.
    assert '<p class="block block--subtitle" id="a2-p-1">' in html and 'class="article-facts"' in html


def test_confirm_stores_and_lands_on_the_bulletin_page(editor_client, data_dir, sample_bytes, index_events,
                                                       django_capture_on_commit_callbacks):
    url = staged_url(upload(editor_client, sample_bytes, "jilin-2024-01.txt"))
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, {"token": token_of(url), "action": "import"})
    bulletin = Bulletin.objects.get()
    assert response.status_code == 302 and response["Location"] == bulletin.get_absolute_url()
    assert (bulletin.gazette.name, bulletin.year, bulletin.issue) == ("吉林市人民政府公报", 2024, 1)
    assert bulletin.source_name == "jilin-2024-01.txt"
    assert bulletin.source_file.read() == sample_bytes
    assert Article.objects.filter(bulletin=bulletin).count() >= 2 and Block.objects.filter(kind="paragraph").count() > 50
    assert index_events == [([bulletin.pk], [])]
    assert staged_files(data_dir) == []
    page = editor_client.get(response["Location"])
    assert page.status_code == 200
    assert any("已导入" in m for m in message_texts(page))


def test_same_file_again_is_told_it_is_already_there(editor_client, data_dir, sample_bytes):
    url = staged_url(upload(editor_client, sample_bytes))
    editor_client.post(url, {"token": token_of(url), "action": "import"})
    response = upload(editor_client, sample_bytes, "again.txt")
    assert response.status_code == 302 and response["Location"] == UPLOAD_URL
    page = editor_client.get(UPLOAD_URL)
    assert any("同一文件已在档案中" in m for m in message_texts(page))
    assert Bulletin.objects.count() == 1 and staged_files(data_dir) == []


def test_clash_offers_replace_and_replace_swaps(editor_client, data_dir, sample_bytes):
    url = staged_url(upload(editor_client, sample_bytes, "utf8.txt"))
    editor_client.post(url, {"token": token_of(url), "action": "import"})
    old = Bulletin.objects.get()
    other = sample_bytes.decode("utf-8").encode("gb18030")  # same bulletin, different file
    url = staged_url(upload(editor_client, other, "gbk.txt"))
    html = editor_client.get(url).content.decode()
    assert 'value="replace"' in html and 'value="import"' not in html and "已有" in html
    # a plain import of the clash is refused and changes nothing
    response = editor_client.post(url, {"token": token_of(url), "action": "import"})
    assert response.status_code == 302 and response["Location"] == url
    assert any("已由另一文件" in m for m in message_texts(editor_client.get(url)))
    assert Bulletin.objects.get().pk == old.pk
    response = editor_client.post(url, {"token": token_of(url), "action": "replace"})
    new = Bulletin.objects.get()
    # Replaced in place: the same row and the same permanent address, the new file's content.
    assert new.pk == old.pk and new.source_name == "gbk.txt" and new.source_sha256 != old.source_sha256
    assert response["Location"] == new.get_absolute_url() == old.get_absolute_url()
    assert staged_files(data_dir) == []


def test_cancel_leaves_no_trace(editor_client, data_dir, sample_bytes):
    before = all_files(data_dir)
    url = staged_url(upload(editor_client, sample_bytes))
    response = editor_client.post(url, {"token": token_of(url), "action": "cancel"})
    assert response.status_code == 302 and response["Location"] == UPLOAD_URL
    assert staged_files(data_dir) == [] and Bulletin.objects.count() == 0
    assert all_files(data_dir) == before
    page = editor_client.get(url)  # the job stays in the list, cancelled
    assert page.status_code == 200 and 'data-state="cancelled"' in page.content.decode()
    again = editor_client.post(url, {"token": token_of(url), "action": "import"})
    assert again.status_code == 302 and Bulletin.objects.count() == 0
    assert ImportJob.objects.get(token=token_of(url)).state == ImportJob.CANCELLED


def test_the_editor_can_come_back_in_another_session_others_cannot(editor_client, editor, data_dir, sample_bytes):
    url = staged_url(upload(editor_client, sample_bytes))
    later = Client()
    later.force_login(editor)  # logged in again, elsewhere: the job is still there
    assert later.get(url).status_code == 200 and "确认导入" in later.get(url).content.decode()
    jobs = later.get("/admin/jobs/importjob/").content.decode()
    assert url in jobs
    reader = Client()
    reader.force_login(make_user("reader", "view_bulletin"))
    assert reader.get(url).status_code == 403
    assert reader.post(url, {"token": token_of(url), "action": "import"}).status_code == 403
    assert reader.get("/admin/jobs/importjob/").status_code == 403
    assert Bulletin.objects.count() == 0
    assert editor_client.get("/admin/bulletin/bulletin/upload/..passwd/").status_code == 404
    assert editor_client.get("/admin/bulletin/bulletin/upload/" + "0" * 32 + "/").status_code == 404
    # token in the form must match the URL
    response = editor_client.post(url, {"token": "0" * 32, "action": "import"})
    assert response.status_code == 403 and Bulletin.objects.count() == 0


def test_pdf_upload_previews_and_imports(editor_client, data_dir):
    doc = pf.sample_document(articles=2)
    data = pf.render_pdf(pf.layout(doc), spreads=True)
    url = staged_url(upload(editor_client, data, "linjiang-2025-03.pdf"))
    html = editor_client.get(url).content.decode()
    assert doc.gazette in html and 'id="preview-year">2025<' in html and doc.articles[0].title in html
    response = editor_client.post(url, {"token": token_of(url), "action": "import"})
    bulletin = Bulletin.objects.get()
    assert response["Location"] == bulletin.get_absolute_url()
    assert bulletin.source_file.name.endswith(".pdf") and bulletin.source_file.read() == data
    assert bulletin.articles.count() == len(doc.articles)
    # the original file is offered for download on the bulletin page
    page = editor_client.get(bulletin.get_absolute_url()).content.decode()
    source_url = bulletin.get_source_url()
    assert source_url in page
    download = editor_client.get(source_url)
    assert b"".join(download.streaming_content) == data
    assert "linjiang-2025-03.pdf" in download["Content-Disposition"]


# ---------------------------------------------------------------- refusals


def _png():
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200)


@pytest.mark.parametrize(
    "name, make, message",
    [
        ("photo.txt", _png, r"photo\.txt：这是PNG 图片（文件名却以 \.txt 结尾）"),
        ("empty.txt", lambda: b"", r"文件是空的|请选择要上传的公报文件"),
        ("blank.txt", lambda: b" \n\r\n  ", r"blank\.txt：文件是空的"),
        ("word.txt", lambda: b"PK\x03\x04" + bytes(100), r"word\.txt：这是ZIP 压缩包"),
        ("fake.pdf", lambda: "吉林市人民政府公报".encode(), r"fake\.pdf：文件名是 \.pdf，内容却不是 PDF"),
        ("noise.txt", lambda: bytes(range(256)) * 8, r"noise\.txt: .*(二进制|NUL|无法按|控制字符)"),
        ("scan.pdf", pf.render_scanned_pdf, r"scan\.pdf: PDF 没有文字层（扫描图像？）"),
        ("locked.pdf", lambda: pf.render_pdf(pf.layout(pf.sample_document(articles=1)), user_password="pw"),
         r"locked\.pdf: PDF 已加密"),
        ("half.pdf", lambda: pf.render_pdf(pf.layout(pf.sample_document(articles=1)))[:3000],
         r"half\.pdf: PDF 已损坏"),
        ("letter.txt", lambda: "各位同事：\n明天上午九点开会，请准时参加。\n办公室\n".encode(), r"letter\.txt: "),
    ],
)
def test_bad_inputs_are_refused_with_their_message_and_nothing_is_written(editor_client, data_dir, name, make, message):
    before = all_files(data_dir)
    response = upload(editor_client, make(), name)
    if response.status_code == 302:
        # Refused by the parser, in the job worker: the job's page says why, and the job has failed.
        page = editor_client.get(response["Location"])
        errors = " ".join(re.findall(r'<ul class="errorlist" id="job-error"[^>]*><li>(.*?)</li>', page.content.decode(), re.S))
        assert 'data-state="failed"' in page.content.decode(), response["Location"]
    else:
        assert response.status_code == 200
        errors = form_errors(response)
    assert re.search(message, errors), errors
    assert Bulletin.objects.count() == 0
    assert all_files(data_dir) == before


def test_over_the_size_limit_is_refused_before_reading_it_all(editor_client, data_dir, settings, sample_bytes):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 10_000
    response = upload(editor_client, sample_bytes, "big.txt")
    assert response.status_code == 200
    assert re.search(r"big\.txt：文件超过上传上限 10 KB（至少 64 KB）", form_errors(response))
    assert staged_files(data_dir) == [] and Bulletin.objects.count() == 0


def test_size_limit_also_checked_in_the_form(settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 5
    from bulletin.forms import BulletinUploadForm
    form = BulletinUploadForm({}, {"file": SimpleUploadedFile("x.txt", b"0123456789")})
    assert not form.is_valid() and "x.txt：文件超过上传上限 5 字节（10 字节）" in str(form.errors)


# ---------------------------------------------------------------- file names are never paths


def _raw_multipart(filename: str, data: bytes) -> tuple[bytes, str]:
    boundary = "----archiveboundary7d3"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
            "Content-Type: text/plain\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


@pytest.mark.parametrize("filename", ["../../x.txt", "..\\..\\evil.txt", "/etc/passwd", "....//....//y.txt", "a/../../../z.txt"])
def test_path_traversal_names_write_nothing_outside_the_data_dir(editor_client, data_dir, sample_bytes, filename):
    outside_before = all_files(data_dir.parent)
    body, content_type = _raw_multipart(filename, sample_bytes)
    url = staged_url(editor_client.post(UPLOAD_URL, body, content_type=content_type))
    editor_client.post(url, {"token": token_of(url), "action": "import"})
    bulletin = Bulletin.objects.get()
    assert "/" not in bulletin.source_name and "\\" not in bulletin.source_name and ".." not in bulletin.source_name.strip(".")
    assert re.fullmatch(r"bulletins/\d{4}/[0-9a-f]{24}\.(txt|bin)", bulletin.source_file.name)
    new = set(all_files(data_dir.parent)) - set(outside_before)
    assert new and all(path.startswith("data/") for path in new), new
    assert Path(bulletin.source_file.path).resolve().is_relative_to(data_dir.resolve())


def test_display_name_strips_paths_and_control_characters():
    assert staging.display_name("../../x.txt") == "x.txt"
    assert staging.display_name("..\\..\\evil.txt") == "evil.txt"
    assert staging.display_name("a\x00b\nc.pdf") == "abc.pdf"
    assert staging.display_name("..") == "上传的文件" and staging.display_name(None) == "上传的文件"


def test_stale_staged_files_are_purged(data_dir):
    old = staging.upload_dir() / ("a" * 32 + ".upload")
    old.write_bytes(b"x")
    import os
    os.utime(old, (1, 1))
    assert staging.purge_stale() == 1 and not old.exists()


# ---------------------------------------------------------------- read-only detail and deletion


def _import(editor_client, data, name):
    url = staged_url(upload(editor_client, data, name))
    editor_client.post(url, {"token": token_of(url), "action": "import"})
    return Bulletin.objects.get(source_name=name)


def test_detail_is_read_only_with_articles_inline(editor_client, sample_bytes):
    bulletin = _import(editor_client, sample_bytes, "s.txt")
    html = editor_client.get(f"/admin/bulletin/bulletin/{bulletin.pk}/change/").content.decode()
    assert "政府工作报告" in html and "段落数" in html and 'name="gazette"' not in html
    listing = editor_client.get("/admin/bulletin/bulletin/?q=政府工作报告").content.decode()
    assert str(bulletin) in listing


def test_delete_goes_through_the_service_so_the_index_follows(editor_client, sample_bytes, index_events,
                                                              django_capture_on_commit_callbacks):
    bulletin = _import(editor_client, sample_bytes, "s.txt")
    confirm = editor_client.get(f"/admin/bulletin/bulletin/{bulletin.pk}/delete/")
    assert confirm.status_code == 200 and "正文块" in confirm.content.decode()
    source = Path(bulletin.source_file.path)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/bulletin/bulletin/{bulletin.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Bulletin.objects.exists() and not Block.objects.exists()
    assert ([], [bulletin.pk]) in index_events
    assert not source.exists()


def test_bulk_delete_action_uses_the_service(editor_client, sample_bytes, index_events, django_capture_on_commit_callbacks):
    bulletin = _import(editor_client, sample_bytes, "s.txt")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post("/admin/bulletin/bulletin/", {"action": "delete_selected", "_selected_action": [bulletin.pk], "post": "yes"})
    assert not Bulletin.objects.exists() and ([], [bulletin.pk]) in index_events
