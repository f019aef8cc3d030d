"""The whole year, every published budget, as one workbook and as CSV per table."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.utils.escape import unescape

from apps.budgets.amounts import AmountUnit
from apps.budgets.models import Budget, FunctionLine, RevenueLine
from apps.budgets.official import SLUGS, build_table, slugs_of
from apps.generator import store
from apps.projects.models import Project
from apps.reference.models import ClassificationCode, Department
from apps.reference.tests.helpers import home_government
from apps.workbooks.printing import row_height
from apps.workbooks.safety import sheet_rows
from apps.workbooks.table_files import column_label, merge_columns
from apps.workbooks.writer import row_lines, table_widths
from apps.workbooks.year import label, with_department, write_year_workbook, year_budgets


@pytest.fixture
def second_budget(seed_budget) -> Budget:
    department = Department.objects.create(government=home_government(), code="301", name="绍兴市测试局")
    budget = Budget.objects.create(department=department, year=2021, status="published")
    RevenueLine.objects.create(budget=budget, source="general", amount=Decimal("1000.50"))
    code = ClassificationCode.objects.get(scheme="function", year=2021, code="2010301")
    FunctionLine.objects.create(budget=budget, code=code, nature="personnel", amount=Decimal("1000.50"))
    Budget.objects.create(
        department=Department.objects.create(government=home_government(), code="302", name="草稿局"), year=2021
    )  # a draft
    return budget


def test_year_workbook_has_every_table_with_a_department_column(client, second_budget):
    response = client.get("/years/2021/export.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(book.sheetnames) == 9
    sheet = book["支出预算总表"]
    assert sheet["A1"].value == "2021年部门支出预算总表（全部部门）"
    assert [c.value for c in sheet[4]][:5] == ["部门", "科目编码", "科目名称", "总计", "基本支出·人员支出"]
    departments = {row[0] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert departments == {"205 绍兴市信访局", "301 绍兴市测试局"}
    totals = {row[0]: row[3] for row in sheet.iter_rows(min_row=5, values_only=True) if row[2] == "合计"}
    assert totals == {"205 绍兴市信访局": pytest.approx(25258772.17), "301 绍兴市测试局": pytest.approx(1000.5)}


def test_year_csv_streams_one_table_for_all_departments(client, second_budget):
    response = client.get("/years/2021/tables/expenditure.csv?unit=wan")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["部门", "科目编码", "科目名称"] and [r[0] for r in rows].count("部门") == 1
    assert (
        rows[0][-1] == "级次" and ["301 绍兴市测试局", "", "合计", "0.10", "0.10", "", "", "", "", "", "合计"] in rows
    )
    assert sum(1 for r in rows if r[0] == "205 绍兴市信访局") == 23


def test_years_without_published_budgets_are_404(client, seed_budget):
    assert client.get("/years/2019/export.xlsx").status_code == 404
    assert client.get("/years/2021/tables/nonsense.csv").status_code == 404


def test_budgets_whose_tables_differ_share_one_header(client, second_budget):
    """A budget whose 基本支出 is not split into 人员/公用 sits in the year's files beside split ones:
    one header with both kinds of column, each figure under its own, blank (not 0) under the other."""
    department = Department.objects.create(government=home_government(), code="303", name="未分局")
    unsplit = Budget.objects.create(department=department, year=2021, status="published")
    code = ClassificationCode.objects.get(scheme="function", year=2021, code="2010301")
    FunctionLine.objects.create(budget=unsplit, code=code, nature="basic", amount=Decimal("500.00"))
    text = b"".join(client.get("/years/2021/tables/expenditure.csv").streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    totals = {r["部门"]: r for r in rows if r["科目名称"] == "合计"}
    assert (totals["303 未分局"]["基本支出（未分人员、公用）"], totals["303 未分局"]["基本支出·人员支出"]) == (
        "500.00",
        "",
    )
    assert (
        totals["205 绍兴市信访局"]["基本支出（未分人员、公用）"],
        totals["205 绍兴市信访局"]["基本支出·人员支出"],
    ) == (
        "",
        "7193148.60",
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(client.get("/years/2021/export.xlsx").streaming_content)))[
        "支出预算总表"
    ]
    header = [c.value for c in sheet[4]]
    unsplit_total = next(r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0] == "303 未分局")
    assert (
        unsplit_total[header.index("基本支出（未分人员、公用）")] == 500
        and unsplit_total[header.index("基本支出·人员支出")] is None
    )


def expected_cell(value, kind: str):
    """What openpyxl reads back for a cell the writer wrote: blank None, amounts and numbers as numbers."""
    if value is None or value == "":
        return None
    return float(value) if kind in ("money", "number") else str(value)


def test_year_workbook_is_every_budgets_own_tables_cell_by_cell(seed_budget):
    """A small generated city beside the seed budget, a Shanghai-set one with unsplit 基本支出 and
    机关运行经费, and a 决算: each sheet holds, budget after budget, exactly the rows build_table gives it,
    under the union of their columns."""
    department = Department.objects.create(government=home_government(), code="903", name="未分局")
    unsplit = Budget.objects.create(
        department=department, year=2021, status="published", running_cost=12, table_set="shanghai"
    )
    Budget.objects.create(department=department, year=2021, status="published", phase="final")
    code = ClassificationCode.objects.get(scheme="function", year=2021, code="2010301")
    FunctionLine.objects.create(budget=unsplit, code=code, nature="basic", amount=Decimal("500.00"))
    store.generate(6, [2021], 1, progress=lambda done: None)
    out = io.BytesIO()
    budgets = list(year_budgets(2021))
    assert write_year_workbook(2021, out) == len(budgets) == 9
    book, formatted, sheets = openpyxl.load_workbook(out, read_only=True), openpyxl.load_workbook(out), 0
    for slug in SLUGS:
        tables = [(label(budget), build_table(budget, slug)) for budget in budgets if slug in slugs_of(budget)]
        sheets += bool(tables)
        columns: list = []
        for _, table in tables:
            merge_columns(columns, table.columns)
        rows = list(book[tables[0][1].name].iter_rows(min_row=4, values_only=True))
        assert list(rows[0]) == ["部门", *(column_label(c) for c in columns)]
        expected = [
            [department, *(expected_cell(row.cells.get(c.key), c.kind) for c in columns)]
            for department, table in tables
            for row in table.rows
        ]
        assert [list(row) for row in rows[1:]] == expected, slug
        heights = [
            row_height(lines) if (lines := row_lines({**row.cells, "department": department}, *shape)) > 1 else None
            for department, table in tables
            for shape in [(with_department(table, 2021, columns), table_widths(with_department(table, 2021, columns)))]
            for row in table.rows
        ]
        sheet = formatted[tables[0][1].name]
        written = [sheet.row_dimensions[row].height for row in range(5, 5 + len(heights))]
        assert written == heights and written.count(None) == heights.count(None), slug
    assert len(book.sheetnames) == sheets == len(SLUGS)


def test_year_workbook_opens_as_a_formatted_printable_table(seed_budget):
    """The year's sheets read in a spreadsheet as the budget's own do: amounts exactly the table's, to the
    cent, formatted #,##0.00; 合计 rows bold; the header frozen and printed on every A4 landscape page;
    a name that looks like a formula, holds markup or a control character stays the text it was."""
    Project.objects.filter(name="培训费").update(name='=HYPERLINK("x")<b>&\x07')
    out = io.BytesIO()
    write_year_workbook(2021, out, unit=AmountUnit.WAN)
    content = out.getvalue()
    table = build_table(seed_budget, "projects")
    sheet = openpyxl.load_workbook(io.BytesIO(content))[table.name]
    assert (sheet["A1"].value, sheet["A3"].value) == ("2021年部门项目支出表（全部部门）", "单位：万元")
    assert "A1:" in str(sheet.merged_cells) and sheet.freeze_panes == "B5" and sheet.print_title_rows == "$4:$4"
    assert (sheet.page_setup.paperSize, sheet.page_setup.orientation, sheet.page_setup.fitToHeight) == (
        9,
        "landscape",
        0,
    )
    rows = list(sheet.iter_rows(min_row=5))
    total = next(row for row in rows if "合计" in [cell.value for cell in row])
    money = [cell for cell in total if isinstance(cell.value, float)]
    assert money and {(cell.number_format, cell.font.b, cell.border.left.style) for cell in money} == {
        ("#,##0.00", True, "thin")
    }
    names = [cell.value for row in rows for cell in row if isinstance(cell.value, str) and "HYPERLINK" in cell.value]
    # openpyxl leaves a control character as the file holds it (Excel reads _x0007_ back as one)
    assert [unescape(name) for name in names] == ['=HYPERLINK("x")<b>&\x07']
    exact = sheet_rows(content)[table.name]
    amounts = [row.cells[c.key] for row in table.rows for c in table.columns if c.kind == "money"]
    written = [value for row in exact[4:] for value in row if isinstance(value, Decimal)]
    assert written == [AmountUnit.WAN.convert(amount) for amount in amounts if amount is not None]
