"""Imports written the ways the layering test must read (never imported, only parsed)."""

from apps.budgets.models import Budget

from ..models import Department


def later():
    import apps.workbooks
    from apps.public.links import code_url

    return Budget, Department, apps.workbooks, code_url
