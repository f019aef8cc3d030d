"""The city's “三公”经费 for a year: every department ranked by each category and
by the total, and the city's totals over the years. The figures are the
departments' 一般公共预算“三公”经费表 (all spending, basic and project), which
is why an economic code page (30217 公务接待费, basic spending only) is not the
place to rank them and links here instead."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F

from apps.budgets.measures import THREE_PUBLIC, three_public_sums
from apps.budgets.models import Phase, ThreePublicLine
from apps.budgets.published import published_budgets, year_budgets
from apps.reference.models import Government

LINES = "three_public_lines__"
CATEGORIES = THREE_PUBLIC  # each ranking: its key in `?sort=`, its heading, and the categories it sums
# Economic codes whose basic spending is one part of a 三公 category (their code pages link here).
ECONOMIC_CODES = {"30212": "overseas", "30217": "reception", "30231": "vehicle_running", "31013": "vehicle_purchase"}


@dataclass(frozen=True)
class Ranked:
    rank: int | None  # None for a department that states nothing in this category
    code: str
    name: str
    url_key: str  # the department in URLs (Department.url_key)
    amounts: dict[str, Decimal | None]


def ranking(year: int, key: str, government: Government | None = None) -> list[Ranked]:
    """Every department with a published 预算 of the year, largest first by `key`;
    those without a 三公 line in it come last, blank (not 0). One query."""
    budgets = (
        year_budgets(year, government)
        .select_related("department__government")
        .annotate(**three_public_sums(LINES))
        .order_by(F(key).desc(nulls_last=True), "department__code")
    )
    return [
        Ranked(
            position if getattr(budget, key) is not None else None,
            budget.department.code,
            budget.department.name,
            budget.department.url_key,
            {k: getattr(budget, k) for k in CATEGORIES},
        )
        for position, budget in enumerate(budgets, start=1)
    ]


def city_history(government: Government | None = None) -> list[tuple[int, dict[str, Decimal | None]]]:
    """The city's 三公 totals by category, year by year (published 预算 only)."""
    budgets = published_budgets(government).filter(phase=Phase.BUDGET)
    lines = ThreePublicLine.objects.filter(budget__in=budgets)
    rows = lines.values("budget__year").annotate(**three_public_sums()).order_by("budget__year")
    return [(row.pop("budget__year"), row) for row in rows]
