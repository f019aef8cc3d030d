"""The whole-year workbook's writer: flat sheets (title, subtitle, 单位, one header
row, then every budget's rows) whose XML is written straight to a temporary file
as the rows come, then zipped.

XlsxWriter spends about 6 µs on each cell it writes, and a year of 2,000
departments holds three million (issue 12's bench took 16 s of its 21 s there).
Writing the XML of these simple sheets directly takes a tenth of that. It writes
only what the year's sheets use: eight cell styles, the merged title rows, column
widths, row heights, the frozen header and the print setup of printing.py.
Amounts are written as their exact decimal text, never through float."""

import re
import shutil
import tempfile
import zipfile
from decimal import Decimal
from functools import lru_cache
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from xlsxwriter.utility import xl_col_to_name

from apps.budgets.amounts import AmountUnit
from apps.budgets.official import OfficialTable

from .printing import A4, PAGE_FOOTER, SIDE_MARGIN, TOP_MARGIN, row_height, wrapped_lines
from .table_files import column_label
from .writer import TITLE_HEIGHT, table_widths

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Style numbers: their order in STYLES' cellXfs.
TITLE, HEADER, TEXT, MONEY, TOTAL_TEXT, TOTAL_MONEY, PLAIN, RIGHT = range(1, 9)
STYLES = f"""{XML}<styleSheet xmlns="{MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>
<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFF0F4F8"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>
<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>
<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1">\
<alignment horizontal="center" vertical="center"/></xf>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" \
applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">\
<alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" \
applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1">\
<alignment vertical="top"/></xf>
<xf numFmtId="164" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" \
applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">\
<alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">\
<alignment horizontal="right"/></xf></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
# What XML must escape, characters XML 1.0 cannot hold, and text a spreadsheet would read as one of
# their escapes (_x0008_).
MARKUP = re.compile(r"[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
MAX_TEXT = 32767  # characters a spreadsheet cell holds
ZIP_LIMIT = (1 << 31) - 1  # bytes of a zip member written without the ZIP64 extension


@lru_cache(maxsize=1 << 16)  # a year's sheets repeat department and code names on every budget's rows
def inline_text(value: str) -> str:
    """A text cell's content: escaped, and with its leading or trailing spaces marked to be kept (Excel
    trims them otherwise)."""
    value = value[:MAX_TEXT]
    if MARKUP.search(value):
        value = escape(UNWRITABLE.sub(lambda found: f"_x{ord(found.group()):04X}_", value))
    kept = ' xml:space="preserve"' if value != value.strip() else ""
    return f"<is><t{kept}>{value}</t></is>"


def stored_width(characters: float) -> float:
    """A column `characters` wide as spreadsheets store it: whole pixels of 7 per character, plus 5 of padding."""
    return (int(characters * 7 + 0.5) + 5) / 7


class FlatSheet:
    """One sheet: its rows go to a temporary file as they are written."""

    def __init__(self, table: OfficialTable, subtitle: str, unit: AmountUnit):
        self.name = table.name[:31]  # the longest sheet name a spreadsheet accepts
        self.rows_file = tempfile.TemporaryFile()
        self.widths = table_widths(table)
        self.letters = [xl_col_to_name(col) for col in range(len(table.columns))]
        self.row = 0
        self.head(table, subtitle, unit)

    def head(self, table: OfficialTable, subtitle: str, unit: AmountUnit) -> None:
        labels = [column_label(column) for column in table.columns]
        subtitle_lines = wrapped_lines(subtitle, sum(self.widths))
        self.text_row([(table.title, TITLE)], TITLE_HEIGHT)
        self.text_row([(subtitle, PLAIN)], row_height(subtitle_lines) if subtitle_lines > 1 else None)
        self.text_row([(f"单位：{unit.label}", RIGHT)], None)
        header_lines = max(wrapped_lines(label, width) for label, width in zip(labels, self.widths))
        self.text_row([(label, HEADER) for label in labels], row_height(header_lines))

    def text_row(self, cells: list[tuple[str, int]], height: float | None) -> None:
        self.row += 1
        written = "".join(
            f'<c r="{letters}{self.row}" s="{style}" t="inlineStr">{inline_text(text)}</c>'
            for letters, (text, style) in zip(self.letters, cells)
        )
        self.rows_file.write(f"{self.row_start(height)}{written}</row>".encode())

    def row_start(self, height: float | None) -> str:
        if height is None:
            return f'<row r="{self.row}">'
        return f'<row r="{self.row}" ht="{height}" customHeight="1">'

    def table_rows(self, table: OfficialTable, unit: AmountUnit, extra: dict) -> None:
        """The table's rows, with the `extra` cells (the department) in each."""
        columns = [
            (letters, c.key, c.kind, width) for letters, c, width in zip(self.letters, table.columns, self.widths)
        ]
        convert = None if unit is AmountUnit.YUAN else unit.convert  # stored amounts are 元 to the cent
        parts = []
        for data_row in table.rows:
            cells, lines, written = {**data_row.cells, **extra}, 1, []
            self.row += 1
            text, money = (TOTAL_TEXT, TOTAL_MONEY) if data_row.is_total else (TEXT, MONEY)
            for letters, key, kind, width in columns:
                value, ref = cells.get(key), f"{letters}{self.row}"
                if value is None or value == "":
                    written.append(f'<c r="{ref}" s="{text}"/>')
                elif kind == "money":
                    amount = convert(value) if convert else value
                    written.append(f'<c r="{ref}" s="{money}"><v>{number_text(amount)}</v></c>')
                elif kind == "number":
                    written.append(f'<c r="{ref}" s="{text}"><v>{number_text(value)}</v></c>')
                else:
                    value = str(value)
                    lines = max(lines, wrapped_lines(value, width))
                    written.append(f'<c r="{ref}" s="{text}" t="inlineStr">{inline_text(value)}</c>')
            # Spreadsheets do not grow rows for text a program wrote: the height its longest text needs.
            parts.append(self.row_start(row_height(lines) if lines > 1 else None))
            parts.extend(written)
            parts.append("</row>")
        self.rows_file.write("".join(parts).encode())

    def around_rows(self, index: int) -> tuple[bytes, bytes]:
        """The sheet's XML before its rows and after them."""
        last = self.letters[-1]
        selected = 'tabSelected="1" ' if index == 1 else ""
        widths = "".join(
            f'<col min="{col}" max="{col}" width="{stored_width(width):.8g}" customWidth="1"/>'
            for col, width in enumerate(self.widths, start=1)
        )
        before = (
            f'{XML}<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<dimension ref="A1:{last}{self.row}"/>'
            f'<sheetViews><sheetView {selected}workbookViewId="0">'
            '<pane xSplit="1" ySplit="4" topLeftCell="B5" activePane="bottomRight" state="frozen"/>'
            '<selection pane="topRight"/><selection pane="bottomLeft"/><selection pane="bottomRight"/>'
            "</sheetView></sheetViews>"
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{widths}</cols><sheetData>'
        )
        merged = "".join(f'<mergeCell ref="A{row}:{last}{row}"/>' for row in (1, 2, 3))
        after = (
            f'</sheetData><mergeCells count="3">{merged}</mergeCells>'
            '<printOptions horizontalCentered="1"/>'
            f'<pageMargins left="{SIDE_MARGIN}" right="{SIDE_MARGIN}" top="{TOP_MARGIN}" bottom="{TOP_MARGIN}" '
            'header="0.3" footer="0.25"/>'
            f'<pageSetup paperSize="{A4}" orientation="landscape" fitToHeight="0"/>'
            f"<headerFooter><oddFooter>{escape(PAGE_FOOTER)}</oddFooter></headerFooter></worksheet>"
        )
        return before.encode(), after.encode()


class FlatWorkbook:
    """The xlsx file: sheets are written one after the other, each zipped when the next begins."""

    def __init__(self, stream: BinaryIO | str):
        # Built on request: deflating at level 1 takes a third of the default's time for a quarter more bytes.
        self.zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self.names: list[str] = []
        self.current: FlatSheet | None = None

    def sheet(self, table: OfficialTable, subtitle: str, unit: AmountUnit) -> FlatSheet:
        """A new sheet named for the table, its title, subtitle, 单位 and header rows written."""
        self.finish_sheet()
        self.current = FlatSheet(table, subtitle, unit)
        self.names.append(self.current.name)
        return self.current

    def finish_sheet(self) -> None:
        if not self.current:
            return
        index, rows = len(self.names), self.current.rows_file
        before, after = self.current.around_rows(index)
        size = len(before) + rows.tell() + len(after)
        # Its ZIP64 extension only where the size needs it: older versions of Excel refuse it.
        with rows, self.zip.open(f"xl/worksheets/sheet{index}.xml", "w", force_zip64=size > ZIP_LIMIT) as member:
            member.write(before)
            rows.seek(0)
            shutil.copyfileobj(rows, member)
            member.write(after)
        self.current = None

    def close(self) -> None:
        self.finish_sheet()
        write = self.zip.writestr
        count = len(self.names)
        write("[Content_Types].xml", content_types(count))
        write("_rels/.rels", relationships([("officeDocument", "xl/workbook.xml")], PACKAGE))
        write("xl/workbook.xml", workbook_xml(self.names))
        parts = [("worksheet", f"worksheets/sheet{n}.xml") for n in range(1, count + 1)] + [("styles", "styles.xml")]
        write("xl/_rels/workbook.xml.rels", relationships(parts, PACKAGE))
        write("xl/styles.xml", STYLES)
        self.zip.close()


def number_text(value) -> str:
    """A number as exact decimal text (never 1E+3)."""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def content_types(sheets: int) -> str:
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{kind}.worksheet+xml"/>'
        for n in range(1, sheets + 1)
    )
    return (
        f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{kind}.styles+xml"/>{overrides}</Types>'
    )


def relationships(targets: list[tuple[str, str]], namespace: str) -> str:
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    listed = "".join(
        f'<Relationship Id="rId{n}" Type="{kind}/{what}" Target="{target}"/>'
        for n, (what, target) in enumerate(targets, start=1)
    )
    return f'{XML}<Relationships xmlns="{namespace}">{listed}</Relationships>'


def workbook_xml(names: list[str]) -> str:
    sheets = "".join(
        f'<sheet name={quoteattr(name)} sheetId="{n}" r:id="rId{n}"/>' for n, name in enumerate(names, start=1)
    )
    # Each sheet's header row (the fourth) printed at the top of every page.
    titles = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{n}">{escape(sheet_reference(name))}!$4:$4</definedName>'
        for n, name in enumerate(names)
    )
    defined = f"<definedNames>{titles}</definedNames>" if names else ""
    return (
        f'{XML}<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><bookViews><workbookView/></bookViews>'
        f"<sheets>{sheets}</sheets>{defined}</workbook>"
    )


def sheet_reference(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"
