"""以上年预算为底稿: last year's budget copied into a new draft, codes mapped by number,
renamed codes reported, retired codes reported and their lines left out."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.budgets.carry_over import CarryOverError, carry_over, plan_carry_over
from apps.budgets.models import Budget, Finding, FunctionLine, NarrativeSection, RevenueLine
from apps.budgets.parts import BUDGET_ROWS, DOCUMENT_ROWS, PROJECT_ROWS
from apps.projects.models import Indicator, Project
from apps.reference.models import ClassificationCode


@pytest.fixture
def codes_2022(seed_budget):
    """2022's list as migrate loaded it, except 2010308 retired and 2010350 renamed."""
    ClassificationCode.objects.filter(year=2022, code="2010308").delete()
    ClassificationCode.objects.filter(year=2022, code="2010350").update(name="事业运行（新名称）")


def test_carry_over_copies_maps_reports_and_keeps_history(seed_budget, codes_2022):
    retired_lines = FunctionLine.objects.filter(budget=seed_budget, code__code="2010308")
    retired_projects = Project.objects.filter(budget=seed_budget, function_code__code="2010308")
    kept_indicators = (
        Indicator.objects.filter(project__budget=seed_budget).exclude(project__in=retired_projects).count()
    )
    budget, report = carry_over(source=seed_budget, year=2022)
    assert (budget.year, budget.status, budget.department_id) == (2022, "draft", seed_budget.department_id)
    assert report.renamed == ["2010350：2021年“事业运行” → 2022年“事业运行（新名称）”"]
    assert len(report.retired) == 1 and report.retired[0].startswith("2010308 信访事务（项） 在2022年的科目表中没有")
    assert FunctionLine.objects.filter(budget=budget).count() == 14 - retired_lines.count()
    assert not FunctionLine.objects.filter(budget=budget).exclude(code__year=2022).exists()
    assert FunctionLine.objects.filter(budget=budget).total() == (
        FunctionLine.objects.filter(budget=seed_budget).total() - retired_lines.total()
    )
    assert Project.objects.filter(budget=budget).count() == 12 - retired_projects.count()
    assert Indicator.objects.filter(project__budget=budget).count() == kept_indicators
    line = FunctionLine.objects.filter(budget=budget).first()
    assert line.history.first().history_change_reason == "以2021年预算为底稿"


def test_preview_writes_nothing(seed_budget, codes_2022):
    report = plan_carry_over(seed_budget, 2022)
    assert report.counts["项目"] > 0
    assert not Budget.objects.filter(year=2022).exists()


def test_a_budget_with_lines_is_not_overwritten(seed_budget, codes_2022):
    carry_over(source=seed_budget, year=2022)
    with pytest.raises(CarryOverError, match="已有明细"):
        carry_over(source=seed_budget, year=2022)


def test_admin_preview_then_confirm_and_scoping(client, users, seed_budget, codes_2022):
    url = reverse("admin:budgets_budget_carry_over")
    client.force_login(users["other"])  # an editor of another department cannot choose the seed
    page = client.get(url, {"source": seed_budget.pk, "year": 2022})
    assert "选择一个有效的选项" in page.content.decode() and "预览：" not in page.content.decode()
    client.force_login(users["reviewer"])
    assert client.get(url).status_code == 403
    client.force_login(users["editor"])
    preview = client.get(url, {"source": seed_budget.pk, "year": 2022}).content.decode()
    assert "已取消的科目（1" in preview and not Budget.objects.filter(year=2022).exists()
    response = client.post(url, {"source": seed_budget.pk, "year": 2022, "confirm": "1"})
    budget = Budget.objects.get(year=2022)
    assert response.url == reverse("admin:budgets_budget_change", args=[budget.pk])
    assert FunctionLine.objects.filter(budget=budget).total() > Decimal(0)


def test_an_empty_draft_offers_last_year_as_a_start(client, users, seed_budget, codes_2022):
    draft = Budget.objects.create(department=seed_budget.department, year=2022)
    client.force_login(users["editor"])
    page = client.get(reverse("admin:budgets_budget_change", args=[draft.pk])).content.decode()
    link = f"{reverse('admin:budgets_budget_carry_over')}?source={seed_budget.pk}&amp;year=2022"
    assert f'href="{link}">以上年预算为底稿' in page
    budget, _ = carry_over(source=seed_budget, year=2022)
    assert budget.pk == draft.pk  # the empty draft is filled, not duplicated
    page = client.get(reverse("admin:budgets_budget_change", args=[draft.pk])).content.decode()
    assert "以上年预算为底稿</a>" not in page


def parts_of(budget: Budget) -> dict[str, int]:
    counts = {model.__name__: model.objects.filter(budget=budget).count() for model in (*BUDGET_ROWS, *DOCUMENT_ROWS)}
    return counts | {model.__name__: model.objects.filter(project__budget=budget).count() for model in PROJECT_ROWS}


def test_every_part_but_the_documents_own_is_carried_over(seed_budget):
    NarrativeSection.objects.create(budget=seed_budget, position=1, heading="主要职能")
    Finding.objects.create(budget=seed_budget, table="收支预算总表", row="收入总计", stated=101, computed=100)
    before = parts_of(seed_budget)
    budget, _ = carry_over(source=seed_budget, year=2022)
    assert all(before.values()), before  # the source has rows of every part
    assert parts_of(budget) == before | {model.__name__: 0 for model in DOCUMENT_ROWS}


def test_a_draft_with_revenue_alone_is_not_overwritten(client, users, seed_budget):
    """Any part already there would be doubled or clash with its copy (revenue: one line per source)."""
    draft = Budget.objects.create(department=seed_budget.department, year=2022)
    source = RevenueLine.objects.filter(budget=seed_budget).first().source
    RevenueLine.objects.create(budget=draft, source=source, amount=1)
    client.force_login(users["editor"])
    page = client.get(reverse("admin:budgets_budget_change", args=[draft.pk])).content.decode()
    assert "以上年预算为底稿</a>" not in page
    with pytest.raises(CarryOverError, match="已有明细"):
        carry_over(source=seed_budget, year=2022)
