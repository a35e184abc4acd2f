from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from bulletin.services import IssueConflict, store_bulletin

from ._files import read_and_parse


class Command(BaseCommand):
    help = "Import bulletin files (extracted text or PDF), each in one transaction; the search index follows."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")
        parser.add_argument("--replace", action="store_true", help="replace a stored issue that a different file claims")

    def handle(self, *args, paths, replace: bool = False, **options):
        failures = []
        progress = tqdm(paths, unit="file", disable=len(paths) < 2, file=self.stderr._out)
        for path in progress:
            progress.set_postfix_str(path[-40:])
            try:
                data, parsed = read_and_parse(path)
                outcome = store_bulletin(parsed, source_bytes=data, source_name=path, replace=replace)
            except CommandError as exc:
                failures.append(str(exc))
                self.stderr.write(f"error: {exc}")
                continue
            except IssueConflict as exc:
                failures.append(f"{path}: {exc}")
                self.stderr.write(f"error: {path}: {exc} (pass --replace)")
                continue
            style = self.style.SUCCESS if outcome.status != "unchanged" else self.style.NOTICE
            self.stdout.write(style(f"{outcome.message} ({path}: {_summary(outcome.bulletin)})"))
        if failures:
            raise CommandError(f"{len(failures)} of {len(paths)} file(s) not imported")


def _summary(bulletin) -> str:
    articles = bulletin.articles.count()
    paragraphs = sum(a.paragraphs.count() for a in bulletin.articles.all())
    return f"{articles} articles, {paragraphs} paragraphs"
