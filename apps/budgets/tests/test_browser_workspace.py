"""An editor enters a small 2022 budget in the workspace with the keyboard and a pasted
block, adds a project with indicators, sees a failing check, fixes it and submits; the
reviewer publishes it. Screenshots at 1280 px: workspace, checks panel, submit confirmation."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

from apps.accounts.models import EDITORS, REVIEWERS, DepartmentMember
from apps.accounts.roles import ensure_roles
from apps.accounts.tests.test_browser_workflow import click_and_load, sign_in
from apps.budgets.models import Budget, FunctionLine, Status
from apps.projects.models import Indicator
from apps.reference.codelists import load_codes
from apps.reference.models import ClassificationCode, Department

SCREENSHOTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ECONOMIC_BLOCK = "科目编码\t科目名称\t人员经费\t公用经费\n301\t工资福利支出\t1,100,000.00\t\n30101\t基本工资\t1,100,000.00\t\n30201\t办公费\t\t200000\n"


@pytest.fixture
def empty_draft(live_seed, django_user_model):
    ensure_roles(Group, Permission)  # the browser tests' database is flushed between tests
    load_codes(ClassificationCode, [2022])  # the live server's database was flushed: put back the year's list
    department = Department.objects.get(code="205")
    editor = django_user_model.objects.create_user("editor", password="pw-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    DepartmentMember.objects.create(user=editor, department=department)
    reviewer = django_user_model.objects.create_user("reviewer", password="pw-reviewer", is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    draft = Budget.objects.create(department=department, year=2022)
    draft.units.set(Budget.objects.get(year=2021).units.all())
    return live_seed.url, draft


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def type_line(page, section: str, code: str, nature_steps: int, amount: str) -> None:
    """Keyboard only: the code, Tab, arrows to the nature, Tab past source and unit, the amount, Enter."""
    new_row = page.locator(f"#{section} tbody.ws-new tr").first
    new_row.locator("input.code-input").click()
    page.keyboard.type(code)
    page.keyboard.press("Tab")
    for _ in range(nature_steps):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # 资金来源: 一般公共预算 already
    page.keyboard.press("Tab")  # 预算单位: none
    page.keyboard.press("Tab")
    page.keyboard.type(amount)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_editor_enters_a_budget_in_the_workspace_and_reviewer_publishes(browser, empty_draft, screenshot):
    url, draft = empty_draft
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, url, "editor")
    page.goto(f"{url}/admin/budgets/budget/{draft.pk}/change/")
    assert page_width(page) <= 1280

    type_line(page, "function", "2010301", 1, "1000000")  # 基本支出·人员支出
    assert page.evaluate("document.activeElement.closest('.ws-section').id") == "function"  # ready for the next line
    type_line(page, "function", "2010301", 2, "200000")  # 基本支出·公用经费
    type_line(page, "function", "2080505", 1, "100000")
    type_line(page, "function", "2010350", 3, "50000")  # 项目支出
    assert FunctionLine.objects.filter(budget=draft).count() == 4
    tree = page.locator("#function").inner_text()
    assert "201 一般公共服务支出" in tree and "1,250,000.00" in tree  # the 类 subtotal

    page.locator("#economic details.ws-paste summary").click()
    page.locator("#economic textarea").fill(ECONOMIC_BLOCK)
    click_and_load(page, "#economic button[form=paste-economic]")
    screenshot(page, "workspace-paste-preview")
    assert "全部 3 行核对无误" in page.content()
    click_and_load(page, "button[name=confirm]")
    assert "已从粘贴写入基本支出（经济分类） 2 行" in page.content()

    page.locator("#revenue tbody.ws-new select").first.select_option("general")
    page.locator("#revenue tbody.ws-new input[name$=amount]").fill("1350000")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    click_and_load(page, "text=新增项目")
    page.select_option("#id_unit", label=page.locator("#id_unit option").nth(1).inner_text())
    page.fill("#id_kind", "重大宣传、活动类项目")
    page.fill("#id_name", "信访宣传")
    page.fill("#id_function_code", "2010350")
    page.fill("#id_fundings-0-amount", "50000")
    page.select_option("#id_indicators-0-level1", "产出指标")
    page.select_option("#id_indicators-0-level2", "数量指标")
    page.fill("#id_indicators-0-name", "宣传次数")
    page.select_option("#id_indicators-0-operator", "≥")
    page.fill("#id_indicators-0-value", "12")
    page.fill("#id_indicators-0-measure_unit", "次")
    page.fill("#id_indicators-0-weight", "60")
    screenshot(page, "project-form")
    assert page_width(page) <= 1280
    click_and_load(page, "input[name=_save]")

    failing = page.locator(".check.fail")
    assert failing.count() == 1 and "≠" in failing.first.inner_text() and "100" in failing.first.inner_text()
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "workspace")
    page.locator("#projects").scroll_into_view_if_needed()
    page.screenshot(
        path=str(SCREENSHOTS / "workspace-checks-panel.png")
    )  # the viewport: the work and the panel beside it

    click_and_load(page, "button[form=workflow-submit]")
    assert "还有 1 项校验不符" in page.content()
    screenshot(page, "submit-confirmation")
    click_and_load(page, "text=返回修改")

    failing.first.locator("a", has_text="项目").first.click()
    click_and_load(page, "#projects .ws-edit")
    page.fill("#id_indicators-0-weight", "100")
    click_and_load(page, "input[name=_save]")
    assert page.locator(".check.fail").count() == 0
    assert Indicator.objects.get(project__budget=draft).weight == 100
    click_and_load(page, "button[form=workflow-submit]")
    assert "已提交审核" in page.content()

    assert page_width(page) <= 1280
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / "workspace-top.png"))

    page.context.clear_cookies()
    sign_in(page, url, "reviewer")
    page.goto(f"{url}/admin/budgets/budget/{draft.pk}/change/")
    assert page.locator(".check.fail").count() == 0 and page.locator(".check.pass").count() > 0  # the same panel
    assert page_width(page) <= 1280
    screenshot(page, "workspace-reviewer")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "workspace-390.png"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{url}/admin/budgets/budget/import/")
    assert "无权访问" in page.content()
    screenshot(page, "admin-403")
    page.goto(f"{url}/admin/budgets/budget/{draft.pk}/change/")
    click_and_load(page, "button[form=workflow-publish]")
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
