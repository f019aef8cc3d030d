from pathlib import Path

import pytest
from django.forms.models import model_to_dict

from apps.budgets.models import Budget
from apps.budgets.official import build_all

SEED_TEXT = Path(__file__).resolve().parents[3] / "fixtures" / "disclosure_205_2021.txt"


def printed(budget: Budget) -> list[tuple]:
    """The nine tables as a reader sees them: every cell of every row, in order."""
    return [
        (
            table.slug,
            table.title,
            table.empty_note,
            [(row.code, row.level, row.is_total, row.cells) for row in table.rows],
        )
        for table in build_all(budget)
    ]


def contents(budget: Budget) -> dict:
    """What the tables do not show: the stored narrative, purposes, units and project codes."""
    return {
        "narrative": model_to_dict(budget.narrative, exclude=["budget"]),
        "purposes": sorted(budget.function_purposes.values_list("code__code", "text")),
        "units": sorted(budget.units.values_list("code", "name", "kind")),
        "projects": sorted(
            budget.projects.values_list("unit__code", "name", "function_code__code", "kind", "position")
        ),
    }


@pytest.fixture
def seed_text() -> bytes:
    return SEED_TEXT.read_bytes()


@pytest.fixture
def seed_copy(seed_budget) -> dict:
    """The seed budget's tables and contents, taken before it is deleted to make room for the ingest."""
    copy = {"tables": printed(seed_budget), **contents(seed_budget)}
    seed_budget.delete()
    return copy
