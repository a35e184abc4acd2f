"""Compare the database with the search index: document counts per kind and missing/extra ids."""
from django.core.management.base import BaseCommand, CommandError

from bulletin.models import Article, Block
from search.schema import KIND_ARTICLE, KIND_PARAGRAPH, parse_ref
from search.snapshot import current_snapshot


class Command(BaseCommand):
    help = "Check that the search index holds exactly the database's body blocks and article titles."

    def add_arguments(self, parser):
        parser.add_argument("--fail", action="store_true", help="exit with an error status on mismatch")

    def handle(self, *args, fail=False, **options):
        snap = current_snapshot()
        indexed = {KIND_PARAGRAPH: set(), KIND_ARTICLE: set()}
        if snap is not None:
            refs = snap.columns["ref"]
            for docnum in range(len(refs)):
                if snap.live[docnum]:
                    kind, pk = parse_ref(int(refs[docnum]))
                    indexed[kind].add(pk)
        database = {KIND_PARAGRAPH: set(Block.objects.values_list("pk", flat=True)),
                    KIND_ARTICLE: set(Article.objects.values_list("pk", flat=True))}
        ok = True
        for kind in (KIND_PARAGRAPH, KIND_ARTICLE):
            missing, extra = database[kind] - indexed[kind], indexed[kind] - database[kind]
            ok &= not missing and not extra
            self.stdout.write(f"{kind}: database {len(database[kind])}, index {len(indexed[kind])}, "
                              f"missing {len(missing)}, extra {len(extra)}")
        if ok:
            self.stdout.write("OK: index and database agree")
        else:
            self.stdout.write("MISMATCH: run `manage.py rebuild_index` to repair")
            if fail:
                raise CommandError("search index and database disagree")
