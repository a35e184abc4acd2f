"""Searching an indexed archive: hit counts vs substring truth, syntax, facets, pages, citations."""
import pytest

from bulletin.models import Article, Block
from search.analysis import normalize
from search.engine import SearchRequest, run_search

from .test_search_support import archive, substring_truth  # noqa: F401

pytestmark = pytest.mark.django_db


def count(q, **kw):
    return run_search(SearchRequest(q=q, **kw)).count


@pytest.mark.parametrize("needle", [
    "经济", "碳纤维", "纤维", "吉林化纤", "林化", "副中心", "省域副中心城市", "高质量发展", "冰雪经济",
    "固定资产投资", "营商环境", "项目建设", "市", "化", "的", "推进", "城市更新", "全省第一",
])
def test_hit_count_equals_substring_truth(archive, needle):
    truth = substring_truth(needle)
    assert truth > 0
    assert count(needle) == truth
    assert count(f'"{needle}"') == truth


def test_recall_where_jieba_segments_differently(archive):
    # 林化 spans jieba's 吉林|化纤; 副中心 is inside 省域|副|中心|城市
    for needle in ["林化", "副中心", "域副"]:
        outcome = run_search(SearchRequest(q=needle))
        assert outcome.count == substring_truth(needle) > 0
        assert all(f"<mark>{needle}</mark>" in hit.highlight for hit in outcome.results)


def test_punctuation_separated_words_are_not_a_phrase(archive):
    assert count("冰雪经济") == substring_truth("冰雪经济")  # 冰雪，经济 is not counted
    assert count("冰雪 经济") >= count("冰雪经济") + 1


def test_traditional_query_finds_simplified_text(archive):
    assert count("碳纖維") == count("碳纤维") == substring_truth("碳纤维") > 0
    assert count("經濟") == substring_truth("经济")


def test_simplified_query_finds_traditional_text(archive):
    hit_texts = [h.text for h in run_search(SearchRequest(q="碳纤维产业")).results]
    assert "臺灣同胞投資的碳纖維產業發展迅速。" in hit_texts
    assert count("台湾同胞") == 1


def test_and_or_not_and_filters_against_truth(archive):
    texts = list(Block.objects.values_list("text", "article__bulletin__year"))
    texts += list(Article.objects.values_list("title", "bulletin__year"))
    texts = [(normalize(t), y) for t, y in texts]  # the archive holds one traditional paragraph

    def truth(pred, year=None):
        return sum(1 for t, y in texts if pred(t) and (year is None or y == year))

    assert count("经济 发展") == truth(lambda t: "经济" in t and "发展" in t)
    assert count("冰雪 OR 碳纤维") == truth(lambda t: "冰雪" in t or "碳纤维" in t)
    assert count("经济 -发展") == truth(lambda t: "经济" in t and "发展" not in t)
    assert count("经济 year:2023") == truth(lambda t: "经济" in t, year=2023) > 0
    assert count("经济", year=2024) == truth(lambda t: "经济" in t, year=2024) > 0
    issue_12 = [normalize(t) for t in Block.objects.filter(article__bulletin__issue=12).values_list("text", flat=True)]
    issue_12 += [normalize(t) for t in Article.objects.filter(bulletin__issue=12).values_list("title", flat=True)]
    assert count("经济 issue:12") == sum("经济" in t for t in issue_12) > 0


def test_facets_and_date_sort(archive):
    outcome = run_search(SearchRequest(q="经济"))
    assert sum(outcome.facets["year"].values()) == outcome.count
    assert sum(outcome.facets["bulletin"].values()) == outcome.count
    assert set(outcome.facets["year"]) <= {2022, 2023, 2024}
    dated = run_search(SearchRequest(q="经济", sort="date")).results
    dates = [h.bulletin.published for h in dated]
    assert dates == sorted(dates, reverse=True)


def test_pagination_walks_every_match_exactly_once(archive):
    first = run_search(SearchRequest(q="发展"))
    pages = first.page.paginator.num_pages
    assert first.count > 40 and pages == -(-first.count // 20)
    seen = []
    for n in range(1, pages + 1):
        page = run_search(SearchRequest(q="发展", page=n)).results
        assert len(page) == (20 if n < pages else first.count - 20 * (pages - 1))
        seen += [(h.kind, h.object_id) for h in page]
    assert len(seen) == len(set(seen)) == first.count


def test_results_carry_citation_and_anchor(archive):
    special = archive["special"]
    hit = next(h for h in run_search(SearchRequest(q="省域副中心城市")).results if h.bulletin.pk == special.pk)
    assert hit.citation == "《吉林市人民政府公报》2022年第3期 · 政府工作报告 · 三、2024年工作安排 › （一）坚持项目为王"
    # The special bulletin's second text is the article's fourth block (after 三、 and （一）).
    assert hit.url == "/jilin/2022/3/1/#p-4" and special.year == 2022


def test_haystack_searchqueryset_uses_the_same_matching(archive):
    from haystack.query import SearchQuerySet

    truth = set(Block.objects.filter(text__contains="林化").values_list("pk", flat=True))
    results = list(SearchQuerySet().auto_query("林化"))
    assert truth
    assert {int(r.pk) for r in results if r.model_name == "block"} == truth
    assert SearchQuerySet().auto_query("林化").count() == substring_truth("林化")
