"""A budget set against another year or phase of the same department
(`?compare=2020`, `?compare=2021-final`): every function and economic code's
change, codes new or gone flagged, and a renamed code kept on one row (codes
are matched by number; the name of each year is kept)."""

from dataclasses import dataclass
from decimal import Decimal

from apps.budgets.explanation import share
from apps.budgets.models import Budget, Phase
from apps.budgets.stored import budget_figures
from apps.reference.models import LEVEL_LENGTHS, ClassificationCode, Scheme

ZERO = Decimal("0")


def compare_key(budget: Budget) -> str:
    """How `?compare=` names a budget: its year, plus the phase unless it is 预算."""
    return str(budget.year) if budget.phase == Phase.BUDGET else f"{budget.year}-{budget.phase}"


def compare_label(budget: Budget) -> str:
    return f"{budget.year}年{budget.get_phase_display()}"


def is_later(budget: Budget, than: Budget) -> bool:
    """Years first; within a year 预算 → 调整预算 → 决算."""
    order = [Phase.BUDGET, Phase.ADJUSTED, Phase.FINAL]
    return (budget.year, order.index(budget.phase)) > (than.year, order.index(than.phase))


def compare_choices(budget: Budget) -> list[Budget]:
    """The department's other published budgets, newest first."""
    others = Budget.objects.published().filter(department_id=budget.department_id).exclude(pk=budget.pk)
    found = list(others.order_by("-year", "phase"))
    for other in found:
        other.department = budget.department  # the same row, already with its government
    return found


@dataclass(frozen=True)
class ComparedRow:
    code: str
    name: str
    level: int  # 0 合计, 1 类, 2 款, 3 项
    current: Decimal | None
    other: Decimal | None
    former_name: str = ""  # the other year's name, where it differs
    tree_year: int = 0  # the year whose tree has the code: its code page
    other_is_later: bool = False  # comparing with a later budget turns 新增 and 取消 around

    @property
    def only_in(self) -> str:
        """Which budget alone has money on the code: "current", "other" or neither."""
        if self.current and not self.other:
            return "current"
        if self.other and not self.current:
            return "other"
        return ""

    @property
    def change(self) -> Decimal:
        return (self.current or ZERO) - (self.other or ZERO)

    @property
    def percent(self) -> Decimal | None:
        return share(self.change, self.other)

    @property
    def ratio(self) -> Decimal | None:
        """This budget's amount as a percentage of the other's: a 决算's execution of its 预算."""
        return share(self.current, self.other)

    @property
    def status(self) -> str:
        """In words, so that colour never carries it alone."""
        words = {"current": ("新增", "其后取消"), "other": ("取消", "其后新增")}
        return words[self.only_in][self.other_is_later] if self.only_in else ""


@dataclass
class CodeComparison:
    scheme: str
    title: str
    rows: list[ComparedRow]


def code_names(scheme: str, years: set[int], codes) -> dict[tuple[int, str], str]:
    rows = ClassificationCode.objects.filter(scheme=scheme, year__in=years, code__in=codes)
    return {(year, code): name for year, code, name in rows.values_list("year", "code", "name")}


def compare_codes(current: Budget, other: Budget, scheme: str, title: str) -> CodeComparison:
    """Both budgets' totals by code prefix (their stored figures), side by side."""
    current_totals, other_totals = (
        {row["code"]: row["total"] for row in budget_figures(b, scheme)} for b in (current, other)
    )
    totals = {
        code: {"current": current_totals.get(code), "other": other_totals.get(code)}
        for code in (current_totals.keys() | other_totals.keys()) - {""}
    }
    names = code_names(scheme, {current.year, other.year}, totals)
    rows = [ComparedRow("", "合计", 0, current_totals.get(""), other_totals.get(""))]
    for code in sorted(totals):
        name = names.get((current.year, code), "")
        former = names.get((other.year, code), "")
        rows.append(
            ComparedRow(
                code=code,
                name=name or former,
                level=LEVEL_LENGTHS[scheme].index(len(code)) + 1,
                current=totals[code]["current"],
                other=totals[code]["other"],
                former_name=former if name and former and former != name else "",
                tree_year=current.year if name else other.year,
                other_is_later=is_later(other, current),
            )
        )
    return CodeComparison(scheme, title, rows)


@dataclass
class Comparison:
    """What the budget page shows for `?compare=`: the choices, and the chosen
    budget's code tables, or a message when the choice names no budget."""

    choices: list[tuple[str, str, str]]  # (key, label, the budget's own page)
    budgets: tuple[Budget, ...] = ()  # the department's other published budgets, newest first
    other: Budget | None = None
    message: str = ""
    tables: tuple[CodeComparison, ...] = ()
    execution: bool = False  # a 决算 (or 调整预算) against its own year's 预算: the tables show the rate


def comparison_for(budget: Budget, requested: str | None) -> Comparison:
    others = compare_choices(budget)
    choices = [(compare_key(b), compare_label(b), b.get_absolute_url()) for b in others]
    if not requested:
        return Comparison(choices, tuple(others))
    other = next((b for b in others if compare_key(b) == requested), None)
    if other is None:
        return Comparison(
            choices, tuple(others), message=f"没有“{requested[:20]}”的已公开预算可供比较，请从下列年度中选择。"
        )
    tables = (
        compare_codes(budget, other, Scheme.FUNCTION, "支出按功能分类科目比较"),
        compare_codes(budget, other, Scheme.ECONOMIC, "基本支出按经济分类科目比较"),
    )
    execution = budget.phase != Phase.BUDGET and other.phase == Phase.BUDGET and other.year == budget.year
    return Comparison(choices, tuple(others), other=other, tables=tables, execution=execution)
