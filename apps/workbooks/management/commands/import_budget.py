from pathlib import Path

from django.core.management import BaseCommand, CommandError

from apps.workbooks.problems import WorkbookInvalid
from apps.workbooks.reader import read_budget_workbook
from apps.workbooks.services import budget_import, import_preview


class Command(BaseCommand):
    help = "Import a budget workbook (the layout of our exports) as a new draft or over a draft; all or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="show what would change, write nothing")

    def handle(self, *args, file: Path, dry_run: bool, **options) -> None:
        if not file.is_file():
            raise CommandError(f"找不到文件 {file}")
        try:
            data = read_budget_workbook(file.read_bytes())
            preview = import_preview(data=data)
            self.report(preview)
            if not dry_run:
                budget = budget_import(data=data)
                self.stdout.write(self.style.SUCCESS(f"已导入为草稿：{budget}"))
        except WorkbookInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{file.name} 有 {len(invalid.problems)} 处问题，没有写入任何数据。") from None

    def report(self, preview) -> None:
        verb = "新建" if preview.is_new else "替换草稿"
        self.stdout.write(
            f"{verb} {preview.budget}：新增 {len(preview.added)} 项，修改 {len(preview.changed)} 项，删除 {len(preview.removed)} 项。"
        )
        for key, (before, after) in preview.changed.items():
            self.stdout.write(f"  修改 {key}：{before} → {after}")
        for key in preview.removed:
            self.stdout.write(f"  删除 {key}")
        failing = preview.failing_checks
        self.stdout.write(f"校验：{len(preview.checks)} 项，{len(failing)} 项不符（草稿可以导入，不符时不能公开）。")
        for check in failing:
            self.stdout.write(f"  {check}")
