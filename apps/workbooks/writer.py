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
from .printing import LINE, a4_landscape, pages_tall, row_height, wrapped_lines

MONEY_FORMAT = "#,##0.00"
# Column widths in characters: wide enough for the longest official names on one line.
WIDTHS = {
    "code": 10,
    "name": 34,
    "goal": 50,
    "indicator": 24,
    "kind": 22,
    "unit": 24,
    "unit_name": 26,
    "rev_item": 28,
    "exp_item": 34,
    "department": 26,
    "share": 20,
}
# The 项目绩效目标表 has fifteen columns: narrower ones (long texts wrap) keep it readable on one A4 width.
TABLE_WIDTHS = {
    "performance": {
        "unit_code": 8,
        "name": 14,
        "goal": 60,
        "level1": 12,
        "level2": 12,
        "indicator": 18,
        "operator": 5,
        "value": 10,
        "measure_unit": 7,
        "weight": 6,
        "money": 14,
    },
}
# Tables printed one page wide however many pages tall (their long texts would shrink past reading).
FIT_WIDTH_ONLY = {"performance"}
TITLE_HEIGHT = 24.0


class BudgetWorkbook:
    """One xlsx file, written in memory (the whole year's is flat_xlsx's)."""

    def __init__(self, stream: BinaryIO | str):
        self.book = xlsxwriter.Workbook(
            stream,
            {
                "in_memory": True,
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
        self.percent = add({"border": 1, "valign": "top", "num_format": "0.0"})
        self.plain = add({"valign": "top", "text_wrap": True})
        self.right = add({"align": "right"})

    def close(self) -> None:
        self.book.close()

    def cell(self, sheet: Worksheet, row: int, col: int, value, kind: str = "text", bold: bool = False) -> None:
        """Amounts as numbers formatted #,##0.00, percentages 0.0, everything else as text."""
        if value is None or value == "":
            sheet.write_blank(row, col, None, self.total_text if bold else self.text)
        elif kind == "money":
            sheet.write_number(row, col, value, self.total_money if bold else self.money)
        elif kind in ("number", "percent"):
            sheet.write_number(row, col, value, self.percent if kind == "percent" else self.text)
        else:
            sheet.write_string(row, col, str(value), self.total_text if bold else self.text)

    def official_sheet(self, table: OfficialTable, budget: Budget, unit: AmountUnit) -> None:
        sheet, row = self.sheet_head(table, "部门名称：" + units_line(budget), unit)
        heights = self.head_heights(table, "部门名称：" + units_line(budget))
        row = self.table_rows(sheet, row, table, unit)
        if table.empty_note:
            sheet.merge_range(row + 1, 0, row + 1, len(table.columns) - 1, table.empty_note, self.plain)
        if table.slug not in FIT_WIDTH_ONLY:
            widths = table_widths(table)
            body = [row_height(row_lines(data_row.cells, table, widths)) for data_row in table.rows]
            sheet.fit_to_pages(1, pages_tall(widths, heights + body + [2 * LINE], repeated=sum(heights[3:])))

    def head_heights(self, table: OfficialTable, subtitle: str) -> list[float]:
        """The heights (points) of the title, subtitle, 单位 and header rows, as sheet_head sets them."""
        widths = table_widths(table)
        header = [row_height(lines) for lines in header_lines(table, widths)]
        numbers = [LINE] if any(column.number for column in table.columns) else []
        return [TITLE_HEIGHT, row_height(wrapped_lines(subtitle, sum(widths))), LINE, *header, *numbers]

    def sheet_head(self, table: OfficialTable, subtitle: str, unit: AmountUnit) -> tuple[Worksheet, int]:
        """Title, subtitle and 单位 rows, then the header merged as in the disclosure;
        returns the sheet and its first data row."""
        sheet = self.book.add_worksheet(table.name)
        last = len(table.columns) - 1
        widths = table_widths(table)
        sheet.set_row(0, TITLE_HEIGHT)
        sheet.merge_range(0, 0, 0, last, table.title, self.title)
        if wrapped_lines(subtitle, sum(widths)) > 1:
            sheet.set_row(1, row_height(wrapped_lines(subtitle, sum(widths))))
        sheet.merge_range(1, 0, 1, last, subtitle, self.plain)
        sheet.merge_range(2, 0, 2, last, f"单位：{unit.label}", self.right)
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        a4_landscape(sheet)
        return sheet, self.header_rows(sheet, table, 3)

    def table_rows(self, sheet: Worksheet, row: int, table: OfficialTable, unit: AmountUnit) -> int:
        """The table's rows from `row` on; returns the next row."""
        columns = [(col, column.key, column.kind) for col, column in enumerate(table.columns)]
        texts = text_columns(table, table_widths(table))
        convert = None if unit is AmountUnit.YUAN else unit.convert  # stored amounts are 元 to the cent
        for data_row in table.rows:
            cells = data_row.cells
            lines = lines_needed(cells, texts)
            if lines > 1:
                sheet.set_row(row, row_height(lines))  # spreadsheets do not grow rows for text a program wrote
            for col, key, kind in columns:
                value = cells.get(key)
                if convert and kind == "money" and value is not None:
                    value = convert(value)
                self.cell(sheet, row, col, value, kind, bold=data_row.is_total)
            row += 1
        return row

    def header_rows(self, sheet: Worksheet, table: OfficialTable, row: int) -> int:
        """The merged header as in the disclosure; returns the first data row."""
        headers = table.header_rows
        for offset, lines in enumerate(header_lines(table, table_widths(table))):
            sheet.set_row(row + offset, row_height(lines))
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
        a4_landscape(sheet)

    def detail_sheet(self, spec: layout.DetailSheet, rows) -> None:
        sheet = self.book.add_worksheet(spec.name)
        sheet.set_row(0, row_height(max(wrapped_lines(field.header, field.width) for field in spec.fields)))
        for col, field in enumerate(spec.fields):
            sheet.write_string(0, col, field.header, self.header)
            sheet.set_column(col, col, field.width)
        count = 0
        for count, values in enumerate(rows, start=1):
            lines = max(
                (wrapped_lines(v, f.width) for f, v in zip(spec.fields, values) if f.kind not in ("money", "int")),
                default=1,
            )
            if lines > 1:
                sheet.set_row(count, row_height(lines))
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
        a4_landscape(sheet, repeat=(0, 0))


def table_widths(table: OfficialTable) -> list[int]:
    """Each column's width in characters, this table's own where it has them."""
    own = TABLE_WIDTHS.get(table.slug, {})
    return [own.get(c.key, own.get(c.kind, WIDTHS.get(c.key, 16 if c.kind == "money" else 12))) for c in table.columns]


def row_lines(cells: dict, table: OfficialTable, widths: list[int]) -> int:
    """Lines the row's tallest text needs: spreadsheets do not grow rows for text a program wrote."""
    return lines_needed(cells, text_columns(table, widths))


def text_columns(table: OfficialTable, widths: list[int]) -> list[tuple[str, int]]:
    """The key and width of each text column: the ones a row's height depends on."""
    return [(c.key, w) for c, w in zip(table.columns, widths) if c.kind == "text"]


def lines_needed(cells: dict, texts: list[tuple[str, int]]) -> int:
    return max((wrapped_lines(cells.get(key), width) for key, width in texts), default=1)


def header_lines(table: OfficialTable, widths: list[int]) -> list[int]:
    """Lines each header row needs; a label spanning both rows of a two-row header shares their height."""
    rows = table.header_rows
    needed = [1] * len(rows)
    col = 0
    for cell in rows[0]:
        lines = wrapped_lines(cell.label, sum(widths[col : col + cell.colspan]))
        if cell.rowspan > 1:
            needed[-1] = max(needed[-1], lines - needed[0])
        else:
            needed[0] = max(needed[0], lines)
        col += cell.colspan
    if len(rows) > 1:
        grouped = [(c, w) for c, w in zip(table.columns, widths) if c.group]
        needed[1] = max([needed[1], *(wrapped_lines(c.label, w) for c, w in grouped)])
    return needed


def fit_height(sheet: Worksheet, row: int, value) -> None:
    """Spreadsheets do not grow a row for wrapped text written by a program: set
    the height for the lines a long text needs in the 80-wide column B."""
    if isinstance(value, str) and len(value) > 40:
        lines = sum(len(part) // 40 + 1 for part in value.splitlines())
        sheet.set_row(row, 15 * lines)


def units_line(budget: Budget) -> str:
    return "，".join(f"【{unit.code}】{unit.name}" if unit.code else unit.name for unit in budget.units.all())


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
