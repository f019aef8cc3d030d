"""The figures a budget page adds to the official tables: headline amounts,
their shares, and the department's totals over the years. Each is one query,
whatever the number of lines or departments."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from apps.budgets.explanation import share
from apps.budgets.models import Budget, BudgetFigures, EconomicLine, Status
from apps.budgets.stored import whole_figures
from apps.reference.models import Scheme

ZERO = Decimal("0")
# Each headline figure and the measure (apps/budgets/measures.py) it is.
HEADLINE_MEASURES = {
    "total": "total",
    "basic": "basic_total",
    "personnel": "personnel",
    "public": "public",
    "project": "project",
    "unsplit": "basic",  # Nature.BASIC: 基本支出 held without its 人员/公用 split
}


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
    """Budget id → its headline figures, from the budgets' whole figures (stored once published). Where a
    document splits 基本支出 into 人员/公用 only by economic code, the split is the economic figures'."""
    function = whole_figures(list(budgets), Scheme.FUNCTION)
    unsplit = [b for b in budgets if function.get(b.pk, {}).get("basic") is not None]
    economic = whole_figures(unsplit, Scheme.ECONOMIC) if unsplit else {}
    found = {}
    for budget in budgets:
        figures = function.get(budget.pk, {})
        amounts = {key: figures.get(measure) for key, measure in HEADLINE_MEASURES.items()}
        if budget.pk in economic:
            amounts |= {key: economic[budget.pk][key] for key in ("personnel", "public")}
        found[budget.pk] = Headline(**{key: amount or ZERO for key, amount in amounts.items()})
    return found


def economic_totals(budget: Budget) -> list[tuple[str, Decimal]]:
    """Basic expenditure by economic 款 (all sources), largest first."""
    rows = (
        EconomicLine.objects.filter(budget=budget)
        .values("code_id")
        .annotate(total=Sum("amount"))
        .with_code_labels()
        .order_by("-total", "code_number")
    )
    return [(f"{row['code_number']} {row['code_name']}", row["total"]) for row in rows]


def totals_by_year(budget: Budget) -> list[tuple[int, Decimal]]:
    """The department's published totals of this phase, year by year (their stored whole figures)."""
    rows = BudgetFigures.objects.filter(
        budget__department_id=budget.department_id,
        budget__phase=budget.phase,
        budget__status=Status.PUBLISHED,
        scheme=Scheme.FUNCTION,
        code="",
        total__isnull=False,
    )
    return list(rows.values_list("budget__year", "total").order_by("budget__year"))
