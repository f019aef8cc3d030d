"""Restore brings back every line of an imported budget: the import writes its
rows with history (simple-history's bulk helpers), so each earlier moment of
an imported, published, then edited budget can be restored exactly."""

from decimal import Decimal

from django.utils import timezone

from apps.budgets.history import budget_history
from apps.budgets.models import Budget, EconomicLine, Finding, FunctionLine, NarrativeSection
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


def document_rows(budget: Budget) -> list[tuple]:
    sections = NarrativeSection.objects.filter(budget=budget).order_by("position")
    findings = Finding.objects.filter(budget=budget).order_by("pk")
    return [*sections.values_list("pk", "heading", "project_id"), *findings.values_list("pk", "row", "stated")]


def test_the_documents_own_sections_and_findings_are_in_the_history_and_come_back(seed_budget, admin_user):
    """A project's own sections too, though its restore deletes and recreates the project."""
    project = seed_budget.projects.order_by("pk").first()
    NarrativeSection.objects.create(budget=seed_budget, position=1, heading="主要职能")
    NarrativeSection.objects.create(budget=seed_budget, position=2, heading="项目概况", project=project)
    Finding.objects.create(budget=seed_budget, table="收支预算总表", row="收入总计", stated=101, computed=100)
    written, written_at = document_rows(seed_budget), timezone.now()
    section = NarrativeSection.objects.get(budget=seed_budget, position=1)
    section.heading = "主要职责"
    section.save()
    Finding.objects.filter(budget=seed_budget).delete()
    assert {entry.what for entry in budget_history(seed_budget)} >= {"说明章节", "文件自身不一致之处"}
    budget_restore(budget=seed_budget, user=admin_user, as_of=written_at)
    assert document_rows(seed_budget) == written
