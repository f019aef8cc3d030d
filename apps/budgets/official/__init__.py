"""The nine official tables of a budget, computed from its line items (never
stored), in the order and layout of the disclosure."""

from collections.abc import Callable

from apps.budgets.models import Budget

from . import balance_tables, code_tables, other_tables
from .base import Column, OfficialTable, Row
from .phases import named_for_phase
from .sources import TableSources

BUILDERS: dict[str, Callable[[TableSources], OfficialTable]] = {
    "summary": balance_tables.summary,
    "expenditure": code_tables.expenditure,
    "fiscal-summary": balance_tables.fiscal_summary,
    "general-public": code_tables.general_public,
    "general-public-basic": code_tables.general_public_basic,
    "three-public": other_tables.three_public,
    "government-fund": code_tables.government_fund,
    "projects": other_tables.projects,
    "performance": other_tables.performance,
}
SLUGS = tuple(BUILDERS)


def build_table(budget: Budget, slug: str, sources: TableSources | None = None) -> OfficialTable:
    return named_for_phase(BUILDERS[slug](sources or TableSources(budget)), budget.phase)


def build_all(budget: Budget, sources: TableSources | None = None) -> list[OfficialTable]:
    """All nine, sharing what they are computed from (pass `sources` to share it further, e.g. with the 说明)."""
    sources = sources or TableSources(budget)
    return [named_for_phase(build(sources), budget.phase) for build in BUILDERS.values()]


__all__ = ["SLUGS", "Column", "OfficialTable", "Row", "TableSources", "build_all", "build_table"]
