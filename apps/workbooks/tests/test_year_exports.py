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
    assert sheet["A1"].value == "2021年市级部门支出预算总表（全部部门）"
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
    assert ["301 绍兴市测试局", "", "合计", "0.10", "0.10", "", "", "", "", ""] in rows
    assert sum(1 for r in rows if r[0] == "205 绍兴市信访局") == 23


def test_years_without_published_budgets_are_404(client, seed_budget):
    assert client.get("/years/2019/export.xlsx").status_code == 404
    assert client.get("/years/2021/tables/nonsense.csv").status_code == 404
