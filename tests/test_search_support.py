"""Fixtures shared by the search tests (imported by them; holds no tests itself)."""
import datetime

import pytest

from bulletin.gazettes import gazette_named
from bulletin.models import Article, Block, Bulletin, Gazette
from search import synthetic, writer
from search.analysis import normalize

STUB_BASE = """<!doctype html><html lang="zh-CN"><head><title>{% block title %}{% endblock %}</title>
{% block extra_head %}{% endblock %}</head><body><form action="/search/"><input name="q"></form>
<nav>{% block breadcrumbs %}{% endblock %}</nav><main>{% block content %}{% endblock %}</main></body></html>"""

SPECIAL_TEXTS = [
    "吉林化纤碳纤维产量增长60%，吉林化纤获批创建世界一流专精特新示范企业。",
    "加快建设省域副中心城市，提升城市能级。",
    "<script>alert('x')</script>大力发展冰雪经济，打造冰雪旅游名城。",
    "冰雪，经济：这两个词被标点隔开，不是“冰雪经济”的子串？",
    "GDP 增长 6.7%，位列吉林省九市州第一位。",
    "臺灣同胞投資的碳纖維產業發展迅速。",  # traditional text, found by simplified queries
]


@pytest.fixture
def base_template(settings, tmp_path):
    """A stand-in for the colleague's base.html, used only if templates/base.html is missing."""
    (tmp_path / "base.html").write_text(STUB_BASE, encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]


@pytest.fixture
def empty_index():
    writer.clear_index()
    yield


def make_bulletin(texts, *, year=2024, issue=1, gazette="吉林市人民政府公报", title="政府工作报告"):
    bulletin = Bulletin.objects.create(gazette=gazette_named(gazette), year=year, issue=issue, published=datetime.date(year, issue, 15),
                                       source_sha256=f"test-{gazette}-{year}-{issue}")
    article = Article.objects.create(bulletin=bulletin, position=1, title=title)
    Block.objects.bulk_create([
        Block(article=article, position=1, kind="heading", level=1, number="三、", text="三、2024年工作安排"),
        Block(article=article, position=2, kind="heading", level=2, number="（一）", text="（一）坚持项目为王", parent=1),
        *(Block(article=article, position=n, kind="paragraph", text=t, parent=2) for n, t in enumerate(texts, start=3)),
    ])
    return bulletin


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker):
    """~600 synthetic paragraphs over 2023/2024 plus hand-made special cases; indexed once per module.

    Created outside the per-test transactions (and removed at the end), so tests using it must
    only read.
    """
    with django_db_blocker.unblock():
        ids = synthetic.build_archive(600, seed=3, paragraphs_per_bulletin=40)
        special = make_bulletin(SPECIAL_TEXTS, year=2022, issue=3)
        writer.rebuild_from_database(procs=1)
        yield {"synthetic": ids, "special": special}
        Bulletin.objects.all().delete()
        Gazette.objects.all().delete()
        writer.clear_index()


def substring_truth(needle: str, **filters) -> int:
    """Documents (body blocks + article titles) whose normalised text contains ``needle``."""
    needle = normalize(needle)
    paragraphs = Block.objects.filter(**{f"article__bulletin__{k}": v for k, v in filters.items()})
    articles = Article.objects.filter(**{f"bulletin__{k}": v for k, v in filters.items()})
    return (sum(needle in normalize(t) for t in paragraphs.values_list("text", flat=True))
            + sum(needle in normalize(t) for t in articles.values_list("title", flat=True)))
