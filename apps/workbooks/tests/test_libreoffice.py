"""A real spreadsheet program reads what we write: LibreOffice converts every
sheet of the seed's workbook to CSV, and its values equal ours."""

import csv
import io
import subprocess
from decimal import Decimal, InvalidOperation

from apps.projects.models import Project
from apps.workbooks.safety import sheet_rows
from apps.workbooks.year import write_year_workbook

# CSV, UTF-8 (76), raw values, every sheet to its own file (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def comparable(value) -> object:
    if value is None or value == "":
        return ""
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return str(value)


def sheets_as_libreoffice_reads_them(soffice, content: bytes, tmp_path) -> dict[str, list[list[str]]]:
    source = tmp_path / "book.xlsx"
    source.write_bytes(content)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            CSV_FILTER,
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    read = {}
    for name in sheet_rows(content):
        with open(tmp_path / f"book-{name}.csv", encoding="utf-8", newline="") as file:
            read[name] = list(csv.reader(file))
    return read


def assert_same_values(soffice, content: bytes, tmp_path) -> None:
    theirs = sheets_as_libreoffice_reads_them(soffice, content, tmp_path)
    for name, rows in sheet_rows(content).items():
        width = max(len(r) for r in rows)
        expected = [[comparable(v) for v in row] + [""] * (width - len(row)) for row in rows]
        read = [[comparable(v) for v in row] + [""] * (width - len(row)) for row in theirs[name]]
        assert read == expected, name


def test_libreoffice_reads_every_value(soffice, seed_workbook, tmp_path):
    assert_same_values(soffice, seed_workbook, tmp_path)


def test_libreoffice_reads_every_value_of_the_year_workbook(soffice, seed_budget, tmp_path):
    """The year's workbook has its own writer (flat_xlsx): every sheet's values as a spreadsheet program
    reads them, a name's leading and trailing spaces and its markup included."""
    Project.objects.filter(name="培训费").update(name="  培训费 <b>&</b> ")
    out = io.BytesIO()
    write_year_workbook(2021, out)
    assert_same_values(soffice, out.getvalue(), tmp_path)
    names = [cell for rows in sheet_rows(out.getvalue()).values() for row in rows for cell in row]
    assert "  培训费 <b>&</b> " in names
