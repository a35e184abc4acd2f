"""The JSON the API gives: every object with its permanent page address (`url`, absolute) and
its API address (`api_url`)."""
from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from search.views import hit_json


def _absolute(serializer, path: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request else path


class GazetteSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text="代号：永久地址的第一段")
    name = serializers.CharField()
    province = serializers.CharField()
    city = serializers.CharField()
    bulletin_count = serializers.IntegerField(help_text="收录的期数")
    url = serializers.SerializerMethodField(help_text="网页永久地址")
    api_url = serializers.SerializerMethodField()

    def get_url(self, gazette) -> str:
        return _absolute(self, gazette.get_absolute_url())

    def get_api_url(self, gazette) -> str:
        return _absolute(self, reverse("api:gazette", args=[gazette.slug]))


class BulletinSerializer(serializers.Serializer):
    gazette = serializers.CharField(source="gazette.slug", help_text="公报代号")
    gazette_name = serializers.CharField(source="gazette.name")
    year = serializers.IntegerField()
    issue = serializers.IntegerField()
    total_issue = serializers.IntegerField(allow_null=True)
    published = serializers.DateField(allow_null=True, help_text="出版日期")
    imported_at = serializers.DateTimeField()
    parsed_at = serializers.DateTimeField(allow_null=True)
    article_count = serializers.IntegerField()
    url = serializers.SerializerMethodField(help_text="网页永久地址")
    api_url = serializers.SerializerMethodField()
    source_url = serializers.SerializerMethodField(help_text="原始文件下载地址")

    def get_url(self, bulletin) -> str:
        return _absolute(self, bulletin.get_absolute_url())

    def get_api_url(self, bulletin) -> str:
        return _absolute(self, reverse("api:bulletin", args=bulletin.address_args))

    def get_source_url(self, bulletin) -> str | None:
        return _absolute(self, bulletin.get_source_url()) if bulletin.source_file else None


class ArticleSerializer(serializers.Serializer):
    gazette = serializers.CharField(source="bulletin.gazette.slug")
    year = serializers.IntegerField(source="bulletin.year")
    issue = serializers.IntegerField(source="bulletin.issue")
    position = serializers.IntegerField(help_text="在本期中的序号")
    title = serializers.CharField()
    category = serializers.CharField(help_text="栏目")
    start_page = serializers.IntegerField(allow_null=True)
    doc_number = serializers.CharField(help_text="文号")
    issuer = serializers.CharField(help_text="发文机关")
    signed_on = serializers.DateField(allow_null=True, help_text="成文日期")
    doc_type = serializers.CharField(help_text="文种")
    url = serializers.SerializerMethodField(help_text="网页永久地址")
    api_url = serializers.SerializerMethodField()
    bulletin_url = serializers.SerializerMethodField()

    def get_url(self, article) -> str:
        return _absolute(self, article.get_absolute_url())

    def get_api_url(self, article) -> str:
        return _absolute(self, reverse("api:article", args=[*article.bulletin.address_args, article.position]))

    def get_bulletin_url(self, article) -> str:
        return _absolute(self, article.bulletin.get_absolute_url())


class BlockSerializer(serializers.Serializer):
    position = serializers.IntegerField(help_text="块序号：锚点 #p-<序号>")
    anchor = serializers.CharField()
    kind = serializers.CharField(help_text="类型：paragraph、heading、table、doc_number …")
    text = serializers.CharField()
    level = serializers.IntegerField(allow_null=True, help_text="标题层级（仅 heading）")
    number = serializers.CharField(help_text="标题编号（仅 heading）")
    rows = serializers.ListField(child=serializers.ListField(child=serializers.CharField()), allow_null=True,
                                 help_text="表格各行（仅 table）")
    parent = serializers.IntegerField(allow_null=True, help_text="所属标题的块序号")
    url = serializers.SerializerMethodField()

    def get_url(self, block) -> str:
        return _absolute(self, f"{self.context['article_url']}#{block.anchor}")


class CitedSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="规范文号")
    text = serializers.CharField(help_text="原文写法")
    positions = serializers.ListField(child=serializers.IntegerField(), help_text="提及它的块序号")
    url = serializers.SerializerMethodField(help_text="本档案中该文号文章的地址；未收录为 null")

    def get_url(self, cited) -> str | None:
        return _absolute(self, cited.article.get_absolute_url()) if cited.article else None


class CitingSerializer(serializers.Serializer):
    title = serializers.CharField(source="article.title")
    positions = serializers.ListField(child=serializers.IntegerField())
    url = serializers.SerializerMethodField()

    def get_url(self, citing) -> str:
        return _absolute(self, citing.article.get_absolute_url())


class CitationsSerializer(serializers.Serializer):
    cites = CitedSerializer(many=True, help_text="引用")
    cited_by = CitingSerializer(many=True, help_text="被引用")


class ArticleDetailSerializer(ArticleSerializer):
    subtitle = serializers.CharField()
    speaker = serializers.CharField()
    addressee = serializers.CharField(help_text="主送机关")
    blocks = BlockSerializer(many=True, source="body", help_text="正文块，按阅读顺序")
    citations = CitationsSerializer()


class BulletinDetailSerializer(BulletinSerializer):
    articles = ArticleSerializer(many=True, source="article_list")


class HitBulletinSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    gazette = serializers.CharField()
    gazette_slug = serializers.CharField()
    year = serializers.IntegerField()
    issue = serializers.IntegerField()
    published = serializers.DateField(allow_null=True)


class HitSerializer(serializers.Serializer):
    """One hit, in the shape of the old /api/search (search.views.hit_json), its url absolute."""

    block_id = serializers.IntegerField(allow_null=True)
    kind = serializers.CharField()
    label = serializers.CharField()
    text = serializers.CharField()
    highlight = serializers.CharField(help_text="带 <mark> 的摘要（HTML，已转义）")
    url = serializers.CharField()
    bulletin = HitBulletinSerializer()
    article = serializers.CharField(help_text="文章标题")
    section_path = serializers.ListField(child=serializers.CharField())
    citation = serializers.CharField()

    def to_representation(self, hit):
        data = hit_json(hit)
        data["url"] = _absolute(self, data["url"])
        return data


class SearchResultSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = HitSerializer(many=True)
    facets = serializers.DictField(child=serializers.DictField(child=serializers.IntegerField()))
    notes = serializers.ListField(child=serializers.CharField(), help_text="检索词的说明（被忽略的部分等）")
    message = serializers.CharField(allow_blank=True)
