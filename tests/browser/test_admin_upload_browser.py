"""An editor imports bulletins through the admin in a real browser (Debian chromium via Playwright):
the sample text (preview, confirm, bulletin page, search lands on the paragraph), and a printer-spread
PDF made from our own document (the imported paragraphs equal the source paragraphs)."""
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User

from bulletin.models import Block, Bulletin
from tests import pdf_factory as pf

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "jilin-gazette-2024-01.txt"
PASSWORD = "editor-pass-2026"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def editor(transactional_db):
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    for codename in ("add_bulletin", "view_bulletin", "delete_bulletin"):
        user.user_permissions.add(Permission.objects.get(content_type__app_label="bulletin", codename=codename))
    return user


def log_in_and_open_upload(page):
    page.goto("/admin/login/?next=/admin/bulletin/bulletin/upload/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/bulletin/bulletin/upload/$"))


def upload_and_preview(page, path: Path):
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="解析并预览").click()
    page.wait_for_url(re.compile(r"/admin/bulletin/bulletin/upload/[0-9a-f]{32}/$"))


def confirm(page):
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_url(re.compile(r"/[a-z][a-z0-9-]*/\d{4}/\d+/$"))


def article_paragraphs(page) -> list[str]:
    texts = page.locator("p.para").evaluate_all("els => els.map(e => e.firstChild ? e.firstChild.textContent : '')")
    return [squash(t) for t in texts]


def test_editor_imports_the_sample_text_and_finds_a_paragraph(page, editor, screenshot):
    log_in_and_open_upload(page)
    upload_and_preview(page, SAMPLE)
    assert page.locator("#preview-gazette").inner_text() == "吉林市人民政府公报"
    assert page.locator("#preview-year").inner_text() == "2024"
    assert page.locator("#preview-issue").inner_text() == "1"
    assert page.locator("#preview-date").inner_text() == "2024-02-15"
    assert page.get_by_text("政府工作报告", exact=False).first.is_visible()
    assert page.locator("#preview-ledger").is_visible()
    screenshot(page, "admin-upload-preview")
    assert Bulletin.objects.count() == 0  # nothing stored before the editor confirms

    confirm(page)
    bulletin = Bulletin.objects.get()
    assert page.url.endswith(bulletin.get_absolute_url())
    assert "已导入" in page.content()
    assert page.get_by_role("heading", level=1).inner_text().startswith("2024年第1期")
    page.get_by_role("link", name="政府工作报告", exact=True).click()
    page.wait_for_url(re.compile(r"/jilin/2024/1/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "政府工作报告"

    # search a phrase of one imported paragraph and land on that paragraph's anchor
    target = Block.objects.filter(article__title="政府工作报告", kind="paragraph", text__contains="碳纤维").order_by("position").first()
    assert target is not None
    phrase = "碳纤维"
    page.goto(f"/search/?q={phrase}")
    # A hit's link carries the query (?hl=) so the article marks the phrase.
    link = page.locator(f"a[href^='/jilin/2024/1/{target.article.position}/?hl='][href*='#p-']").first
    link.click()
    page.wait_for_url(re.compile(r"#p-\d+$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert phrase in page.locator(f"[id='{anchor}']").inner_text()
    assert phrase in page.locator(f"[id='{anchor}'] mark.hl").first.inner_text()


def test_editor_imports_a_printer_spread_pdf_and_its_paragraphs_equal_the_source(page, editor, tmp_path):
    doc = pf.sample_document(seed=11, articles=2, sections=3, paragraphs_per_section=3)
    path = tmp_path / "linjiang-2025-03.pdf"
    path.write_bytes(pf.render_pdf(pf.layout(doc), spreads=True, booklet=True))

    log_in_and_open_upload(page)
    upload_and_preview(page, path)
    assert page.locator("#preview-gazette").inner_text() == doc.gazette
    assert page.locator("#preview-issue").inner_text() == str(doc.issue)
    confirm(page)
    bulletin = Bulletin.objects.get()
    assert bulletin.source_file.name.endswith(".pdf")

    for position, source in enumerate(doc.articles, start=1):
        page.goto(f"{bulletin.get_absolute_url()}{position}/")
        assert page.get_by_role("heading", level=1).inner_text() == source.title
        assert article_paragraphs(page) == [squash(p) for p in source.paragraphs]
        headings = page.locator(".section-heading").all_inner_texts()
        assert [squash(h) for h in headings] == [squash(t) for kind, t in source.blocks if kind == "heading"]
