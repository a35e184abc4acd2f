"""The read-only JSON API through Django's client: contents checked against the database (and
the old /api/search), every bad parameter a 400 with a Chinese JSON message, read-only, throttled,
the OpenAPI schema valid and its page served without a CDN."""
import json
import math
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from bulletin.models import Article, Block, Bulletin, Gazette
from tests.corpus_archive import corpus_archive  # noqa: F401

pytestmark = pytest.mark.django_db
HOST = "http://testserver"
CJK = re.compile(r"[\u4e00-\u9fff]")


def get(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, (url, params, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def page_of(bulletin):
    return f"{HOST}/{bulletin.gazette.slug}/{bulletin.year}/{bulletin.issue}/"


def test_gazettes(client, corpus_archive):
    body = get(client, "/api/gazettes/")
    assert body["count"] == Gazette.objects.count() == 9
    for item in body["results"]:
        gazette = Gazette.objects.get(slug=item["slug"])
        assert item["name"] == gazette.name and item["bulletin_count"] == gazette.bulletins.count()
        assert item["url"] == f"{HOST}/{gazette.slug}/"
        assert get(client, item["api_url"].removeprefix(HOST))["name"] == gazette.name
    assert get(client, "/api/gazettes/nope/", status=404)["detail"] == "没有这份公报"


def test_bulletins_paginated_and_filtered(client, corpus_archive):
    body = get(client, "/api/bulletins/", {"page_size": 4})
    assert body["count"] == Bulletin.objects.count() == 9 and len(body["results"]) == 4
    last = get(client, "/api/bulletins/", {"page_size": 4, "page": math.ceil(9 / 4)})
    assert len(last["results"]) == 9 - 4 * 2 and last["next"] is None
    listed = [r["url"] for p in (1, 2, 3) for r in get(client, "/api/bulletins/", {"page_size": 4, "page": p})["results"]]
    assert listed == [page_of(b) for b in Bulletin.objects.select_related("gazette").order_by("-year", "-issue", "gazette__name")]
    one = Bulletin.objects.select_related("gazette").first()
    filtered = get(client, "/api/bulletins/", {"gazette": one.gazette.slug, "year": one.year})
    assert [r["url"] for r in filtered["results"]] == [page_of(one)]
    detail = get(client, filtered["results"][0]["api_url"].removeprefix(HOST))
    assert [a["title"] for a in detail["articles"]] == list(one.articles.order_by("position").values_list("title", flat=True))
    assert detail["source_url"] == f"{page_of(one)}source/"
    assert get(client, "/api/bulletins/", {"page": 99}, status=404)["detail"] == "页码超出范围"


def test_article_with_its_blocks_in_order(client, corpus_archive):
    article = Article.objects.select_related("bulletin__gazette").exclude(doc_number="").order_by("pk").first()
    b = article.bulletin
    body = get(client, f"/api/articles/{b.gazette.slug}/{b.year}/{b.issue}/{article.position}/")
    url = f"{page_of(b)}{article.position}/"
    assert body["url"] == url and body["title"] == article.title and body["doc_number"] == article.doc_number
    rows = list(Block.objects.filter(article=article).order_by("position"))
    assert [(x["position"], x["kind"], x["text"]) for x in body["blocks"]] == [(r.position, r.kind, r.text) for r in rows]
    assert [x["url"] for x in body["blocks"]] == [f"{url}#p-{r.position}" for r in rows]
    assert set(body["citations"]) == {"cites", "cited_by"}
    assert get(client, f"/api/articles/{b.gazette.slug}/{b.year}/{b.issue}/999/", status=404)["detail"] == "没有这篇文章"


def test_article_list_filters(client, corpus_archive):
    cited = Article.objects.get(doc_number="国办函〔2005〕21号")
    for printed in ("国办函〔2005〕21号", "国办函[2005]21号", "国办函2005年21号"):
        body = get(client, "/api/articles/", {"doc_number": printed})
        assert [r["title"] for r in body["results"]] == [cited.title]
    Article.objects.filter(title__endswith="复函").update(doc_type="复函")  # the corpus markup names no 文种
    replies = get(client, "/api/articles/", {"doc_type": "复函", "page_size": 100})
    assert replies["count"] == Article.objects.filter(title__endswith="复函").count() > 0
    b = cited.bulletin
    issue = get(client, "/api/articles/", {"gazette": b.gazette.slug, "year": b.year, "issue": b.issue})
    assert [r["position"] for r in issue["results"]] == sorted(b.articles.values_list("position", flat=True))


def test_search_is_the_page_engine_with_absolute_urls(client, corpus_archive):
    new = get(client, "/api/search/", {"q": "通知", "sort": "date"})
    old = client.get("/api/search", {"q": "通知", "sort": "date"}).json()
    assert new["count"] == old["count"] > 0 and new["facets"] == old["facets"]
    assert [r["block_id"] for r in new["results"]] == [r["block_id"] for r in old["results"]]
    for mine, theirs in zip(new["results"], old["results"]):
        assert mine["url"] == f"{HOST}{theirs['url']}"
        assert {k: v for k, v in mine.items() if k != "url"} == {k: v for k, v in theirs.items() if k != "url"}
    year = next(iter(new["facets"]["year"]))
    filtered = get(client, "/api/search/", {"q": "通知", "year": year})
    assert filtered["count"] == new["facets"]["year"][year]
    assert get(client, "/api/search/", {"q": "通知", "page": 99}, status=404)["detail"] == "页码超出范围"


BAD = [
    ("/api/bulletins/", {"year": "²"}), ("/api/bulletins/", {"year": "٣"}), ("/api/bulletins/", {"year": "１２"}),
    ("/api/bulletins/", {"year": "-1"}), ("/api/bulletins/", {"year": "2024.0"}), ("/api/bulletins/", {"page": "abc"}),
    ("/api/bulletins/", {"page": "0"}), ("/api/bulletins/", {"page": "99999999999999999999"}),
    ("/api/bulletins/", {"page_size": "1000"}), ("/api/bulletins/", {"gazette": "nope"}),
    ("/api/bulletins/", {"gazette": "Jilin!"}), ("/api/bulletins/", {"colour": "red"}),
    ("/api/articles/", {"issue": "一"}), ("/api/articles/", {"doc_type": "x" * 101}),
    ("/api/gazettes/", {"page": "1e3"}), ("/api/search/", {"q": "通知", "year": "²"}),
    ("/api/search/", {"q": "通知", "sort": "newest"}), ("/api/search/", {"q": "通知", "date_from": "2024-13"}),
    ("/api/search/", {"q": "通知", "bulletin": "99999999999"}), ("/api/search/", {"q": "通知", "page_size": "5"}),
    ("/api/search/", {"q": "x" * 1001}), ("/api/gazettes/", {"format": "xml"}), ("/api/search/", {"format": "api"}),
]


@pytest.mark.parametrize("url, params", BAD)
def test_bad_parameters_are_400_with_a_chinese_json_error(client, url, params):
    body = get(client, url, params, status=400)
    assert body["detail"] == "参数有误"
    assert set(body["errors"]) == set(params) - {"q"} or set(body["errors"]) == set(params)
    for messages in body["errors"].values():
        assert all(CJK.search(m) for m in messages), messages


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["year", "page", "page_size", "gazette", "issue", "doc_number", "q", "sort", "date_to"]),
       value=st.text(max_size=30))
def test_any_parameter_value_is_json_never_500(client, name, value):
    cache.clear()  # each example starts below the anonymous rate
    for url in ("/api/articles/", "/api/search/"):
        response = client.get(url, {name: value})
        assert response.status_code in (200, 400, 404), (url, name, value)
        assert response["Content-Type"].startswith("application/json")
        if response.status_code != 200:
            assert CJK.search(response.json()["detail"])


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only(client, method, corpus_archive):
    for url in ("/api/gazettes/", "/api/search/", "/api/articles/"):
        response = getattr(client, method)(url, data="{}", content_type="application/json")
        assert response.status_code == 405 and response.json()["detail"] == f"本接口只读，不接受 {method.upper()} 请求"
    assert Gazette.objects.count() == 9


def test_blank_parameters_count_as_absent(client, corpus_archive):
    everything = get(client, "/api/articles/")
    blank = get(client, "/api/articles/", {"year": "", "gazette": " ", "doc_type": "", "format": "json"})
    assert (blank["count"], blank["results"]) == (everything["count"], everything["results"])
    assert get(client, "/api/search/", {"q": "通知", "sort": "", "date_from": ""})["count"] == \
        get(client, "/api/search/", {"q": "通知"})["count"]


def test_head_and_options(client):
    assert client.head("/api/gazettes/").status_code == 200
    options = client.options("/api/gazettes/")
    assert options.status_code == 200 and options.json()["name"] == "公报刊物"


def test_unknown_api_address_is_json_404(client):
    assert get(client, "/api/nothing/here", status=404)["detail"] == "没有这个接口地址"
    assert get(client, "/api/articles/jilin/2024/1/9999999999/", status=404)


@override_settings(ARCHIVE_API_ANON_RATE="3/minute")
def test_anonymous_use_is_throttled(client):
    for _ in range(3):
        get(client, "/api/gazettes/")
    body = get(client, "/api/gazettes/", status=429)
    assert body["detail"].startswith("请求过于频繁")
    other = client.get("/api/gazettes/", REMOTE_ADDR="10.0.0.9")  # another client is not affected
    assert other.status_code == 200


def test_schema_validates(tmp_path):
    target = tmp_path / "schema.json"
    call_command("spectacular", "--validate", "--fail-on-warn", "--format", "openapi-json", "--file", str(target))
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert {"/api/gazettes/", "/api/bulletins/", "/api/articles/", "/api/search/",
            "/api/articles/{gazette}/{year}/{issue}/{position}/"} <= set(schema["paths"])
    params = {p["name"] for p in schema["paths"]["/api/search/"]["get"]["parameters"]}
    assert {"q", "year", "gazette", "doc_type", "issuer", "date_from", "sort", "page"} <= params


def test_schema_served_and_readable_without_a_cdn(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200 and "/api/search/" in schema.json()["paths"]
    page = client.get("/api/docs/")
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
    assert assets and not re.search(r"https?://(?!testserver)", html.replace("http://testserver", ""))
    for asset in set(assets):  # each one a file of the site's own static files
        assert urlsplit(asset).netloc in ("", "testserver")
        assert finders.find(urlsplit(asset).path.removeprefix("/static/")), asset
    # Every operation and every parameter of the schema is on the page, described in Chinese.
    for path, item in schema.json()["paths"].items():
        assert f"GET {path}" in html
        for parameter in item["get"].get("parameters", []):
            assert f"<code>{parameter['name']}</code>" in html and parameter.get("description", "") in html


def test_article_citations_resolve_in_the_api(client, corpus_archive):
    import datetime

    from bulletin.ingest.document import Article as ParsedArticle
    from bulletin.ingest.document import Block as ParsedBlock
    from bulletin.ingest.document import ParsedBulletin
    from bulletin.services import store_bulletin

    parsed = ParsedBulletin(gazette="测试市人民政府公报", year=2025, issue=1, total_issue=None,
                            published=datetime.date(2025, 1, 1), articles=[ParsedArticle(
                                title="引用复函的通知", blocks=[ParsedBlock("paragraph", "按照国办函2005年21号和京政办发[2016]26号办理。")])])
    store_bulletin(parsed, source_bytes=b"citing", source_name="citing.json")
    cited = Article.objects.select_related("bulletin__gazette").get(doc_number="国办函〔2005〕21号")
    citing = get(client, "/api/articles/test/2025/1/1/".replace("test", Gazette.objects.get(name="测试市人民政府公报").slug))
    cites = {c["key"]: c for c in citing["citations"]["cites"]}
    assert cites["国办函〔2005〕21号"]["url"] == f"{page_of(cited.bulletin)}{cited.position}/"
    assert cites["国办函〔2005〕21号"]["text"] == "国办函2005年21号" and cites["国办函〔2005〕21号"]["positions"] == [1]
    assert cites["京政办发〔2016〕26号"]["url"] is None  # not held
    b = cited.bulletin
    cited_body = get(client, f"/api/articles/{b.gazette.slug}/{b.year}/{b.issue}/{cited.position}/")
    assert [c["title"] for c in cited_body["citations"]["cited_by"]] == ["引用复函的通知"]
