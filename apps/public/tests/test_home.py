"""The home page: the city's totals for a year and every published department,
sortable, filterable, paginated past 50, in 元 or 万元."""

import re

import pytest

from apps.budgets.models import Budget, Status
from apps.budgets.stored import store_figures

from .factories import many_departments
from .helpers import chart_payload, hrefs, page_text, row_text, table_part

# The seed (205: 25,258,772.17) plus departments 901–903 (n × 150,000.00 each): 26,158,772.17.


def test_city_totals_and_every_department_with_its_share(client, other_departments):
    response = client.get("/?unit=yuan")
    text = page_text(response)
    assert "2021年全市4个部门支出预算总计 26,158,772.17元" in text
    assert "2021年全市4个部门支出预算总计 2,615.88万元" in page_text(client.get("/"))
    # 205's share of the city: 25,258,772.17 / 26,158,772.17 = 96.559…%
    assert "96.6%" in row_text(response, "绍兴市信访局")
    assert "绍兴市测试局3" in text and "450,000.00" in row_text(response, "绍兴市测试局3")
    assert "/departments/903/2021/" in hrefs(response)


def test_drafts_are_neither_listed_nor_counted(client, seed_budget):
    many_departments(2, status=Status.DRAFT)
    text = page_text(client.get("/"))
    assert "测试局" not in text
    assert "全市1个部门支出预算总计 2,525.88万元" in text and "25,258,772.17" in text


def test_the_latest_year_by_default_and_any_published_year_by_link(client, prior_budget):
    latest = client.get("/")
    # 2021 against 2020: 25,258,772.17 against 20,490,000.00.
    assert "2021年全市1个部门支出预算总计 2,525.88万元 比2020年增加 +476.88万元 （+23.3%）" in page_text(latest)
    assert "?year=2020" in hrefs(latest)
    older = page_text(client.get("/?year=2020"))
    assert "2020年全市1个部门支出预算总计 2,049.00万元" in older and "20,490,000.00" in older
    assert "比2019年" not in older  # no published 2019 to compare with


@pytest.mark.parametrize("year", ["abc", "1999", "2021abc", "99999999999999999999"])
def test_a_year_without_published_budgets_is_a_chinese_404(client, seed_budget, year):
    response = client.get(f"/?year={year}")
    assert response.status_code == 404
    assert "年度已公开的部门预算" in page_text(response)


def test_filter_by_name_and_by_amount_in_the_chosen_unit(client, other_departments):
    def listed(url: str) -> list[str]:
        links = re.findall(r'href="([^"]*)"', table_part(client.get(url)))
        return [code for code in ["205", "901", "902", "903"] if any(f"/departments/{code}/2021/" in h for h in links)]

    assert listed("/?q=信访") == ["205"]
    assert listed("/?q=903") == ["903"]
    # 300万元 and more: only 205 (the test departments spend at most 45万元).
    assert listed("/?unit=wan&min_total=300") == ["205"]
    assert "支出总计不低于（万元）" in page_text(client.get("/?unit=wan"))
    assert listed("/?max_total=300000") == ["901", "902"]


@pytest.mark.parametrize("bad", ["abc", "-1", "1e400", "1.234", "99999999999999999999"])
def test_a_bad_amount_bound_gets_a_chinese_message(client, seed_budget, bad):
    response = client.get(f"/?min_total={bad}")
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert "没有符合条件的部门" in page_text(response)


def test_sorted_by_total_largest_first(client, other_departments):
    body = client.get("/?sort=-total").content.decode()
    order = [body.index(name) for name in ["绍兴市信访局", "绍兴市测试局3", "绍兴市测试局2", "绍兴市测试局1"]]
    assert order == sorted(order)
    assert 'aria-sort="descending"' in body


def test_paginated_past_fifty_departments(client, seed_budget):
    many_departments(55)
    first = client.get("/")
    assert table_part(first).count("绍兴市测试局") == 49  # 205 and 901…949 on page one
    assert "?page=2" in hrefs(first)
    second = client.get("/?page=2")
    assert "/departments/955/2021/" in hrefs(second) and "/departments/949/2021/" not in hrefs(second)
    assert client.get("/?page=abc").status_code == 200
    assert client.get("/?page=999").status_code == 200
    # Filtered, the list is counted anew: seven names match, one page.
    found = client.get("/?q=测试局5")
    assert table_part(found).count("绍兴市测试局") == 7 and "?page=2" not in " ".join(hrefs(found))


def test_amounts_in_wan_and_every_link_keeps_the_unit(client, other_departments):
    response = client.get("/?unit=wan")
    assert "2,525.88" in row_text(response, "绍兴市信访局")
    assert "单位：万元" in page_text(response)
    internal = [h for h in hrefs(response) if h.startswith("/") and not h.startswith("/static/")]
    # The data package is in 元 by its schema, whatever the page shows.
    package = [h for h in internal if "/datapackage.zip" in h]
    assert package == ["/years/2021/datapackage.zip?government=330600"]
    assert all("unit=wan" in h for h in internal if h not in package)


def test_no_share_is_shown_where_the_city_total_is_zero(client, seed_budget):
    empty = Budget.objects.create(department=seed_budget.department, year=2022, status=Status.PUBLISHED)
    store_figures(Budget.objects.filter(pk=empty.pk))  # as publishing would
    response = client.get("/?year=2022")
    assert "—" in row_text(response, "绍兴市信访局")
    assert "%" not in page_text(response).split("各部门2022年支出预算")[1]


def test_the_chart_data_are_exact_decimals_in_the_chosen_unit(client, other_departments):
    points = chart_payload(client.get("/?unit=wan"), "shares")["points"]
    assert points[0] == {"name": "市信访局", "value": "2525.88", "share": "96.6"}
    assert points[1] == {"name": "测试局3", "value": "45.00", "share": "1.7"}


def test_the_first_screen_names_the_largest_departments_and_projects(client, other_departments):
    text = page_text(client.get("/"))
    departments = text.split("支出最多的4个部门")[1].split("全市最大的")[0]
    assert departments.split()[:3] == ["绍兴市信访局", "2,525.88万元", "96.6%"]
    projects = text.split("全市最大的5个项目")[1]
    assert projects.split()[:3] == ["呼叫中心服务费", "市信访局", "1,271.52万元"]
