from pathlib import Path

from django.core.management import BaseCommand, CommandError

from apps.budgets.amounts import AmountUnit
from apps.budgets.models import Budget, Phase
from apps.workbooks.writer import write_budget_workbook


class Command(BaseCommand):
    help = "Write a budget's workbook (基本信息, the nine official tables, the 明细 sheets) to a file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("department")
        parser.add_argument("year", type=int)
        parser.add_argument("file", type=Path)
        parser.add_argument("--phase", default=Phase.BUDGET, choices=Phase.values)
        parser.add_argument("--unit", default=AmountUnit.YUAN.value, choices=[u.value for u in AmountUnit])

    def handle(self, *args, department: str, year: int, file: Path, phase: str, unit: str, **options) -> None:
        budget = Budget.objects.for_budget_page().at_address(department, year, phase).first()
        if budget is None:
            raise CommandError(f"没有找到部门 {department} 的 {year} 年{Phase(phase).label}。")
        write_budget_workbook(budget, str(file), unit=AmountUnit(unit))
        self.stdout.write(self.style.SUCCESS(f"已写入 {file}"))
