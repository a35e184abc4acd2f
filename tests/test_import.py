"""Storing parsed bulletins: commands, atomicity, idempotency, replace."""
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bulletin.ingest import parse_bulletin
from bulletin.models import Article, Bulletin, Paragraph, Section
from bulletin.services import IssueConflict, store_bulletin

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "jilin-gazette-2024-01.txt"

pytestmark = pytest.mark.django_db(transaction=True)


def counts():
    return (Bulletin.objects.count(), Article.objects.count(), Section.objects.count(), Paragraph.objects.count())


def test_import_stores_the_sample_with_its_tree():
    out = StringIO()
    call_command("import_bulletin", str(SAMPLE), stdout=out)
    assert "Imported" in out.getvalue()
    bulletin = Bulletin.objects.get()
    assert (bulletin.gazette, bulletin.year, bulletin.issue, bulletin.total_issue, str(bulletin.published)) == (
        "吉林市人民政府公报", 2024, 1, 255, "2024-02-15")
    assert bulletin.source_file.read() == SAMPLE.read_bytes()
    foreword, report = bulletin.articles.order_by("position")
    assert (foreword.paragraphs.count(), report.paragraphs.count(), report.sections.count()) == (8, 64, 16)
    third = report.sections.get(number="三、")
    assert [s.heading for s in third.children.order_by("position")][:2] == [
        "（一）坚定不移以科技创新推动产业转型升级", "（二）坚定不移落实扩大内需战略"]
    first_para = report.paragraphs.get(number=1)
    assert first_para.section is None and first_para.text == "各位代表："
    assert report.paragraphs.filter(section=third).count() == 1  # 重点做好八个方面工作：
    assert bulletin.ledger["lines"] == 1792


def test_same_file_again_changes_nothing_and_says_so():
    call_command("import_bulletin", str(SAMPLE), stdout=StringIO())
    before = counts()
    first_id = Bulletin.objects.get().pk
    out = StringIO()
    call_command("import_bulletin", str(SAMPLE), stdout=out)
    assert "Unchanged" in out.getvalue()
    assert counts() == before and Bulletin.objects.get().pk == first_id


def test_a_different_file_for_the_same_issue_is_refused_unless_replace(tmp_path):
    call_command("import_bulletin", str(SAMPLE), stdout=StringIO())
    before = counts()
    edited = tmp_path / "edited.txt"
    edited.write_bytes(SAMPLE.read_bytes().replace("各位代表：".encode(), "各位代表、同志们：".encode()))
    err = StringIO()
    with pytest.raises(CommandError, match="not imported"):
        call_command("import_bulletin", str(edited), stdout=StringIO(), stderr=err)
    assert "already in the archive from a different file" in err.getvalue()
    assert counts() == before
    call_command("import_bulletin", str(edited), "--replace", stdout=StringIO())
    assert counts() == before
    assert Paragraph.objects.filter(text="各位代表、同志们：").exists()
    assert not Paragraph.objects.filter(text="各位代表：").exists()


def stored_files():
    from django.conf import settings

    root = Path(settings.MEDIA_ROOT)
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_a_failure_while_storing_leaves_nothing_behind(monkeypatch):
    parsed = parse_bulletin(SAMPLE.read_bytes(), "sample")
    files_before = stored_files()
    import bulletin.services as services

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.Paragraph.objects, "bulk_create", explode)
    with pytest.raises(RuntimeError):
        store_bulletin(parsed, source_bytes=SAMPLE.read_bytes(), source_name="sample.txt")
    assert counts() == (0, 0, 0, 0)
    assert stored_files() == files_before


def test_replace_in_the_service_swaps_old_for_new():
    data = SAMPLE.read_bytes()
    parsed = parse_bulletin(data, "sample")
    store_bulletin(parsed, source_bytes=data, source_name="a.txt")
    with pytest.raises(IssueConflict):
        store_bulletin(parsed, source_bytes=data + b"\n", source_name="b.txt")
    outcome = store_bulletin(parsed, source_bytes=data + b"\n", source_name="b.txt", replace=True)
    assert outcome.status == "replaced" and Bulletin.objects.get().source_name == "b.txt"


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "文件是空的"),
        (b"\x89PNG\r\n\x1a\n" + bytes(300), "PNG 图片"),
        (bytes(range(256)) * 10, "二进制数据"),
        ("这只是一段文字，没有公报封面。\n".encode(), "找不到公报的刊头信息"),
    ],
)
def test_bad_input_is_one_line_error_no_traceback_nonzero_exit(tmp_path, content, message):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    for command in ("parse_bulletin", "import_bulletin"):
        result = subprocess.run(
            [sys.executable, "manage.py", command, str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={"PATH": "/usr/bin:/bin", "ARCHIVE_DATA_DIR": str(tmp_path / "data")},
        )
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        assert message in result.stderr and str(bad) in result.stderr
        assert result.stdout == ""


def test_missing_file_is_named():
    with pytest.raises(CommandError, match="no such file"):
        call_command("parse_bulletin", "/nonexistent/bulletin.txt")
