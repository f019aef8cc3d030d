"""Every part of a budget (budgets/parts.py) goes through a workbook: the export writes it, an import writes it
back, and the import preview names a change to it. A part added to parts.py and not to the workbook fails here."""

import pytest
from django.db.models import Model, QuerySet

from apps.budgets.models import Budget, Finding, NarrativeSection
from apps.budgets.parts import BUDGET_ROWS, DOCUMENT_ROWS, PROJECT_ROWS
from apps.workbooks.reader import read_budget_workbook
from apps.workbooks.services import budget_import
from apps.workbooks.snapshot import budget_snapshot

from .conftest import empty_budget_data, workbook_bytes

PARTS = (*BUDGET_ROWS, *DOCUMENT_ROWS, *PROJECT_ROWS)


def rows_of(model: type[Model], budget: Budget) -> QuerySet:
    return model.objects.filter(**({"project__budget": budget} if model in PROJECT_ROWS else {"budget": budget}))


@pytest.fixture
def whole_budget(seed_budget) -> Budget:
    """The seed with what it lacks: the document's own sections (one of a project) and a finding."""
    NarrativeSection.objects.create(budget=seed_budget, position=1, heading="主要职能", body="负责……")
    project = seed_budget.projects.first()
    NarrativeSection.objects.create(budget=seed_budget, position=2, heading="项目概况", project=project, body="……")
    Finding.objects.create(budget=seed_budget, table="收支预算总表", row="收入总计", stated=101, computed=100)
    return seed_budget


def test_every_part_round_trips(whole_budget):
    seed_workbook = workbook_bytes(whole_budget)
    counts = {model: rows_of(model, whole_budget).count() for model in PARTS}
    assert all(counts.values()), counts  # the seed has rows of every part
    empty_budget_data()
    budget = budget_import(data=read_budget_workbook(seed_workbook))
    assert {model: rows_of(model, budget).count() for model in PARTS} == counts


@pytest.mark.parametrize("model", PARTS, ids=lambda model: model.__name__)
def test_the_preview_names_a_change_to_every_part(whole_budget, model):
    before = budget_snapshot(whole_budget)
    rows_of(model, whole_budget).first().delete()
    assert budget_snapshot(whole_budget) != before
