"""What the archive stores: gazettes, their bulletins (issues), articles and each article's body
as one ordered list of typed blocks (the importer's JSON contract, one row per block)."""
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from .ingest.document import BLOCK_KINDS

# Top-level paths the site already uses: a gazette slug must never shadow one of them.
RESERVED_SLUGS = frozenset({
    "admin", "api", "bulletins", "year", "search", "static", "media", "feeds", "feed", "sitemap", "robots",
    "opensearch", "accounts", "login", "logout", "about", "help",
})


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(f"「{value}」是网站已用的路径，不能作公报代号", code="reserved")


class Gazette(models.Model):
    """A publication (吉林市人民政府公报) with the stable slug its permanent addresses start with."""

    name = models.CharField("公报名称", max_length=100, unique=True)
    slug = models.SlugField(
        "代号", max_length=40, unique=True,
        validators=[RegexValidator(r"^[a-z][a-z0-9-]*$", "代号只能用小写字母、数字和连字符，并以字母开头"),
                    validate_slug_not_reserved],
        help_text="永久地址的第一段，例如 jilin：/jilin/2024/1/。改动会改变该公报所有地址。",
    )
    city = models.CharField("城市", max_length=50, blank=True)
    province = models.CharField("省份", max_length=50, blank=True)

    class Meta:
        verbose_name = "公报刊物"
        verbose_name_plural = "公报刊物"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("bulletin:gazette", args=[self.slug])


class Bulletin(models.Model):
    gazette = models.ForeignKey(Gazette, on_delete=models.PROTECT, related_name="bulletins", verbose_name="公报")
    year = models.PositiveSmallIntegerField("年")
    issue = models.PositiveSmallIntegerField("期")
    total_issue = models.PositiveIntegerField("总期数", null=True, blank=True)
    published = models.DateField("出版日期", null=True, blank=True)
    source_file = models.FileField("源文件", upload_to="bulletins/%Y/", blank=True)
    source_name = models.CharField("源文件名", max_length=255, blank=True)
    source_sha256 = models.CharField("源文件 SHA-256", max_length=64, db_index=True)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)
    parsed_at = models.DateTimeField("解析时间", null=True, blank=True)
    importer_version = models.CharField("解析器版本", max_length=40, blank=True,
                                        help_text="解析这一期的导入程序版本；空 = 版本记录之前")
    ledger = models.JSONField("行账", default=dict, blank=True)
    warnings = models.JSONField("导入提示", default=list, blank=True)
    override_reason = models.CharField("强制导入理由", max_length=500, blank=True,
                                       help_text="文件有缺陷（混用编码、控制字符、正文太少）仍被导入时，编辑注明的理由")

    class Meta:
        verbose_name = "公报"
        verbose_name_plural = "公报"
        ordering = ["-year", "-issue", "gazette__name"]
        constraints = [
            models.UniqueConstraint(fields=["gazette", "year", "issue"], name="unique_gazette_issue"),
        ]

    def __str__(self):
        return f"《{self.gazette.name}》{self.year}年第{self.issue}期"

    @property
    def address_args(self) -> list:
        return [self.gazette.slug, self.year, self.issue]

    def get_absolute_url(self):
        return reverse("bulletin:bulletin", args=self.address_args)

    def get_source_url(self):
        return reverse("bulletin:source", args=self.address_args)


class Article(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField("序号")
    title = models.CharField("标题", max_length=300)
    category = models.CharField("栏目", max_length=100, blank=True)
    start_page = models.PositiveIntegerField("起始页", null=True, blank=True)
    subtitle = models.CharField("副标题", max_length=300, blank=True)
    speaker = models.CharField("报告人", max_length=100, blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)
    addressee = models.CharField("主送机关", max_length=300, blank=True)
    issuer = models.CharField("发文机关", max_length=200, blank=True)
    signed_on = models.DateField("成文日期", null=True, blank=True)
    doc_type = models.CharField("文种", max_length=20, blank=True)

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"
        ordering = ["bulletin", "position"]
        constraints = [
            models.UniqueConstraint(fields=["bulletin", "position"], name="unique_article_position"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("bulletin:article", args=[*self.bulletin.address_args, self.position])


class Block(models.Model):
    """One printed unit of an article body, in reading order. `position` (1-based within the
    article) is the block's citable anchor #p-<position>; `parent` is the position of the
    enclosing heading or embedded title (derived once, by bulletin.body, when stored)."""

    KIND_CHOICES = [(kind, kind) for kind in BLOCK_KINDS]

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField("序号")
    kind = models.CharField("类型", max_length=12, choices=KIND_CHOICES)
    text = models.TextField("文字")
    level = models.PositiveSmallIntegerField("层级", null=True, blank=True)
    number = models.CharField("编号", max_length=20, blank=True)
    rows = models.JSONField("表格行", null=True, blank=True)
    parent = models.PositiveIntegerField("所属标题", null=True, blank=True)

    class Meta:
        verbose_name = "正文块"
        verbose_name_plural = "正文块"
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="unique_block_position"),
        ]

    def __str__(self):
        return self.text[:40]

    @property
    def anchor(self):
        return f"p-{self.position}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"
