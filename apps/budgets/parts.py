"""The rows that make up a budget, declared once: what its history follows and restores, which of them
name one of its units, and what a department's editor may change. Projects are a part of a budget (budgets
and projects are one layer)."""

from django.db.models import Model

from apps.projects.models import Indicator, Project, ProjectFunding

from .models import (
    Budget,
    BudgetNarrative,
    EconomicLine,
    Finding,
    FunctionLine,
    FunctionPurpose,
    NarrativeSection,
    RevenueLine,
    ThreePublicLine,
)

# The money lines: each has a unit and an amount.
LINES: tuple[type[Model], ...] = (RevenueLine, FunctionLine, EconomicLine, ThreePublicLine)
# Rows that name a unit, which must be one the budget lists.
UNIT_ROWS: tuple[type[Model], ...] = (*LINES, Project)
# Rows that point at the budget and hold its figures: a carry-over copies them; its history shows them and a
# restore brings them back.
BUDGET_ROWS: tuple[type[Model], ...] = (*LINES, FunctionPurpose, Project)
# Rows that point at one of its projects.
PROJECT_ROWS: tuple[type[Model], ...] = (ProjectFunding, Indicator)
# Rows that keep what the disclosed document itself says beyond its figures: its narrative in its own sections
# and the totals it prints that its rows do not give. An import writes them and the history follows them as it
# does BUDGET_ROWS; a carry-over leaves them behind (next year's document has its own).
DOCUMENT_ROWS: tuple[type[Model], ...] = (NarrativeSection, Finding)
# Every model a department's editor adds, changes and deletes, and a reviewer views (accounts/roles.py):
# the budget itself and everything in it.
EDITED_MODELS: tuple[type[Model], ...] = (Budget, BudgetNarrative, *BUDGET_ROWS, *DOCUMENT_ROWS, *PROJECT_ROWS)
