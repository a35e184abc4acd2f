"""Permanent addresses: gazette slugs, /<gazette>/<year>/<issue>/<n>/, the previous release's
addresses redirected, and the admin's reparse (preview, then confirm) keeping them."""
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ValidationError
from django.test import Client

from bulletin.gazettes import gazette_named, place_of, slug_candidates
from bulletin.ingest import parse_bulletin
from bulletin.ingest.document import Block as ParsedBlock
from bulletin.models import Article, Block, Bulletin, Gazette
from bulletin.services import store_bulletin
from tests.browser.sample_data import make_bulletin

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "jilin-gazette-2024-01.txt"

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name, slug, province, city", [
    ("吉林市人民政府公报", "jilin", "", "吉林市"),
    ("资阳市人民政府公报", "ziyang", "", "资阳市"),
    ("镇巴县人民政府公报", "zhenba", "", "镇巴县"),
    ("广东省广州市人民政府公报", "guangzhou", "广东省", "广州市"),
    ("澳门特别行政区公报", "aomen", "", "澳门特别行政区"),
    ("四川省人民政府公报", "sichuan", "", "四川省"),
])
def test_slug_is_the_pinyin_of_the_place(name, slug, province, city):
    assert slug_candidates(name)[0] == slug
    assert place_of(name) == (province, city)


def test_two_gazettes_of_one_place_name_get_distinct_slugs():
    city = gazette_named("吉林市人民政府公报")
    province = gazette_named("吉林省人民政府公报")
    assert (city.slug, province.slug) == ("jilin", "jilinsheng")
    assert gazette_named("吉林市人民政府公报").pk == city.pk  # found again by name, not duplicated


def test_a_slug_may_not_shadow_a_site_path():
    gazette = Gazette(name="测试公报", slug="admin")
    with pytest.raises(ValidationError, match="网站已用的路径"):
        gazette.full_clean()
    assert all(c not in {"admin", "search", "api", "year"} for c in slug_candidates("Admin公报"))


def test_previous_addresses_redirect_permanently(client):
    bulletin = make_bulletin()
    cases = {
        f"/bulletins/{bulletin.pk}/": "/jilin/2024/1/",
        f"/bulletins/{bulletin.pk}/articles/2/": "/jilin/2024/1/2/",
        f"/bulletins/{bulletin.pk}/source/": "/jilin/2024/1/source/",
    }
    for old, new in cases.items():
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == new, old
    assert client.get(f"/bulletins/{bulletin.pk}/articles/9/").status_code == 404
    assert client.get("/jilin/2024/1/2/").status_code == 200


def test_a_renamed_slug_moves_every_address():
    bulletin = make_bulletin()
    gazette = bulletin.gazette
    gazette.slug = "jilinshi"
    gazette.full_clean()
    gazette.save()
    assert Article.objects.get(bulletin=bulletin, position=2).get_absolute_url() == "/jilinshi/2024/1/2/"


def test_gazette_page_lists_its_issues(client, django_assert_max_num_queries):
    make_bulletin()
    make_bulletin(year=2023, issue=12)
    with django_assert_max_num_queries(3):
        html = client.get("/jilin/").content.decode()
    assert html.index("2024年第1期") < html.index("2023年第12期")
    assert 'href="/jilin/2023/12/"' in html


def test_article_format_parameter_is_validated(client):
    make_bulletin()
    assert client.get("/jilin/2024/1/2/", {"format": "xml"}).status_code == 400
    data = client.get("/jilin/2024/1/2/", {"format": "json"}).json()
    assert data["url"] == "http://testserver/jilin/2024/1/2/" and data["bulletin"]["gazette_slug"] == "jilin"
    assert [b["kind"] for b in data["blocks"][:3]] == ["subtitle", "speaker", "paragraph"]


# ---------------------------------------------------------------- admin reparse


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = tmp_path / "data" / "sources"
    return settings.DATA_DIR


def editor_client(*perms):
    user = User.objects.create_user("editor", password="pw-editor-2026", is_staff=True)
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(content_type__app_label="bulletin", codename=codename))
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def stored_by_an_older_importer():
    data = SAMPLE.read_bytes()
    parsed = parse_bulletin(data, "sample")
    for article in parsed.articles:
        article.blocks = [ParsedBlock("paragraph", b.text) for b in article.blocks if b.kind != "heading"]
    return store_bulletin(parsed, source_bytes=data, source_name="jilin-2024-01.txt").bulletin


def test_admin_reparse_previews_then_swaps_keeping_addresses(data_dir, django_capture_on_commit_callbacks):
    bulletin = stored_by_an_older_importer()
    urls = {a.pk: a.get_absolute_url() for a in Article.objects.all()}
    client = editor_client("add_bulletin", "view_bulletin")
    change = client.get(f"/admin/bulletin/bulletin/{bulletin.pk}/change/").content.decode()
    assert f'href="/admin/bulletin/bulletin/{bulletin.pk}/reparse/"' in change
    page = client.get(f"/admin/bulletin/bulletin/{bulletin.pk}/reparse/")
    html = page.content.decode()
    assert page.status_code == 200 and "标题 0→16" in html and "确认重新解析" in html
    assert 'class="section-heading level-1"' in html  # the new body, rendered as the public page does
    assert not Block.objects.filter(kind="heading").exists()  # nothing changed by looking
    # Without the CSRF token the swap is refused.
    assert client.post(f"/admin/bulletin/bulletin/{bulletin.pk}/reparse/").status_code == 403
    token = client.cookies["csrftoken"].value
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(f"/admin/bulletin/bulletin/{bulletin.pk}/reparse/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Block.objects.filter(kind="heading").count() == 16
    assert {a.pk: a.get_absolute_url() for a in Article.objects.all()} == urls
    assert Bulletin.objects.get().pk == bulletin.pk


def test_reparse_needs_the_add_permission(data_dir):
    bulletin = stored_by_an_older_importer()
    viewer = editor_client("view_bulletin")
    assert viewer.get(f"/admin/bulletin/bulletin/{bulletin.pk}/reparse/").status_code == 403
    assert Client().get(f"/admin/bulletin/bulletin/{bulletin.pk}/reparse/").status_code == 302  # to login
