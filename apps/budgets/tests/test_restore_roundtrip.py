"""Restore brings back every line of an imported budget: the import writes its
rows with history (simple-history's bulk helpers), so each earlier moment of
an imported, published, then edited budget can be restored exactly."""

from decimal import Decimal

from django.utils import timezone

from apps.budgets.models import Budget, EconomicLine, FunctionLine
from apps.budgets.services import budget_publish, budget_restore, budget_submit, budget_withdraw
from apps.projects.models import Indicator, Project, ProjectFunding
from apps.workbooks.reader import read_budget_workbook
from apps.workbooks.services import budget_import
from apps.workbooks.snapshot import budget_snapshot
from apps.workbooks.tests.conftest import empty_budget_data, workbook_bytes


def counts(budget: Budget) -> dict[str, int]:
    return {
        "function": FunctionLine.objects.filter(budget=budget).count(),
        "economic": EconomicLine.objects.filter(budget=budget).count(),
        "projects": Project.objects.filter(budget=budget).count(),
        "fundings": ProjectFunding.objects.filter(project__budget=budget).count(),
        "indicators": Indicator.objects.filter(project__budget=budget).count(),
    }


def test_each_earlier_moment_of_an_imported_budget_comes_back(seed_budget, admin_user):
    content = workbook_bytes(seed_budget)
    empty_budget_data()
    budget = budget_import(data=read_budget_workbook(content))
    imported, imported_at = budget_snapshot(budget), timezone.now()
    assert counts(budget) == {"function": 14, "economic": 27, "projects": 12, "fundings": 12, "indicators": 66}

    budget_submit(budget=budget, user=admin_user)
    budget_publish(budget=budget, user=admin_user)
    published_at = timezone.now()
    budget_withdraw(budget=budget, user=admin_user, reason="改正")
    line = FunctionLine.objects.filter(budget=budget).order_by("pk").first()
    line.amount += Decimal("1.00")
    line.save()
    FunctionLine.objects.filter(budget=budget).exclude(pk=line.pk).first().delete()
    Project.objects.filter(budget=budget).order_by("pk").first().delete()  # its fundings and indicators go too
    edited, edited_at = budget_snapshot(budget), timezone.now()
    assert edited != imported

    for moment, expected in [(imported_at, imported), (edited_at, edited), (published_at, imported)]:
        budget_restore(budget=budget, user=admin_user, as_of=moment)
        assert budget_snapshot(budget) == expected
    assert counts(budget) == {"function": 14, "economic": 27, "projects": 12, "fundings": 12, "indicators": 66}
