"""A real spreadsheet program reads what we write: LibreOffice converts every
sheet of the seed's workbook to CSV, and its values equal ours."""

import csv
import subprocess
from decimal import Decimal, InvalidOperation

from apps.workbooks.safety import sheet_rows

# CSV, UTF-8 (76), raw values, every sheet to its own file (-1).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def comparable(value) -> object:
    if value is None or value == "":
        return ""
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return str(value)


def test_libreoffice_reads_every_value(soffice, seed_workbook, tmp_path):
    source = tmp_path / "budget.xlsx"
    source.write_bytes(seed_workbook)
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
    ours = sheet_rows(seed_workbook)
    for name, rows in ours.items():
        with open(tmp_path / f"budget-{name}.csv", encoding="utf-8", newline="") as file:
            theirs = list(csv.reader(file))
        width = max(len(r) for r in rows)
        expected = [[comparable(v) for v in row] + [""] * (width - len(row)) for row in rows]
        read = [[comparable(v) for v in row] + [""] * (width - len(row)) for row in theirs]
        assert read == expected, name
