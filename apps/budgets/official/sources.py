"""What the nine tables are computed from, each read once per budget however
many tables use it: the budget's figures by function code (apps/budgets/measures.py,
stored once it is published) carry every column of every table built on them."""

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.db.models import Q, QuerySet, Sum

from apps.budgets.measures import MEASURES, three_public_sums
from apps.budgets.models import (
    Budget,
    BudgetFigures,
    Finding,
    RevenueLine,
    Source,
    Status,
    ThreePublicLine,
)
from apps.budgets.stored import budget_figures
from apps.projects.models import Project, ProjectFunding, funding_sums
from apps.reference.models import Scheme

from .base import Column, Row, code_names, tree_rows


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


# The 项目支出表's funding columns by the project amount (Project.with_amounts) each shows: their
# totals are read with what the tables are computed from, for a batch of budgets at once.
PROJECT_COLUMNS = {
    "general_amount": Column("general", "一般公共预算", group="本年拨款"),
    "gov_fund_amount": Column("gov_fund", "政府性基金预算", group="本年拨款"),
    "carryover_general_amount": Column("carryover_general", "一般公共预算", group="财政拨款结转结余"),
    "carryover_gov_fund_amount": Column("carryover_gov_fund", "政府性基金预算", group="财政拨款结转结余"),
    "special_account_amount": Column("special_account", "财政专户管理资金"),
    "unit_amount": Column("unit_funds", "单位资金"),
}
FUNDING = funding_sums()
PROJECT_SUMS = {"total": FUNDING["total"], **{column.key: FUNDING[key] for key, column in PROJECT_COLUMNS.items()}}
THREE_PUBLIC_SUMS = three_public_sums()


class TableSources:
    def __init__(self, budget: Budget, batch: "SourceBatch | None" = None):
        self.budget = budget
        self.batch = batch  # what was read for many budgets at once, this one among them

    @cached_property
    def function(self) -> FunctionRollup:
        """Every measure for the whole budget and each 类/款/项: stored once published, else summed now."""
        figures = dict(self.by_code(Scheme.FUNCTION))
        totals = figures.pop("", None) or dict.fromkeys(MEASURES)
        return FunctionRollup(totals, self.tree_rows(figures, Scheme.FUNCTION))

    @cached_property
    def economic(self) -> dict[str, dict]:
        """Every measure by economic code prefix ("" the whole), as `function`."""
        return self.by_code(Scheme.ECONOMIC)

    def by_code(self, scheme: str) -> dict[str, dict]:
        """Code prefix → every measure ("" the whole): as the batch read it, else read now."""
        read = self.batch.figures(scheme).get(self.budget.pk) if self.batch else None
        if read is not None:
            return read
        return {row.pop("code"): row for row in budget_figures(self.budget, scheme)}

    def tree_rows(self, totals: dict[str, dict], scheme: str) -> list[Row]:
        names = self.batch.code_names(scheme, self.budget.year) if self.batch else None
        return tree_rows(totals, scheme, self.budget.year, names)

    @cached_property
    def findings(self) -> list[Finding]:
        if self.batch:
            return self.batch.findings.get(self.budget.pk, [])
        return list(Finding.objects.filter(budget=self.budget))

    @cached_property
    def revenue(self) -> dict[str, Decimal]:
        if self.batch:
            return self.batch.revenue.get(self.budget.pk, {})
        return RevenueLine.objects.filter(budget=self.budget).totals_by("source")

    @cached_property
    def projects(self) -> list[Project]:
        """Projects in order with every amount both project tables show, summed by the database in one query."""
        if self.batch:
            return self.batch.projects.get(self.budget.pk, [])
        return list(table_projects(Project.objects.filter(budget=self.budget)))

    @cached_property
    def project_totals(self) -> dict[str, Decimal | None]:
        """The 项目支出表's 合计 row: every funding of the budget's projects, by column."""
        if self.batch:
            return self.batch.project_totals.get(self.budget.pk, dict.fromkeys(PROJECT_SUMS))
        return ProjectFunding.objects.filter(project__budget=self.budget).aggregate(**PROJECT_SUMS)

    @cached_property
    def three_public(self) -> tuple[dict, dict[int | None, dict]]:
        """The “三公” sums of the whole budget, and by unit (None: lines not given by unit)."""
        if self.batch:
            return (
                self.batch.three_public.get(self.budget.pk, dict.fromkeys(THREE_PUBLIC_SUMS)),
                self.batch.three_public_units.get(self.budget.pk, {}),
            )
        lines = ThreePublicLine.objects.filter(budget=self.budget)
        by_unit = lines.values("unit").annotate(**THREE_PUBLIC_SUMS).order_by()
        return lines.aggregate(**THREE_PUBLIC_SUMS), {row.pop("unit"): row for row in by_unit}


def table_projects(projects: QuerySet) -> QuerySet:
    by_column = {
        key: Sum("fundings__amount", filter=Q(fundings__source__in=s)) for key, s in PERFORMANCE_SOURCES.items()
    }
    return projects.for_tables().annotate(**by_column)


class SourceBatch:
    """What the tables of many budgets are computed from, each kind read in one query for all of
    them (the whole year's workbook) when a table first needs it, where a budget's own TableSources
    reads per budget. The same queries, filtered by many budgets and grouped here: the same tables."""

    def __init__(self, budgets: list[Budget], names: dict | None = None):
        self.ids = [budget.pk for budget in budgets]
        # Only published budgets have stored figures; any other (or one without any) reads its own.
        self.published = [budget.pk for budget in budgets if budget.status == Status.PUBLISHED]
        self.stored: dict[str, dict[int, dict[str, dict]]] = {}
        self.names: dict[tuple[str, int], dict[str, str]] = {} if names is None else names  # shareable by batches

    @cached_property
    def findings(self) -> dict[int, list[Finding]]:
        return grouped(Finding.objects.filter(budget__in=self.ids), "budget_id")

    @cached_property
    def projects(self) -> dict[int, list[Project]]:
        return grouped(table_projects(Project.objects.filter(budget__in=self.ids)), "budget_id")

    @cached_property
    def revenue(self) -> dict[int, dict[str, Decimal]]:
        found: dict[int, dict[str, Decimal]] = {}
        by_source = RevenueLine.objects.filter(budget__in=self.ids).values_list("budget", "source")
        for budget, source, total in by_source.annotate(total=Sum("amount")).order_by():
            found.setdefault(budget, {})[source] = total
        return found

    @cached_property
    def project_totals(self) -> dict[int, dict]:
        by_budget = ProjectFunding.objects.filter(project__budget__in=self.ids).values("project__budget")
        return {row.pop("project__budget"): row for row in by_budget.annotate(**PROJECT_SUMS).order_by()}

    @cached_property
    def three_public(self) -> dict[int, dict]:
        by_budget = ThreePublicLine.objects.filter(budget__in=self.ids).values("budget")
        return {row.pop("budget"): row for row in by_budget.annotate(**THREE_PUBLIC_SUMS).order_by()}

    @cached_property
    def three_public_units(self) -> dict[int, dict[int | None, dict]]:
        found: dict[int, dict[int | None, dict]] = {}
        by_unit = ThreePublicLine.objects.filter(budget__in=self.ids).values("budget", "unit")
        for row in by_unit.annotate(**THREE_PUBLIC_SUMS).order_by():
            found.setdefault(row.pop("budget"), {})[row.pop("unit")] = row
        return found

    def figures(self, scheme: str) -> dict[int, dict[str, dict]]:
        """Budget id → code prefix → every measure, as stored (apps/budgets/stored.py), read once for the batch."""
        if scheme not in self.stored:
            self.stored[scheme] = {}
            rows = BudgetFigures.objects.filter(budget__in=self.published, scheme=scheme).values(
                "budget", "code", *MEASURES
            )
            for row in rows:
                self.stored[scheme].setdefault(row.pop("budget"), {})[row.pop("code")] = row
        return self.stored[scheme]

    def code_names(self, scheme: str, year: int) -> dict[str, str]:
        """Every code's name in that year's classification, read once for the batch."""
        if (scheme, year) not in self.names:
            self.names[scheme, year] = code_names(scheme, year)
        return self.names[scheme, year]

    def sources(self, budget: Budget) -> TableSources:
        return TableSources(budget, self)


def grouped(rows, key: str) -> dict[int, list]:
    """Rows by `key`, each group in the rows' order."""
    found: dict[int, list] = {}
    for row in rows:
        found.setdefault(getattr(row, key), []).append(row)
    return found
