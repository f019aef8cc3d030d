from django.core.management import BaseCommand, CommandError

from apps.reference.codelists import YEARS, load_codes
from apps.reference.models import ClassificationCode


class Command(BaseCommand):
    help = (
        "Write the shipped national code lists (apps/reference/data) into the database: creates the missing codes "
        "and gives the listed name and parent to the others; codes the lists lack are left alone. `migrate` does "
        "this once; run it after correcting a data file."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--year", type=int, action="append", help=f"只写这一年度（可重复）；默认 {YEARS[0]}–{YEARS[-1]}"
        )

    def handle(self, *args, year: list[int] | None, **options) -> None:
        years = year or list(YEARS)
        outside = sorted(set(years) - set(YEARS))
        if outside:
            raise CommandError(f"科目表只覆盖 {YEARS[0]}–{YEARS[-1]} 年度，没有 {', '.join(map(str, outside))}。")
        counts = load_codes(ClassificationCode, years)
        self.stdout.write(f"新增 {counts['created']} 个科目，更正 {counts['changed']} 个。")
