from io import BytesIO

import openpyxl
import pytest

from apps.budgets.models import Budget
from apps.reference.models import Department, Unit
from apps.workbooks.writer import write_budget_workbook


def workbook_bytes(budget: Budget, **kwargs) -> bytes:
    stream = BytesIO()
    write_budget_workbook(budget, stream, **kwargs)
    return stream.getvalue()


def all_values(content: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


@pytest.fixture
def seed_workbook(seed_budget) -> bytes:
    return workbook_bytes(seed_budget)


@pytest.fixture
def draft_workbook(seed_budget, seed_workbook):
    """The seed's workbook, importable over the seed once the seed is a draft."""
    seed_budget.status = "draft"
    seed_budget.save()
    return seed_workbook


def empty_budget_data() -> None:
    """An empty database but for the classification codes and glossary."""
    Budget.objects.all().delete()
    Unit.objects.all().delete()
    Department.objects.all().delete()
