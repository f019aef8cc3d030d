"""Imports written the ways the layering test must read (never imported, only parsed)."""

from apps.budgets.models import Budget

from ..models import Department


def later():
    import apps.workbooks
    from apps.public.queries import year_budgets

    return Budget, Department, apps.workbooks, year_budgets
