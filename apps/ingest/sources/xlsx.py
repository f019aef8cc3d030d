"""A workbook of the official tables, as a finance bureau's budget system
exports them (one sheet per table: title, 编制部门 and 单位 lines, merged header
cells, split 类/款/项 columns, 元 or 万元), as the same text the reader takes
from a PDF: each sheet a page, each row a line of tab-separated cells that
keep their places (a merged cell's value in its first cell, the rest empty).

The sheets are read straight from the file's XML, so that a number is read
from its own text as Decimal (never through float) without patching openpyxl
for the whole process: several uploads may be read at once. The archive is
checked for size and zip bombs before anything is inflated."""

import posixpath
import re
import zipfile
from io import BytesIO
from xml.etree import ElementTree

from apps.workbooks.safety import check_archive, decimal_from_text

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
COLUMN = re.compile(r"^([A-Z]+)(\d+)$")


class XlsxError(ValueError):
    """The file is no readable xlsx; the message says why."""


def is_xlsx(content: bytes, filename: str = "") -> bool:
    return filename.lower().endswith(".xlsx") or content[:4] == b"PK\x03\x04"


def column_index(reference: str) -> int:
    letters = COLUMN.match(reference).group(1)
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in item.iter(f"{MAIN}t")) for item in root.iter(f"{MAIN}si")]


def sheet_paths(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, path) of every sheet, in the workbook's order."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels.iter(f"{PACKAGE}Relationship")}
    paths = []
    for sheet in book.iter(f"{MAIN}sheet"):
        target = targets[sheet.get(f"{RELATIONSHIPS}id")]
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        paths.append((sheet.get("name"), path))
    return paths


def cell_text(cell: ElementTree.Element, strings: list[str]) -> str:
    """A cell as text: a number from its own digits (as Decimal), a string as written."""
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{MAIN}t")).strip()
    value = cell.find(f"{MAIN}v")
    if value is None or value.text is None:
        return ""
    if kind == "s":
        return strings[int(value.text)].strip()
    if kind == "n":
        number = decimal_from_text(value.text.strip())  # an int for whole numbers, else a Decimal
        return str(number) if isinstance(number, int) else f"{number:f}"
    return value.text.strip()  # str (a formula's text), b, e


def sheet_lines(content: bytes, strings: list[str]) -> list[str]:
    lines = []
    for _, row in ElementTree.iterparse(BytesIO(content)):
        if row.tag != f"{MAIN}row":
            continue
        cells: dict[int, str] = {}
        for position, cell in enumerate(row.iter(f"{MAIN}c")):
            reference = cell.get("r")
            cells[column_index(reference) if reference else position] = cell_text(cell, strings)
        row.clear()
        if any(cells.values()):
            width = max(cells) + 1
            lines.append("\t".join(cells.get(i, "").replace("\n", "") for i in range(width)) + "\t")
    return lines


def xlsx_text(content: bytes) -> str:
    """Every sheet's rows, sheets separated by form feeds as a PDF's pages are."""
    check_archive(content)
    try:
        with zipfile.ZipFile(BytesIO(content)) as archive:
            strings = shared_strings(archive)
            pages = ["\n".join(sheet_lines(archive.read(path), strings)) for _, path in sheet_paths(archive)]
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, ValueError, AttributeError) as error:
        raise XlsxError(f"无法作为 xlsx 读取：{type(error).__name__} {error}") from None
    return "\n\f".join(pages)
