"""The official tables of a budget, computed from its line items (never
stored), in the order and layout of the disclosure. Each province publishes its
own set (TableSet); a budget shows the set its document has."""

from collections.abc import Callable

from apps.budgets.models import Budget, TableSet

from . import balance_tables, code_tables, other_tables
from .base import Column, OfficialTable, Row
from .sources import TableSources

Builder = Callable[[TableSources], OfficialTable]
ZHEJIANG: dict[str, Builder] = {
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
SHANGHAI: dict[str, Builder] = {
    "summary": balance_tables.summary,
    "income": code_tables.income,
    "expenditure": code_tables.expenditure_by_kind,
    "fiscal-summary": balance_tables.fiscal_summary,
    "general-public": code_tables.general_public,
    "government-fund": code_tables.government_fund,
    "state-capital": code_tables.state_capital,
    "general-public-basic": code_tables.general_public_basic,
    "three-public": other_tables.three_public,
}
# The names a set prints where they differ from the builders' (Zhejiang's).
SHANGHAI_NAMES = {
    "summary": "财务收支预算总表",
    "general-public": "一般公共预算支出功能分类预算表",
    "government-fund": "政府性基金预算支出功能分类预算表",
    "state-capital": "国有资本经营预算支出功能分类预算表",
    "general-public-basic": "一般公共预算基本支出部门预算经济分类预算表",
    "three-public": "“三公”经费和机关运行经费预算表",
}
TABLE_SETS: dict[str, tuple[dict[str, Builder], dict[str, str]]] = {
    TableSet.ZHEJIANG: (ZHEJIANG, {}),
    TableSet.SHANGHAI: (SHANGHAI, SHANGHAI_NAMES),
}
SLUGS = tuple(dict.fromkeys(slug for builders, _ in TABLE_SETS.values() for slug in builders))


def slugs_of(budget: Budget) -> tuple[str, ...]:
    """The tables this budget's document publishes, in its order."""
    return tuple(TABLE_SETS[budget.table_set][0])


def build_table(budget: Budget, slug: str, sources: TableSources | None = None) -> OfficialTable:
    """One table of the budget's set (KeyError for a table the set does not have)."""
    builders, names = TABLE_SETS[budget.table_set]
    sources = sources or TableSources(budget)
    table = builders[slug](sources)
    if slug in names:
        table.name = names[slug]
        table.title = f"{budget.year}年{budget.level_label}部门{table.name}"
    table.findings = [finding for finding in sources.findings if finding.table == table.name]
    return table


def build_all(budget: Budget, sources: TableSources | None = None) -> list[OfficialTable]:
    """All of the set, sharing what they are computed from (pass `sources` to share it further, e.g. with the 说明)."""
    sources = sources or TableSources(budget)
    return [build_table(budget, slug, sources) for slug in slugs_of(budget)]


__all__ = [
    "SLUGS",
    "ZHEJIANG",
    "SHANGHAI",
    "Column",
    "OfficialTable",
    "Row",
    "TableSources",
    "build_all",
    "build_table",
    "slugs_of",
]
