"""A real PDF producer in the loop: our own exported workbook, printed to PDF by
LibreOffice, ingests back to the same budget."""

import subprocess
from io import BytesIO

from apps.ingest.pipeline import read_disclosure
from apps.ingest.services import ingest_write
from apps.workbooks.writer import write_budget_workbook

from .conftest import printed


def to_pdf(soffice: str, content: bytes, folder) -> bytes:
    source = folder / "budget.xlsx"
    source.write_bytes(content)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (folder / "budget.pdf").read_bytes()


def test_pdf_of_our_workbook_ingests_to_the_same_budget(soffice, seed_budget, tmp_path):
    stream = BytesIO()
    write_budget_workbook(seed_budget, stream)
    pdf = to_pdf(soffice, stream.getvalue(), tmp_path)
    expected = printed(seed_budget)
    seed_budget.delete()

    ingest = read_disclosure(pdf, "budget.pdf", department="205")
    assert ingest.report.problems == []
    assert printed(ingest_write(ingest)) == expected
    assert any("无对应的公开表" in table.status for table in ingest.report.tables)  # the 明细 sheets, kept and reported
