"""The search page and the JSON API: contract, escaping, pagination, odd queries never 500."""
import json

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from .test_search_support import archive, base_template, substring_truth  # noqa: F401

pytestmark = pytest.mark.django_db

RESULT_KEYS = {"block_id", "text", "highlight", "url", "bulletin", "article", "section_path"}


def api(client, **params):
    response = client.get(reverse("search:api"), params)
    return response, json.loads(response.content)


def test_urls():
    assert reverse("search:search") == "/search/" and reverse("search:api") == "/api/search"


def test_api_contract(client, archive):
    response, body = api(client, q="经济")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert {"count", "page", "pages", "results", "facets"} <= set(body)
    assert body["count"] == substring_truth("经济") and body["page"] == 1
    assert body["pages"] == -(-body["count"] // 20) and len(body["results"]) == 20
    first = body["results"][0]
    assert RESULT_KEYS <= set(first)
    assert {"gazette", "year", "issue", "published"} <= set(first["bulletin"])
    assert "<mark>经济</mark>" in first["highlight"]
    for result in body["results"]:
        if result["block_id"] is not None:
            assert "#p-" in result["url"] and result["url"].startswith("/jilin/")
    assert sum(body["facets"]["year"].values()) == body["count"]


def test_api_last_page_and_beyond(client, archive):
    _, body = api(client, q="经济")
    last = body["pages"]
    _, tail = api(client, q="经济", page=last)
    assert tail["page"] == last and len(tail["results"]) == body["count"] - 20 * (last - 1)
    response, _ = api(client, q="经济", page=last + 1)
    assert response.status_code == 404
    response, _ = api(client, q="经济", page="abc")
    assert response.status_code == 400  # not a page number: a wrong parameter, named in the JSON error


def test_api_filters_and_date_sort(client, archive):
    _, all_years = api(client, q="经济")
    _, only_2023 = api(client, q="经济", year=2023)
    assert only_2023["count"] == all_years["facets"]["year"]["2023"]
    assert {r["bulletin"]["year"] for r in only_2023["results"]} == {2023}
    some_bulletin = next(iter(all_years["facets"]["bulletin"]))
    _, one = api(client, q="经济", bulletin=some_bulletin)
    assert one["count"] == all_years["facets"]["bulletin"][some_bulletin]
    _, dated = api(client, q="经济", sort="date")
    published = [r["bulletin"]["published"] for r in dated["results"]]
    assert published == sorted(published, reverse=True)


def test_script_in_text_is_shown_as_text(client, archive, base_template):
    response = client.get("/search/", {"q": "冰雪经济"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in html and "&lt;script&gt;alert(" in html
    assert "<mark>冰雪经济</mark>" in html
    _, body = api(client, q="冰雪经济")
    assert any("&lt;script&gt;" in r["highlight"] and "<script>" not in r["highlight"] for r in body["results"])


def test_search_page_shows_count_citation_facets_and_pages(client, archive, base_template):
    response = client.get("/search/", {"q": "发展", "page": 2})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"共找到 <strong>{substring_truth('发展')}</strong> 条结果" in html
    assert "第 2/" in html and 'aria-current="page">2<' in html
    assert "《吉林市人民政府公报》" in html and "年份" in html
    assert 'href="/jilin/' in html and "#p-" in html


def test_traditional_query_on_page(client, archive, base_template):
    html = client.get("/search/", {"q": "碳纖維"}).content.decode()
    assert "<mark>碳纤维</mark>" in html


@pytest.mark.parametrize("q", ["", "   ", "，。！？、", '"', '"未闭合的引号', "\x00\x01\x1b[0m", "字" * 1000,
                               "' OR 1=1; DROP TABLE bulletin_paragraph;--", "<img src=x onerror=alert(1)>",
                               "-经济", "OR", "year:abc", "year:99999999999", "()[]{}^~*?:\\/", "𠀀𠀁"])
def test_odd_queries_give_a_page_with_a_message(client, archive, base_template, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    assert "search-message" in html or "共找到" in html or "检索词" in html
    assert "<img src=x" not in html
    response, body = api(client, q=q)
    assert response.status_code == 200 and "count" in body


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=80), page=st.one_of(st.none(), st.text(max_size=5), st.integers(-5, 50).map(str)))
def test_any_query_never_500(client, archive, q, page):
    params = {"q": q} if page is None else {"q": q, "page": page}
    response = client.get("/api/search", params)
    assert response.status_code in (200, 400, 404)
    if response.status_code == 400:  # only a page that is not a positive number is a wrong parameter
        assert "page=" in json.loads(response.content)["error"] and page.strip() not in {str(n) for n in range(1, 51)}
