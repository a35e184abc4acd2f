"""A durable import job: one file on its way into the archive, whoever started it (the admin
upload or the import command), with its state and, if it failed, why, in Chinese."""
from django.conf import settings
from django.db import models


class ImportJob(models.Model):
    UPLOADED = "uploaded"  # the file is kept; waiting for the worker to parse it
    PARSED = "parsed"  # parsed: the editor may preview it
    PREVIEWED = "previewed"  # the editor has seen the preview
    CONFIRMED = "confirmed"  # the editor confirmed: waiting for the worker to store it
    STORED = "stored"  # in the database (and browsable); the index follows
    INDEXED = "indexed"  # searchable: done
    FAILED = "failed"
    CANCELLED = "cancelled"
    STATES = [(UPLOADED, "已上传，等待解析"), (PARSED, "已解析，待预览"), (PREVIEWED, "已预览，待确认"),
              (CONFIRMED, "已确认，等待存入"), (STORED, "已存入，等待索引"), (INDEXED, "已完成（可检索）"),
              (FAILED, "失败"), (CANCELLED, "已取消")]
    WAITING = (UPLOADED, CONFIRMED, STORED)  # states that change without the editor: the page refreshes
    DONE = (INDEXED, FAILED, CANCELLED)

    ORIGIN_ADMIN, ORIGIN_COMMAND = "admin", "command"

    token = models.CharField("编号", max_length=32, unique=True)
    origin = models.CharField("来源", max_length=10, default=ORIGIN_ADMIN,
                              choices=[(ORIGIN_ADMIN, "后台上传"), (ORIGIN_COMMAND, "命令行")])
    state = models.CharField("状态", max_length=12, choices=STATES, default=UPLOADED, db_index=True)
    replace = models.BooleanField("替换同一期", default=False)
    # The editor's reason to import a file the importer flags (bulletin.overrides): parsed over its flaws.
    force_reason = models.CharField("强制导入理由", max_length=500, blank=True)
    source_name = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("大小（字节）", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    summary = models.JSONField("解析结果", default=dict, blank=True)  # gazette, year, issue, counts
    error = models.CharField("错误", max_length=500, blank=True)
    message = models.CharField("结果", max_length=500, blank=True)
    bulletin = models.ForeignKey("bulletin.Bulletin", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name="公报")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="提交人")
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    # host:pid of the process working on it now ("" when none): a dead one is noticed and retried.
    worker = models.CharField("处理进程", max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)

    class Meta:
        verbose_name = "导入任务"
        verbose_name_plural = "导入任务"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.source_name}（{self.get_state_display()}）"

    @property
    def waiting(self) -> bool:
        return self.state in self.WAITING

    @property
    def step(self) -> int:
        """1..5 along uploaded → parsed → previewed → stored → indexed, for the progress line."""
        order = [self.UPLOADED, self.PARSED, self.PREVIEWED, self.CONFIRMED, self.STORED, self.INDEXED]
        return order.index(self.state) + 1 if self.state in order else 0
