"""Content-Security-Policy on every page (no inline script or style anywhere it would block), and
login throttling on the admin login: a Chinese lockout after five wrong passwords."""
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from .test_search_support import archive, base_template  # noqa: F401

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "jilin-gazette-2024-01.txt"
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "inline <style>"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def policy(response) -> dict:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_no_inline(html: str, where: str):
    for pattern, what in INLINE:
        match = pattern.search(html)
        assert match is None, f"{where}: {what}: {html[max(0, match.start() - 80):match.end() + 80]}"


@pytest.fixture
def editor_client(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "sources"
    user = User.objects.create_user("editor", password="right-password-1", is_staff=True)
    for codename in ("add_bulletin", "view_bulletin"):
        user.user_permissions.add(Permission.objects.get(content_type__app_label="bulletin", codename=codename))
    client = Client()
    client.force_login(user)
    return client


def test_policy_allows_this_site_only(client, archive):
    for url in ("/", "/search/?q=%E7%BB%8F%E6%B5%8E", "/api/search?q=x", "/admin/login/"):
        directives = policy(client.get(url))
        for name in ("default-src", "script-src", "style-src"):
            assert directives[name] == ["'self'"], (url, name, directives.get(name))
        assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in str(directives) and "'unsafe-eval'" not in str(directives)


def test_public_pages_and_admin_have_nothing_inline_the_policy_would_block(client, archive, editor_client):
    bulletin = archive["special"]
    pages = {"/": client, "/search/?q=%E7%BB%8F%E6%B5%8E": client, bulletin.get_absolute_url(): client,
             "/admin/login/": client, "/admin/": editor_client, "/admin/bulletin/bulletin/": editor_client,
             "/admin/bulletin/bulletin/upload/": editor_client}
    for url, who in pages.items():
        response = who.get(url)
        assert response.status_code == 200, url
        assert_no_inline(response.content.decode(), url)
    staged = editor_client.post("/admin/bulletin/bulletin/upload/", {"file": SimpleUploadedFile("b.txt", SAMPLE.read_bytes())})
    assert staged.status_code == 302
    preview = editor_client.get(staged["Location"])
    assert preview.status_code == 200 and "preview.css" in preview.content.decode()
    assert_no_inline(preview.content.decode(), "upload preview")


def login(client, username, password):
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def test_five_wrong_passwords_lock_that_user_out_in_chinese(settings):
    User.objects.create_user("editor", password="right-password-1", is_staff=True)
    User.objects.create_user("other", password="other-password-1", is_staff=True)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "editor", "wrong").status_code == 200  # the form again, with its error
    assert login(client, "editor", "wrong").status_code == 429
    locked = login(client, "editor", "right-password-1")  # even the right password now
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "登录失败次数过多" in text and "15 分钟" in text
    assert "_auth_user_id" not in client.session
    # Another user from the same address is not locked out.
    assert login(Client(), "other", "other-password-1").status_code == 302


def test_a_right_password_before_the_limit_logs_in_and_resets_the_count(settings):
    User.objects.create_user("editor", password="right-password-1", is_staff=True)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, "editor", "wrong")
    assert login(client, "editor", "right-password-1").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "editor", "wrong").status_code == 200  # counting from zero again
