"""Cross-department figures: the city's totals for a year, and every
department's amount for one classification code. Only published 预算 count;
each figure is one query summed by the database, so a page costs the same
number of queries with one department or fifty. Read by the public pages and the
city's list workbooks."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.http import Http404

from apps.reference.models import ClassificationCode, Government, Scheme

from .models import BASIC_NATURES, Budget, BudgetQuerySet, EconomicLine, FunctionLine, Nature, Phase

LINE_MODELS = {Scheme.FUNCTION: FunctionLine, Scheme.ECONOMIC: EconomicLine}


def published_budgets(government: Government | None = None) -> BudgetQuerySet:
    """Published budgets, of one government or (None) of all: cross-department
    figures add up one government's departments, never a city's with a district's."""
    found = Budget.objects.published()
    return found if government is None else found.filter(department__government=government)


def published_years(government: Government | None = None) -> list[int]:
    """The years with at least one published budget, newest first."""
    return list(published_budgets(government).order_by("-year").values_list("year", flat=True).distinct())


def year_budgets(year: int, government: Government | None = None) -> BudgetQuerySet:
    """The published 预算 of one year: the base of every cross-department figure."""
    return published_budgets(government).filter(year=year, phase=Phase.BUDGET)


def chosen_government(key: str | None, year: int | None, publishing: list[Government] | None = None):
    """`?government=` (404 for none such); without it the site's primary government when it has
    published budgets that year, else the only government that has, else all of them (None).
    Pass `publishing` (publishing_governments(year)) when the page has it already."""
    if key:
        found = Government.objects.by_url_prefix(key).first()
        if found is None:
            raise Http404(f"没有行政区划“{key}”。")
        return found
    publishing = publishing_governments(year) if publishing is None else publishing
    primary = [g for g in publishing if g.primary]
    return primary[0] if primary else (publishing[0] if len(publishing) == 1 else None)


def publishing_governments(year: int | None) -> list[Government]:
    """The governments with published budgets that year: the home page offers a choice when there are several."""
    found = Government.objects.filter(departments__budgets__status="published", departments__budgets__year=year)
    return list(found.distinct().order_by("-primary", "code", "name"))


def city_totals(year: int, government: Government | None = None) -> dict:
    """The city's 支出总计, 基本支出 and 项目支出, the number of departments and
    the latest publication date, in one query."""
    amount = "functionlines__amount"
    return year_budgets(year, government).aggregate(
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


def code_lines(node: ClassificationCode, government: Government | None = None) -> QuerySet:
    """The lines of the published budgets of the code's year at or below the code."""
    model = LINE_MODELS[node.scheme]
    budgets = year_budgets(node.year, government)
    return model.objects.filter(budget__in=budgets, code__in=codes_under(node, year=node.year))


def code_total(node: ClassificationCode, government: Government | None = None) -> dict:
    return code_lines(node, government).aggregate(
        total=Sum("amount"),
        departments=Count("budget__department", distinct=True),
        published_at=Max("budget__published_at"),
    )


def department_amounts(node: ClassificationCode, government: Government | None = None) -> QuerySet:
    """Each department's amount for the code, largest first (the cross-department
    comparison: who spends most on 30217 公务接待费)."""
    return (
        code_lines(node, government)
        .values(department_code=F("budget__department__code"), department_name=F("budget__department__name"))
        .annotate(amount=Sum("amount"))
        .order_by("-amount", "department_code")
    )


@dataclass(frozen=True)
class ChildAmount:
    code: ClassificationCode
    amount: Decimal | None


def children_amounts(node: ClassificationCode, government: Government | None = None) -> list[ChildAmount]:
    """The code's children in that year's tree, each with its summed amount."""
    sums = code_lines(node, government).totals_by(Substr("code__code", 1, len(node.code) + 2))
    return [ChildAmount(child, sums.get(child.code)) for child in node.children.order_by("code")]


@dataclass(frozen=True)
class YearAmount:
    year: int
    name: str  # the code's name that year: a renamed code keeps its history
    amount: Decimal | None


def code_history(node: ClassificationCode, government: Government | None = None) -> list[YearAmount]:
    """The same code number in every year's tree, with every department's amount."""
    names = ClassificationCode.objects.filter(scheme=node.scheme, code=node.code).values_list("year", "name")
    published = published_budgets(government).filter(phase=Phase.BUDGET)
    amounts = LINE_MODELS[node.scheme].objects.filter(budget__in=published, code__in=codes_under(node))
    by_year = amounts.totals_by("budget__year")
    return [YearAmount(year, name, by_year.get(year)) for year, name in sorted(names)]
