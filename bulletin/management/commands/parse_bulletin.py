import json

from django.core.management.base import BaseCommand

from ._files import read_and_parse


class Command(BaseCommand):
    help = "Parse a bulletin file (extracted text or PDF) and print what the importer finds; stores nothing."
    # It reads a file and prints: no database, URLs or templates to check first (a third of a second).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--json", action="store_true", help="print the parsed bulletin as JSON")

    def handle(self, *args, path, json: bool = False, **options):
        _, parsed = read_and_parse(path)
        if json:
            self.stdout.write(_dumps(parsed.to_json_dict()))
            return
        self.stdout.write(f"《{parsed.gazette}》{parsed.year}年第{parsed.issue}期 (总第{parsed.total_issue}期) {parsed.published}")
        for article in parsed.articles:
            paragraphs = len(article.paragraphs)
            self.stdout.write(f"  {article.category or '-'} · {article.title}: {len(article.headings)} headings, {paragraphs} paragraphs")
            for block in article.headings:
                self.stdout.write(f"    {'  ' * (block.level - 1)}{block.text}")
        ledger = parsed.ledger
        self.stdout.write(
            f"  lines {ledger.lines}: kept {ledger.kept}, duplicate {ledger.duplicate}, "
            f"furniture {ledger.furniture}, front matter {ledger.front_matter}"
        )
        for warning in parsed.warnings:
            self.stdout.write(self.style.WARNING(f"  warning: {warning}"))


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
