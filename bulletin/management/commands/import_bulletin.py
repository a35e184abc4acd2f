from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from bulletin.models import Block
from bulletin.services import IssueConflict, store_bulletin

from ._files import read_and_parse


class Command(BaseCommand):
    help = gettext_lazy("导入公报文件（提取的文字或 PDF），每个文件一个事务；检索索引随之更新。")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--replace", action="store_true",
                            help=gettext_lazy("替换另一文件已导入的同一期；同一文件则用当前导入程序重新解析（地址不变）"))

    def handle(self, *args, paths, replace: bool = False, **options):
        failures = []
        progress = tqdm(paths, unit=_("个文件"), disable=len(paths) < 2, file=self.stderr._out)
        for path in progress:
            progress.set_postfix_str(path[-40:])
            try:
                data, parsed = read_and_parse(path)
                outcome = store_bulletin(parsed, source_bytes=data, source_name=path, replace=replace)
            except CommandError as exc:
                failures.append(str(exc))
                self.stderr.write(_("错误：%(reason)s") % {"reason": exc})
                continue
            except IssueConflict as exc:
                failures.append(f"{path}: {exc}")
                self.stderr.write(_("错误：%(path)s：%(reason)s（加 --replace 替换）") % {"path": path, "reason": exc})
                continue
            style = self.style.SUCCESS if outcome.status != "unchanged" else self.style.NOTICE
            self.stdout.write(style(_("%(outcome)s（%(path)s：%(summary)s）")
                                    % {"outcome": outcome.message, "path": path, "summary": _summary(outcome.bulletin)}))
            if outcome.status == "reparsed" and outcome.changes is not None:
                for line in outcome.changes.lines():
                    self.stdout.write(f"  {line}")
        if failures:
            raise CommandError(_("%(total)d 个文件中有 %(failed)d 个没有导入") % {"total": len(paths), "failed": len(failures)})


def _summary(bulletin) -> str:
    articles = bulletin.articles.count()
    paragraphs = Block.objects.filter(article__bulletin=bulletin, kind="paragraph").count()
    return _("%(articles)d 篇，%(paragraphs)d 段，地址 %(url)s") % {
        "articles": articles, "paragraphs": paragraphs, "url": bulletin.get_absolute_url()}
