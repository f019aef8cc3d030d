"""A SHA-256 over every row of some departments, by natural keys (codes,
years, names) and never by primary keys or auto timestamps, so two runs with
the same seed agree whatever the database and whatever it held before.

Rows are combined as a sum of their own hashes, which needs no ORDER BY: the
order of Chinese text differs between SQLite and PostgreSQL collations."""

import hashlib
from datetime import UTC, datetime
from decimal import Decimal

from django.db.models import QuerySet

from apps.budgets.models import (
    Budget,
    BudgetNarrative,
    EconomicLine,
    FunctionLine,
    FunctionPurpose,
    RevenueLine,
    ThreePublicLine,
)
from apps.projects.models import Indicator, Project, ProjectFunding
from apps.reference.models import ClassificationCode, Unit

BUDGET = ("department__code", "year", "phase")
PROJECT = ("project__budget__department__code", "project__budget__year", "project__unit__code", "project__name")
NARRATIVE_FIELDS = [f.name for f in BudgetNarrative._meta.concrete_fields if f.name != "budget"]
LINE_KEY = ("unit__code", "code__code", "code__year", "nature", "source", "amount")
# What each of a budget's parts (budgets/parts.py) is read by, after its budget's key; a test holds these to
# BUDGET_ROWS and PROJECT_ROWS. The order is the digest's: a new part goes last.
PART_KEYS = {
    FunctionLine: LINE_KEY,
    EconomicLine: LINE_KEY,
    RevenueLine: ("unit__code", "source", "amount"),
    ThreePublicLine: ("unit__code", "category", "amount"),
    FunctionPurpose: ("code__code", "text"),
    Project: ("unit__code", "name", "position", "kind", "function_code__code", "function_code__year", "goal"),
}
# The same for a project's parts, after its project's key.
PROJECT_PART_KEYS = {
    ProjectFunding: ("source", "amount"),
    Indicator: ("position", "level1", "level2", "name", "operator", "value", "measure_unit", "weight"),
}


def canonical(value) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def row_sets(departments: QuerySet) -> list[QuerySet]:
    """Each kind of row of these departments as value tuples in a fixed order."""
    budgets = Budget.objects.filter(department__in=departments)
    in_budgets = {"budget__in": budgets}
    budget_key = tuple(f"budget__{field}" for field in BUDGET)
    years = budgets.values("year")
    sets = [
        departments.values_list("code", "name", "short_name", "alias", "alias_short"),
        Unit.objects.filter(department__in=departments).values_list("department__code", "code", "name", "kind"),
        budgets.values_list(*BUDGET, "status", "carry_forward", "published_at"),
        Budget.units.through.objects.filter(**in_budgets).values_list(*budget_key, "unit__code"),
        BudgetNarrative.objects.filter(**in_budgets).values_list(*budget_key, *NARRATIVE_FIELDS),
        ClassificationCode.objects.filter(year__in=years).values_list("scheme", "year", "code", "name", "parent__code"),
    ]
    sets += [model.objects.filter(**in_budgets).values_list(*budget_key, *key) for model, key in PART_KEYS.items()]
    sets += [
        model.objects.filter(project__budget__in=budgets).values_list(*PROJECT, *key)
        for model, key in PROJECT_PART_KEYS.items()
    ]
    return sets


def row_hash(row: tuple) -> int:
    return int.from_bytes(hashlib.sha256("\x1f".join(map(canonical, row)).encode()).digest())


def fingerprint(departments: QuerySet) -> str:
    digest = hashlib.sha256()
    for rows in row_sets(departments):
        total = sum(row_hash(row) for row in rows.order_by().iterator(chunk_size=5000)) % 2**256
        digest.update(total.to_bytes(32))
    return digest.hexdigest()
