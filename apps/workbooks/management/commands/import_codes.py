from pathlib import Path

from django.core.management import BaseCommand, CommandError

from apps.workbooks.codes import codes_import, read_codes
from apps.workbooks.problems import WorkbookInvalid


class Command(BaseCommand):
    help = "Load classification codes (sheet 科目: 分类, 年度, 科目编码, 科目名称) from a workbook; all or nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options) -> None:
        if not file.is_file():
            raise CommandError(f"找不到文件 {file}")
        try:
            count = codes_import(rows=read_codes(file.read_bytes()))
        except WorkbookInvalid as invalid:
            for problem in invalid.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{file.name} 有 {len(invalid.problems)} 处问题，没有写入任何数据。") from None
        self.stdout.write(self.style.SUCCESS(f"已写入 {count} 个科目。"))
