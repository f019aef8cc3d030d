"""The budget pages answer with the seed's figures, 404 where they should, and
a budget page costs the same number of queries however many lines it has."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.budgets.models import Budget, FunctionLine, Phase, Status
from apps.budgets.official import ZHEJIANG
from apps.budgets.stored import store_figures
from apps.reference.models import ClassificationCode

BUDGET_URL = "/departments/205/2021/"


def test_budget_page_shows_every_table_and_the_narrative(client, seed_budget):
    page = client.get(BUDGET_URL).content.decode()
    for figure in ["25,258,772.17", "16,397,060.00", "164,110.00", "12,715,200.00", "2525.88万元", "占28.5%"]:
        assert figure in page
    for title in [
        "收支预算总表",
        "支出预算总表",
        "财政拨款收支预算总表",
        "一般公共预算支出表",
        "一般公共预算基本支出表",
        "一般公共预算“三公”经费表",
        "政府性基金支出预算表",
        "项目支出表",
        "预算项目绩效目标表",
    ]:
        assert f"2021年市级部门{title}" in page
    assert "负责处理公民、法人或其他组织通过信访渠道" in page  # 主要职能
    assert "故本表无数据" in page
    assert "名词解释" in page and "专户资金" in page


@pytest.mark.parametrize("slug", list(ZHEJIANG))
def test_each_table_has_its_own_page(client, seed_budget, slug):
    response = client.get(f"{BUDGET_URL}tables/{slug}/")
    assert response.status_code == 200
    assert f'<h3 class="table-title" id="{slug}-title">2021年市级部门' in response.content.decode()


def test_code_and_name_share_a_row_with_the_amounts(client, seed_budget):
    page = client.get(f"{BUDGET_URL}tables/expenditure/").content.decode()
    row = page[page.index(">2010301<") : page.index("</tr>", page.index(">2010301<"))]
    assert "行政运行" in row and "4,839,768.54" in row and "3,668,801.04" in row and "1,170,967.50" in row


@pytest.mark.parametrize(
    "url",
    [
        "/departments/999/2021/",
        "/departments/205/1999/",
        f"{BUDGET_URL}tables/nonsense/",
        "/departments/205/2021/final/",
    ],
)
def test_unknown_addresses_get_a_chinese_404(client, seed_budget, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_drafts_are_404_for_the_public_but_visible_to_superusers(client, admin_client, seed_budget):
    Budget.objects.filter(pk=seed_budget.pk).update(status=Status.DRAFT)
    assert client.get(BUDGET_URL).status_code == 404
    assert client.get(f"{BUDGET_URL}tables/summary/").status_code == 404
    assert BUDGET_URL not in client.get("/").content.decode()
    assert admin_client.get(BUDGET_URL).status_code == 200


def test_other_phases_live_below_the_same_year(client, seed_budget):
    final = Budget.objects.create(
        department=seed_budget.department, year=2021, phase=Phase.FINAL, status=Status.PUBLISHED
    )
    assert final.get_absolute_url() == "/departments/205/2021/final/"
    assert client.get("/departments/205/2021/final/tables/summary/").status_code == 200
    assert "25,258,772.17" in client.get(BUDGET_URL).content.decode()


def test_home_lists_published_budgets(client, seed_budget):
    page = client.get("/").content.decode()
    assert 'href="/departments/205/2021/"' in page and "绍兴市信访局" in page


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_lines(budget: Budget, count: int) -> None:
    parent = ClassificationCode.objects.get(scheme="function", year=2021, code="20103")
    codes = ClassificationCode.objects.bulk_create(
        ClassificationCode(scheme="function", year=2021, code=f"20103{n + 60:02d}", name=f"测试项{n}", parent=parent)
        for n in range(count)
    )
    FunctionLine.objects.bulk_create(
        FunctionLine(budget=budget, code=code, nature="personnel", amount=Decimal("1.00")) for code in codes
    )
    store_figures(Budget.objects.filter(pk=budget.pk))  # as publishing it again would


def test_budget_page_queries_do_not_grow_with_line_items(client, seed_budget, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        client.get(BUDGET_URL)
    before = count_queries(client, BUDGET_URL)
    add_lines(seed_budget, 30)
    assert count_queries(client, BUDGET_URL) == before
    assert "测试项29" in client.get(BUDGET_URL).content.decode()


def test_admin_speaks_chinese_whatever_the_browser_asks(admin_client, seed_budget):
    page = admin_client.get("/admin/budgets/budget/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "部门预算管理" in page and "绍兴市信访局" in page and "选择" in page
