from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from bulletin.models import Block
from bulletin.services import IssueConflict
from jobs.models import ImportJob
from jobs.runner import command_job, command_store

from ._files import parse_data, read_file


class Command(BaseCommand):
    help = "导入公报文件（提取的文字或 PDF），每个文件一个事务；检索索引随之更新。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--replace", action="store_true",
                            help="替换另一文件已导入的同一期；同一文件则用当前导入程序重新解析（地址不变）")

    def handle(self, *args, paths, replace: bool = False, **options):
        failures = []
        progress = tqdm(paths, unit="file", disable=len(paths) < 2, file=self.stderr._out)
        for path in progress:
            progress.set_postfix_str(path[-40:])
            try:
                data = read_file(path)
                parsed = parse_data(path, data)
                job = command_job(path, data)  # a durable record: the job list shows it, even if we die
                outcome = command_store(job, parsed, data, replace)
            except CommandError as exc:
                failures.append(str(exc))
                self.stderr.write(f"错误：{exc}")
                continue
            except IssueConflict as exc:
                failures.append(f"{path}: {exc}")
                self.stderr.write(f"错误：{path}：{exc}（加 --replace 替换）")
                continue
            if ImportJob.objects.filter(pk=job.pk, state=ImportJob.STORED).exists():
                self.stderr.write(f"注意：{path} 已存入，检索索引稍后由后台进程（manage.py archive_worker）补上")
            style = self.style.SUCCESS if outcome.status != "unchanged" else self.style.NOTICE
            self.stdout.write(style(f"{outcome.message}（{path}：{_summary(outcome.bulletin)}）"))
            if outcome.status == "reparsed" and outcome.changes is not None:
                for line in outcome.changes.lines():
                    self.stdout.write(f"  {line}")
        if failures:
            raise CommandError(f"{len(paths)} 个文件中有 {len(failures)} 个没有导入")


def _summary(bulletin) -> str:
    articles = bulletin.articles.count()
    paragraphs = Block.objects.filter(article__bulletin=bulletin, kind="paragraph").count()
    return f"{articles} 篇，{paragraphs} 段，地址 {bulletin.get_absolute_url()}"
