"""Cross-department figures: the city's totals for a year, and every
department's amount for one classification code. Only published 预算 count;
each figure is one query of the figures stored at publication (city rows per
year and code, department rows per code), so a page costs the same number of
queries, and about the same time, with one department or two thousand. Read by
the public pages and the city's list workbooks."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from apps.reference.models import ClassificationCode, Department, Government, Scheme

from .models import Budget, BudgetFigures, BudgetQuerySet, CityFigures, Phase, Status


def published_budgets(government: Government | None = None) -> BudgetQuerySet:
    """Published budgets, of one government or (None) of all: cross-department
    figures add up one government's departments, never a city's with a district's."""
    found = Budget.objects.published()
    return found if government is None else found.filter(department__government=government)


def published_years(government: Government | None = None) -> list[int]:
    """The years with at least one published budget (of one government, or of all), newest first.

    Optimized for the home page, which asks it twice on every request: the query steps down the
    `budgets_by_status_year` index one year at a time, a few lookups however many budgets there are,
    where a DISTINCT read every budget (2 ms of 10,000 on SQLite). ORDER BY … LIMIT 1 rather than MAX():
    PostgreSQL reads an index backwards for MAX() only without a join, and the government's is one (6 ms).
    Django has no recursive queries."""
    where, params = "b.status = %s", [Status.PUBLISHED]
    if government is not None:
        departments = Department._meta.db_table
        where += f" AND EXISTS (SELECT 1 FROM {departments} d WHERE d.id = b.department_id AND d.government_id = %s)"
        params.append(government.pk)
    budgets = Budget._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH RECURSIVE years(year) AS (
                SELECT (SELECT b.year FROM {budgets} b WHERE {where} ORDER BY b.year DESC LIMIT 1)
                UNION ALL
                SELECT (SELECT b.year FROM {budgets} b WHERE {where} AND b.year < years.year ORDER BY b.year DESC LIMIT 1)
                FROM years WHERE years.year IS NOT NULL
            ) SELECT year FROM years WHERE year IS NOT NULL ORDER BY year DESC""",
            params * 2,
        )
        return [year for (year,) in cursor.fetchall()]


def year_budgets(year: int, government: Government | None = None) -> BudgetQuerySet:
    """The published 预算 of one year: the base of every cross-department figure."""
    return Budget.objects.filter(year_budget_conditions(year, government))


def year_budget_conditions(year: int, government: Government | None = None, to_budget: str = "") -> Q:
    """What makes a budget one of `year_budgets`, from a model reaching budgets through `to_budget`
    ("budget__"): rows filtered by joins, which the databases read faster than a list of budget ids."""
    where = {"status": Status.PUBLISHED, "year": year, "phase": Phase.BUDGET}
    if government is not None:
        where["department__government"] = government
    return Q(**{f"{to_budget}{field}": value for field, value in where.items()})


def chosen_government(key: str | None, year: int | None, publishing: list[Government] | None = None):
    """`?government=` (404 for none such); without it the site's primary government when it has
    published budgets that year, else the only government that has, else all of them (None).
    Pass `publishing` (publishing_governments(year)) when the page has it already."""
    if key:
        return named_government(key)
    publishing = publishing_governments(year) if publishing is None else publishing
    primary = [g for g in publishing if g.primary]
    return primary[0] if primary else (publishing[0] if len(publishing) == 1 else None)


def named_government(key: str | None) -> Government | None:
    """The government `?government=` names (404 for none such), or None (all) without it: the year's files."""
    if not key:
        return None
    found = Government.objects.by_url_prefix(key).first()
    if found is None:
        raise Http404(f"没有行政区划“{key[:20]}”。")
    return found


def year_file_government(key: str | None, year: int) -> Government | None:
    """The government a year's file is of (`?government=`; None: every government): a 404 unless it
    has published budgets that year."""
    government = named_government(key)
    if not published_budgets(government).filter(year=year).exists():
        raise Http404(f"{year} 年{government.name if government else ''}没有已公开的部门预算")
    return government


def whole_of(government: Government | None) -> str:
    """How a page names the departments it adds up: 全市, 全区 … or 全部 for every government."""
    return government.whole if government else "全部"


def publishing_governments(year: int | None) -> list[Government]:
    """The governments with published budgets that year: the pages of every department offer a choice
    when there are several. The budgets decide (stored figures outlive a budget set back to draft by
    hand); each government is probed through its departments' own budgets, not every budget of the year."""
    published = Budget.objects.filter(department__government=OuterRef("pk"), year=year, status=Status.PUBLISHED)
    return list(Government.objects.filter(Exists(published)).order_by("-primary", "code", "name"))


def city_figures(government: Government | None = None, **where) -> QuerySet:
    """The stored city figures (apps/budgets/models/figures.py) of one government or all of them."""
    found = CityFigures.objects.filter(**where)
    return found if government is None else found.filter(government=government)


def city_totals(year: int, government: Government | None = None) -> dict:
    """The city's 支出总计, 基本支出 and 项目支出, the number of departments and
    the latest publication date, in one query of the stored figures."""
    return city_totals_by_year([year], government)[year]


def city_totals_by_year(years: list[int], government: Government | None = None) -> dict[int, dict]:
    """`city_totals` of several years in one query (the home page's year and the year before). A year
    without published budgets counts no departments and has no amounts, as the sum of no rows."""
    whole = city_figures(government, year__in=years, scheme=Scheme.FUNCTION, code="")
    sums = {
        "departments": Coalesce(Sum("departments"), 0),
        "total": Sum("total"),
        "basic": Sum("basic_total"),
        "project": Sum("project"),
        "published_at": Max("published_at"),
    }
    found = {row.pop("year"): row for row in whole.values("year").annotate(**sums).order_by()}
    return {year: found.get(year) or {**dict.fromkeys(sums), "departments": 0} for year in years}


def code_total(node: ClassificationCode, government: Government | None = None) -> dict:
    """Every department's amount at or below the code in the code's year, added up."""
    return city_figures(government, year=node.year, scheme=node.scheme, code=node.code).aggregate(
        total=Sum("total"), departments=Coalesce(Sum("departments"), 0), published_at=Max("published_at")
    )


def largest_first(scheme: str, code: str, year: int, government: Government | None = None) -> QuerySet:
    """The year's published 预算's stored figures of one code ("" the whole), largest first: read in
    the order of their index (budget_figures_by_amount), so the first fifty cost about fifty rows."""
    found = BudgetFigures.objects.filter(year_budget_conditions(year, government, "budget__"))
    return found.filter(scheme=scheme, code=code).order_by("-total", "budget__department__code")


def largest_budgets(year: int, government: Government | None, count: int) -> BudgetQuerySet:
    """The `count` published 预算 of the year that spend most, for the home page's first screen."""
    largest = largest_first(Scheme.FUNCTION, "", year, government).values("budget")[:count]
    # Found by their ids alone: a filter repeated here would have the database walk every department again.
    return Budget.objects.filter(pk__in=largest).for_department_list().order_by("-total", "department__code")


def department_columns(path: str = "") -> dict[str, F]:
    """What a list's row needs of its department, read as plain values: its code and name, and what its
    URL key is made of (Department.key_of; departments of other governments share codes)."""
    return {
        "department_code": F(f"{path}department__code"),
        "department_name": F(f"{path}department__name"),
        "government_code": F(f"{path}department__government__code"),
        "government_pk": F(f"{path}department__government_id"),
        "government_primary": F(f"{path}department__government__primary"),
    }


def department_rows(budgets: BudgetQuerySet) -> QuerySet:
    """The budgets as a list of departments shows them (the home page): each a dict of its department
    (`department_columns`) and its stored total, basic and project spending, one query however many."""
    return budgets.for_home_page().values("total", "basic", "project", **department_columns())


def department_amounts(node: ClassificationCode, government: Government | None = None) -> QuerySet:
    """Each department's amount for the code, largest first (the cross-department
    comparison: who spends most on 30217 公务接待费): one stored row a department."""
    found = largest_first(node.scheme, node.code, node.year, government)
    return found.values(amount=F("total"), **department_columns("budget__"))


def department_key(row: dict) -> str:
    """A department_rows or department_amounts row's department as the site's addresses name it (205, 310107-205)."""
    prefix = Government.prefix_of(row["government_code"], row["government_pk"])
    return Department.key_of(row["department_code"], prefix, row["government_primary"])


@dataclass(frozen=True)
class ChildAmount:
    code: ClassificationCode
    amount: Decimal | None


def children_amounts(node: ClassificationCode, government: Government | None = None) -> list[ChildAmount]:
    """The code's children in that year's tree, each with its summed amount."""
    children = list(node.children.order_by("code"))
    found = city_figures(government, year=node.year, scheme=node.scheme, code__in=[c.code for c in children])
    sums = dict(found.values_list("code").annotate(Sum("total")).order_by())
    return [ChildAmount(child, sums.get(child.code)) for child in children]


@dataclass(frozen=True)
class YearAmount:
    year: int
    name: str  # the code's name that year: a renamed code keeps its history
    amount: Decimal | None


def code_history(node: ClassificationCode, government: Government | None = None) -> list[YearAmount]:
    """The same code number in every year's tree, with every department's amount."""
    names = ClassificationCode.objects.filter(scheme=node.scheme, code=node.code).values_list("year", "name")
    found = city_figures(government, scheme=node.scheme, code=node.code)
    by_year = dict(found.values_list("year").annotate(Sum("total")).order_by())
    return [YearAmount(year, name, by_year.get(year)) for year, name in sorted(names)]
