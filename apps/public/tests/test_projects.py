"""A budget's projects: filtered by type, unit, name and amount, sorted, and
each project on its own page with its funding, goal and indicators."""

import pytest

from apps.budgets.models import Budget, Status
from apps.projects.models import Project

from .factories import many_departments
from .helpers import hrefs, page_text, row_text

URL = "/departments/205/2021/projects/"


def listed(client, query: str = "") -> list[str]:
    response = client.get(URL + query)
    assert response.status_code == 200
    names = Project.objects.filter(budget__department__code="205").values_list("pk", "name")
    return sorted({name for pk, name in names if f"{URL}{pk}/" in "".join(hrefs(response))})


def test_every_project_with_its_amount_and_the_total(client, seed_budget):
    response = client.get(URL)
    assert "共12个项目，合计 16,597,060.00 元" in page_text(response)
    assert "12,715,200.00" in row_text(response, "呼叫中心服务费")
    assert "/subjects/function/2010308/2021/" in hrefs(response)


def test_filter_by_type_and_by_unit(client, seed_budget):
    assert listed(client, "?kind=大型会议培训类") == ["信访重点培训经费", "培训费"]
    assert listed(client, "?unit_code=205002") == ["设备更新经费"]
    assert "共1个项目，合计 15,000.00 元" in page_text(client.get(URL + "?unit_code=205002"))


def test_filter_by_amount_in_the_chosen_unit(client, seed_budget):
    # 100万元 and more.
    assert listed(client, "?unit=wan&min_total=100") == ["信访工作经费", "呼叫中心服务费"]
    assert listed(client, "?min_total=100000&max_total=142110") == [
        "信访重点培训经费",
        "公务接待费",
        "积案化解专班专项经费",
    ]
    assert "金额不低于（万元）" in page_text(client.get(URL + "?unit=wan"))


@pytest.mark.parametrize(
    "query,message",
    [
        ("?min_total=abc", "输入一个数字"),
        ("?max_total=-5", "确保该值大于或等于"),
        ("?kind=不存在", "选择一个有效的选项"),
    ],
)
def test_bad_filters_get_a_chinese_message_not_an_error(client, seed_budget, query, message):
    response = client.get(URL + query)
    assert response.status_code == 200
    assert message in page_text(response) and "没有符合条件的项目" in page_text(response)


def test_sorted_by_amount(client, seed_budget):
    body = client.get(URL + "?sort=-total").content.decode()
    assert body.index("呼叫中心服务费") < body.index("信访工作经费") < body.index("信访宣传经费")


def test_a_project_page_shows_funding_goal_and_indicators_by_level(client, seed_budget):
    project = Project.objects.get(budget=seed_budget, name="信访宣传经费")
    response = client.get(f"{URL}{project.pk}/?unit=wan")
    text = page_text(response)
    assert "一般公共预算 71.20" in text and "合计 71.20" in text
    assert "为深化“三驻三服务”活动" in text
    assert text.index("产出指标 （一级指标）") < text.index("数量指标 （二级指标）") < text.index("宣传形式种类")
    assert "满意度指标 （一级指标）" in text
    assert "宣传形式种类 ≥ 3种 10" in text
    assert 'style="width: 10.00%"' in response.content.decode()


def test_a_project_only_under_its_own_published_budget(client, seed_budget):
    other = many_departments(1)[0]
    foreign = Project.objects.get(budget=other)
    assert client.get(f"{URL}{foreign.pk}/").status_code == 404
    assert client.get(f"{URL}999999/").status_code == 404
    own = Project.objects.filter(budget=seed_budget).first()
    Budget.objects.filter(pk=seed_budget.pk).update(status=Status.DRAFT)
    assert client.get(f"{URL}{own.pk}/").status_code == 404
    assert client.get(URL).status_code == 404


def test_project_links_of_a_department_coded_0(client, seed_budget):
    # The links are built from one address with the project's id as 0: the department's own 0 stays.
    seed_budget.department.code = "0"
    seed_budget.department.save()
    expected = {
        f"/departments/0/2021/projects/{pk}/"
        for pk in Project.objects.filter(budget=seed_budget).values_list("pk", flat=True)
    }
    for page in ("/departments/0/2021/", "/departments/0/2021/projects/"):
        links = {href for href in hrefs(client.get(page)) if "/projects/" in href and not href.endswith("/projects/")}
        assert links == expected, page
