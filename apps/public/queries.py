"""Cross-department figures: the city's totals for a year, and every
department's amount for one classification code. Only published 预算 count;
each figure is one query summed by the database, so a page costs the same
number of queries with one department or fifty."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import Substr

from apps.budgets.models import BASIC_NATURES, Budget, BudgetQuerySet, Nature, Phase
from apps.reference.models import ClassificationCode

from .compare import LINE_MODELS


def published_years() -> list[int]:
    """The years with at least one published budget, newest first."""
    return list(Budget.objects.published().order_by("-year").values_list("year", flat=True).distinct())


def year_budgets(year: int) -> BudgetQuerySet:
    """The published 预算 of one year: the base of every cross-department figure."""
    return Budget.objects.published().filter(year=year, phase=Phase.BUDGET)


def city_totals(year: int) -> dict:
    """The city's 支出总计, 基本支出 and 项目支出, the number of departments and
    the latest publication date, in one query."""
    amount = "functionlines__amount"
    return year_budgets(year).aggregate(
        departments=Count("pk", distinct=True),
        total=Sum(amount),
        basic=Sum(amount, filter=Q(functionlines__nature__in=BASIC_NATURES)),
        project=Sum(amount, filter=Q(functionlines__nature=Nature.PROJECT)),
        published_at=Max("published_at"),
    )


def codes_under(node: ClassificationCode, **years) -> QuerySet:
    """The code and its descendants. Lines are filtered by these ids (a small
    list the line table's code index can use) rather than by joining every line to its code."""
    return ClassificationCode.objects.filter(scheme=node.scheme, code__startswith=node.code, **years).values("id")


def code_lines(node: ClassificationCode) -> QuerySet:
    """The lines of the published budgets of the code's year at or below the code."""
    model = LINE_MODELS[node.scheme]
    return model.objects.filter(budget__in=year_budgets(node.year), code__in=codes_under(node, year=node.year))


def code_total(node: ClassificationCode) -> dict:
    return code_lines(node).aggregate(
        total=Sum("amount"),
        departments=Count("budget__department", distinct=True),
        published_at=Max("budget__published_at"),
    )


def department_amounts(node: ClassificationCode) -> QuerySet:
    """Each department's amount for the code, largest first (the cross-department
    comparison: who spends most on 30217 公务接待费)."""
    return (
        code_lines(node)
        .values(department_code=F("budget__department__code"), department_name=F("budget__department__name"))
        .annotate(amount=Sum("amount"))
        .order_by("-amount", "department_code")
    )


@dataclass(frozen=True)
class ChildAmount:
    code: ClassificationCode
    amount: Decimal | None


def children_amounts(node: ClassificationCode) -> list[ChildAmount]:
    """The code's children in that year's tree, each with its summed amount."""
    sums = code_lines(node).totals_by(Substr("code__code", 1, len(node.code) + 2))
    return [ChildAmount(child, sums.get(child.code)) for child in node.children.order_by("code")]


@dataclass(frozen=True)
class YearAmount:
    year: int
    name: str  # the code's name that year: a renamed code keeps its history
    amount: Decimal | None


def code_history(node: ClassificationCode) -> list[YearAmount]:
    """The same code number in every year's tree, with every department's amount."""
    names = ClassificationCode.objects.filter(scheme=node.scheme, code=node.code).values_list("year", "name")
    published = Budget.objects.published().filter(phase=Phase.BUDGET)
    amounts = LINE_MODELS[node.scheme].objects.filter(budget__in=published, code__in=codes_under(node))
    by_year = amounts.totals_by("budget__year")
    return [YearAmount(year, name, by_year.get(year)) for year, name in sorted(names)]
