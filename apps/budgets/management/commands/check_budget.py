from django.core.management import BaseCommand, CommandError

from apps.budgets.checks import run_checks
from apps.budgets.models import Budget, Phase


class Command(BaseCommand):
    help = "Prove a budget's reconciliation identities; exit 1 with a line per failure."

    def add_arguments(self, parser) -> None:
        parser.add_argument("department", help="部门编码，如 205")
        parser.add_argument("year", type=int, help="年度，如 2021")
        parser.add_argument("--phase", default=Phase.BUDGET, choices=Phase.values)
        parser.add_argument("--all", action="store_true", help="also list the checks that pass")

    def handle(self, *args, department: str, year: int, phase: str, all: bool, **options) -> None:
        try:
            budget = Budget.objects.select_related("department").at_address(department, year, phase).get()
        except Budget.DoesNotExist:
            raise CommandError(f"没有找到部门 {department} 的 {year} 年{Phase(phase).label}。") from None
        results = run_checks(budget)
        failures = [r for r in results if not r.passed]
        for result in results if all else failures:
            self.stdout.write(str(result))
        summary = f"{budget}：{len(results)} 项校验，{len(failures)} 项不符。"
        if failures:
            self.stderr.write(summary)
            raise SystemExit(1)
        self.stdout.write(self.style.SUCCESS(summary))
