from django.core.management import BaseCommand
from django.db import transaction

from apps.budgets.models import Budget
from apps.budgets.stored import store_figures


class Command(BaseCommand):
    help = "Compute and keep the figures of every published budget and city (after an upgrade; safe to run again)."

    def handle(self, *args, **options) -> None:
        published = Budget.objects.published()
        with transaction.atomic():
            store_figures(published)
        self.stdout.write(f"已保存 {published.count()} 本已公开预算的合计数。")
