"""What the nine tables are computed from, each read once per budget however
many tables use it: the function-code roll-up carries, in one pass over the
budget's lines per tree level, every column of every table built on it."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Q, Sum

from apps.budgets.models import BASIC_NATURES, FISCAL_SOURCES, Budget, FunctionLine, Nature, RevenueLine, Source
from apps.reference.models import LEVEL_LENGTHS, Scheme

from .base import Row, rollup, tree_rows

# Natures the 收支预算总表 lists below the function tree rather than inside it.
OUTSIDE_TREE = (Nature.SUBSIDY, Nature.REMITTANCE)


def amount(*conditions: Q, **lookups) -> Sum:
    condition = Q(*conditions, **lookups)
    return Sum("amount", filter=condition) if condition else Sum("amount")


FUNCTION_SUMS = {
    "total": amount(),
    **{nature.value: amount(nature=nature) for nature in Nature},
    "tree_total": amount(~Q(nature__in=OUTSIDE_TREE)),
    "fiscal_total": amount(source__in=FISCAL_SOURCES),
    "general_total": amount(source=Source.GENERAL),
    "general_basic": amount(source=Source.GENERAL, nature__in=BASIC_NATURES),
    "general_personnel": amount(source=Source.GENERAL, nature=Nature.PERSONNEL),
    "general_public": amount(source=Source.GENERAL, nature=Nature.PUBLIC),
    "general_project": amount(source=Source.GENERAL, nature=Nature.PROJECT),
    "fund_total": amount(source=Source.GOV_FUND),
    "fund_basic": amount(source=Source.GOV_FUND, nature__in=BASIC_NATURES),
    "fund_project": amount(source=Source.GOV_FUND, nature=Nature.PROJECT),
}


@dataclass
class FunctionRollup:
    totals: dict[str, Decimal | None]  # the budget's totals of every column
    rows: list[Row]  # every 类/款/项 with lines, in code order, with every column

    def rows_for(self, columns: dict[str, str], present: str) -> list[Row]:
        """The tree as one table sees it: the rows it has money in (`present`),
        with its column keys mapped from the roll-up's."""
        return [
            Row(cells={"code": r.code, "name": r.cells["name"], **{key: r.cells[source] for key, source in columns.items()}},
                code=r.code, level=r.level)  # fmt: skip
            for r in self.rows
            if r.cells[present] is not None
        ]


class TableSources:
    def __init__(self, budget: Budget):
        self.budget = budget

    @cached_property
    def function(self) -> FunctionRollup:
        lines = FunctionLine.objects.filter(budget=self.budget)
        totals = lines.aggregate(**FUNCTION_SUMS)
        levels = rollup(lines, "code__code", LEVEL_LENGTHS[Scheme.FUNCTION], FUNCTION_SUMS)
        return FunctionRollup(totals, tree_rows(levels, Scheme.FUNCTION, self.budget.year))

    @cached_property
    def revenue(self) -> dict[str, Decimal]:
        return RevenueLine.objects.filter(budget=self.budget).totals_by("source")
