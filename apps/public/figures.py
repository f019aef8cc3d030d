"""The figures a budget page adds to the official tables: headline amounts,
their shares, and the department's totals over the years. Each is one query
summed by the database, whatever the number of lines or departments."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum

from apps.budgets.explanation import share
from apps.budgets.models import BASIC_NATURES, Budget, EconomicLine, FunctionLine, Nature, Status

ZERO = Decimal("0")
HEADLINE_SUMS = {
    "total": Sum("amount"),
    "basic": Sum("amount", filter=Q(nature__in=BASIC_NATURES)),
    "personnel": Sum("amount", filter=Q(nature=Nature.PERSONNEL)),
    "public": Sum("amount", filter=Q(nature=Nature.PUBLIC)),
    "project": Sum("amount", filter=Q(nature=Nature.PROJECT)),
    "unsplit": Sum("amount", filter=Q(nature=Nature.BASIC)),
}
SPLIT_SUMS = {key: HEADLINE_SUMS[key] for key in ("personnel", "public")}


@dataclass(frozen=True)
class Headline:
    """支出总计 and its split: 基本 (人员 + 公用) vs 项目."""

    total: Decimal = ZERO
    basic: Decimal = ZERO
    personnel: Decimal = ZERO
    public: Decimal = ZERO
    project: Decimal = ZERO
    unsplit: Decimal = ZERO  # 基本支出 the document does not split by function code

    @property
    def other(self) -> Decimal:
        """对附属单位补助、上缴上级、经营支出: neither basic nor project."""
        return self.total - self.basic - self.project


CARD_LABELS = {
    "total": "支出总计",
    "basic": "基本支出",
    "personnel": "人员支出",
    "public": "公用经费",
    "project": "项目支出",
}


@dataclass(frozen=True)
class Card:
    """One headline figure: its share of the total and, when comparing, its change."""

    key: str
    label: str
    amount: Decimal
    share: Decimal | None
    prior: Decimal | None = None

    @property
    def change(self) -> Decimal | None:
        return None if self.prior is None else self.amount - self.prior

    @property
    def change_percent(self) -> Decimal | None:
        return None if self.prior is None else share(self.change, self.prior)


def headline_cards(current: Headline, prior: Headline | None = None) -> list[Card]:
    by_economic = {"personnel", "public"} if current.unsplit else set()
    return [
        Card(
            key,
            f"{label}（按经济分类）" if key in by_economic else label,
            getattr(current, key),
            None if key == "total" else share(getattr(current, key), current.total),
            getattr(prior, key) if prior else None,
        )
        for key, label in CARD_LABELS.items()
    ]


def headlines(*budgets: Budget) -> dict[int, Headline]:
    """Budget id → its headline figures, for any number of budgets in one query (two where a
    document splits 基本支出 into 人员/公用 only by economic code: the split is taken from there)."""
    rows = FunctionLine.objects.filter(budget__in=budgets).values("budget").annotate(**HEADLINE_SUMS).order_by()
    found = {row.pop("budget"): {k: v or ZERO for k, v in row.items()} for row in rows}
    unsplit = [pk for pk, sums in found.items() if sums["unsplit"]]
    if unsplit:
        economic = EconomicLine.objects.filter(budget__in=unsplit).values("budget").annotate(**SPLIT_SUMS).order_by()
        for row in economic:
            found[row.pop("budget")].update({k: v or ZERO for k, v in row.items()})
    return {budget.pk: Headline(**found.get(budget.pk, {})) for budget in budgets}


def economic_totals(budget: Budget) -> list[tuple[str, Decimal]]:
    """Basic expenditure by economic 款 (all sources), largest first."""
    rows = (
        EconomicLine.objects.filter(budget=budget)
        .values("code__code", "code__name")
        .annotate(total=Sum("amount"))
        .order_by("-total", "code__code")
    )
    return [(f"{row['code__code']} {row['code__name']}", row["total"]) for row in rows]


def totals_by_year(budget: Budget) -> list[tuple[int, Decimal]]:
    """The department's published totals of this phase, year by year."""
    rows = (
        FunctionLine.objects.filter(
            budget__department_id=budget.department_id, budget__phase=budget.phase, budget__status=Status.PUBLISHED
        )
        .values("budget__year")
        .annotate(total=Sum("amount"))
        .order_by("budget__year")
    )
    return [(row["budget__year"], row["total"]) for row in rows]
