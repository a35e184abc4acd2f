"""The command line and the admin upload under bad input: one size limit for both (the setting),
a batch that goes on after a bad file and lists every failure at the end, flawed text refused by
line unless the editor gives a reason, which is stored on the bulletin."""
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from bulletin.ingest.text_checks import FORCED
from bulletin.models import Bulletin
from tests import pdf_factory as pf

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "jilin-gazette-2024-01.txt"
JINING = ROOT / "tests" / "corpus" / "inputs" / "b02-a4.txt"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "sources"
    from bulletin.signals import bulletins_changed

    was = bulletins_changed.disconnect(dispatch_uid="search.apply_bulletins_changed")  # no index here
    yield tmp_path
    if was:
        from search.signals import apply_bulletins_changed

        bulletins_changed.connect(apply_bulletins_changed, dispatch_uid="search.apply_bulletins_changed")


def mixed_bytes() -> tuple[bytes, int]:
    """The Jining bulletin in GB18030 with its 40th line in UTF-8 (and that line's number)."""
    lines = JINING.read_text(encoding="utf-8").split("\n")
    number = next(i + 1 for i, line in enumerate(lines) if i >= 39 and sum("\u4e00" <= c <= "\u9fff" for c in line) >= 3)
    raw = [line.encode("gb18030") for line in lines]
    raw[number - 1] = lines[number - 1].encode("utf-8")
    return b"\n".join(raw), number


def damaged_pdf() -> bytes:
    data = pf.render_pdf(pf.layout(pf.sample_document(seed=2, articles=1)))
    return data[: len(data) // 3] + b"\n%%EOF\n"  # cut: xref and pages gone, end marker kept


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_bulletin", *args, stdout=out, stderr=err)
        return None, out.getvalue(), err.getvalue()
    except CommandError as exc:
        return str(exc), out.getvalue(), err.getvalue()


def test_a_batch_goes_on_after_bad_files_and_lists_them_at_the_end(tmp_path):
    bad_pdf, mixed = tmp_path / "bad.pdf", tmp_path / "mixed.txt"
    bad_pdf.write_bytes(damaged_pdf())
    data, number = mixed_bytes()
    mixed.write_bytes(data)
    failure, out, err = run(str(bad_pdf), str(SAMPLE), str(mixed), str(JINING))
    assert failure == "4 个文件中有 2 个没有导入"
    assert sorted(b.gazette.name for b in Bulletin.objects.all()) == ["吉林市人民政府公报", "济宁市人民政府公报"]
    listed = err[err.index("没有导入的文件（2 个）："):].splitlines()[1:]
    assert len(listed) == 2
    assert listed[0].strip().startswith(f"{bad_pdf}: PDF 已损坏")
    assert listed[1].strip().startswith(f"{mixed}: 第 {number} 行是 UTF-8 编码")
    assert "Traceback" not in err


def test_an_importer_crash_on_one_file_does_not_stop_the_batch(monkeypatch):
    import bulletin.management.commands._files as files

    real = files.parse_bulletin

    def crash_on_sample(data, name, **kwargs):
        if name.endswith("jilin-gazette-2024-01.txt"):
            raise RuntimeError("boom")
        return real(data, name, **kwargs)

    monkeypatch.setattr(files, "parse_bulletin", crash_on_sample)
    failure, _, err = run(str(SAMPLE), str(JINING))
    assert failure == "2 个文件中有 1 个没有导入"
    assert f"{SAMPLE}: 导入程序出错（RuntimeError），没有存入任何内容" in err
    assert [b.gazette.name for b in Bulletin.objects.all()] == ["济宁市人民政府公报"]


def test_force_reason_imports_a_flawed_file_and_stores_the_reason(tmp_path):
    mixed = tmp_path / "mixed.txt"
    data, number = mixed_bytes()
    mixed.write_bytes(data)
    failure, _, _ = run(str(mixed), "--force-reason", "  原件即如此，\n已核对  ")
    assert failure is None
    bulletin = Bulletin.objects.get()
    assert bulletin.override_reason == "原件即如此， 已核对"
    assert bulletin.warnings[0] == f"{FORCED}第 {number} 行是 UTF-8 编码，文件的其余部分是 GBK/GB18030（混用了两种编码）"
    # The same reason given for a clean file is not recorded: nothing was overridden.
    failure, _, _ = run(str(JINING), "--replace", "--force-reason", "无")
    assert failure is None and Bulletin.objects.get().override_reason == ""


def test_the_command_line_obeys_the_upload_limit_setting(settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 50 * 1024
    failure, _, err = run(str(SAMPLE))
    assert failure == "1 个文件中有 1 个没有导入"
    assert f"{SAMPLE}：文件有 92 KB，超过 50 KB 的上限（ARCHIVE_MAX_UPLOAD_BYTES）" in err
    assert not Bulletin.objects.exists()


def editor_client():
    user = User.objects.create_user("editor", password="pw-editor-1", is_staff=True)
    for codename in ("add_bulletin", "view_bulletin"):
        user.user_permissions.add(Permission.objects.get(content_type__app_label="bulletin", codename=codename))
    client = Client()
    client.force_login(user)
    return client


def test_admin_upload_refuses_flawed_text_by_line_and_imports_it_with_a_reason():
    client = editor_client()
    data, number = mixed_bytes()
    # The upload is a job: the worker (synchronous in tests) parses it and the job's page says why not.
    refused = client.post("/admin/bulletin/bulletin/upload/", {"file": SimpleUploadedFile("mixed.txt", data)},
                          follow=True)
    page = refused.content.decode()
    assert f"mixed.txt: 第 {number} 行是 UTF-8 编码" in page and "注明理由" in page
    assert not Bulletin.objects.exists()
    staged = client.post("/admin/bulletin/bulletin/upload/",
                         {"file": SimpleUploadedFile("mixed.txt", data), "force_reason": "原件扫描件即如此"})
    assert staged.status_code == 302, staged.content.decode()[:500]
    token = staged["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert not Bulletin.objects.exists()  # the preview stores nothing
    confirmed = client.post(staged["Location"], {"token": token, "action": "import"})
    assert confirmed.status_code == 302
    bulletin = Bulletin.objects.get()
    assert bulletin.override_reason == "原件扫描件即如此" and bulletin.warnings[0].startswith(f"{FORCED}第 {number} 行")
    page = client.get(f"/admin/bulletin/bulletin/{bulletin.pk}/change/").content.decode()
    assert "原件扫描件即如此" in page


def test_a_bulletin_imported_over_its_flaws_can_be_parsed_again(tmp_path):
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(mixed_bytes()[0])
    assert run(str(mixed), "--force-reason", "原件如此")[0] is None
    bulletin = Bulletin.objects.get()
    address = f"{bulletin.gazette.slug}/{bulletin.year}/{bulletin.issue}"
    out, err = StringIO(), StringIO()
    call_command("reparse", address, stdout=out, stderr=err)
    assert "1 期解析完成" in out.getvalue() and err.getvalue().count("错误") == 0
    assert Bulletin.objects.get().warnings[0].startswith(FORCED)
