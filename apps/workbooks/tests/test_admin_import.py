"""Finance staff upload a workbook in the admin, see the preview, confirm."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.budgets.models import Budget, FunctionLine

from .conftest import empty_budget_data
from .test_bad_input import CASES, edited

IMPORT = "/admin/budgets/budget/import/"


def upload(client, content: bytes):
    return client.post(IMPORT, {"file": SimpleUploadedFile("budget.xlsx", content)})


def test_the_budget_list_offers_the_import(admin_client, seed_budget):
    assert IMPORT in admin_client.get("/admin/budgets/budget/").content.decode()


def test_preview_then_confirm_writes_a_draft(admin_client, seed_workbook):
    empty_budget_data()
    page = upload(admin_client, seed_workbook).content.decode()
    assert "新建：绍兴市信访局 2021年预算" in page and "尚未写入任何数据" in page
    assert "校验（27 项，0 项不符）" in page
    assert not Budget.objects.exists()

    token = page.split(IMPORT)[1].split("/")[0]
    response = admin_client.post(f"{IMPORT}{token}/")
    budget = Budget.objects.get()
    assert response.url == f"/admin/budgets/budget/{budget.pk}/change/"
    assert budget.status == "draft" and FunctionLine.objects.filter(budget=budget).count() == 14
    assert admin_client.post(f"{IMPORT}{token}/").status_code == 404  # a token serves once


def test_a_broken_workbook_shows_every_problem_and_writes_nothing(admin_client, seed_budget, seed_workbook):
    seed_budget.status = "draft"
    seed_budget.save()
    broken = edited(edited(seed_workbook, CASES["negative amount"][0]), CASES["code not in the year's tree"][0])
    page = upload(admin_client, broken).content.decode()
    assert "工作簿有 2 处问题，没有写入任何数据" in page
    assert "明细-三公经费" in page and "是负数，金额不能为负" in page and "不在2021年支出功能分类中" in page
    assert FunctionLine.objects.get(budget=seed_budget, code__code="2210202").amount == Decimal("298.80")


def test_someone_elses_token_is_404(admin_client, client, seed_budget, django_user_model):
    other = django_user_model.objects.create_superuser("other", password="x")
    client.force_login(other)
    assert client.post(f"{IMPORT}not-mine/").status_code == 404
