"""Code pages: a classification code in one year, its place in the tree, its
children, every department's amount for it (who spends most on 公务接待费?)
and its history across years, names and all."""

from io import BytesIO

import openpyxl
import pytest

from apps.budgets.models import Status
from apps.budgets.tests.district import district_budget

from .factories import many_departments
from .helpers import chart_payload, hrefs, page_text, row_text

RECEPTION = "/subjects/economic/30217/2021/"


def test_who_spends_most_on_receptions(client, other_departments):
    response = client.get(RECEPTION)
    text = page_text(response)
    assert "30217 公务接待费" in text and "部门预算支出经济分类" in text
    # 205: 22,000.00; the test departments: n × 1,000.01.
    order = [text.index(name) for name in ["绍兴市信访局", "绍兴市测试局3", "绍兴市测试局2", "绍兴市测试局1"]]
    assert order == sorted(order)
    assert "22,000.00" in row_text(response, "绍兴市信访局") and "3,000.03" in row_text(response, "绍兴市测试局3")
    # Shares of the code's total, 28,000.06: 22,000.00 is 78.57…%.
    assert "78.6%" in row_text(response, "绍兴市信访局")
    assert "2021年全市各部门合计 28,000.06 元" in text and "安排该科目的部门 4个" in text
    bars = chart_payload(response, "departments")["points"]
    assert bars[0] == {"name": "绍兴市信访局", "value": "22000.00", "share": "78.6"}


def test_the_comparison_s_files_give_the_shares_the_page_shows(client, other_departments):
    csv_rows = client.get(f"{RECEPTION}departments.csv").content.decode("utf-8-sig").splitlines()
    assert csv_rows[0].endswith(",占该科目比重（%）") and csv_rows[1] == "205,绍兴市信访局,22000.00,78.6"
    sheet = openpyxl.load_workbook(BytesIO(client.get(f"{RECEPTION}departments.xlsx").content)).active
    shares = [row[3] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert shares[0] == pytest.approx(78.6) and sum(shares) == pytest.approx(100, abs=0.2)  # numbers, rounded each


def test_fifty_departments_a_page_largest_first(client, seed_budget):
    many_departments(55)  # with 205: 56 departments spend on 公务接待费
    first = client.get(RECEPTION)
    # 205's 22,000.00 ranks between 测试局22 and 测试局21: page one ends with 测试局7.
    listed = departments_table(first)
    assert listed.count("<tr") == 51 and "绍兴市信访局" in listed and "安排该科目的部门 56个" in page_text(first)
    assert "?page=2" in " ".join(hrefs(first))
    second = departments_table(client.get(RECEPTION + "?page=2"))
    assert second.count("<tr") == 7 and "绍兴市测试局6<" in second and "绍兴市测试局1<" in second


def departments_table(response) -> str:
    body = response.content.decode()
    table = body[body.index("2021年各部门“30217 公务接待费”支出") :]
    return table[: table.index("</table>")]


def test_departments_link_to_their_budget_in_the_same_unit(client, other_departments):
    links = hrefs(client.get(RECEPTION + "?unit=wan"))
    assert "/departments/205/2021/?unit=wan" in links and "/departments/903/2021/?unit=wan" in links


@pytest.mark.parametrize(
    "sort,expected",
    [
        ("amount", ["测试局1", "测试局2", "测试局3", "信访局"]),
        ("-department_name", ["测试局3", "测试局2", "测试局1", "信访局"]),
    ],
)
def test_sorted_as_the_reader_asks(client, other_departments, sort, expected):
    text = page_text(client.get(f"{RECEPTION}?sort={sort}"))
    table = text[text.index("2021年各部门“30217 公务接待费”支出") :]
    order = [table.index("绍兴市" + name) for name in expected]
    assert order == sorted(order)
    # The chart still shows the largest first.
    assert chart_payload(client.get(f"{RECEPTION}?sort={sort}"), "departments")["points"][0]["name"] == "绍兴市信访局"


def test_breadcrumbs_up_the_tree_and_children_with_amounts(client, seed_budget):
    response = client.get("/subjects/function/20103/2021/")
    links = hrefs(response)
    assert "/subjects/function/201/2021/" in links
    assert "首页 2021年 支出功能分类 201 一般公共服务支出 20103" in page_text(response)
    assert "16,397,060.00" in row_text(response, ">2010308<")
    assert "/subjects/function/2010308/2021/" in links


def test_a_code_page_explains_the_code_from_the_glossary(client, seed_budget):
    text = page_text(client.get("/subjects/function/2010308/2021/"))
    assert "科目说明： 指开展信访工作等方面的支出。" in text


def test_only_published_budgets_count(client, seed_budget):
    many_departments(2, status=Status.DRAFT)
    response = client.get(RECEPTION)
    assert "测试局" not in page_text(response)
    assert "2021年全市各部门合计 22,000.00 元" in page_text(response)


def test_a_renamed_code_keeps_its_history(client, prior_budget):
    response = client.get("/subjects/function/210/2021/")
    history = row_text(response, 'href="/subjects/function/210/2020/"')  # its row in the history table
    assert "2020年" in history and "190,000.00" in history and "名称不同" in history
    assert "/subjects/function/210/2020/" in hrefs(response)
    line = chart_payload(response, "history")["points"]
    assert [(p["name"], p["value"]) for p in line] == [("2020年", "190000.00"), ("2021年", "473856.00")]
    older = page_text(client.get("/subjects/function/210/2020/"))
    assert "210 医疗卫生与计划生育支出" in older and "卫生健康支出" in older


@pytest.mark.parametrize(
    "url",
    [
        "/subjects/function/999/2021/",
        "/subjects/economic/2010301/2021/",
        "/subjects/function/201/1999/",
        "/subjects/other/201/2021/",
    ],
)
def test_an_unknown_code_is_a_chinese_404(client, seed_budget, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "页面不存在" in page_text(response)


def test_the_404_names_the_missing_code(client, seed_budget):
    assert "2021年的支出功能分类中没有科目“999”" in page_text(client.get("/subjects/function/999/2021/"))


def test_a_district_department_links_to_its_own_budget(client, db):
    budget = district_budget()  # 上海市普陀区's department 205, beside the seed city's own 205
    links = hrefs(client.get("/subjects/economic/30217/2024/"))
    own = budget.get_absolute_url()
    assert own != "/departments/205/2024/" and own in links
    assert client.get(own).status_code == 200
