"""The rows that make up a budget, declared once: what its history follows and restores, and which of them
name one of its units. Projects are a part of a budget (budgets and projects are one layer)."""

from django.db.models import Model

from apps.projects.models import Indicator, Project, ProjectFunding

from .models import EconomicLine, FunctionLine, FunctionPurpose, RevenueLine, ThreePublicLine

# The money lines: each has a unit and an amount.
LINES: tuple[type[Model], ...] = (RevenueLine, FunctionLine, EconomicLine, ThreePublicLine)
# Rows that name a unit, which must be one the budget lists.
UNIT_ROWS: tuple[type[Model], ...] = (*LINES, Project)
# Rows that point at the budget: its history shows them and a restore brings them back.
BUDGET_ROWS: tuple[type[Model], ...] = (*LINES, FunctionPurpose, Project)
# Rows that point at one of its projects.
PROJECT_ROWS: tuple[type[Model], ...] = (ProjectFunding, Indicator)
