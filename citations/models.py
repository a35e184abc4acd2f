"""Where the archive's texts mention a 文号, and the 文号 its articles carry, both by the key of
citations.doc_numbers. A mention is resolved at read time (key to key), so a document imported
later resolves the mentions stored before it."""
from django.db import models

from bulletin.models import Article

KEY_LENGTH = 120


class Mention(models.Model):
    """A 文号 printed in a block of an article (not the article's own 文号 line). The block is named
    by its position (its anchor #p-<n>), not a foreign key: a re-parse deletes and re-creates the
    blocks in one fast DELETE, and then records the bulletin's mentions again."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions", verbose_name="引用文章")
    block_position = models.PositiveIntegerField("所在块序号")
    start = models.PositiveIntegerField("段内位置")
    text = models.CharField("原文", max_length=KEY_LENGTH)
    key = models.CharField("规范文号", max_length=KEY_LENGTH, db_index=True)

    class Meta:
        verbose_name = "文号引用"
        verbose_name_plural = "文号引用"
        ordering = ["article", "block_position", "start"]

    def __str__(self):
        return self.text


class DocNumberKey(models.Model):
    """The key of an article's own 文号 (only articles whose 文号 has one)."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True,
                                   related_name="doc_number_key", verbose_name="文章")
    key = models.CharField("规范文号", max_length=KEY_LENGTH, db_index=True)

    class Meta:
        verbose_name = "文章文号"
        verbose_name_plural = "文章文号"

    def __str__(self):
        return self.key
