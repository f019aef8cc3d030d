"""A disclosure's tables typed into a workbook as a budget system exports them:
one sheet per table with its title (merged across), its 编制部门/单位 line, its
header rows (a group header merged over the columns under it), its rows (codes
as text, figures as numbers shown #,##0.00) and its notes. Built from the
text the reader takes from a PDF or a .txt, so the two can be compared."""

from decimal import Decimal
from io import BytesIO

import openpyxl

from apps.ingest.numbers import is_amount
from apps.ingest.sources.text import SourceLine, source_lines
from apps.ingest.tables import RawTable, split_document


def row_values(line: SourceLine) -> list[object]:
    """Cells before the row's first text are codes (text) when text follows; figures are numbers."""
    cells = list(line.cells)
    first_text = next((i for i, c in enumerate(cells) if c and not is_amount(c)), None)
    values: list[object] = []
    for index, cell in enumerate(cells):
        leading_code = first_text is not None and index < first_text
        values.append(Decimal(cell.replace(",", "")) if is_amount(cell) and not leading_code else cell or None)
    return values


def merge_groups(sheet, header: list[list[object]], top: int) -> None:
    """A header cell over empty cells that have labels below them spans them, as printed."""
    for offset, (row, below) in enumerate(zip(header, header[1:])):
        for start, value in enumerate(row):
            if not value:
                continue
            end = start
            while end + 1 < len(row) and not row[end + 1] and end + 1 < len(below) and below[end + 1]:
                end += 1
            if end > start:
                sheet.merge_cells(
                    start_row=top + offset, start_column=start + 1, end_row=top + offset, end_column=end + 1
                )


def add_sheet(book: openpyxl.Workbook, table: RawTable, number: int) -> None:
    sheet = book.create_sheet(f"{number}")
    width = max([len(line.cells) for line in [*table.header, *table.rows]] or [1])
    sheet.append([table.title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    if table.department and (table.unit_line is None or table.department not in table.unit_line.text):
        sheet.append([f"部门名称：{table.department}"])
    if table.unit_line is not None:
        sheet.append(list(table.unit_line.cells))
    header = [row_values(line) for line in table.header]
    top = sheet.max_row + 1
    for values in header:
        sheet.append(values)
    merge_groups(sheet, header, top)
    for line in table.rows:
        sheet.append(row_values(line))
    for line in table.notes:
        sheet.append([line.text.strip()])
    for row in sheet.iter_rows(min_row=top):
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"


def official_workbook(text: str) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for number, table in enumerate(split_document(source_lines(text)).tables, start=1):
        add_sheet(book, table, number)
    out = BytesIO()
    book.save(out)
    return out.getvalue()
