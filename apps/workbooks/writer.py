"""Budget workbooks written with XlsxWriter: the official tables in the
disclosure's layout, the 基本信息 sheet and the 明细 sheets.

Text is always written with write_string, so a name that begins with =, +, -
or @ stays text and never becomes a formula."""

from typing import BinaryIO

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from apps.budgets.amounts import AmountUnit
from apps.budgets.explanation import explanation_paragraphs
from apps.budgets.models import Budget
from apps.budgets.official import OfficialTable, build_all

from . import layout
from .details import detail_rows, info_rows

MONEY_FORMAT = "#,##0.00"
WIDTHS = {
    "code": 10,
    "name": 30,
    "goal": 50,
    "indicator": 24,
    "kind": 22,
    "unit": 24,
    "unit_name": 26,
    "rev_item": 26,
    "exp_item": 30,
}


class BudgetWorkbook:
    """One xlsx file; `constant_memory` streams rows to disk as they are written."""

    def __init__(self, stream: BinaryIO | str, *, constant_memory: bool = False):
        self.book = xlsxwriter.Workbook(
            stream,
            {
                "in_memory": not constant_memory,
                "constant_memory": constant_memory,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        add = self.book.add_format
        self.title = add({"bold": True, "font_size": 14, "align": "center", "valign": "vcenter"})
        self.header = add(
            {
                "bold": True,
                "align": "center",
                "valign": "vcenter",
                "border": 1,
                "bg_color": "#F0F4F8",
                "text_wrap": True,
            }
        )
        self.text = add({"border": 1, "valign": "top", "text_wrap": True})
        self.money = add({"border": 1, "valign": "top", "num_format": MONEY_FORMAT})
        self.total_text = add({"border": 1, "bold": True, "valign": "top"})
        self.total_money = add({"border": 1, "bold": True, "valign": "top", "num_format": MONEY_FORMAT})
        self.plain = add({"valign": "top", "text_wrap": True})
        self.right = add({"align": "right"})

    def close(self) -> None:
        self.book.close()

    def cell(self, sheet: Worksheet, row: int, col: int, value, kind: str = "text", bold: bool = False) -> None:
        """Amounts as numbers formatted #,##0.00, everything else as text."""
        if value is None or value == "":
            sheet.write_blank(row, col, None, self.total_text if bold else self.text)
        elif kind in ("money", "number"):
            sheet.write_number(
                row,
                col,
                value,
                self.total_money if bold and kind == "money" else self.money if kind == "money" else self.text,
            )
        else:
            sheet.write_string(row, col, str(value), self.total_text if bold else self.text)

    def official_sheet(self, table: OfficialTable, budget: Budget, unit: AmountUnit) -> None:
        sheet, row = self.sheet_head(table, "部门名称：" + units_line(budget), unit)
        row = self.table_rows(sheet, row, table, unit)
        if table.empty_note:
            sheet.merge_range(row + 1, 0, row + 1, len(table.columns) - 1, table.empty_note, self.plain)

    def sheet_head(
        self, table: OfficialTable, subtitle: str, unit: AmountUnit, flat: bool = False
    ) -> tuple[Worksheet, int]:
        """Title, subtitle and 单位 rows, then the header (merged as in the disclosure,
        or `flat`: one row, 基本支出·人员支出); returns the sheet and its first data row."""
        sheet = self.book.add_worksheet(table.name)
        last = len(table.columns) - 1
        sheet.merge_range(0, 0, 0, last, table.title, self.title)
        sheet.merge_range(1, 0, 1, last, subtitle, self.plain)
        sheet.merge_range(2, 0, 2, last, f"单位：{unit.label}", self.right)
        self.page_setup(sheet, table)
        if not flat:
            return sheet, self.header_rows(sheet, table, 3)
        for col, column in enumerate(table.columns):
            sheet.write_string(3, col, f"{column.group}·{column.label}" if column.group else column.label, self.header)
        sheet.freeze_panes(4, 1)
        return sheet, 4

    def table_rows(
        self, sheet: Worksheet, row: int, table: OfficialTable, unit: AmountUnit, extra: dict | None = None
    ) -> int:
        """The table's rows from `row` on (with `extra` cells, e.g. the department, in each); returns the next row."""
        widths = [column_width(column) for column in table.columns]
        for data_row in table.rows:
            cells = {**data_row.cells, **(extra or {})}
            lines = max(
                (wrapped_lines(cells.get(c.key), w) for c, w in zip(table.columns, widths) if c.kind == "text"),
                default=1,
            )
            if lines > 1:
                sheet.set_row(row, 15 * lines)  # spreadsheets do not grow rows for text a program wrote
            for col, column in enumerate(table.columns):
                value = cells.get(column.key)
                if column.kind == "money" and value is not None:
                    value = unit.convert(value)
                self.cell(sheet, row, col, value, column.kind, bold=data_row.is_total)
            row += 1
        return row

    def header_rows(self, sheet: Worksheet, table: OfficialTable, row: int) -> int:
        """The merged header as in the disclosure; returns the first data row."""
        headers = table.header_rows
        col = 0
        for cell in headers[0]:
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_range(row, col, row + cell.rowspan - 1, col + cell.colspan - 1, cell.label, self.header)
            else:
                sheet.write_string(row, col, cell.label, self.header)
            col += cell.colspan
        for col, column in enumerate(table.columns):
            if column.group:
                sheet.write_string(row + 1, col, column.label, self.header)
        row += len(headers)
        if any(column.number for column in table.columns):
            for col, column in enumerate(table.columns):
                sheet.write_string(row, col, column.number, self.header)
            row += 1
        sheet.freeze_panes(row, 2 if table.code_scheme and table.columns[0].key == "code" else 0)
        sheet.repeat_rows(3, row - 1)
        return row

    def page_setup(self, sheet: Worksheet, table: OfficialTable) -> None:
        for col, column in enumerate(table.columns):
            sheet.set_column(col, col, column_width(column))
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)

    def info_sheet(self, budget: Budget) -> None:
        sheet = self.book.add_worksheet(layout.INFO_SHEET)
        sheet.merge_range(0, 0, 0, 3, budget.title, self.title)
        sheet.write_string(1, 0, "项目", self.header)
        sheet.merge_range(1, 1, 1, 3, "内容", self.header)
        row = 2
        for label, values in info_rows(budget):
            sheet.write_string(row, 0, label, self.total_text)
            for col, (value, kind) in enumerate(values, start=1):
                self.cell(sheet, row, col, value, kind)
            fit_height(sheet, row, values[0][0])
            row += 1
        row += 1
        sheet.write_string(row, 0, layout.GENERATED_MARK, self.total_text)
        for paragraph_row, paragraph in enumerate(explanation_paragraphs(budget), start=row + 1):
            sheet.write_string(paragraph_row, 1, paragraph, self.plain)
            fit_height(sheet, paragraph_row, paragraph)
        sheet.set_column(0, 0, 30)
        sheet.set_column(1, 1, 80)
        sheet.set_column(2, 3, 24)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)

    def detail_sheet(self, spec: layout.DetailSheet, rows) -> None:
        sheet = self.book.add_worksheet(spec.name)
        for col, field in enumerate(spec.fields):
            sheet.write_string(0, col, field.header, self.header)
            sheet.set_column(col, col, field.width)
        count = 0
        for count, values in enumerate(rows, start=1):
            for col, (field, value) in enumerate(zip(spec.fields, values)):
                self.cell(
                    sheet,
                    count,
                    col,
                    value,
                    "money" if field.kind == "money" else "number" if field.kind in ("int", "weight") else "text",
                )
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(count, 1), len(spec.fields) - 1)


def column_width(column) -> int:
    return WIDTHS.get(column.key, 16 if column.kind == "money" else 12)


def wrapped_lines(value, width: int) -> int:
    """How many lines a text needs in a column `width` characters wide (CJK characters count double)."""
    if not isinstance(value, str) or not value:
        return 1
    return sum(
        -(-sum(2 if ord(ch) > 0x2E80 else 1 for ch in part) // max(width - 1, 1)) or 1 for part in value.split("\n")
    )


def fit_height(sheet: Worksheet, row: int, value) -> None:
    """Spreadsheets do not grow a row for wrapped text written by a program: set
    the height for the lines a long text needs in the 80-wide column B."""
    if isinstance(value, str) and len(value) > 40:
        lines = sum(len(part) // 40 + 1 for part in value.splitlines())
        sheet.set_row(row, 15 * lines)


def units_line(budget: Budget) -> str:
    return "，".join(f"【{unit.code}】{unit.name}" for unit in budget.units.all())


def write_budget_workbook(budget: Budget, stream: BinaryIO | str, unit: AmountUnit = AmountUnit.YUAN) -> None:
    """The whole budget: 基本信息, the nine official tables, then the 明细 data."""
    workbook = BudgetWorkbook(stream)
    workbook.info_sheet(budget)
    for table in build_all(budget):
        workbook.official_sheet(table, budget, unit)
    for spec in layout.DETAIL_SHEETS:
        workbook.detail_sheet(spec, detail_rows(budget, spec))
    workbook.close()


def write_table_workbook(budget: Budget, table: OfficialTable, stream: BinaryIO, unit: AmountUnit) -> None:
    workbook = BudgetWorkbook(stream)
    workbook.official_sheet(table, budget, unit)
    workbook.close()
