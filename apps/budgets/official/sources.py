"""What the nine tables are computed from, each read once per budget however
many tables use it: the function-code roll-up carries, in one pass over the
budget's lines per tree level, every column of every table built on it."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Q, Sum
from django.db.models.functions import Length, Substr

from apps.budgets.models import (
    BASIC_NATURES,
    FISCAL_SOURCES,
    Budget,
    Finding,
    FunctionLine,
    Nature,
    RevenueLine,
    Source,
)
from apps.projects.models import Project
from apps.reference.models import LEVEL_LENGTHS, Scheme

from .base import Row, tree_rows

# Natures the 收支预算总表 lists below the function tree rather than inside it.
OUTSIDE_TREE = (Nature.SUBSIDY, Nature.REMITTANCE)


# Every column any table takes from the function tree, as a test on a line's
# (nature, source). The database sums the lines by code prefix, nature and
# source; the columns are then picked from those few sums.
FUNCTION_COLUMNS: dict[str, Callable[[str, str], bool]] = {
    "total": lambda nature, source: True,
    **{n.value: (lambda nature, source, n=n.value: nature == n) for n in Nature},
    "tree_total": lambda nature, source: nature not in OUTSIDE_TREE,
    "fiscal_total": lambda nature, source: source in FISCAL_SOURCES,
    "general_total": lambda nature, source: source == Source.GENERAL,
    "general_basic": lambda nature, source: source == Source.GENERAL and nature in BASIC_NATURES,
    "general_personnel": lambda nature, source: source == Source.GENERAL and nature == Nature.PERSONNEL,
    "general_public": lambda nature, source: source == Source.GENERAL and nature == Nature.PUBLIC,
    "general_project": lambda nature, source: source == Source.GENERAL and nature == Nature.PROJECT,
    "fund_total": lambda nature, source: source == Source.GOV_FUND,
    "fund_basic": lambda nature, source: source == Source.GOV_FUND and nature in BASIC_NATURES,
    "fund_project": lambda nature, source: source == Source.GOV_FUND and nature == Nature.PROJECT,
    "capital_total": lambda nature, source: source == Source.STATE_CAPITAL,
    "capital_basic": lambda nature, source: source == Source.STATE_CAPITAL and nature in BASIC_NATURES,
    "capital_project": lambda nature, source: source == Source.STATE_CAPITAL and nature == Nature.PROJECT,
    "basic_total": lambda nature, source: nature in BASIC_NATURES,
}
# Columns that split 基本支出 into 人员/公用: blank, never a partial sum, where
# part of the row's 基本支出 is held unsplit (Nature.BASIC).
SPLIT_COLUMNS = {
    "personnel": None,
    "public": None,
    "general_personnel": Source.GENERAL,
    "general_public": Source.GENERAL,
}


def columns_of(sums: list[tuple[str, str, Decimal]]) -> dict[str, Decimal | None]:
    """Each column's total from the (nature, source, amount) sums of one code; None where nothing counts."""
    cells: dict[str, Decimal | None] = dict.fromkeys(FUNCTION_COLUMNS)
    for nature, source, amount in sums:
        for key, counts in FUNCTION_COLUMNS.items():
            if counts(nature, source):
                cells[key] = (cells[key] or Decimal("0")) + amount
    unsplit = {source for nature, source, _ in sums if nature == Nature.BASIC}
    for key, source in SPLIT_COLUMNS.items():
        if unsplit and (source is None or source in unsplit):
            cells[key] = None
    return cells


@dataclass
class FunctionRollup:
    totals: dict[str, Decimal | None]  # the budget's totals of every column
    rows: list[Row]  # every 类/款/项 with lines, in code order, with every column

    @property
    def holds_unsplit_basic(self) -> bool:
        """Whether the document gave 基本支出 by function code without its 人员/公用 split."""
        return self.totals["basic"] is not None

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
        lines = FunctionLine.objects.filter(budget=self.budget)
        by_code: dict[str, list] = defaultdict(list)
        for length in LEVEL_LENGTHS[Scheme.FUNCTION]:
            sums = (
                lines.annotate(code_length=Length("code__code"), prefix=Substr("code__code", 1, length))
                .filter(code_length__gte=length)
                .values_list("prefix", "nature", "source")
                .annotate(amount=Sum("amount"))
                .order_by()
            )
            for prefix, nature, source, amount in sums:
                by_code[prefix].append((nature, source, amount))
        levels = {code: columns_of(sums) for code, sums in by_code.items()}
        totals = columns_of(list(lines.values_list("nature", "source").annotate(amount=Sum("amount")).order_by()))
        return FunctionRollup(totals, tree_rows(levels, Scheme.FUNCTION, self.budget.year))

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
