"""What a budget page and the home page answer before any table: how much (in
万元/亿元, as the disclosures speak), how it changed against the previous
year, where most of it goes, and the comparisons the disclosure itself makes."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from apps.budgets.explanation import Change, share
from apps.budgets.measures import MEASURES
from apps.budgets.models import Budget, CityProject, FunctionLine, Phase
from apps.projects.models import Project
from apps.reference.models import Government

from .links import code_urls, project_urls, unit_reverse

CENT = Decimal("0.01")
WAN = Decimal("10000")
YI = Decimal("100000000")
LARGEST = 5


def compact_amount(amount: Decimal | None) -> str:
    """An amount as a headline says it: 2,525.88万元, 10.55亿元; blank when unknown."""
    if amount is None:
        return ""
    if abs(amount) >= YI:
        return f"{(amount / YI).quantize(CENT, ROUND_HALF_UP):,.2f}亿元"
    return f"{(amount / WAN).quantize(CENT, ROUND_HALF_UP):,.2f}万元"


def previous_budget(budget: Budget, others: list[Budget]) -> Budget | None:
    """What the first screen compares with, among the department's other published budgets:
    for a 决算 or 调整预算 the same year's 预算 (how the plan was carried out), else the
    year before in the same phase."""
    if budget.phase != Phase.BUDGET:
        planned = next((b for b in others if b.year == budget.year and b.phase == Phase.BUDGET), None)
        if planned:
            return planned
    return next((b for b in others if b.year == budget.year - 1 and b.phase == budget.phase), None)


def execution_of(budget: Budget, others: list[Budget]) -> Budget | None:
    """For a 预算, the same year's published 决算 (what was spent of what was planned)."""
    if budget.phase != Phase.BUDGET:
        return None
    return next((b for b in others if b.year == budget.year and b.phase == Phase.FINAL), None)


@dataclass(frozen=True)
class Item:
    """One of the largest items: basic spending on a function code, or a project."""

    label: str
    kind: str
    amount: Decimal
    share: Decimal | None
    url: str


def largest_items(budget: Budget, projects: list[Project], whole: Decimal | None, unit) -> list[Item]:
    """The five largest items of spending. Basic spending is counted by function
    code and project spending by project, so no yuan is counted twice."""
    basic = (
        FunctionLine.objects.filter(MEASURES["basic_total"].condition(), budget=budget)
        .values("code__code", "code__name")
        .annotate(amount=Sum("amount"))
        .order_by("-amount", "code__code")[:LARGEST]
    )
    code_url = code_urls("function", budget.year, unit, budget.department.government)
    project_url = project_urls(budget, unit)
    items = [
        Item(
            f"{row['code__name']}（{row['code__code']}）",
            "基本支出",
            row["amount"],
            share(row["amount"], whole),
            code_url(row["code__code"]),
        )
        for row in basic
    ]
    items += [
        Item(
            project.name,
            "项目",
            project.total,
            share(project.total, whole),
            project_url(project.pk),
        )
        for project in projects
        if project.total
    ]
    return sorted(items, key=lambda item: -item.amount)[:LARGEST]


@dataclass(frozen=True)
class StatedChange:
    """A comparison the disclosure's 说明 makes, against a prior figure it states."""

    label: str
    basis: str  # 比2020年执行数, 比上年预算
    change: Change

    @property
    def difference(self) -> Decimal:
        return self.change.current - self.change.prior

    @property
    def percent(self) -> Decimal | None:
        return share(self.difference, self.change.prior)


def stated_changes(context: dict) -> list[StatedChange]:
    """The 说明's comparisons (from the prior-year figures kept with the narrative),
    skipping those where both years are nothing."""
    prior_year = context["prior_year"]
    candidates = [
        ("一般公共预算当年拨款", f"比{prior_year}年执行数", context["general_change"]),
        ("因公出国（境）费用", "比上年预算", context["overseas_change"]),
        ("公务接待费", "比上年预算", context["reception_change"]),
        ("公务用车购置及运行维护费", "比上年预算", context["vehicle_change"]),
        ("机关运行经费", "比上年预算", context["running_change"]),
    ]
    return [
        StatedChange(label, basis, change)
        for label, basis, change in candidates
        if change is not None and (change.current or change.prior)
    ]


def phase_word(budget: Budget) -> str:
    """预算, 调整预算 or 决算: how the page names the figures."""
    return {Phase.FINAL: "决算", Phase.ADJUSTED: "调整预算"}.get(budget.phase, "预算")


def city_projects(year: int, whole: Decimal | None, unit, government: Government | None = None) -> list[Item]:
    """The city's five largest projects of a year (published 预算 only), from those kept at publication."""
    kept = CityProject.objects.filter(year=year)
    kept = kept if government is None else kept.filter(government=government)
    largest = kept.select_related("project__budget__department__government").order_by("-total", "project_id")
    # Only what an item shows and links to: four tables' every column took longer to plan and read.
    largest = largest.only("total", "project__name", *(f"project__budget__{field}" for field in Budget.LINK_FIELDS))
    return [
        Item(
            kept.project.name,
            kept.project.budget.department.label,
            kept.total,
            share(kept.total, whole),
            unit_reverse(unit, "public:project", **kept.project.budget.url_kwargs, pk=kept.project_id),
        )
        for kept in largest[:LARGEST]
    ]
