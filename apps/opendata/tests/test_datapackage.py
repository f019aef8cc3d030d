"""The year's Frictionless Data Package: valid for the `frictionless` library, every
published budget's line items and tables, exact amounts, codes as text, blanks kept."""

import io
import zipfile
from collections import defaultdict
from decimal import Decimal

import pytest
from frictionless import Package, validate

from apps.budgets.models import Budget, FunctionLine, RevenueLine
from apps.budgets.official import ZHEJIANG, Column, OfficialTable, Row
from apps.budgets.stored import store_figures
from apps.opendata.tables import SpooledTable
from apps.reference.models import ClassificationCode, Department, Government
from apps.reference.tests.helpers import home_government

URL = "/years/2021/datapackage.zip"


@pytest.fixture
def second_budget(seed_budget) -> Budget:
    """Another government's department with the seed's code: the package tells them apart."""
    district = Government.objects.create(code="330602", name="越城区", level="district")
    department = Department.objects.create(government=district, code="205", name="越城区测试局")
    budget = Budget.objects.create(department=department, year=2021, status="published")
    RevenueLine.objects.create(budget=budget, source="general", amount=Decimal("1000.50"))
    code = ClassificationCode.objects.get(scheme="function", year=2021, code="2010301")
    FunctionLine.objects.create(budget=budget, code=code, nature="personnel", amount=Decimal("1000.50"))
    store_figures(Budget.objects.filter(pk=budget.pk))  # as publishing would
    draft = Department.objects.create(government=home_government(), code="302", name="草稿局")
    Budget.objects.create(department=draft, year=2021)  # a draft: never in the package
    return budget


@pytest.fixture
def package_path(client, second_budget, tmp_path):
    response = client.get(URL)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    path = tmp_path / "datapackage.zip"
    path.write_bytes(b"".join(response.streaming_content))
    return path


def rows(package: Package, name: str) -> list[dict]:
    return package.get_resource(name).read_rows()


def test_the_package_is_valid_frictionless_data(package_path):
    report = validate(str(package_path))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    names = [resource.name for resource in Package(str(package_path)).resources]
    assert names[:7] == [
        "budgets",
        "revenue",
        "expenditure-by-function",
        "basic-expenditure-by-economic",
        "three-public",
        "project-funding",
        "performance-indicators",
    ]
    assert names[7:] == [f"table-zhejiang-{slug}" for slug in ZHEJIANG]


def test_a_package_with_a_wrong_cell_fails_validation(package_path, tmp_path):
    """The validation above can fail: an amount that is not a number breaks the package."""
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(package_path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "data/revenue.csv":
                content = content.replace(b"1000.50", b"1000.5x")
            target.writestr(item, content)
    report = validate(str(broken))
    assert not report.valid and report.flatten(["type"]) == [["type-error"]]


def test_line_items_add_up_to_each_budget_exactly(package_path):
    package = Package(str(package_path))
    budgets = {(r["department"], r["phase"]): r for r in rows(package, "budgets")}
    assert set(budgets) == {("205", "budget"), ("330602-205", "budget")}  # published only: no draft
    assert budgets["205", "budget"]["total"] == Decimal("25258772.17")
    assert budgets["330602-205", "budget"]["government_name"] == "越城区"
    spent = defaultdict(Decimal)
    for line in rows(package, "expenditure-by-function"):
        spent[line["department"], line["phase"]] += line["amount"]
    assert spent == {key: budget["total"] for key, budget in budgets.items()}
    reception = [r for r in rows(package, "basic-expenditure-by-economic") if r["economic_section_code"] == "30217"]
    assert [(r["economic_class_code"], r["amount"]) for r in reception] == [("302", Decimal("22000.00"))]
    three_public = sum(r["amount"] for r in rows(package, "three-public") if r["category"] == "reception")
    assert three_public == Decimal("164110.00")


def test_tables_keep_codes_levels_and_blanks(package_path):
    package = Package(str(package_path))
    expenditure = [r for r in rows(package, "table-zhejiang-expenditure") if r["department"] == "205"]
    [total] = [r["total"] for r in expenditure if r["is_total"]]
    assert sum(r["total"] for r in expenditure if r["level_label"] == "项") == total == Decimal("25258772.17")
    assert {r["code"] for r in expenditure if r["level"] == 3} >= {"2010301", "2010308"}
    summary = [r for r in rows(package, "table-zhejiang-summary") if r["department"] == "205"]
    assert next(r for r in summary if r["exp_item"] == "信访事务")["code"] == "2010308"
    [fund_total] = rows(package, "table-zhejiang-government-fund")[:1]
    assert fund_total["is_total"] and fund_total["total"] is None  # no 政府性基金: blank, not 0


def test_a_package_of_one_government_holds_only_its_budgets(client, second_budget, tmp_path):
    response = client.get(URL + "?government=330602")
    assert response["Content-Disposition"].endswith('filename="department-budgets-2021-330602.zip"')
    path = tmp_path / "district.zip"
    path.write_bytes(b"".join(response.streaming_content))
    assert validate(str(path)).valid
    package = Package(str(path))
    assert package.name == "department-budgets-2021-330602" and package.title == "2021年越城区已公开的部门预算"
    assert [(r["department"], r["total"]) for r in rows(package, "budgets")] == [("330602-205", Decimal("1000.50"))]
    assert {r["department"] for r in rows(package, "expenditure-by-function")} == {"330602-205"}
    assert {r["department"] for r in rows(package, "table-zhejiang-expenditure")} == {"330602-205"}
    assert client.get(URL + "?government=999999").status_code == 404


def test_years_without_published_budgets_have_no_package(client, seed_budget):
    assert client.get("/years/2019/datapackage.zip").status_code == 404
    Budget.objects.filter(pk=seed_budget.pk).update(status="draft")
    assert client.get(URL).status_code == 404


def test_the_zip_unpacks_to_readable_files(package_path):
    with zipfile.ZipFile(package_path) as archive:
        assert "datapackage.json" in archive.namelist()
        assert all(
            (item.external_attr >> 16) & 0o444 for item in archive.infolist() if item.filename != "datapackage.json"
        )
        header = io.TextIOWrapper(archive.open("data/budgets.csv"), encoding="utf-8").readline()
    assert header.strip() == (
        "department,government_code,government_name,department_code,department_name,phase,"
        "year,table_set,published_at,total,basic,project"
    )


def test_a_district_in_another_table_set_is_valid_too(client, db, tmp_path):
    """上海市普陀区's budget: the Shanghai set's tables, 基本支出 not split into 人员/公用 (blank, not 0),
    三公 and lines for the department as a whole (no unit)."""
    from apps.budgets.tests.district import YEAR, district_budget

    budget = district_budget()
    path = tmp_path / "district.zip"
    path.write_bytes(b"".join(client.get(f"/years/{YEAR}/datapackage.zip").streaming_content))
    report = validate(str(path))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    package = Package(str(path))
    assert [r.name for r in package.resources if r.name.startswith("table-")] == [
        f"table-shanghai-{slug}" for slug in ("summary", "income", "expenditure", "fiscal-summary", "general-public")
    ] + [
        f"table-shanghai-{slug}"
        for slug in ("government-fund", "state-capital", "general-public-basic", "three-public")
    ]
    [row] = rows(package, "budgets")
    assert (row["department"], row["table_set"]) == (budget.department.url_key, "shanghai")
    basic = [r for r in rows(package, "expenditure-by-function") if r["nature"] == "basic"]
    assert basic and all(r["unit_code"] is None for r in basic)
    [total] = [r for r in rows(package, "table-shanghai-general-public") if r["is_total"]]
    assert total["basic"] == total["total"] - total["project"] and "personnel" not in total  # not split: no 人员 column


def test_tables_whose_columns_differ_between_budgets_share_one_resource():
    """A budget with 基本支出 split into 人员/公用 and one without: one header with every column,
    each row's figures under its own columns and blank under the others."""
    split = OfficialTable(
        "t",
        "表",
        "表",
        [Column("name", "名称", kind="text"), *map(money_column, "total personnel public project".split())],
    )
    split.rows = [
        Row(
            cells={
                "name": "合计",
                "total": Decimal("10"),
                "personnel": Decimal("4"),
                "public": Decimal("6"),
                "project": None,
            },
            is_total=True,
        )
    ]
    whole = OfficialTable(
        "t", "表", "表", [Column("name", "名称", kind="text"), *map(money_column, "total basic project".split())]
    )
    whole.rows = [
        Row(
            cells={"name": "合计", "total": Decimal("7"), "basic": Decimal("5"), "project": Decimal("2")}, is_total=True
        )
    ]
    spooled = SpooledTable()
    spooled.add(split, ["a", "", "本级", "1", "甲", "budget"])
    spooled.add(whole, ["b", "", "本级", "2", "乙", "budget"])
    names = [f["name"] for f in spooled.fields()]
    assert names[-6:] == ["name", "total", "basic", "personnel", "public", "project"]
    first, second = (dict(zip(names, row)) for row in spooled.rows())
    assert (first["personnel"], first["project"]) == ("4.00", "")
    assert (second["basic"], second["personnel"], second["project"]) == ("5.00", "", "2.00")


def money_column(key: str) -> Column:
    return Column(key, key)
