"""Parse stored bulletins again with the current importer; addresses stay."""
import re

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from tqdm import tqdm

from bulletin.ingest import IngestError
from bulletin.ingest.version import importer_version
from bulletin.models import Bulletin
from bulletin.overrides import parser_for
from bulletin.services import reparse_bulletin

ADDRESS_RE = re.compile(r"^/?([a-z][a-z0-9-]*)/([0-9]{1,9})/([0-9]{1,9})/?$")


class Command(BaseCommand):
    help = gettext_lazy("用当前导入程序重新解析已保存的源文件，显示变化并原子地替换（地址不变）。"
                        "参数：--all，或一个或多个 公报代号/年/期（如 jilin/2024/1）。")

    def add_arguments(self, parser):
        parser.add_argument("addresses", nargs="*", metavar="gazette/year/issue")
        parser.add_argument("--all", action="store_true", help=gettext_lazy("所有保存了源文件的期"))
        parser.add_argument("--outdated", action="store_true", help=gettext_lazy("只解析由其他版本导入程序解析的期"))
        parser.add_argument("--dry-run", action="store_true", help=gettext_lazy("只显示会有什么变化，不改动档案"))

    def handle(self, *args, addresses, all: bool = False, outdated: bool = False, dry_run: bool = False, **options):
        bulletins = self._select(addresses, all or outdated)
        if outdated:
            bulletins = [b for b in bulletins if b.importer_version != importer_version()]
        failures, changed = [], 0
        version = importer_version()
        self.stdout.write(_("导入程序版本 %(version)s；%(count)d 期") % {"version": version, "count": len(bulletins)}
                          + (_("（试运行，不改动档案）") if dry_run else ""))
        for bulletin in tqdm(bulletins, unit="期", disable=len(bulletins) < 2, file=self.stderr._out):
            if not bulletin.source_file:
                failures.append(_("%(bulletin)s：没有保存源文件") % {"bulletin": bulletin})
                self.stderr.write(_("错误：%(reason)s") % {"reason": failures[-1]})
                continue
            try:
                changes = reparse_bulletin(bulletin, dry_run=dry_run, parse=parser_for(bulletin))
            except (IngestError, FileNotFoundError) as exc:
                failures.append(_("%(bulletin)s：%(reason)s") % {"bulletin": bulletin, "reason": exc})
                self.stderr.write(_("错误：%(reason)s（未改动）") % {"reason": failures[-1]})
                continue
            changed += changes.changed
            self.stdout.write(f"{bulletin} {bulletin.get_absolute_url()}")
            for line in changes.lines():
                self.stdout.write(f"  {line}")
        done = {"parsed": len(bulletins) - len(failures), "changed": changed}
        self.stdout.write((_("%(parsed)d 期解析完成，其中 %(changed)d 期会有变化") if dry_run
                           else _("%(parsed)d 期解析完成，其中 %(changed)d 期已更新")) % done)
        if failures:
            raise CommandError(_("%(count)d 期没有重新解析") % {"count": len(failures)})

    def _select(self, addresses, everything):
        queryset = Bulletin.objects.select_related("gazette").order_by("gazette__slug", "year", "issue")
        if everything:
            if addresses:
                raise CommandError(_("--all / --outdated 与具体的期不能同时给出"))
            return list(queryset)
        if not addresses:
            raise CommandError(_("请给出 --all、--outdated，或至少一个 公报代号/年/期（如 jilin/2024/1）"))
        chosen = []
        for address in addresses:
            match = ADDRESS_RE.match(address)
            if not match:
                raise CommandError(_("%(address)s：不是 公报代号/年/期 的形式（如 jilin/2024/1）") % {"address": address})
            slug, year, issue = match.group(1), int(match.group(2)), int(match.group(3))
            bulletin = queryset.filter(gazette__slug=slug, year=year, issue=issue).first()
            if bulletin is None:
                raise CommandError(_("%(address)s：档案中没有这一期") % {"address": address})
            chosen.append(bulletin)
        return chosen
