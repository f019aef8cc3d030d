"""python manage.py generate_city --departments 2000 --years 5 --seed 1

Creates a city of published budgets (see apps/generator/city.py for what is
generated and how generated departments are recognised)."""

import time
from collections.abc import Callable

from django.core.management import BaseCommand, CommandError

from apps.budgets.checks import run_checks
from apps.budgets.models import Budget
from apps.generator import codes, store
from apps.generator.city import MAX_DEPARTMENTS
from apps.generator.fingerprint import fingerprint as city_fingerprint


class Progress:
    """A one-line progress bar (redrawn with \\r at most five times a second)."""

    def __init__(self, total: int, label: str, write: Callable[[str], None]) -> None:
        self.total, self.label, self.write = total, label, write
        self.started = self.drawn = time.monotonic()

    def __call__(self, done: int) -> None:
        now = time.monotonic()
        if done < self.total and now - self.drawn < 0.2:
            return
        self.drawn = now
        elapsed = now - self.started
        remaining = elapsed * (self.total - done) / done if done else 0
        filled = 30 * done // self.total
        bar = "█" * filled + "·" * (30 - filled)
        end = "\n" if done >= self.total else ""
        self.write(f"\r{self.label} [{bar}] {done}/{self.total} 已用 {clock(elapsed)} 剩余 {clock(remaining)}{end}")


def clock(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes:02d}:{seconds:02d}"


class Command(BaseCommand):
    help = "生成一座城市的部门预算（均已公开、均通过全部校验），用于演示和压力测试。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--departments", type=int, default=20, help=f"部门数（1–{MAX_DEPARTMENTS}），默认 20")
        parser.add_argument("--years", type=int, default=5, help="年度数，截至 --last-year，默认 5")
        parser.add_argument("--last-year", type=int, default=2021, help="最后一个年度，默认 2021（与种子预算同年）")
        parser.add_argument("--seed", type=int, default=1, help="随机种子：相同种子和规模生成相同数据")
        parser.add_argument("--replace", action="store_true", help="先删除此前生成的部门（编码 301–2999）")
        parser.add_argument("--check", action="store_true", help="生成后对每本预算运行全部校验")
        parser.add_argument("--fingerprint", action="store_true", help="输出生成数据的 SHA-256 指纹（用于验证确定性）")

    def handle(
        self,
        *args,
        departments: int,
        years: int,
        last_year: int,
        seed: int,
        replace: bool,
        check: bool,
        fingerprint: bool,
        **options,
    ) -> None:
        self.verbosity = options["verbosity"]
        year_list = self.validated_years(departments, years, last_year)
        self.clear_previous(replace)
        started = time.monotonic()
        try:
            written = store.generate(departments, year_list, seed, self.progress(departments, "生成部门预算"))
        except store.GenerationError as error:
            raise CommandError(str(error)) from error
        if self.verbosity:
            self.report(written, time.monotonic() - started)
        if check:
            self.check_all()
        if fingerprint:
            self.stdout.write(f"指纹 {city_fingerprint(store.generated_departments())}")

    def progress(self, total: int, label: str) -> Progress:
        def write(text: str) -> None:
            if self.verbosity:
                self.stderr.write(text, ending="")
                self.stderr.flush()

        return Progress(total, label, write)

    def validated_years(self, departments: int, years: int, last_year: int) -> list[int]:
        if not 1 <= departments <= MAX_DEPARTMENTS:
            raise CommandError(f"--departments 应在 1 到 {MAX_DEPARTMENTS} 之间。")
        first_year = last_year - years + 1
        if years < 1 or first_year < codes.FIRST_YEAR or last_year > codes.LAST_YEAR:
            raise CommandError(f"年度应在 {codes.FIRST_YEAR}–{codes.LAST_YEAR} 之间（科目表只覆盖这些年度）。")
        return list(range(first_year, last_year + 1))

    def clear_previous(self, replace: bool) -> None:
        existing = store.generated_departments().count()
        if existing and not replace:
            raise CommandError(f"已有 {existing} 个生成的部门（编码 301–2999）；加 --replace 先删除它们再生成。")
        if existing:
            started = time.monotonic()
            store.delete_generated()
            if self.verbosity:
                self.stdout.write(f"已删除此前生成的 {existing} 个部门（{time.monotonic() - started:.1f} 秒）。")

    def report(self, written, elapsed: float) -> None:
        line_items = sum(written[m] for m in ("FunctionLine", "EconomicLine", "ProjectFunding", "Indicator"))
        for model, count in sorted(written.items()):
            self.stdout.write(f"  {model:<16} {count:>10,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"生成 {written['Department']} 个部门、{written['Budget']} 本预算、{line_items:,} 条明细"
                f"（支出、基本支出、项目资金、绩效指标），用时 {elapsed:.1f} 秒。"
            )
        )

    def check_all(self) -> None:
        budgets = Budget.objects.filter(department__in=store.generated_departments()).select_related("department")
        progress = self.progress(budgets.count(), "校验部门预算")
        failures = []
        for done, budget in enumerate(budgets.iterator(), start=1):
            failures += [f"{budget}：{result}" for result in run_checks(budget) if not result.passed]
            progress(done)
        for failure in failures[:50]:
            self.stderr.write(failure)
        if failures:
            raise CommandError(f"{len(failures)} 项校验不符。")
        if self.verbosity:
            self.stdout.write(self.style.SUCCESS("全部预算通过校验。"))
