"""Every figure an expenditure line adds to, defined once.

A measure is a test on a line's nature and source: 支出总计 counts every line, 基本支出 the basic
natures, 一般公共预算人员经费 the personnel lines paid from the general budget. The same
definition gives the database's filtered SUM (the official tables, checks, headline figures, city
and code pages, the stored figures of published budgets) and the in-memory test (ingest comparing a
document's tables before anything is stored), so every total on the site is the same sum.

`line_figures` sums lines grouped by budget and code prefix over any set of budgets; `held` then
blanks a 人员/公用 split where the document holds part of 基本支出 unsplit: never a partial sum."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Aggregate, Q, QuerySet, Sum
from django.db.models.functions import Length, Substr

from apps.reference.models import LEVEL_LENGTHS, Scheme

from .models import BASIC_NATURES, FISCAL_SOURCES, EconomicLine, FunctionLine, Nature, Source, ThreePublicCategory

Figures = dict[str, Decimal | None]
LINE_MODELS = {Scheme.FUNCTION: FunctionLine, Scheme.ECONOMIC: EconomicLine}


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    natures: tuple[str, ...] | None = None  # None: every nature
    sources: tuple[str, ...] | None = None  # None: every source
    blanked_by: str = ""  # the measure whose presence means this split is not held

    def counts(self, nature: str, source: str) -> bool:
        """Whether a line of this nature and source counts (ingest's check before anything is stored)."""
        return (self.natures is None or nature in self.natures) and (self.sources is None or source in self.sources)

    def condition(self, path: str = "") -> Q:
        """The lines that count, as a filter on `path` (e.g. "functionlines__" from a budget)."""
        condition = Q()
        if self.natures is not None:
            condition &= Q(**{f"{path}nature__in": self.natures})
        if self.sources is not None:
            condition &= Q(**{f"{path}source__in": self.sources})
        return condition

    def sum(self, path: str = "") -> Sum:
        condition = self.condition(path)
        return Sum(f"{path}amount", filter=condition) if condition else Sum(f"{path}amount")


OUTSIDE_TREE = (Nature.SUBSIDY, Nature.REMITTANCE)  # listed below the function tree in 收支预算总表
TREE_NATURES = tuple(n for n in Nature if n not in OUTSIDE_TREE)
GENERAL, FUND, CAPITAL = (Source.GENERAL,), (Source.GOV_FUND,), (Source.STATE_CAPITAL,)
PROJECT = (Nature.PROJECT,)


def _measures() -> list[Measure]:
    by_nature = [
        Measure(n.value, n.label, (n,), blanked_by="basic" if n in (Nature.PERSONNEL, Nature.PUBLIC) else "")
        for n in Nature
    ]  # "basic" is Nature.BASIC: 基本支出 the document does not split into 人员/公用
    return [
        Measure("total", "支出总计"),
        *by_nature,
        Measure("basic_total", "基本支出", BASIC_NATURES),
        Measure("tree_total", "按功能分类列示的支出", TREE_NATURES),
        Measure("fiscal_total", "财政拨款支出", sources=FISCAL_SOURCES),
        Measure("fiscal_public", "财政拨款公用经费", (Nature.PUBLIC,), FISCAL_SOURCES),
        Measure("general_total", "一般公共预算支出", sources=GENERAL),
        Measure("general_basic", "一般公共预算基本支出", BASIC_NATURES, GENERAL),
        Measure("general_unsplit", "一般公共预算基本支出（未分人员、公用）", (Nature.BASIC,), GENERAL),
        Measure("general_personnel", "一般公共预算人员经费", (Nature.PERSONNEL,), GENERAL, "general_unsplit"),
        Measure("general_public", "一般公共预算公用经费", (Nature.PUBLIC,), GENERAL, "general_unsplit"),
        Measure("general_project", "一般公共预算项目支出", PROJECT, GENERAL),
        Measure("fund_total", "政府性基金预算支出", sources=FUND),
        Measure("fund_basic", "政府性基金预算基本支出", BASIC_NATURES, FUND),
        Measure("fund_project", "政府性基金预算项目支出", PROJECT, FUND),
        Measure("capital_total", "国有资本经营预算支出", sources=CAPITAL),
        Measure("capital_basic", "国有资本经营预算基本支出", BASIC_NATURES, CAPITAL),
        Measure("capital_project", "国有资本经营预算项目支出", PROJECT, CAPITAL),
    ]


MEASURES: dict[str, Measure] = {m.key: m for m in _measures()}


def sums(*keys: str, path: str = "") -> dict[str, Sum]:
    """The measures (all of them without keys) as aggregate expressions named by their keys."""
    return {key: MEASURES[key].sum(path) for key in keys or MEASURES}


C = ThreePublicCategory
# The “三公” figures as the 三公 tables, the 说明 and the city's ranking print them: key → (heading, categories).
THREE_PUBLIC: dict[str, tuple[str, tuple[str, ...]]] = {
    "total": ("“三公”经费合计", tuple(C)),
    "overseas": (C.OVERSEAS.label, (C.OVERSEAS,)),
    "vehicle": ("公务用车购置及运行维护费", (C.VEHICLE_PURCHASE, C.VEHICLE_RUNNING)),
    "vehicle_purchase": (C.VEHICLE_PURCHASE.label, (C.VEHICLE_PURCHASE,)),
    "vehicle_running": (C.VEHICLE_RUNNING.label, (C.VEHICLE_RUNNING,)),
    "reception": (C.RECEPTION.label, (C.RECEPTION,)),
}


def three_public_sums(path: str = "") -> dict[str, Sum]:
    """Each “三公” figure over the ThreePublicLine rows reached through `path` ("three_public_lines__"
    from a budget); None where no line of its categories is given."""
    return {
        key: Sum(f"{path}amount", filter=Q(**{f"{path}category__in": categories}))
        for key, (_, categories) in THREE_PUBLIC.items()
    }


def held(figures: Figures) -> Figures:
    """The figures as a table may print them: a split of 基本支出 is blank where part of it is unsplit."""
    for measure in MEASURES.values():
        if measure.blanked_by and figures.get(measure.blanked_by) is not None and measure.key in figures:
            figures[measure.key] = None
    return figures


def line_figures(
    lines: QuerySet, lengths: Iterable[int], group: tuple[str, ...] = (), **extra: Aggregate
) -> list[dict]:
    """Every measure (and `extra`) of `lines` per `group` and code prefix: one row per level with `code`
    the prefix, and the whole (`code` ""). One grouped query a level, whatever the number of budgets."""
    aggregates = {**sums(), **extra}
    whole = lines.values(*group).annotate(**aggregates).order_by() if group else [lines.aggregate(**aggregates)]
    rows = [{**row, "code": ""} for row in whole]
    for length in lengths:
        by_prefix = (
            lines.annotate(code_length=Length("code__code"), prefix=Substr("code__code", 1, length))
            .filter(code_length__gte=length)
            .values(*group, "prefix")
            .annotate(**aggregates)
            .order_by()
        )
        rows.extend({"code": row.pop("prefix"), **row} for row in by_prefix)
    return [held(row) for row in rows]


def budget_lines(scheme: str, budgets: QuerySet | list) -> QuerySet:
    """The lines of one classification (function or economic) of these budgets."""
    return LINE_MODELS[scheme].objects.filter(budget__in=budgets)


def live_figures(scheme: str, budget_ids: list[int]) -> list[dict]:
    """Every measure per budget and code prefix of one classification, computed from the lines; every
    budget has its whole row, lines or not (a city counts it among its departments)."""
    rows = line_figures(budget_lines(scheme, budget_ids), LEVEL_LENGTHS[scheme], ("budget",))
    whole = {row["budget"] for row in rows if not row["code"]}
    return rows + [{"budget": pk, "code": "", **dict.fromkeys(MEASURES)} for pk in budget_ids if pk not in whole]
