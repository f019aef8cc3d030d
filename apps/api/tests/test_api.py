"""The JSON API gives the pages' figures as exact strings, paginates, and says 404 in JSON."""

from decimal import Decimal

import pytest

from apps.budgets.models import Budget
from apps.reference.models import Department
from apps.reference.tests.helpers import home_government


def get(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status and response["Content-Type"] == "application/json"
    return response.json()


def test_budgets_list_with_totals(client, seed_budget):
    data = get(client, "/api/budgets/?year=2021")
    assert data["count"] == 1
    [budget] = data["results"]
    assert (budget["total"], budget["basic"], budget["project"]) == ("25258772.17", "8661712.17", "16597060.00")
    assert get(client, budget["url"])["explanation"][1].endswith("收支总预算2525.88万元。")


def test_table_and_projects(client, seed_budget):
    table = get(client, "/api/budgets/205/2021/tables/three-public/")
    assert [row["cells"]["reception"] for row in table["rows"]] == ["164110.00", "164110.00", "162110.00", "2000.00"]
    projects = get(client, "/api/budgets/205/2021/projects/")["results"]
    assert len(projects) == 12 and sum(Decimal(p["total"]) for p in projects) == Decimal("16597060.00")
    reception = next(p for p in projects if p["name"] == "公务接待费")
    assert reception["fundings"]["general"] == "142110.00" and len(reception["indicators"]) == 5


def test_departments_and_codes(client, seed_budget):
    assert get(client, "/api/departments/")["results"][0]["units"][1]["name"] == "绍兴市政务热线服务中心"
    codes = get(client, "/api/codes/function/2021/")["results"]
    assert {"code": "2010308", "name": "信访事务", "level": "项", "parent": "20103"} in codes


def test_lists_paginate(client, seed_budget):
    Department.objects.bulk_create(
        Department(government=home_government(), code=f"9{n:02d}", name=f"测试部门{n}") for n in range(60)
    )
    for department in Department.objects.exclude(code="205"):
        Budget.objects.create(department=department, year=2021, status="published")
    first = get(client, "/api/budgets/")
    assert first["count"] == 61 and len(first["results"]) == 50 and first["next"].endswith("page=2")
    assert len(get(client, first["next"])["results"]) == 11


@pytest.mark.parametrize(
    "url",
    [
        "/api/budgets/205/2020/",
        "/api/budgets/205/2021/tables/nonsense/",
        "/api/nothing/",
        "/api/budgets/?page=7",
        "/api/codes/other/2021/",
    ],
)
def test_errors_are_json(client, seed_budget, url):
    assert "error" in get(client, url, status=404)


def test_drafts_stay_out_of_the_api(client, seed_budget):
    Budget.objects.filter(pk=seed_budget.pk).update(status="draft")
    assert get(client, "/api/budgets/")["count"] == 0
    assert get(client, "/api/departments/")["count"] == 0
    get(client, "/api/budgets/205/2021/", status=404)
