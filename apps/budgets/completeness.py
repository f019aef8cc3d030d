"""For reviewers: per department and year, whether the budget exists, its status,
which official tables are empty and whether such a table carries its statement,
and when it was submitted and published."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Subquery

from apps.projects.models import Project
from apps.reference.models import Department

from .models import (
    BASIC_NATURES,
    Budget,
    EconomicLine,
    FunctionLine,
    Phase,
    RevenueLine,
    Source,
    Status,
    StatusChange,
    ThreePublicLine,
)


def has(model, **lookup) -> Exists:
    return Exists(model.objects.filter(budget=OuterRef("pk"), **lookup))


# What gives a table rows, as an Exists on the budget; and whether the
# disclosure prints a statement when the table has none.
TABLE_CONTENTS = {
    "收支预算总表": (lambda: has(RevenueLine), False),
    "支出预算总表": (lambda: has(FunctionLine), False),
    "一般公共预算支出表": (lambda: has(FunctionLine, source=Source.GENERAL), False),
    "一般公共预算基本支出表": (lambda: has(EconomicLine, nature__in=BASIC_NATURES), False),
    "一般公共预算“三公”经费表": (lambda: has(ThreePublicLine), False),
    "政府性基金支出预算表": (lambda: has(FunctionLine, source=Source.GOV_FUND), True),
    "项目支出表": (lambda: has(Project), False),
}


@dataclass
class Row:
    department: Department
    budget: Budget | None
    empty_tables: list[tuple[str, bool]]  # (table, has its statement)
    submitted_at: datetime | None


def budgets_with_contents(year: int):
    """One query: each budget with a flag per table and its last submission."""
    submitted = StatusChange.objects.filter(budget=OuterRef("pk"), to_status=Status.SUBMITTED).order_by("-at")
    flags = {f"has_{index}": make() for index, (make, _) in enumerate(TABLE_CONTENTS.values())}
    return Budget.objects.filter(year=year, phase=Phase.BUDGET).annotate(
        **flags, submitted_at=Subquery(submitted.values("at")[:1])
    )


def completeness_rows(year: int) -> list[Row]:
    """Every department, with or without a budget that year: two queries."""
    budgets = {budget.department_id: budget for budget in budgets_with_contents(year)}
    rows = []
    for department in Department.objects.order_by("code"):
        budget = budgets.get(department.pk)
        empty = [
            (name, has_note)
            for index, (name, (_, has_note)) in enumerate(TABLE_CONTENTS.items())
            if budget and not getattr(budget, f"has_{index}")
        ]
        rows.append(Row(department, budget, empty, budget.submitted_at if budget else None))
    return rows
