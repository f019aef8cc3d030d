"""What the nine tables are computed from, each read once per budget however
many tables use it: the budget's figures by function code (apps/budgets/measures.py,
stored once it is published) carry every column of every table built on them."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Q, Sum

from apps.budgets.measures import MEASURES
from apps.budgets.models import Budget, Finding, RevenueLine, Source
from apps.budgets.stored import budget_figures
from apps.projects.models import Project
from apps.reference.models import Scheme

from .base import Row, tree_rows


@dataclass
class FunctionRollup:
    totals: dict[str, Decimal | None]  # the budget's totals of every column
    rows: list[Row]  # every 类/款/项 with lines, in code order, with every column

    @property
    def holds_unsplit_basic(self) -> bool:
        """Whether the document gave 基本支出 by function code without its 人员/公用 split."""
        return self.totals["basic"] is not None  # the measure of Nature.BASIC

    def rows_for(self, columns: dict[str, str], present: str) -> list[Row]:
        """The tree as one table sees it: the rows it has money in (`present`),
        with its column keys mapped from the roll-up's."""
        return [
            Row(
                cells={
                    "code": r.code,
                    "name": r.cells["name"],
                    **{key: r.cells.get(source) for key, source in columns.items()},
                },
                code=r.code,
                level=r.level,
            )
            for r in self.rows
            if r.cells[present] is not None
        ]


# The performance table's funding columns, each a set of project sources.
PERFORMANCE_SOURCES = {
    "general": [Source.GENERAL, Source.CARRYOVER_GENERAL],
    "gov_fund": [Source.GOV_FUND, Source.CARRYOVER_GOV_FUND],
    "special_account": [Source.SPECIAL_ACCOUNT],
    "other": [Source.UNIT],
}


class TableSources:
    def __init__(self, budget: Budget):
        self.budget = budget

    @cached_property
    def function(self) -> FunctionRollup:
        """Every measure for the whole budget and each 类/款/项: stored once published, else summed now."""
        figures = {row.pop("code"): row for row in budget_figures(self.budget, Scheme.FUNCTION)}
        totals = figures.pop("", None) or dict.fromkeys(MEASURES)
        return FunctionRollup(totals, tree_rows(figures, Scheme.FUNCTION, self.budget.year))

    @cached_property
    def economic(self) -> dict[str, dict]:
        """Every measure by economic code prefix ("" the whole), as `function`."""
        return {row.pop("code"): row for row in budget_figures(self.budget, Scheme.ECONOMIC)}

    @cached_property
    def findings(self) -> list[Finding]:
        return list(Finding.objects.filter(budget=self.budget))

    @cached_property
    def revenue(self) -> dict[str, Decimal]:
        return RevenueLine.objects.filter(budget=self.budget).totals_by("source")

    @cached_property
    def projects(self) -> list[Project]:
        """Projects in order with every amount both project tables show, summed by the database in one query."""
        by_column = {
            key: Sum("fundings__amount", filter=Q(fundings__source__in=s)) for key, s in PERFORMANCE_SOURCES.items()
        }
        return list(Project.objects.filter(budget=self.budget).for_tables().annotate(**by_column))
