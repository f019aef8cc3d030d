"""Paste from Excel: rows read, checked and named by row and column; nothing written until
confirmed and clean; what is written keeps its history and respects department scoping."""

from decimal import Decimal

from django.urls import reverse

from apps.budgets.models import EconomicLine, FunctionLine
from apps.budgets.paste import plan_coded
from apps.budgets.paste_projects import plan_indicators, plan_projects
from apps.projects.models import Indicator, Project
from apps.reference.models import ClassificationCode

OFFICIAL_ROWS = (
    "科目编码\t科目名称\t合计\t人员经费\t公用经费\t项目支出\n"
    "201\t一般公共服务支出\t1,250,000.00\t1,000,000.00\t200,000.00\t50,000.00\n"
    "20103\t政府办公厅（室）及相关机构事务\t1,250,000.00\t1,000,000.00\t200,000.00\t50,000.00\n"
    "2010301\t行政运行\t1,200,000.00\t1,000,000.00\t200,000.00\t\n"
    "2010350\t事业运行\t50,000.00\t\t\t50,000.00\n"
    "\t合计\t1,250,000.00\t1,000,000.00\t200,000.00\t50,000.00\n"
)


def paste(client, budget, section: str, text: str, confirm: bool = False, **extra):
    url = reverse("admin:budgets_budget_paste", args=[budget.pk, section])
    return client.post(url, {"text": text, **({"confirm": "1"} if confirm else {}), **extra})


def test_official_table_rows_are_read_subtotals_proved_and_not_stored(draft):
    plan = plan_coded(draft, "function", OFFICIAL_ROWS, "general", None)
    assert plan.problems == []
    assert [(w.lookup["code"].code, w.lookup["nature"], w.values["amount"]) for w in plan.writes] == [
        ("2010301", "personnel", Decimal("1000000.00")),
        ("2010301", "public", Decimal("200000.00")),
        ("2010350", "project", Decimal("50000.00")),
    ]


def test_bad_rows_are_named_by_row_and_column(draft):
    text = (
        "2010301\t行政运行\t12.345\t\t\n"
        "2010398\t不存在\t1\t\t\n"
        "2010350\t行政运行\t-5\t\t\n"
        "201\t一般公共服务支出\t999\t\t\n"
    )
    problems = {(p.row, p.column): p.message for p in plan_coded(draft, "function", text, "general", None).problems}
    assert problems[(1, "人员经费")] == "超过两位小数，金额应精确到分"
    assert problems[(2, "编码")].startswith("科目 2010398 不在2022年支出功能分类中")
    assert problems[(3, "名称")] == "与科目 2010350 在2022年的名称“事业运行”不符"
    assert problems[(3, "人员经费")] == "是负数，金额不能为负"
    assert "≠ 科目 201 下各行之和" in problems[(4, "人员经费")]


def test_nothing_is_written_until_confirmed_then_all_with_history(client, users, draft):
    client.force_login(users["editor"])
    preview = paste(client, draft, "function", OFFICIAL_ROWS, source="general")
    assert preview.status_code == 200 and "全部 5 行核对无误" in preview.content.decode()
    assert not FunctionLine.objects.filter(budget=draft).exists()
    paste(client, draft, "function", OFFICIAL_ROWS, confirm=True, source="general")
    lines = FunctionLine.objects.filter(budget=draft)
    assert lines.total() == Decimal("1250000.00")
    assert {line.history.first().history_user for line in lines} == {users["editor"]}


def test_a_paste_with_problems_writes_nothing_even_when_confirmed(client, users, draft):
    client.force_login(users["editor"])
    text = "30101\t基本工资\t100\t\n30199\t其他\tabc\t\n"
    response = paste(client, draft, "economic", text, confirm=True)
    assert "第 2 行" in response.content.decode() and "没有保存任何数据" in response.content.decode()
    assert not EconomicLine.objects.filter(budget=draft).exists()


def test_a_reviewer_cannot_paste(client, users, draft):
    client.force_login(users["reviewer"])
    assert paste(client, draft, "function", OFFICIAL_ROWS, confirm=True).status_code == 403
    assert not FunctionLine.objects.filter(budget=draft).exists()


def test_projects_then_indicators_pasted(client, users, draft):
    unit = draft.units.order_by("code").first()
    client.force_login(users["editor"])
    projects = f"单位\t类型\t项目名称\t功能科目\t一般公共预算\n{unit.code}\t活动类\t信访宣传\t2010350\t50,000.00\n"
    paste(client, draft, "projects", projects, confirm=True)
    project = Project.objects.get(budget=draft)
    assert (project.function_code.year, project.fundings.get().amount) == (2022, Decimal("50000.00"))
    indicators = "信访宣传\t产出指标\t数量指标\t宣传次数\t≥\t12\t次\t60\n信访宣传\t效益指标\t社会效益指标\t知晓率\t>=\t90\t%\t40\n"
    paste(client, draft, "indicators", indicators, confirm=True)
    assert list(Indicator.objects.filter(project=project).values_list("level2", "operator", "weight")) == [
        ("数量指标", "≥", Decimal("60.00")),
        ("社会效益指标", "≥", Decimal("40.00")),
    ]


def test_indicator_levels_must_be_official(draft, codes_2022):
    Project.objects.create(
        budget=draft, unit=draft.units.first(), kind="k", name="P", function_code=codes_2022["2010350"]
    )
    plan = plan_indicators(draft, "P\t产出\t数量\t次数\t≥\t1\t次\t101\n")
    assert {p.column for p in plan.problems} == {"一级指标", "二级指标", "权重"}
    assert plan.writes == []


def test_a_project_on_a_code_of_another_year_is_refused(draft):
    """2010308 is among the seed's 2021 codes; here it is retired from 2022's list."""
    ClassificationCode.objects.filter(year=2022, code="2010308").delete()
    plan = plan_projects(draft, f"{draft.units.first().code}\t类\t项目\t2010308\t1\n")
    assert "科目 2010308 不在2022年支出功能分类中（它是" in plan.problems[0].message
    assert "2021" in plan.problems[0].message


def test_indicators_pasted_on_a_project_page_need_no_project_column(client, users, draft, codes_2022):
    project = Project.objects.create(
        budget=draft, unit=draft.units.first(), kind="k", name="P", function_code=codes_2022["2010350"]
    )
    client.force_login(users["editor"])
    page = client.get(reverse("admin:projects_project_change", args=[project.pk])).content.decode()
    assert "从 Excel 粘贴本项目的绩效指标" in page
    text = "一级指标\t二级指标\t三级指标\t计算符号\t指标值\t计量单位\t权重\n产出指标\t数量指标\t次数\t=\t4\t次\t100\n"
    response = paste(client, draft, "indicators", text, confirm=True, project=project.pk)
    assert response.url == reverse("admin:projects_project_change", args=[project.pk])
    assert list(project.indicators.values_list("name", "weight")) == [("次数", Decimal("100.00"))]
