"""The index outbox: which bulletins the index must catch up with.

A row is written in the same database transaction as the change to the bulletin, so a change
the database holds is never forgotten by the index, whatever process dies after the commit. The
row goes only once an index commit holding the bulletin's current state has landed.
"""
from django.db import models


class IndexChange(models.Model):
    # No foreign key: the row must outlive a deleted bulletin (its documents must still go).
    bulletin_id = models.BigIntegerField("公报 id", db_index=True)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    last_error = models.CharField("上次错误", max_length=300, blank=True)

    class Meta:
        verbose_name = "待更新索引"
        verbose_name_plural = "待更新索引"
        ordering = ["pk"]

    def __str__(self):
        return f"公报 {self.bulletin_id}"
