"""The whole year, every published budget, as one workbook and as CSV per table."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from apps.budgets.models import Budget, FunctionLine, RevenueLine
from apps.reference.models import ClassificationCode, Department
from apps.reference.tests.helpers import home_government


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
