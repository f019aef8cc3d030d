from pathlib import Path

from django.core.management import BaseCommand, CommandError, CommandParser

from apps.budgets.checks import CheckResult
from apps.ingest.pipeline import Ingest
from apps.ingest.report import Report
from apps.ingest.services import DisclosureInvalid, ingest_preview, ingest_write, read
from apps.ingest.services import publish as publish_budget


def where(report: Report, number: int | None) -> str:
    page = report.page(number)
    return f"第{page}页第{number}行" if number else "全文"


class Command(BaseCommand):
    help = "Read a published disclosure (PDF or its text), prove its tables and write it as a draft budget."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="公开文件：.pdf，或从 PDF 提取的 .txt")
        parser.add_argument("--department", help="部门编码，如 205（文本中没有时必填）")
        parser.add_argument("--year", type=int, help="年度，如 2021（须与文本一致）")
        parser.add_argument(
            "--government", help="行政区划名称，如 上海市普陀区（默认取自标题；标题也没有时为本站主体）"
        )
        parser.add_argument("--government-code", help="行政区划代码，如 310107（新建行政区划时记录）")
        parser.add_argument(
            "--government-level",
            choices=["省级", "市级", "区级", "县级"],
            help="级次（标题中没有、又须新建行政区划时）",
        )
        parser.add_argument(
            "--project-code",
            action="append",
            default=[],
            metavar="项目名称=科目编码",
            help="指定项目的功能科目（表中无法唯一推断时）",
        )
        parser.add_argument("--dry-run", action="store_true", help="只显示预览，不写入")
        parser.add_argument("--publish", action="store_true", help="写入后立即公开（仅当全部校验通过）")
        parser.add_argument(
            "--all", action="store_true", help="also list the checks that pass and the figures that agree"
        )

    def handle(
        self,
        *args,
        file: Path,
        department: str | None,
        year: int | None,
        government: str | None,
        government_code: str | None,
        government_level: str | None,
        project_code: list[str],
        dry_run: bool,
        publish: bool,
        all: bool,
        **options,
    ) -> None:
        if not file.exists():
            raise CommandError(f"没有这个文件：{file}")
        codes = dict(item.split("=", 1) for item in project_code if "=" in item)
        try:
            ingest = read(
                file.read_bytes(),
                file.name,
                department=department,
                year=year,
                project_codes=codes,
                government=government,
                government_code=government_code,
                government_level=government_level,
            )
            self.show(ingest, all)
            if dry_run:
                preview = ingest_preview(ingest)
                self.stdout.write(
                    f"{'新建' if preview.is_new else '替换草稿'}：{preview.budget}；新增 {len(preview.added)} 项，"
                    f"修改 {len(preview.changed)} 项，删除 {len(preview.removed)} 项。未写入（--dry-run）。"
                )
                self.checks(preview.checks, all)
                return
            budget = ingest_write(ingest)
        except DisclosureInvalid as invalid:
            report = invalid.ingest.report if invalid.ingest else Report()
            for problem in invalid.problems:
                self.stderr.write(f"{where(report, problem.row)} {problem}")
            raise CommandError(f"有 {len(invalid.problems)} 处问题，没有写入任何数据。") from None
        self.stdout.write(
            self.style.SUCCESS(f"已写入草稿：{budget}（{ingest.report.compared} 个数字与按明细计算的表一致）")
        )
        if publish:
            failures = publish_budget(budget)
            if failures:
                self.checks(failures, True)
                raise CommandError(f"有 {len(failures)} 项校验不符，拒绝公开；草稿已写入，可在后台修改后再公开。")
            self.stdout.write(self.style.SUCCESS(f"已公开：{budget}"))

    def show(self, ingest: Ingest, all: bool) -> None:
        report = ingest.report
        for table in report.tables:
            self.stdout.write(
                f"表 {where(report, table.line.number)} {table.title}〔{table.kind}，单位 {table.unit}，{table.rows} 行〕{table.status}"
            )
        for note in report.notes:
            self.stdout.write(
                f"{note.kind.value} {where(report, note.line.number if note.line else None)} {note.table}：{note.text}"
            )
        for comparison in report.comparisons:
            if all or not comparison.ok:
                mark = "一致" if comparison.ok else "不一致"
                self.stdout.write(
                    f"说明与表{mark} {where(report, comparison.line.number if comparison.line else None)} "
                    f"{comparison.topic}：说明 {comparison.narrative}，{comparison.tables}"
                )
        for warning in report.warnings:
            self.stdout.write(
                f"提示 {where(report, warning.line.number if warning.line else None)} {warning.table}：{warning.text}"
            )
        for finding in report.findings:
            self.stdout.write(
                f"文件自身不一致 {where(report, finding.line.number if finding.line else None)} {finding}（按明细读入，不影响公开）"
            )
        failing = report.failing_checks
        for check in report.checks if all else failing:
            self.stdout.write(f"{where(report, check.line.number if check.line else None)} {check.table} {check}")
        self.stdout.write(
            f"表内勾稽 {len(report.checks)} 项，{len(failing)} 项不符；说明与表比较 {len(report.comparisons)} 项，"
            f"{len(report.differing)} 项不一致。"
        )

    def checks(self, results: list[CheckResult], all: bool) -> None:
        for result in results:
            if all or not result.passed:
                self.stdout.write(str(result))
