"""The formulaic 说明 of a budget, generated from its line items so that the
text can never disagree with the tables. Only what data cannot give (reasons,
purposes, prior-year amounts) comes from the stored narrative."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.template.loader import render_to_string

from apps.budgets.measures import MEASURES
from apps.budgets.models import (
    FISCAL_SOURCES,
    Budget,
    BudgetNarrative,
    EconomicLine,
    FunctionLine,
    FunctionPurpose,
    Nature,
    RevenueSource,
    Source,
    TableSet,
)
from apps.budgets.official.sources import FunctionRollup, TableSources
from apps.reference.models import LEVEL_NAMES, Unit

WAN = Decimal("10000")
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
ZERO = Decimal("0")


def wan(amount: Decimal | None) -> Decimal:
    """元 → 万元, two decimals, rounded half up as the disclosures do."""
    return ((amount or ZERO) / WAN).quantize(CENT, ROUND_HALF_UP)


def share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """A percentage to one place from exact amounts; None where the base is zero."""
    if not whole:
        return None
    return ((part or ZERO) * 100 / whole).quantize(TENTH, ROUND_HALF_UP)


@dataclass(frozen=True)
class Change:
    """How this year's amount compares with a prior one."""

    current: Decimal
    prior: Decimal

    @property
    def direction(self) -> str:
        return "增加" if self.current > self.prior else "减少" if self.current < self.prior else "持平"

    @property
    def growth_word(self) -> str:
        return {"增加": "增长", "减少": "下降"}.get(self.direction, "持平")

    @property
    def amount_wan(self) -> Decimal:
        return wan(abs(self.current - self.prior))

    @property
    def percent(self) -> Decimal | None:
        return share(abs(self.current - self.prior), self.prior)


def change(current: Decimal, prior: Decimal | None) -> Change | None:
    return None if prior is None else Change(current, prior)


@dataclass(frozen=True)
class Figure:
    name: str
    wan: Decimal
    share: Decimal | None = None
    purpose: str = ""


def by_class(rollup: FunctionRollup, key: str) -> list[Figure]:
    """Amount and share of each function 类 in one column of the shared roll-up."""
    total = rollup.totals[key]
    return [
        Figure(row.cells["name"], wan(row.cells[key]), share(row.cells[key], total))
        for row in rollup.rows
        if row.level == 1 and row.cells[key] is not None
    ]


def general_uses(budget: Budget, rollup: FunctionRollup) -> list[Figure]:
    """Each leaf code of 一般公共预算 spending, named 类/款/项 as the disclosure does."""
    rows = [row for row in rollup.rows if row.cells["general_total"] is not None]
    names = {row.code: row.cells["name"] for row in rows}
    leaves = [
        row for row in rows if not any(other.code.startswith(row.code) and other.code != row.code for other in rows)
    ]
    purposes = dict(FunctionPurpose.objects.filter(budget=budget).values_list("code__code", "text"))
    return [
        Figure(
            "".join(f"{names[row.code[:n]]}（{LEVEL_NAMES[n]}）" for n in (3, 5, 7) if len(row.code) >= n),
            wan(row.cells["general_total"]),
            purpose=purposes.get(row.code, ""),
        )
        for row in leaves
    ]


def economic_names(budget: Budget) -> dict[str, list[str]]:
    """The economic codes the general budget's 人员经费 and 公用经费 are spent on, by nature, in code order."""
    natures = (Nature.PERSONNEL, Nature.PUBLIC)
    lines = EconomicLine.objects.filter(budget=budget, source=Source.GENERAL, nature__in=natures)
    names: dict[str, list[str]] = {nature: [] for nature in natures}
    labelled = lines.values("nature", "code_id").with_code_labels().order_by("code_number")
    for nature, name in labelled.values_list("nature", "code_name").distinct():
        names[nature].append(name)
    return names


def revenue_context(revenue: dict[str, Decimal], full_template: bool = True) -> dict:
    """Zhejiang's template names 政府性基金, 专户 and 上年结转 even at zero; another names only what it holds."""
    total = sum(revenue.values(), ZERO)
    carryover = sum((v for k, v in revenue.items() if k.startswith("carryover")), ZERO)
    fixed = {
        RevenueSource.GENERAL: "一般公共预算拨款收入",
        RevenueSource.GOV_FUND: "政府性基金收入",
        RevenueSource.SPECIAL_ACCOUNT: "专户资金",
    }
    parts = [
        Figure(label, wan(revenue.get(source)), share(revenue.get(source), total))
        for source, label in fixed.items()
        if full_template or source in revenue
    ]
    parts += [
        Figure(RevenueSource(source).label, wan(amount), share(amount, total))
        for source, amount in revenue.items()
        if source not in fixed and not source.startswith("carryover") and amount
    ]
    if full_template or carryover:
        parts.append(Figure("上年结转", wan(carryover), share(carryover, total)))
    fiscal = [s for s in RevenueSource if s.value in FISCAL_SOURCES]
    return {
        "revenue_total": wan(total),
        "revenue_kinds": [RevenueSource(s).label for s in sorted(revenue, key=list(RevenueSource).index) if revenue[s]],
        "revenue_parts": parts,
        "fiscal_revenue_total": wan(sum((revenue.get(s, ZERO) for s in fiscal), ZERO)),
        "fiscal_revenue_parts": [Figure(s.label, wan(revenue[s])) for s in fiscal if revenue.get(s)],
    }


def expenditure_context(budget: Budget, rollup: FunctionRollup) -> dict:
    totals = rollup.totals
    total = totals["total"]
    named = [(Nature.PERSONNEL, "人员支出"), (Nature.PUBLIC, "日常公用支出"), (Nature.PROJECT, "项目支出")]
    if rollup.holds_unsplit_basic:  # no 人员/公用 by function code: 基本支出 is named whole below
        named = named[2:]
    return {
        "expenditure_total": wan(total),
        "classes": by_class(rollup, "total"),
        "uses": [Figure(label, wan(totals[nature]), share(totals[nature], total)) for nature, label in named]
        + [
            Figure(n.label, wan(totals[n]), share(totals[n], total))
            for n in Nature
            if n not in dict(named) and totals[n]
        ],
        "carry_forward": wan(budget.carry_forward),
        "fiscal_classes": by_class(rollup, "fiscal_total"),
        "gov_fund_total": wan(totals["fund_total"]),
    }


def general_context(budget: Budget, narrative: BudgetNarrative, rollup: FunctionRollup) -> dict:
    totals = rollup.totals
    total = totals["general_total"] or ZERO
    items = economic_names(budget)
    return {
        "general_total": wan(total),
        "general_change": change(total, narrative.prior_general_actual),
        "general_classes": by_class(rollup, "general_total"),
        "general_uses": general_uses(budget, rollup),
        "basic_total": wan(totals["general_basic"]),
        "personnel": wan(split_basic(budget, totals, Nature.PERSONNEL)),
        "public": wan(split_basic(budget, totals, Nature.PUBLIC)),
        "personnel_items": items[Nature.PERSONNEL],
        "public_items": items[Nature.PUBLIC],
    }


def three_public_context(found: dict[str, Decimal | None], narrative: BudgetNarrative) -> dict:
    """`found`: the budget's 三公 sums as the 三公 table reads them (TableSources.three_public)."""
    # The 说明's sentences state every category: one without a line is 0 there.
    amounts = {key: amount or ZERO for key, amount in found.items()}
    return {
        "overseas": wan(amounts["overseas"]),
        "overseas_change": change(amounts["overseas"], narrative.prior_overseas),
        "reception": wan(amounts["reception"]),
        "reception_change": change(amounts["reception"], narrative.prior_reception),
        "vehicle": wan(amounts["vehicle"]),
        "vehicle_change": change(amounts["vehicle"], narrative.prior_vehicle),
        "vehicle_purchase": wan(amounts["vehicle_purchase"]),
        "vehicle_running": wan(amounts["vehicle_running"]),
        "vehicles_total": narrative.vehicles_cars + narrative.vehicles_vans + narrative.vehicles_buses,
    }


def other_context(budget: Budget, narrative: BudgetNarrative, sources: TableSources) -> dict:
    # From the units the page has read already (Budget.objects.for_budget_page), where it has.
    admin_units = sum(1 for unit in budget.units.all() if unit.kind == Unit.Kind.ADMINISTRATIVE)
    administrative = FunctionLine.objects.filter(budget=budget, unit__kind=Unit.Kind.ADMINISTRATIVE)
    running = administrative.aggregate(running=MEASURES["fiscal_public"].sum())["running"] or ZERO
    fundings = sources.project_totals  # the 项目支出表's 合计 row
    procurement = narrative.procurement_goods + narrative.procurement_works + narrative.procurement_services
    return {
        "admin_units": admin_units,
        "running_cost": wan(running),
        "running_change": change(running, narrative.prior_running_cost),
        "procurement_total": wan(procurement),
        "procurement_goods": wan(narrative.procurement_goods),
        "procurement_works": wan(narrative.procurement_works),
        "procurement_services": wan(narrative.procurement_services),
        "project_count": len(sources.projects),
        "project_total": wan(fundings["total"]),
        "project_general": wan(fundings["general"]),
    }


def split_basic(budget: Budget, totals: dict, nature: str) -> Decimal | None:
    """人员经费 or 公用经费 of the general budget: by function code where the document
    splits it there, else by economic code (where every template splits it)."""
    key = "general_personnel" if nature == Nature.PERSONNEL else "general_public"
    if totals[key] is not None or totals["general_basic"] is None:
        return totals[key]
    return EconomicLine.objects.filter(budget=budget, source=Source.GENERAL, nature=nature).total()


def explanation_context(budget: Budget, sources: TableSources | None = None) -> dict:
    sources = sources or TableSources(budget)
    narrative = budget.stored_narrative
    return {
        "budget": budget,
        "name": budget.department.narrative_name,
        "year": budget.year,
        "prior_year": budget.year - 1,
        "phase_word": budget.get_phase_display(),  # 预算, 决算 or 调整预算: the 说明's words follow the phase
        "narrative": narrative,
        # The 三公 and 其他重要事项 paragraphs need the figures only Zhejiang's
        # template states (prior years, vehicles, procurement): others print their own.
        "full_template": budget.table_set == TableSet.ZHEJIANG,
        **revenue_context(sources.revenue, budget.table_set == TableSet.ZHEJIANG),
        **expenditure_context(budget, sources.function),
        **general_context(budget, narrative, sources.function),
        **three_public_context(sources.three_public[0], narrative),
        **other_context(budget, narrative, sources),
    }


def explanation_paragraphs(
    budget: Budget, sources: TableSources | None = None, context: dict | None = None
) -> list[str]:
    """The 说明 as paragraphs of plain text (for pages and workbooks alike); pass
    the TableSources the tables use to share their roll-up, or the context already made."""
    text = render_to_string("budgets/explanation.txt", context or explanation_context(budget, sources))
    # The template wraps long sentences over lines; Chinese joins them without spaces.
    return ["".join(line.strip() for line in block.splitlines()) for block in text.split("\n\n") if block.strip()]
