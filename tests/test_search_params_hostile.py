"""Every parameter of /search/ and /api/search given hostile Unicode: never a 500; the API answers
a wrong parameter with a 400 and a JSON error, the page with its normal page and a message."""
import json
from urllib.parse import quote

import pytest

from .test_search_support import archive, base_template  # noqa: F401

pytestmark = pytest.mark.django_db

PARAMS = ("q", "page", "year", "bulletin", "article", "gazette", "doc_type", "category", "issuer", "kind",
          "date_from", "date_to", "sort", "unknown")
# Percent-encoded as sent on the wire: digits of other scripts, superscripts, a lone surrogate
# (CESU bytes), NUL and other controls, huge and negative numbers, overlong text, bidi override.
HOSTILE = [
    quote("²"), quote("٣"), quote("２０２４"), quote("𝟚𝟘𝟚𝟜"), quote("Ⅻ"), quote("二〇二四"),
    "%ED%A0%80", "%FF%FE", "%00", quote("2024\x00"), "%1B%5B31m", quote("\u202e2024"), quote("\ufeff1"),
    "9" * 400, "-1", "1e9", "0x10", quote(" 1 "), quote("2024-13-45"), quote("2024年99月"),
    quote("' OR 1=1 --"), quote("<script>x</script>"), "%25", quote("😀" * 50), "a" * 5000,
]


def status_and_type(client, path, name, value):
    response = client.get(f"{path}?q=%E7%BB%8F%E6%B5%8E&{name}={value}" if name != "q" else f"{path}?q={value}")
    return response.status_code, response["Content-Type"], response


@pytest.mark.parametrize("name", PARAMS)
def test_api_parameter_never_500_and_always_json(client, archive, name):
    for value in HOSTILE:
        status, content_type, response = status_and_type(client, "/api/search", name, value)
        assert status < 500, (name, value, status)
        assert content_type.startswith("application/json"), (name, value, content_type)
        body = json.loads(response.content)
        if status == 400:
            assert body["error"] and "\n" not in body["error"], (name, value, body)


@pytest.mark.parametrize("name", PARAMS)
def test_page_parameter_never_500(client, archive, name):
    for value in HOSTILE:
        status, content_type, _ = status_and_type(client, "/search/", name, value)
        assert status < 500, (name, value, status)
        assert content_type.startswith("text/html"), (name, value, content_type)


@pytest.mark.parametrize("name, value", [("year", quote("²")), ("year", quote("٣")), ("bulletin", "9" * 400),
                                         ("date_from", quote("２０２４年")), ("sort", "price"), ("page", quote("²"))])
def test_api_refuses_a_wrong_number_with_a_400_naming_it(client, archive, name, value):
    response = client.get(f"/api/search?q=%E7%BB%8F%E6%B5%8E&{name}={value}")
    assert response.status_code == 400
    body = json.loads(response.content)
    assert name in body["error"]


def test_api_year_in_ascii_digits_still_filters(client, archive):
    response = client.get("/api/search?q=%E7%BB%8F%E6%B5%8E&year=2024")
    body = json.loads(response.content)
    assert response.status_code == 200 and set(body["facets"]["year"]) == {"2024"}
