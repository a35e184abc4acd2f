"""Compare the database with the search index document by document; --repair fixes only what differs."""
from django.core.management.base import BaseCommand, CommandError

from bulletin.sources import orphan_sources
from search.models import IndexChange
from search.repair import compare, repair
from search.schema import KIND_ARTICLE, KIND_PARAGRAPH


class Command(BaseCommand):
    help = "检查检索索引与数据库是否一致（每个正文块、每个文章标题）；--repair 只修复不一致的公报。"

    def add_arguments(self, parser):
        parser.add_argument("--fail", action="store_true", help="exit with an error status on mismatch")
        parser.add_argument("--repair", action="store_true",
                            help="re-index only the bulletins that differ, in one commit (readers never see an empty index)")

    def handle(self, *args, fail=False, **options):
        drift = compare()
        self._report(drift)
        pending = IndexChange.objects.count()
        if pending:
            self.stdout.write(f"outbox: {pending} change(s) not yet applied by the job worker")
        orphans = orphan_sources()
        if orphans:
            self.stdout.write(f"orphan source files (no bulletin names them; the job worker removes them): {len(orphans)}")
        if drift.ok:
            self.stdout.write("OK: index and database agree")
            return
        if options.get("repair"):
            bulletins, documents = repair(drift)
            after = compare()
            self._report(after)
            if after.ok:
                self.stdout.write(f"REPAIRED: {bulletins} bulletin(s) re-indexed ({documents} documents), one commit")
                return
            self.stdout.write("MISMATCH remains after repair (changes arrived meanwhile?): run it again")
            if fail:
                raise CommandError("search index and database disagree")
            return
        self.stdout.write(f"MISMATCH in {len(drift.bulletins)} bulletin(s): run `manage.py search_check --repair` "
                          "(re-indexes only those, atomically; safe on a live site)")
        if fail:
            raise CommandError("search index and database disagree")

    def _report(self, drift):
        for kind in (KIND_PARAGRAPH, KIND_ARTICLE):
            self.stdout.write(f"{kind}: database {drift.database[kind]}, index {drift.index[kind]}, "
                              f"missing {drift.count(drift.missing, kind)}, extra {drift.count(drift.extra, kind)}")
