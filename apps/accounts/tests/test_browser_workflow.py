"""The staff workflow in a real browser: an editor uploads a new year's budget,
sees a failing check in the preview, fixes the line, submits; a reviewer
publishes; the public finds it; the editor can no longer change it."""

from io import BytesIO

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission

from apps.accounts.models import EDITORS, REVIEWERS, DepartmentMember
from apps.accounts.roles import ensure_roles
from apps.budgets.models import Budget
from apps.reference.codelists import load_codes
from apps.reference.models import ClassificationCode, Department
from apps.workbooks.tests.conftest import workbook_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def next_year_workbook(path) -> None:
    """The seed's workbook as 2022's: the official sheets left out (they are optional), one amount typed wrong."""
    book = openpyxl.load_workbook(BytesIO(workbook_bytes(Budget.objects.get(year=2021))))
    for sheet in [book[name] for name in book.sheetnames if name.endswith("表")]:
        book.remove(sheet)
    info = book["基本信息"]
    next(row for row in info.iter_rows() if row[0].value == "年度")[1].value = 2022
    economic = book["明细-基本支出"]
    next(row for row in economic.iter_rows() if row[1].value == "30101")[5].value = 1261852  # 100 too many
    book.save(path)


def click_and_load(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def sign_in(page, url: str, username: str) -> None:
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"pw-{username}")
    click_and_load(page, "input[type=submit]")


@pytest.fixture
def staff(live_seed, django_user_model):
    ensure_roles(Group, Permission)  # the browser tests' database is flushed between tests
    load_codes(ClassificationCode, [2022])  # an earlier browser test's flush took the codes migrate loaded
    editor = django_user_model.objects.create_user("editor", password="pw-editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    DepartmentMember.objects.create(user=editor, department=Department.objects.get(code="205"))
    reviewer = django_user_model.objects.create_user("reviewer", password="pw-reviewer", is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    return live_seed.url


def test_editor_imports_fixes_submits_and_reviewer_publishes(browser, staff, screenshot, tmp_path):
    url, workbook = staff, tmp_path / "2022.xlsx"
    next_year_workbook(workbook)
    page = browser.new_page(viewport={"width": 1280, "height": 900})

    sign_in(page, url, "editor")
    page.goto(f"{url}/admin/budgets/budget/import/")
    page.set_input_files("input[type=file]", str(workbook))
    click_and_load(page, "input[type=submit]")
    assert "新建：绍兴市信访局 2022年预算" in page.content()
    failing = page.locator("li.fail")
    assert failing.count() == 2 and "差额 100.00" in failing.first.inner_text()
    screenshot(page, "workflow-1-preview")

    click_and_load(page, "text=确认导入")
    assert "已导入为草稿" in page.content()
    page.locator("input[value='1261852.00']").fill("1261752.00")
    click_and_load(page, "input[name=_continue]")
    click_and_load(page, "text=提交审核")
    assert "已提交审核" in page.content()
    screenshot(page, "workflow-2-submitted")
    click_and_load(page, "#logout-form button")

    sign_in(page, url, "reviewer")
    budget = Budget.objects.get(year=2022)
    page.goto(f"{url}/admin/budgets/budget/{budget.pk}/change/")
    click_and_load(page, "button:has-text('公开')")
    assert "已公开" in page.content()
    screenshot(page, "workflow-3-published")
    click_and_load(page, "#logout-form button")

    page.goto(f"{url}/?year=2022")
    assert page.locator("a[href^='/departments/205/2022/']").count() >= 1
    screenshot(page, "workflow-4-public")

    sign_in(page, url, "editor")
    page.goto(f"{url}/admin/budgets/budget/{budget.pk}/change/")
    assert page.locator("input[name=_save]").count() == 0 and "提交或公开后不能修改" in page.content()
    screenshot(page, "workflow-5-locked")
