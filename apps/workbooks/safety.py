"""Opening an uploaded xlsx without trusting it: size limits checked on the
zip directory before anything is inflated (a zip bomb is refused unread), and
numbers read as Decimal straight from the file's text, never through float."""

import zipfile
from decimal import Decimal
from io import BytesIO

import openpyxl
from django.conf import settings
from openpyxl.worksheet._reader import VALUE_TAG, WorkSheetParser

from .problems import Problem, WorkbookInvalid


def refuse(message: str) -> WorkbookInvalid:
    return WorkbookInvalid([Problem("文件", None, "", None, message)])


def check_archive(content: bytes) -> None:
    limit = settings.IMPORT_MAX_BYTES
    if len(content) > limit:
        raise refuse(f"文件大小 {len(content):,} 字节，超过上限 {limit:,} 字节")
    if not zipfile.is_zipfile(BytesIO(content)):
        raise refuse("不是 xlsx 文件（xlsx 是 zip 格式；请在 Excel 中另存为 .xlsx）")
    try:
        entries = zipfile.ZipFile(BytesIO(content)).infolist()
    except zipfile.BadZipFile as error:
        raise refuse(f"文件已损坏：{error}") from None
    inflated = sum(entry.file_size for entry in entries)
    if inflated > settings.IMPORT_MAX_INFLATED_BYTES:
        raise refuse(f"解压后 {inflated:,} 字节，超过上限 {settings.IMPORT_MAX_INFLATED_BYTES:,} 字节，拒绝读取")
    if any(entry.compress_size and entry.file_size / entry.compress_size > 200 for entry in entries):
        raise refuse("压缩比异常（疑似压缩炸弹），拒绝读取")


def decimal_from_text(text: str) -> int | Decimal:
    """A number cell's value from its text. The cell holds an IEEE double; programs
    that write it at full precision (16–17 significant digits: 9157602.289999999
    for 9157602.29) give the double's digits, not the amount typed. The shortest
    decimal that is that same double is the amount (and what Excel shows); text
    written shorter is taken exactly as written, so 298.805 stays 298.805."""
    if not any(c in text for c in ".Ee"):
        return int(text)
    exact = Decimal(text)
    if len(exact.as_tuple().digits) >= 16:
        return Decimal(repr(float(text)))
    return exact


class DecimalSheetParser(WorkSheetParser):
    """openpyxl's sheet parser, with a number cell's value taken from its text as
    Decimal (openpyxl would give a float). A parser of its own per sheet read:
    nothing shared between threads, nothing of openpyxl's changed."""

    def parse_cell(self, element) -> dict:
        cell = super().parse_cell(element)
        if cell["data_type"] == "n" and cell["value"] is not None:
            cell["value"] = decimal_from_text(element.findtext(VALUE_TAG))
        return cell


def read_sheet(book, sheet, limit: int) -> list[tuple]:
    """A read-only sheet's rows as tuples of values, numbered as in the file (missing rows empty)."""
    rows: list[tuple] = []
    with sheet._get_source() as source:
        parser = DecimalSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            if number > limit:  # before filling the rows up to it: a lone cell at row 1,048,576
                raise WorkbookInvalid([Problem(sheet.title, None, "", None, f"超过 {limit:,} 行的上限")])
            rows.extend(() for _ in range(len(rows), number - 1))
            values = [None] * max((cell["column"] for cell in cells), default=0)
            for cell in cells:
                values[cell["column"] - 1] = cell["value"]
            rows.append(tuple(values))
    return rows


def sheet_rows(content: bytes) -> dict[str, list[tuple]]:
    """Every sheet's rows as tuples of cell values (Decimal for numbers), at most
    IMPORT_MAX_ROWS a sheet."""
    check_archive(content)
    limit = settings.IMPORT_MAX_ROWS
    try:
        book = openpyxl.load_workbook(BytesIO(content), read_only=True, data_only=True)
        sheets = {sheet.title: read_sheet(book, sheet, limit) for sheet in book.worksheets}
        book.close()
    except WorkbookInvalid:
        raise
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise refuse(f"无法读取（文件损坏或不是有效的 xlsx）：{type(error).__name__} {error}") from None
    return sheets
