"""Writing and reading the stored figures of published budgets (models/figures.py).

Publication stores a budget's figures and withdrawal removes them, inside the workflow's transaction,
and either refreshes its city's figures for that year; the seed and the generator store theirs the
same way in bulk. Pages ask `budget_figures`, which reads what is stored for a published budget and
computes from the lines for any other (drafts in the workspace): one definition, two places to read it."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Max, QuerySet, Sum

from apps.projects.models import Project
from apps.reference.models import LEVEL_LENGTHS, Government, Scheme
from budgetsite.public_version import forget_on_commit

from .measures import MEASURES, budget_lines, held, line_figures, live_figures, sums
from .models import Budget, BudgetFigures, CityFigures, CityProject, Phase, Status

SCHEMES = (Scheme.FUNCTION, Scheme.ECONOMIC)
KEPT_PROJECTS = 10  # the home page names five


def store_figures(budgets: QuerySet) -> None:
    """Keep the figures of these budgets and refresh their cities' for those years. Call inside the
    transaction that publishes them."""
    store_budget_figures(budgets)
    refresh_cities(city_years(budgets))


def store_budget_figures(budgets: QuerySet) -> None:
    """Compute and keep the figures of these budgets, replacing what they had (cities left as they are:
    a bulk writer refreshes them once at the end)."""
    ids = list(budgets.values_list("pk", flat=True))
    forget_on_commit()  # what public pages show changes with them
    BudgetFigures.objects.filter(budget__in=ids).delete()
    for scheme in SCHEMES:
        rows = live_figures(scheme, ids)
        BudgetFigures.objects.bulk_create(
            (BudgetFigures(budget_id=row.pop("budget"), scheme=scheme, **row) for row in rows), batch_size=2000
        )


def forget_figures(budget: Budget) -> None:
    """Remove a withdrawn budget's figures and take it out of its city's (inside the same transaction)."""
    BudgetFigures.objects.filter(budget=budget).delete()
    refresh_cities(city_years(Budget.objects.filter(pk=budget.pk)))


def city_years(budgets: QuerySet) -> set[tuple[int, int]]:
    """The (government id, year) of each 预算 among these budgets: the city figures they are part of."""
    return set(budgets.filter(phase=Phase.BUDGET).values_list("department__government", "year").distinct())


def refresh_cities(pairs: Iterable[tuple[int, int]]) -> None:
    """Recompute the city figures of each (government, year) from the stored figures of that year's
    published 预算: the city's per-code totals are sums of its departments' figures."""
    forget_on_commit()
    for government, year in pairs:
        with transaction.atomic():
            # Two publications in one city take turns here: each recomputes with the other's figures
            # committed, where both would otherwise replace the same rows from their own snapshot.
            Government.objects.select_for_update().filter(pk=government).first()
            replace_city(government, year)


def replace_city(government: int, year: int) -> None:
    CityFigures.objects.filter(government=government, year=year).delete()
    rows = (
        BudgetFigures.objects.filter(budget__in=city_budgets(government, year))
        .values("scheme", "code")
        .annotate(**city_aggregates(), **{key: Sum(key) for key in MEASURES})
        .order_by()
    )
    CityFigures.objects.bulk_create(
        (CityFigures(government_id=government, year=year, **held(row)) for row in rows), batch_size=2000
    )
    keep_largest_projects(government, year)


def keep_largest_projects(government: int, year: int) -> None:
    """The city's KEPT_PROJECTS largest projects of the year, so that no page sorts every project to name them."""
    CityProject.objects.filter(government=government, year=year).delete()
    projects = Project.objects.filter(budget__in=city_budgets(government, year)).with_total()
    largest = projects.filter(total__isnull=False).order_by("-total", "pk").values_list("pk", "total")
    CityProject.objects.bulk_create(
        CityProject(government_id=government, year=year, project_id=pk, total=total)
        for pk, total in largest[:KEPT_PROJECTS]
    )


def city_budgets(government_id: int, year: int) -> QuerySet:
    return Budget.objects.published().filter(department__government=government_id, year=year, phase=Phase.BUDGET)


def city_aggregates(path: str = "budget__") -> dict:
    """What a city row says besides the measures: how many departments, and when last published."""
    return {"departments": Count(f"{path}department", distinct=True), "published_at": Max(f"{path}published_at")}


def whole_figures(budgets: list[Budget], scheme: str) -> dict[int, dict]:
    """Budget id → its whole-budget figures: stored for the published ones (one query), summed from the
    lines for the others (a second query, only if there are any)."""
    published = [b.pk for b in budgets if b.status == Status.PUBLISHED]
    stored = BudgetFigures.objects.filter(budget__in=published, scheme=scheme, code="")
    found = {row.pop("budget"): row for row in stored.values("budget", *MEASURES)}
    rest = [b.pk for b in budgets if b.pk not in found]
    if rest:
        computed = budget_lines(scheme, rest).values("budget").annotate(**sums()).order_by()
        found |= {row.pop("budget"): held(row) for row in computed}
    return found


def budget_figures(budget: Budget, scheme: str) -> list[dict]:
    """The budget's figures per code prefix ("" the whole): stored for a published budget (one indexed
    query), computed from the lines for a draft or submitted one, or for a budget with no such lines."""
    if budget.status == Status.PUBLISHED:
        stored = list(BudgetFigures.objects.filter(budget=budget, scheme=scheme).values("code", *MEASURES))
        if stored:
            return stored
    return line_figures(budget_lines(scheme, [budget.pk]), LEVEL_LENGTHS[scheme])


def live_city_figures(government_id: int, year: int, scheme: str) -> list[dict]:
    """The city's figures for one year computed from the lines (what refresh_cities must equal)."""
    return line_figures(
        budget_lines(scheme, city_budgets(government_id, year)), LEVEL_LENGTHS[scheme], **city_aggregates()
    )
