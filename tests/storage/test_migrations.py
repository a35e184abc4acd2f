"""A database made at the previous release (0001: gazette as text, headings and paragraphs in two
tables) is carried forward: gazettes with slugs, one ordered body per article."""
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OLD = [("bulletin", "0001_initial")]

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def test_previous_release_data_is_carried_forward():
    old = migrate(OLD)
    try:
        Bulletin, Article = old.get_model("bulletin", "Bulletin"), old.get_model("bulletin", "Article")
        Section, Paragraph = old.get_model("bulletin", "Section"), old.get_model("bulletin", "Paragraph")
        jilin = Bulletin.objects.create(gazette="吉林市人民政府公报", year=2024, issue=1, source_sha256="a" * 64)
        Bulletin.objects.create(gazette="吉林市人民政府公报", year=2024, issue=2, source_sha256="b" * 64)
        Bulletin.objects.create(gazette="资阳市人民政府公报", year=2018, issue=9, source_sha256="c" * 64)
        report = Article.objects.create(bulletin=jilin, position=1, title="政府工作报告", doc_number="")
        one = Section.objects.create(article=report, position=1, level=1, number="一、", title="回顾")
        one_one = Section.objects.create(article=report, parent=one, position=2, level=2, number="（一）", title="经济")
        two = Section.objects.create(article=report, position=3, level=1, number="二、", title="安排")
        for number, section, text in [(1, None, "各位代表："), (2, one_one, "甲。"), (3, one_one, "乙。"),
                                      (4, two, "丙。")]:
            Paragraph.objects.create(article=report, section=section, number=number, text=text)

        new = migrate(latest())
        Gazette = new.get_model("bulletin", "Gazette")
        NewBulletin, Block = new.get_model("bulletin", "Bulletin"), new.get_model("bulletin", "Block")
        assert sorted(Gazette.objects.values_list("name", "slug", "city")) == [
            ("吉林市人民政府公报", "jilin", "吉林市"), ("资阳市人民政府公报", "ziyang", "资阳市")]
        assert NewBulletin.objects.filter(gazette__slug="jilin").count() == 2
        blocks = list(Block.objects.filter(article__title="政府工作报告").order_by("position")
                      .values_list("position", "kind", "text", "level", "parent"))
        # The order the previous release's page showed: the lead paragraph, 一、 and （一） before
        # their first paragraph, 二、 before its own.
        assert blocks == [
            (1, "paragraph", "各位代表：", None, None),
            (2, "heading", "一、回顾", 1, None),
            (3, "heading", "（一）经济", 2, 2),
            (4, "paragraph", "甲。", None, 3),
            (5, "paragraph", "乙。", None, 3),
            (6, "heading", "二、安排", 1, None),
            (7, "paragraph", "丙。", None, 6),
        ]
    finally:
        migrate(latest())
