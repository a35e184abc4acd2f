"""Storing parsed bulletins: commands, atomicity, idempotency, replace and reparse in place."""
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from bulletin.ingest import parse_bulletin
from bulletin.ingest.document import Block as ParsedBlock
from bulletin.ingest.version import importer_version
from bulletin.models import Article, Block, Bulletin
from bulletin.services import IssueConflict, store_bulletin

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "jilin-gazette-2024-01.txt"

pytestmark = pytest.mark.django_db(transaction=True)


def counts():
    return (Bulletin.objects.count(), Article.objects.count(), Block.objects.count())


def addresses():
    return {a.pk: a.get_absolute_url() for a in Article.objects.select_related("bulletin__gazette")}


def test_import_stores_the_sample_with_its_tree():
    out = StringIO()
    call_command("import_bulletin", str(SAMPLE), stdout=out)
    assert "已导入" in out.getvalue() and "/jilin/2024/1/" in out.getvalue()
    bulletin = Bulletin.objects.get()
    assert (bulletin.gazette.name, bulletin.gazette.slug, bulletin.year, bulletin.issue, bulletin.total_issue,
            str(bulletin.published)) == ("吉林市人民政府公报", "jilin", 2024, 1, 255, "2024-02-15")
    assert bulletin.importer_version == importer_version() and bulletin.parsed_at is not None
    assert bulletin.source_file.read() == SAMPLE.read_bytes()
    foreword, report = bulletin.articles.order_by("position")
    kinds = lambda article, kind: article.blocks.filter(kind=kind)  # noqa: E731
    assert (kinds(foreword, "paragraph").count(), kinds(report, "paragraph").count(),
            kinds(report, "heading").count()) == (8, 64, 16)
    blocks = list(report.blocks.order_by("position"))
    assert [b.position for b in blocks] == list(range(1, len(blocks) + 1))
    third = next(b for b in blocks if b.kind == "heading" and b.number == "三、")
    children = [b.text for b in blocks if b.kind == "heading" and b.parent == third.position]
    assert children[:2] == ["（一）坚定不移以科技创新推动产业转型升级", "（二）坚定不移落实扩大内需战略"]
    first_para = next(b for b in blocks if b.kind == "paragraph")
    assert first_para.parent is None and first_para.text == "各位代表："
    # 重点做好八个方面工作： is the one paragraph directly under 三、
    assert [b.text for b in blocks if b.kind == "paragraph" and b.parent == third.position] == ["重点做好八个方面工作："]
    assert bulletin.ledger["lines"] == 1792


def test_same_file_again_changes_nothing_and_says_so():
    call_command("import_bulletin", str(SAMPLE), stdout=StringIO())
    before = counts()
    first_id = Bulletin.objects.get().pk
    out = StringIO()
    call_command("import_bulletin", str(SAMPLE), stdout=out)
    assert "未改动" in out.getvalue()
    assert counts() == before and Bulletin.objects.get().pk == first_id


def test_same_file_with_replace_is_parsed_again_in_place():
    call_command("import_bulletin", str(SAMPLE), stdout=StringIO())
    before, urls = counts(), addresses()
    Block.objects.filter(kind="heading").delete()  # what an older importer might have missed
    Bulletin.objects.update(importer_version="")
    out = StringIO()
    call_command("import_bulletin", str(SAMPLE), "--replace", stdout=out)
    assert "已重新解析" in out.getvalue() and "标题 0→" in out.getvalue()
    assert counts() == before and addresses() == urls
    assert Bulletin.objects.get().importer_version == importer_version()


def test_a_different_file_for_the_same_issue_is_refused_unless_replace(tmp_path):
    call_command("import_bulletin", str(SAMPLE), stdout=StringIO())
    before = counts()
    edited = tmp_path / "edited.txt"
    edited.write_bytes(SAMPLE.read_bytes().replace("各位代表：".encode(), "各位代表、同志们：".encode()))
    err = StringIO()
    urls = addresses()
    with pytest.raises(CommandError, match="没有导入"):
        call_command("import_bulletin", str(edited), stdout=StringIO(), stderr=err)
    assert "已由另一文件" in err.getvalue() and "--replace" in err.getvalue()
    assert counts() == before
    call_command("import_bulletin", str(edited), "--replace", stdout=StringIO())
    assert counts() == before
    assert addresses() == urls  # same rows, same permanent addresses
    assert Block.objects.filter(text="各位代表、同志们：").exists()
    assert not Block.objects.filter(text="各位代表：").exists()
    assert Bulletin.objects.get().source_name == "edited.txt"


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

    monkeypatch.setattr(services.Block.objects, "bulk_create", explode)
    with pytest.raises(RuntimeError):
        store_bulletin(parsed, source_bytes=SAMPLE.read_bytes(), source_name="sample.txt")
    assert counts() == (0, 0, 0)
    assert stored_files() == files_before


def test_replace_in_the_service_swaps_old_for_new():
    data = SAMPLE.read_bytes()
    parsed = parse_bulletin(data, "sample")
    store_bulletin(parsed, source_bytes=data, source_name="a.txt")
    with pytest.raises(IssueConflict):
        store_bulletin(parsed, source_bytes=data + b"\n", source_name="b.txt")
    first = Bulletin.objects.get()
    outcome = store_bulletin(parsed, source_bytes=data + b"\n", source_name="b.txt", replace=True)
    assert outcome.status == "replaced" and Bulletin.objects.get().source_name == "b.txt"
    assert outcome.bulletin.pk == first.pk and outcome.bulletin.get_absolute_url() == "/jilin/2024/1/"


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
    with pytest.raises(CommandError, match="没有这个文件"):
        call_command("parse_bulletin", "/nonexistent/bulletin.txt")


def older_parse(parsed):
    """What a previous importer made of the sample: every article body run together as one
    paragraph per printed paragraph, no headings, no title-block kinds."""
    for article in parsed.articles:
        article.blocks = [ParsedBlock("paragraph", b.text) for b in article.blocks if b.kind != "heading"]
    return parsed


def test_reparse_all_updates_content_and_keeps_every_address():
    data = SAMPLE.read_bytes()
    store_bulletin(older_parse(parse_bulletin(data, "sample")), source_bytes=data, source_name="sample.txt")
    Bulletin.objects.update(importer_version="")
    urls = addresses()
    headings_before = Block.objects.filter(kind="heading").count()
    dry = StringIO()
    call_command("reparse", "--all", "--dry-run", stdout=dry)
    assert "标题 0→16" in dry.getvalue() and "1 期会有变化" in dry.getvalue()
    assert Block.objects.filter(kind="heading").count() == headings_before == 0
    out = StringIO()
    call_command("reparse", "--all", stdout=out)
    assert "1 期已更新" in out.getvalue()
    assert addresses() == urls
    fresh = parse_bulletin(data, "sample")
    for article, parsed_article in zip(Article.objects.order_by("position"), fresh.articles):
        stored = [(b.kind, b.text, b.level) for b in article.blocks.order_by("position")]
        assert stored == [(b.kind, b.text, b.level) for b in parsed_article.blocks]
    assert Bulletin.objects.get().importer_version == importer_version()
    again = StringIO()
    call_command("reparse", "jilin/2024/1", stdout=again)
    assert "没有变化" in again.getvalue()


@pytest.mark.parametrize("args, message", [
    ((), "请给出 --all"),
    (("jilin/2024",), "不是 公报代号/年/期 的形式"),
    (("jilin/2030/1",), "档案中没有这一期"),
    (("--all", "jilin/2024/1"), "不能同时给出"),
])
def test_reparse_refuses_unclear_arguments(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("reparse", *args, stdout=StringIO())
