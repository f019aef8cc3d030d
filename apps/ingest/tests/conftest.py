import os
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


SAMPLE = Path(__file__).resolve().parents[3].parent / "shared" / "samples" / "shanghai-putuo-wanli-2024-budget.pdf"


@pytest.fixture(scope="session")
def sample_pdf() -> Path:
    """The one real disclosure of Shanghai's district template, kept beside the checkout (../shared/samples/)."""
    if not SAMPLE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{SAMPLE} is missing: CI keeps shared/ beside the clone")
        pytest.skip(f"the Shanghai sample is not beside this checkout ({SAMPLE})")
    return SAMPLE


@pytest.fixture(scope="session")
def sample_text(sample_pdf: Path) -> str:
    """The sample's text as the PDF reader gives it, parsed once per session."""
    from apps.ingest.sources.pdf import pdf_text

    return pdf_text(sample_pdf.read_bytes())
