"""The seed's workbook printed by a real spreadsheet program: LibreOffice turns it
into a PDF, and every sheet prints on A4 landscape, one page wide, each official
table on no more pages than the published disclosure used, in readable type."""

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from django.conf import settings

from apps.budgets.official import build_all
from apps.workbooks import layout

A4_LANDSCAPE = (842, 595)  # points


def disclosure_pages() -> dict[str, int]:
    """Pages each table takes in the published PDF: its text has a blank line where a page broke
    inside a table (fixtures/disclosure_205_2021.txt was extracted page by page)."""
    text = (Path(settings.BASE_DIR) / "fixtures" / "disclosure_205_2021.txt").read_text(encoding="utf-8")
    sections = re.split(r"^2021年市级部门(?:预算)?(\S+表)$", text, flags=re.M)
    pages = {}
    for name, body in zip(sections[1::2], sections[2::2]):
        lines = body.splitlines()
        rows = [i for i, line in enumerate(lines) if "\t" in line]
        pages[name] = 1 + sum(1 for line in lines[rows[0] : rows[-1]] if not line.strip())
    return pages


@pytest.fixture(scope="session")
def calibri_metrics() -> None:
    """The workbook's font is Calibri, as in Excel; LibreOffice lays it out the same with Carlito,
    its metric twin. With another font the columns are wider and the pages different."""
    found = (
        subprocess.run(["fc-match", "Calibri"], capture_output=True, text=True).stdout
        if shutil.which("fc-match")
        else ""
    )
    if "Carlito" not in found:
        if os.environ.get("CI"):
            pytest.fail("Carlito is missing: .ci/run installs fonts-crosextra-carlito")
        pytest.skip("Calibri's metric twin is not installed (apt-get install -y fonts-crosextra-carlito)")


@pytest.fixture
def printed(soffice, calibri_metrics, seed_workbook, tmp_path) -> list[dict]:
    """Each printed page: its size, the sheet it belongs to, its text and its most common type size."""
    source = tmp_path / "budget.xlsx"
    source.write_bytes(seed_workbook)
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf"]
        + ["--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pages = []
    with pdfplumber.open(tmp_path / "budget.pdf") as pdf:
        # LibreOffice bookmarks each sheet's first page with the sheet's name.
        starts = {dest[0].objid: name for _, name, dest, *_ in pdf.doc.get_outlines()}
        sheet = None
        for page in pdf.pages:
            sheet = starts.get(page.page_obj.pageid, sheet)
            sizes = Counter(round(char["size"], 1) for char in page.chars)
            pages.append(
                {
                    "size": (round(page.width), round(page.height)),
                    "sheet": sheet,
                    "text": re.sub(r"\s", "", page.extract_text() or ""),
                    "type": sizes.most_common(1)[0][0],
                }
            )
    return pages


def one_page_wide(pages: list[dict], labels: list[str]) -> bool:
    """The header rows repeat on every page, so a sheet one page wide shows every column's label
    on every page (a label may wrap, so its characters are looked for, not the whole word)."""
    return all(set("".join(labels)) <= set(page["text"]) for page in pages)


def test_every_sheet_prints_a4_landscape_one_page_wide(printed, seed_budget):
    assert {page["size"] for page in printed} == {A4_LANDSCAPE}
    official = disclosure_pages()
    report = []
    for table in build_all(seed_budget):
        pages = [page for page in printed if page["sheet"] == table.name]
        labels = [c.label for c in table.columns] + [c.group for c in table.columns if c.group]
        assert one_page_wide(pages, labels), table.name
        assert len(pages) <= official[table.name], (table.name, len(pages), official[table.name])
        assert min(page["type"] for page in pages) >= 6, (table.name, "type shrunk past reading")
        report.append(f"{table.name} {len(pages)}/{official[table.name]}")
    for spec in layout.DETAIL_SHEETS:
        assert one_page_wide([page for page in printed if page["sheet"] == spec.name], spec.headers), spec.name
    print(f"\nLibreOffice prints {len(printed)} pages; official tables (ours/disclosure's):", "，".join(report))
    sheets = [
        layout.INFO_SHEET,
        *(table.name for table in build_all(seed_budget)),
        *(spec.name for spec in layout.DETAIL_SHEETS),
    ]
    assert list(Counter(page["sheet"] for page in printed)) == sheets  # every sheet printed, in order


def test_the_check_notices_a_sheet_two_pages_wide(printed):
    """one_page_wide is not vacuous: a page showing half the columns fails it."""
    page = next(page for page in printed if page["sheet"] == "项目绩效目标表")
    assert one_page_wide([page], ["单位编码", "指标权重"])
    half = {**page, "text": page["text"].replace("权", "")}
    assert not one_page_wide([half], ["单位编码", "指标权重"])
