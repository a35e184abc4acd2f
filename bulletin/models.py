"""What the archive stores: bulletins, their articles, heading trees and paragraphs."""
from django.db import models
from django.urls import reverse


class Bulletin(models.Model):
    gazette = models.CharField("公报名称", max_length=100)
    year = models.PositiveSmallIntegerField("年")
    issue = models.PositiveSmallIntegerField("期")
    total_issue = models.PositiveIntegerField("总期数", null=True, blank=True)
    published = models.DateField("出版日期", null=True, blank=True)
    source_file = models.FileField("源文件", upload_to="bulletins/%Y/", blank=True)
    source_name = models.CharField("源文件名", max_length=255, blank=True)
    source_sha256 = models.CharField("源文件 SHA-256", max_length=64, db_index=True)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)
    ledger = models.JSONField("行账", default=dict, blank=True)
    warnings = models.JSONField("导入提示", default=list, blank=True)

    class Meta:
        verbose_name = "公报"
        verbose_name_plural = "公报"
        ordering = ["-year", "-issue", "gazette"]
        constraints = [
            models.UniqueConstraint(fields=["gazette", "year", "issue"], name="unique_gazette_issue"),
        ]

    def __str__(self):
        return f"《{self.gazette}》{self.year}年第{self.issue}期"

    def get_absolute_url(self):
        return reverse("bulletin:bulletin", args=[self.pk])


class Article(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField("序号")
    title = models.CharField("标题", max_length=300)
    category = models.CharField("栏目", max_length=100, blank=True)
    start_page = models.PositiveIntegerField("起始页", null=True, blank=True)
    subtitle = models.CharField("副标题", max_length=300, blank=True)
    speaker = models.CharField("报告人", max_length=100, blank=True)
    doc_number = models.CharField("文号", max_length=100, blank=True)

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
        return reverse("bulletin:article", args=[self.bulletin_id, self.position])


class Section(models.Model):
    """A heading of an article (一、 at level 1, （一） at level 2, …) with its place in the tree."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    position = models.PositiveIntegerField("序号")
    level = models.PositiveSmallIntegerField("层级")
    number = models.CharField("编号", max_length=20, blank=True)
    title = models.CharField("标题", max_length=300)

    class Meta:
        verbose_name = "章节"
        verbose_name_plural = "章节"
        ordering = ["article", "position"]

    def __str__(self):
        return self.heading

    @property
    def heading(self):
        return f"{self.number}{self.title}"

    @property
    def anchor(self):
        return f"s-{self.position}"


class Paragraph(models.Model):
    """A printed paragraph. `number` (1-based within the article) is the stable anchor #p-<number>."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="paragraphs")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, null=True, blank=True, related_name="paragraphs")
    number = models.PositiveIntegerField("段号")
    text = models.TextField("正文")

    class Meta:
        verbose_name = "段落"
        verbose_name_plural = "段落"
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_paragraph_number"),
        ]

    def __str__(self):
        return self.text[:40]

    @property
    def anchor(self):
        return f"p-{self.number}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"
