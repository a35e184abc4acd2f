import logging

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from bulletin.models import Block
from bulletin.overrides import clean_reason
from bulletin.services import IssueConflict
from jobs.models import ImportJob
from jobs.runner import command_job, command_store

from ._files import parse_data, read_file

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = gettext_lazy("导入公报文件（提取的文字或 PDF），每个文件一个事务；检索索引随之更新。出错的文件跳过，最后逐个列出。")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--replace", action="store_true",
                            help=gettext_lazy("替换另一文件已导入的同一期；同一文件则用当前导入程序重新解析（地址不变）"))
        parser.add_argument("--force-reason", default="",
                            help=gettext_lazy("文件有缺陷（混用编码、乱码、控制字符、正文太少）仍要导入时注明理由；理由存在该期上"))

    def handle(self, *args, paths, replace: bool = False, force_reason: str = "", **options):
        reason = clean_reason(force_reason)
        failures = []
        progress = tqdm(paths, unit=_("个文件"), disable=len(paths) < 2, file=self.stderr._out)
        for path in progress:
            progress.set_postfix_str(path[-40:])
            try:
                data = read_file(path)
                parsed = parse_data(path, data, accept_flaws=bool(reason))
                job = command_job(path, data)  # a durable record: the job list shows it, even if we die
                outcome = command_store(job, parsed, data, replace, force_reason=reason)
            except CommandError as exc:
                failures.append(str(exc))
                self.stderr.write(_("错误：%(reason)s") % {"reason": exc})
                continue
            except IssueConflict as exc:
                failures.append(_("%(path)s：%(reason)s（加 --replace 替换）") % {"path": path, "reason": exc})
                self.stderr.write(_("错误：%(path)s：%(reason)s（加 --replace 替换）") % {"path": path, "reason": exc})
                continue
            except Exception as exc:  # a bug must not stop the batch: the file is reported, the rest go on
                log.exception("import of %s failed", path)
                failures.append(f"{path}: 导入程序出错（{type(exc).__name__}），没有存入任何内容")
                self.stderr.write(f"错误：{failures[-1]}")
                continue
            if ImportJob.objects.filter(pk=job.pk, state=ImportJob.STORED).exists():
                self.stderr.write(_("注意：%(path)s 已存入，检索索引稍后由后台任务进程补上") % {"path": path})
            style = self.style.SUCCESS if outcome.status != "unchanged" else self.style.NOTICE
            self.stdout.write(style(_("%(outcome)s（%(path)s：%(summary)s）")
                                    % {"outcome": outcome.message, "path": path, "summary": _summary(outcome.bulletin)}))
            if outcome.status == "reparsed" and outcome.changes is not None:
                for line in outcome.changes.lines():
                    self.stdout.write(f"  {line}")
        if failures:
            self.stderr.write(_("没有导入的文件（%(count)d 个）：") % {"count": len(failures)})
            for failure in failures:
                self.stderr.write(f"  {failure}")
            raise CommandError(_("%(total)d 个文件中有 %(failed)d 个没有导入") % {"total": len(paths), "failed": len(failures)})


def _summary(bulletin) -> str:
    articles = bulletin.articles.count()
    paragraphs = Block.objects.filter(article__bulletin=bulletin, kind="paragraph").count()
    return _("%(articles)d 篇，%(paragraphs)d 段，地址 %(url)s") % {
        "articles": articles, "paragraphs": paragraphs, "url": bulletin.get_absolute_url()}
