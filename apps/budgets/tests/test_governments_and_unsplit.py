"""Budgets of two governments side by side, and a budget that holds 基本支出
unsplit by function code: every table, check, 说明, file and API answer shows
what the document gave, never an invented split."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from apps.budgets.checks import run_checks
from apps.budgets.explanation import explanation_paragraphs
from apps.budgets.models import Budget, EconomicLine, FunctionLine, Nature, TableSet
from apps.budgets.official import build_table, slugs_of
from apps.budgets.stored import store_figures

from .district import BASIC_TOTAL, PERSONNEL_TOTAL, district_budget

pytestmark = pytest.mark.django_db


def test_two_governments_keep_their_own_department_codes_and_addresses(client, seed_budget):
    district = district_budget()
    assert seed_budget.get_absolute_url() == "/departments/205/2021/"  # today's URLs keep working
    assert district.get_absolute_url() == "/departments/310107-205/2024/"
    city_page = client.get("/departments/205/2021/?unit=yuan").content.decode()
    district_page = client.get(district.get_absolute_url() + "?unit=yuan").content.decode()
    assert "2021年市级部门收支预算总表" in city_page
    assert "2024年区级部门支出预算总表" in district_page and "市级部门" not in district_page
    assert client.get("/departments/205/2024/").status_code == 404  # 205 of the city has no 2024 budget
    assert client.get("/departments/999999-205/2024/").status_code == 404


def test_the_shanghai_set_has_its_own_tables_and_names():
    budget = district_budget()
    assert slugs_of(budget)[:3] == ("summary", "income", "expenditure")
    assert "projects" not in slugs_of(budget)  # the document publishes no 项目支出表
    assert build_table(budget, "summary").name == "财务收支预算总表"
    three_public = build_table(budget, "three-public")
    assert three_public.rows[0].cells["running_cost"] == Decimal("4431800.00")
    assert three_public.rows[0].cells["reception"] == Decimal("13500.00")


def test_unsplit_basic_is_one_column_never_a_split():
    budget = district_budget()
    table = build_table(budget, "expenditure")
    assert [c.label for c in table.columns[2:]] == ["合计", "基本支出", "项目支出"]
    row = next(r for r in table.rows if r.code == "2120101")
    assert row.cells["basic"] == Decimal("16353248.34") and row.cells["project"] == Decimal("250000.00")
    assert table.rows[0].cells["basic"] == BASIC_TOTAL

    budget.table_set = TableSet.ZHEJIANG  # the same lines in a template whose table has 人员/公用 columns
    zhejiang = build_table(budget, "expenditure")
    keys = [c.key for c in zhejiang.columns]
    assert "personnel" not in keys and "public" not in keys
    assert next(c for c in zhejiang.columns if c.key == "basic_total").label == "基本支出（未分人员、公用）"
    general = build_table(budget, "general-public")
    assert "personnel" not in [c.key for c in general.columns]


def test_economic_split_is_what_the_document_gives():
    table = build_table(district_budget(), "general-public-basic")
    total = table.rows[0].cells
    assert (total["total"], total["personnel"]) == (BASIC_TOTAL, PERSONNEL_TOTAL)


def test_checks_compare_what_both_sides_hold():
    budget = district_budget()
    assert [str(r) for r in run_checks(budget) if not r.passed] == []
    names = [r.name for r in run_checks(budget)]
    assert not any("人员经费：按功能分类" in name for name in names)  # no 人员 by function code to compare
    EconomicLine.objects.filter(budget=budget, code__code="30201").update(amount=Decimal("4339748.35"))
    failed = [r for r in run_checks(budget) if not r.passed]
    assert [r.difference for r in failed] == [Decimal("0.01")]
    assert "一般公共预算基本支出表合计" in str(failed[0]) and "≠" not in failed[0].relation


def test_a_line_beside_its_own_child_code_fails_the_level_check():
    budget = district_budget()
    parent = FunctionLine.objects.filter(budget=budget, code__code="2120101").first().code.parent
    FunctionLine.objects.create(budget=budget, code=parent, nature=Nature.PROJECT, amount=Decimal("1.00"))
    failed = [str(r) for r in run_checks(budget) if not r.passed and "末级" in r.name]
    assert failed and "21201" in failed[0] and "2120101" in failed[0]


def test_the_generated_explanation_keeps_to_what_the_figures_support():
    text = "".join(explanation_paragraphs(district_budget()))
    assert "人员经费1660.85万元" in text  # from the economic table, where the document splits it
    assert "轿车" not in text and "政府采购" not in text  # figures only Zhejiang's template states


def test_the_workbook_shows_the_unsplit_column_and_the_stated_running_cost(client):
    budget = district_budget()
    response = client.get(budget.get_absolute_url() + "export.xlsx")
    book = load_workbook(BytesIO(response.content))
    expenditure = book["支出预算总表"]
    texts = [str(c.value) for row in expenditure.iter_rows() for c in row if c.value is not None]
    assert "基本支出" in texts and "人员支出" not in texts
    three_public = book["“三公”经费和机关运行经费预算表"]
    values = [c.value for row in three_public.iter_rows() for c in row]
    assert "机关运行经费" in values and any(v == 4431800 for v in values if isinstance(v, int | float | Decimal))


def test_the_api_reads_every_row_back(client):
    district_budget()
    found = client.get("/api/budgets/?department=310107-205").json()
    assert [b["year"] for b in found["results"]] == [2024]
    table = client.get("/api/budgets/310107-205/2024/tables/expenditure/").json()
    rows = {row["code"]: row["cells"] for row in table["rows"] if row["code"]}
    assert rows["2120101"] == {
        "code": "2120101",
        "name": "行政运行",
        "total": "16603248.34",
        "basic": "16353248.34",
        "project": "250000.00",
    }
    assert table["rows"][0]["cells"]["basic"] == str(BASIC_TOTAL)


def test_a_finding_stands_beside_its_table(client):
    budget = district_budget()
    page = client.get(budget.get_absolute_url() + "?unit=yuan").content.decode()
    assert "原文 16,353,248.00，明细合计 16,353,248.34，相差 0.34" in page
    assert "部门主要职能" in page  # the document's own narrative, as published


def test_a_district_budget_round_trips_through_its_workbook(client):
    from apps.budgets.models import Budget, Finding, NarrativeSection
    from apps.workbooks.reader import read_budget_workbook
    from apps.workbooks.services import budget_import

    budget = district_budget()
    content = client.get(budget.get_absolute_url() + "export.xlsx").content
    before = {slug: build_table(budget, slug).rows for slug in slugs_of(budget)}
    budget.delete()

    again = budget_import(data=read_budget_workbook(content))
    assert again.department.government.name == "上海市普陀区" and again.table_set == TableSet.SHANGHAI
    assert again.running_cost == Decimal("4431800.00")
    assert {slug: build_table(again, slug).rows for slug in slugs_of(again)} == before
    assert list(NarrativeSection.objects.filter(budget=again).values_list("heading", flat=True)) == ["部门主要职能"]
    assert Finding.objects.get(budget=again).sentence == "原文 16,353,248.00，明细合计 16,353,248.34，相差 0.34"
    assert Budget.objects.filter(department__code="205", year=2021).exists()  # the city's 205 is untouched


def test_the_api_is_scoped_to_one_government(client, seed_budget):
    district_budget()
    district = client.get("/api/budgets/?government=310107").json()["results"]
    assert [(b["department_key"], b["government"]["level"]) for b in district] == [("310107-205", "区级")]
    city = client.get("/api/departments/?government=330600").json()["results"]
    assert [(d["key"], d["government"]["name"]) for d in city] == [("205", "绍兴市本级")]
    assert client.get("/api/budgets/?government=999999").json()["count"] == 0


def test_year_files_can_be_scoped_to_one_government(client, seed_budget):
    district_budget()

    def csv(url: str) -> str:
        return b"".join(client.get(url).streaming_content).decode("utf-8-sig")

    assert "310107-205" in csv("/years/2024/tables/expenditure.csv")
    assert client.get("/years/2024/tables/expenditure.csv?government=330600").status_code == 404  # none that year
    assert "205 绍兴市信访局" in csv("/years/2021/tables/expenditure.csv?government=330600")
    assert "绍兴市信访局" not in csv("/years/2024/tables/expenditure.csv?government=310107")


def test_the_generated_explanation_names_no_figure_the_document_lacks():
    text = "".join(explanation_paragraphs(district_budget()))
    assert "人员支出0.00万元" not in text and "政府性基金收入" not in text and "结转下年" not in text
    assert "基本支出（未分人员、公用）2096.18万元" in text


def test_the_home_page_adds_up_one_government_at_a_time(client, seed_budget):
    from apps.public.tests.helpers import page_text

    district = district_budget()
    district.year = 2021
    district.save()  # the same year as the city's seed: two governments publish
    store_figures(Budget.objects.filter(pk=district.pk))
    city = page_text(client.get("/?year=2021&unit=yuan"))
    assert "2021年全市1个部门支出预算总计" in city and "行政区划：" in city
    district_page = page_text(client.get("/?year=2021&government=310107&unit=yuan"))
    assert "2021年全区1个部门支出预算总计" in district_page and "绍兴市信访局" not in district_page
    assert client.get("/?government=999999").status_code == 404


def test_a_budget_that_names_no_unit_shows_no_empty_unit_label(client, seed_budget):
    from apps.public.tests.helpers import page_text

    district = district_budget()
    assert not district.units.exists()  # its document budgets the department as a whole
    assert "预算单位：" not in page_text(client.get(district.get_absolute_url()))
    assert "预算单位：【205001】绍兴市信访局本级" in page_text(client.get(seed_budget.get_absolute_url()))


def test_finance_staff_list_one_governments_budgets_in_the_admin(admin_client, seed_budget):
    from apps.public.tests.helpers import page_text

    district = district_budget()
    listing = page_text(
        admin_client.get(
            f"/admin/budgets/budget/?department__government__id__exact={district.department.government_id}"
        )
    )
    assert "上海市普陀区人民政府某街道办事处" in listing and "绍兴市信访局" not in listing
    found = page_text(admin_client.get("/admin/budgets/budget/?q=上海市普陀区"))  # by the government's name
    assert "上海市普陀区人民政府某街道办事处" in found and "绍兴市信访局" not in found
