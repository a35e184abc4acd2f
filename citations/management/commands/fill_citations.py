"""Record the 文号 mentions of every stored bulletin again (after an upgrade of the recogniser)."""
from django.core.management.base import BaseCommand
from django.db import transaction

from bulletin.models import Bulletin
from citations.store import record_bulletin


class Command(BaseCommand):
    help = "重新识别全部已存公报中的文号引用"

    def handle(self, *args, **options):
        total = 0
        for pk in Bulletin.objects.order_by("pk").values_list("pk", flat=True):
            with transaction.atomic():
                total += record_bulletin(pk)
        self.stdout.write(f"已识别 {total} 处文号引用")
