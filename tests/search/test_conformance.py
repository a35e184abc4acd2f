"""One conformance suite for the configured haystack backend: every query form against a truth
computed by brute force from the database, through the page, the API and SearchQuerySet alike.

The truth normalises as the specification says (traditional → simplified, width and case folded,
whitespace ignored, every bracket alike) and checks substrings with Python's `in`.
"""
import datetime
import json
import re

import pytest
from django.urls import reverse
from haystack.query import SearchQuerySet

from bulletin.body import enclosing_positions
from bulletin.gazettes import gazette_named
from bulletin.models import Article, Block, Bulletin, Gazette
from search import synthetic, writer
from search.analysis import normalize
from search.engine import SearchRequest, run_search

pytestmark = pytest.mark.django_db

BRACKETS = str.maketrans({c: "〔" for c in "([（【〖［｛{"} | {c: "〕" for c in ")]）】〗］｝}"})

# (gazette, year, issue, published, [(title, category, doc_type, issuer, signed_on, [(kind, text)…])…])
DOCUMENTS = [
    ("北京市人民政府公报", 2016, 5, datetime.date(2016, 3, 1), [
        ("北京市人民政府办公厅关于加快5G基站建设的通知", "市政府办公厅文件", "通知", "北京市人民政府办公厅",
         datetime.date(2016, 2, 20), [
             ("doc_number", "京政办发〔2016〕26号"),
             ("addressee", "各区人民政府，市政府各委、办、局："),
             ("heading", "一、加快基站5G部署"),
             ("paragraph", "今年新建5G基站1251个，其中高性能T1000设备覆盖全市，惠及1251户。"),
             ("paragraph", "全市生产总值增长6.7%，冰雪旅游收入再创新高，国家级滑雪旅游度假地建设加快。"),
             ("table", "区 基站数\n朝阳 300"),
             ("signature", "北京市人民政府办公厅"),
             ("date", "2016年2月20日"),
         ]),
        ("关于印发《北京市冰雪经济发展规划》的通知", "市政府文件", "通知", "北京市人民政府",
         datetime.date(2016, 2, 25), [
             ("doc_number", "京政发[2016]3号"),
             ("paragraph", "现将《北京市冰雪经济发展规划》印发给你们，请认真贯彻落实（京政办发〔2016〕26号）。"),
             ("doc_title", "北京市冰雪经济发展规划"),
             ("heading", "一、总体要求"),
             ("paragraph", "冰雪，经济：这两个词被标点隔开。增长6.7%是去年的数字。"),
         ]),
    ]),
    ("资阳市人民政府公报", 2018, 9, datetime.date(2018, 9, 15), [
        ("资阳市人民政府关于公布第四批市级非物质文化遗产名录的通知", "市政府文件", "通知", "资阳市人民政府",
         datetime.date(2018, 8, 27), [
             ("doc_number", "资府函〔2018〕248号"),
             ("paragraph", "第四批市级非物质文化遗产名录已经市政府同意，现予公布。5G基站建设与此无关。"),
             ("table", "序号 项目名称\n1 丹山白塔传说"),
         ]),
        ("资阳市人民政府关于表彰先进的决定", "人事任免", "决定", "资阳市人民政府", None, [
             ("paragraph", "決定對以下單位給予表彰：臺灣同胞投資企業。"),
         ]),
    ]),
]


def form(text: str) -> str:
    return "".join(normalize(text).translate(BRACKETS).split())


@pytest.fixture(scope="module")
def conformance(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        synthetic.build_archive(300, seed=5, paragraphs_per_bulletin=60)
        for name, year, issue, published, articles in DOCUMENTS:
            bulletin = Bulletin.objects.create(gazette=gazette_named(name), year=year, issue=issue,
                                               published=published, source_sha256=f"conf-{year}-{issue}")
            for position, (title, category, doc_type, issuer, signed, blocks) in enumerate(articles, start=1):
                article = Article.objects.create(bulletin=bulletin, position=position, title=title, category=category,
                                                 doc_type=doc_type, issuer=issuer, signed_on=signed)
                parents = enclosing_positions([(k, 1 if k == "heading" else None) for k, _ in blocks])
                Block.objects.bulk_create(
                    Block(article=article, position=n, kind=k, text=t, level=1 if k == "heading" else None, parent=p,
                          rows=[r.split(" ") for r in t.split("\n")] if k == "table" else None)
                    for n, ((k, t), p) in enumerate(zip(blocks, parents), start=1))
        writer.rebuild_from_database(procs=1)
        yield
        Bulletin.objects.all().delete()
        Gazette.objects.all().delete()
        writer.clear_index()


def documents():
    """(search form, facts) of every searchable document, from the database."""
    out = []
    for block in Block.objects.select_related("article__bulletin__gazette"):
        out.append((form(block.text), _facts(block.article, block.kind)))
    for article in Article.objects.select_related("bulletin__gazette"):
        out.append((form(article.title) + "\u2029" + form(article.category), _facts(article, "title")))
    return out


def _facts(article, kind):
    bulletin = article.bulletin
    return {"year": bulletin.year, "gazette": bulletin.gazette.slug, "doc_type": article.doc_type,
            "category": article.category, "issuer": article.issuer, "kind": kind, "published": bulletin.published}


def truth(predicate, **filters) -> int:
    return sum(1 for text, facts in documents()
               if predicate(text) and all(facts[k] == v for k, v in filters.items()))


def has(*needles):
    return lambda text: all(form(n) in text for n in needles)


CASES = [
    # 1, 2 and 4 characters; mixed scripts in order (基站5G is not 5G基站)
    ("户", has("户")), ("基站", has("基站")), ("冰雪旅游", has("冰雪旅游")),
    ("基站5G", has("基站5g")), ("5G基站", has("5g基站")), ("高性能T1000", has("高性能t1000")),
    ("T1000高性能", has("t1000高性能")), ("1251户", has("1251户")),
    # quotes bind across punctuation and spaces
    ('"6.7%增长"', has("6.7%增长")), ('"增长6.7%"', has("增长6.7%")), ('"冰雪 经济"', has("冰雪经济")),
    ('"冰雪，经济"', has("冰雪,经济")),
    # words, exclusion, alternatives; traditional finds simplified and back
    ("冰雪 旅游", has("冰雪", "旅游")), ("基站 -5G", lambda t: form("基站") in t and "5g" not in t),
    ("丹山 OR 滑雪", lambda t: "丹山" in t or "滑雪" in t), ("臺灣同胞", has("台湾同胞")), ("决定对", has("决定对")),
    # 文号 in every printed form
    ("京政办发〔2016〕26号", has("京政办发〔2016〕26号")), ("京政办发[2016]26号", has("京政办发〔2016〕26号")),
    ("京政办发(2016)26号", has("京政办发〔2016〕26号")),
    ("京政办发2016年26号", lambda t: "京政办发2016年26号" in t or "京政办发〔2016〕26号" in t),
    ("京政发〔2016〕3号", has("京政发〔2016〕3号")),
    # headings, 文号, speaker-like lines, categories, table cells are all searchable
    ("加快基站5G部署", has("加快基站5g部署")), ("人事任免", has("人事任免")), ("丹山白塔传说", has("丹山白塔传说")),
]


@pytest.mark.parametrize("query, predicate", CASES, ids=[c[0] for c in CASES])
def test_page_api_and_searchqueryset_agree_with_the_truth(client, conformance, query, predicate):
    expected = truth(predicate)
    assert run_search(SearchRequest(q=query)).count == expected
    body = json.loads(client.get(reverse("search:api"), {"q": query}).content)
    assert body["count"] == expected
    assert SearchQuerySet().auto_query(query).count() == expected
    html = client.get(reverse("search:search"), {"q": query}).content.decode()
    if expected:
        assert f"共找到 <strong>{expected}</strong> 条结果" in html
    else:
        assert "没有找到匹配的结果" in html


@pytest.mark.parametrize("query, filters", [
    ("通知", {"gazette": "zhenba"}), ("通知", {"gazette": "beijing"}), ("基站", {"doc_type": "通知"}),
    ("基站", {"kind": "paragraph"}), ("冰雪", {"category": "市政府文件"}), ("市", {"year": 2018}),
    ("通知", {"issuer": "北京市人民政府办公厅"}),
])
def test_filters_agree_with_the_truth(client, conformance, query, filters):
    predicate = has(query)
    expected = truth(predicate, **filters)
    assert run_search(SearchRequest(q=query, **filters)).count == expected
    assert SearchQuerySet().auto_query(query).filter(**filters).count() == expected
    body = json.loads(client.get(reverse("search:api"), {"q": query, **filters}).content)
    assert body["count"] == expected


def test_filters_alone_list_their_set_newest_first(conformance):
    outcome = run_search(SearchRequest(q="year:2016"))
    assert outcome.count == truth(lambda t: True, year=2016) > 0
    outcome = run_search(SearchRequest(q="gazette:ziyang type:决定"))
    assert outcome.count == truth(lambda t: True, gazette="ziyang", doc_type="决定") == 2  # title + paragraph
    dates = [h.bulletin.published for h in run_search(SearchRequest(q="kind:doc_number")).results]
    assert dates == sorted(dates, reverse=True) and len(dates) == 3


def test_date_range_filters(conformance):
    inside = truth(has("通知"), published=datetime.date(2016, 3, 1))
    assert run_search(SearchRequest(q="通知", date_from="2016-01", date_to="2016-12")).count == inside
    assert SearchQuerySet().auto_query("通知").filter(published__gte="2016-01-01", published__lte="2016").count() == inside
    assert run_search(SearchRequest(q="通知 signed_from:2018-08-01 signed_to:2018-08-31")).count == truth(
        has("通知"), gazette="ziyang", doc_type="通知")


def test_doc_number_query_finds_its_document_first(conformance):
    for query in ["京政办发〔2016〕26号", "京政办发[2016]26号", "京政办发(2016)26号", "京政办发2016年26号"]:
        first = run_search(SearchRequest(q=query)).results[0]
        assert first.kind == "doc_number" and first.label == "文号" and first.text == "京政办发〔2016〕26号"


def test_each_hit_says_what_it_is_and_lands_on_its_anchor(conformance):
    labels = {h.text: (h.label, h.url) for h in run_search(SearchRequest(q="基站")).results}
    heading = Block.objects.get(text="一、加快基站5G部署")
    assert labels["一、加快基站5G部署"] == ("章节标题", heading.get_absolute_url())
    title = Article.objects.get(title__contains="加快5G基站建设")
    assert labels[title.title] == ("标题", title.get_absolute_url())
    hit = run_search(SearchRequest(q="人事任免")).results[0]
    assert (hit.label, hit.text) == ("栏目", "人事任免")


def test_a_title_outranks_a_body_mention(conformance):
    results = run_search(SearchRequest(q="非物质文化遗产名录")).results
    assert results[0].kind == "title"


def test_snippets_quote_the_source_faithfully(conformance):
    hit = next(h for h in run_search(SearchRequest(q="冰雪 旅游")).results if "滑雪旅游" in h.text)
    plain = re.sub(r"</?mark>", "", hit.highlight)
    assert plain == hit.text  # short texts are shown whole, nothing replaced
    assert "<mark>冰雪旅游</mark>" in hit.highlight and "滑雪<mark>旅游</mark>" in hit.highlight
    hit = next(h for h in run_search(SearchRequest(q="1251户")).results)
    assert hit.highlight.count("<mark>") == 1 and "<mark>1251户</mark>" in hit.highlight


def test_searchqueryset_facets_order_and_models(conformance):
    from bulletin.models import Article as ArticleModel

    sqs = SearchQuerySet().auto_query("通知").facet("gazette").facet("year").facet("issuer")
    facets = sqs.facet_counts()["fields"]
    issuers = {a.issuer for a in Article.objects.all() if a.issuer}
    assert dict(facets["issuer"]) == {i: truth(has("通知"), issuer=i) for i in issuers if truth(has("通知"), issuer=i)}
    assert dict(facets["gazette"]) == {g: truth(has("通知"), gazette=g) for g in ("beijing", "ziyang")
                                       if truth(has("通知"), gazette=g)}
    assert sum(n for _, n in facets["year"]) == sqs.count() == truth(has("通知"))
    titles = SearchQuerySet().auto_query("通知").models(ArticleModel)
    assert titles.count() == truth(has("通知"), kind="title")
    dated = [r.pk for r in SearchQuerySet().auto_query("冰雪").order_by("-published")[:50]]
    assert len(dated) == truth(has("冰雪"))
    excluded = SearchQuerySet().auto_query("通知").exclude(gazette="beijing")
    assert excluded.count() == truth(has("通知"), gazette="ziyang")


def test_a_facet_s_limit_keeps_the_most_matched_values_ties_latest_first(conformance):
    years = sorted({facts["year"] for _text, facts in documents()})
    counts = {y: truth(has("发展"), year=y) for y in years}
    expected = sorted(((y, n) for y, n in counts.items() if n), key=lambda kv: (-kv[1], -kv[0]))
    for limit in (1, 2, len(expected) + 5):
        facets = SearchQuerySet().auto_query("发展").facet("year", limit=limit).facet_counts()["fields"]
        assert list(facets["year"]) == expected[:limit]
    highlighted = SearchQuerySet().auto_query("丹山").highlight()[0]
    assert "<mark>丹山</mark>" in highlighted.highlighted["text"][0]


def test_search_within_a_bulletin_and_an_article(client, conformance):
    article = Article.objects.get(title__contains="加快5G基站建设")
    bulletin = article.bulletin
    page = client.get(bulletin.get_absolute_url()).content.decode()
    assert 'name="bulletin" value="%d"' % bulletin.pk in page and "在本期中检索" in page
    outcome = run_search(SearchRequest(q="基站", bulletin=bulletin.pk))
    assert outcome.count == sum(1 for b in Block.objects.filter(article__bulletin=bulletin) if "基站" in b.text) + sum(
        1 for a in bulletin.articles.all() if "基站" in a.title)
    assert {h.bulletin.pk for h in outcome.results} == {bulletin.pk}
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'name="article" value="%d"' % article.pk in page and "在本文中检索" in page
    outcome = run_search(SearchRequest(q="基站", article=article.pk))
    assert outcome.count == 1 + sum(1 for b in article.blocks.all() if "基站" in b.text)  # its title, its blocks


def test_page_shows_kinds_facets_and_keeps_filters(client, conformance):
    html = client.get(reverse("search:search"), {"q": "基站", "gazette": "beijing"}).content.decode()
    assert '<span class="search-kind">章节标题</span>' in html and '<span class="search-kind">标题</span>' in html
    assert '<input type="hidden" name="gazette" value="beijing">' in html
    assert "北京市人民政府公报" in html  # the gazette facet by name
    html = client.get(reverse("search:search"), {"q": "京政办发2016年26号"}).content.decode()
    assert html.index("文号匹配") < html.index('<span class="search-kind">文号</span>')
    for bad in ({"year": "²"}, {"date_from": "yesterday"}, {"page": "０"}, {"bulletin": "1e9"}):
        response = client.get(reverse("search:search"), {"q": "基站", **bad})
        assert response.status_code == 200
        api = client.get(reverse("search:api"), {"q": "基站", **bad})
        # A wrong parameter is named in a 400 JSON error (issue 11), never ignored silently or a 500.
        assert api.status_code == 400 and api["Content-Type"].startswith("application/json")
        assert f"{next(iter(bad))}=" in api.json()["error"]
