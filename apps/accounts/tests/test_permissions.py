"""The whole matrix: anonymous, editor of A, editor of B, reviewer, superuser,
against a draft and a published budget of department A."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.budgets.models import Budget, FunctionLine
from apps.workbooks.tests.conftest import workbook_bytes

ROLES = ["anonymous", "editor A", "editor B", "reviewer", "superuser"]
ADMIN = "/admin/budgets/"


def status(client, url: str, data=None) -> int:
    return (client.post(url, data) if data is not None else client.get(url)).status_code


@pytest.mark.parametrize("role,expected", list(zip(ROLES, [302, 200, 404, 200, 200])))
def test_view_a_budget_and_its_lines(as_role, world, role, expected):
    client = as_role(role)
    for budget in ("draft", "published"):
        assert status(client, f"{ADMIN}budget/{world[budget].pk}/change/") == expected
    assert status(client, f"{ADMIN}functionline/{world['line'].pk}/change/") == expected
    if role == "editor B":
        assert "绍兴市信访局" not in client.get(f"{ADMIN}budget/").content.decode()
        assert (
            "绍兴市信访局"
            not in client.get(
                "/admin/autocomplete/?app_label=budgets&model_name=functionline&field_name=budget&term="
            ).content.decode()
        )


def line_form(world, amount: str, budget=None) -> dict:
    line = world["line"]
    return {
        "budget": (budget or line.budget).pk,
        "unit": "",
        "code": line.code.code,  # typed by number, resolved in the budget's year
        "nature": "personnel",
        "source": "general",
        "amount": amount,
    }


@pytest.mark.parametrize("role,allowed", list(zip(ROLES, [False, True, False, False, True])))
def test_change_add_and_delete_lines_of_a_draft(as_role, world, role, allowed):
    client = as_role(role)
    line = world["line"]
    client.post(f"{ADMIN}functionline/{line.pk}/change/", line_form(world, "123.45"))
    assert (FunctionLine.objects.get(pk=line.pk).amount == Decimal("123.45")) is allowed
    client.post(f"{ADMIN}functionline/add/", {**line_form(world, "9.99"), "nature": "public"})
    assert FunctionLine.objects.filter(budget=line.budget, nature="public").exists() is allowed
    client.post(f"{ADMIN}functionline/{line.pk}/delete/", {"post": "yes"})
    assert (not FunctionLine.objects.filter(pk=line.pk).exists()) is allowed


@pytest.mark.parametrize("role", ROLES)
def test_nobody_changes_a_published_budget_in_place(as_role, world, role):
    client = as_role(role)
    line = world["published_line"]
    client.post(
        f"{ADMIN}functionline/{line.pk}/change/", {**line_form(world, "1.00", world["published"]), "code": line.code_id}
    )
    client.post(f"{ADMIN}functionline/{line.pk}/delete/", {"post": "yes"})
    assert FunctionLine.objects.get(pk=line.pk).amount == line.amount


@pytest.mark.parametrize("role,previewed", list(zip(ROLES, [False, True, False, False, True])))
def test_import_a_workbook_of_department_a(as_role, world, role, previewed):
    content = workbook_bytes(world["published"])
    Budget.objects.filter(pk=world["published"].pk).update(status="draft")
    response = as_role(role).post(f"{ADMIN}budget/import/", {"file": SimpleUploadedFile("a.xlsx", content)})
    assert ("导入预览" in response.content.decode()) is previewed
    if role == "editor B":
        assert "不是您所在的部门，不能导入" in response.content.decode()


@pytest.mark.parametrize("role,allowed", list(zip(ROLES, [False, False, False, True, True])))
def test_publish(as_role, world, role, allowed):
    draft = world["draft"]
    draft.functionlines.all().delete()  # an empty budget passes every check
    Budget.objects.filter(pk=draft.pk).update(status="submitted")
    as_role(role).post(f"{ADMIN}budget/{draft.pk}/publish/")
    assert (Budget.objects.get(pk=draft.pk).status == "published") is allowed


@pytest.mark.parametrize("role", ["reviewer", "superuser"])
def test_a_draft_that_was_never_submitted_is_not_published(as_role, world, role):
    draft = world["draft"]
    draft.functionlines.all().delete()  # passes every check, but nobody submitted it
    page = as_role(role).post(f"{ADMIN}budget/{draft.pk}/publish/", follow=True).content.decode()
    assert Budget.objects.get(pk=draft.pk).status == "draft"
    assert "只有已提交的预算可以公开" in page and f"{draft}：已公开" not in page


@pytest.mark.parametrize("role,sees_draft", list(zip(ROLES, [False, True, False, True, True])))
def test_drafts_on_the_public_site_and_downloads(as_role, world, role, sees_draft):
    client = as_role(role)
    expected = 200 if sees_draft else 404
    assert status(client, "/departments/205/2021/final/") == expected
    assert status(client, "/departments/205/2021/final/export.xlsx") == expected


@pytest.mark.parametrize("role,previewed", list(zip(ROLES, [False, True, False, False, True])))
def test_ingest_a_disclosure_of_department_a(as_role, world, role, previewed):
    from django.conf import settings

    text = (settings.BASE_DIR / "fixtures" / "disclosure_205_2021.txt").read_bytes()
    Budget.objects.filter(pk=world["published"].pk).update(status="draft")
    response = as_role(role).post(
        f"{ADMIN}budget/ingest/", {"file": SimpleUploadedFile("d.txt", text), "department": "205"}
    )
    page = response.content.decode() if response.status_code == 200 else ""
    assert ("确认导入" in page) is previewed
    if role == "editor B":
        assert "不是您所在的部门，不能导入" in page
