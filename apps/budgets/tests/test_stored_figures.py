"""The figures kept at publication are the figures the lines add up to, for the seed and for a generated
city, and they follow the workflow: stored on publication, gone on withdrawal, the city's with them."""

from apps.budgets.measures import MEASURES, live_figures
from apps.budgets.models import Budget, BudgetFigures, CityFigures, CityProject, FunctionLine, Phase, Status
from apps.budgets.published import city_totals_by_year
from apps.budgets.services import budget_publish, budget_submit, budget_withdraw
from apps.budgets.stored import KEPT_PROJECTS, SCHEMES, city_budgets, live_city_figures
from apps.generator import store
from apps.projects.models import Project
from apps.reference.models import Scheme

FIELDS = ("code", *MEASURES)


def stored_budget_rows(budget: Budget, scheme: str) -> list[dict]:
    return sorted(BudgetFigures.objects.filter(budget=budget, scheme=scheme).values(*FIELDS), key=lambda r: r["code"])


def live_budget_rows(budget: Budget, scheme: str) -> list[dict]:
    rows = [{k: row[k] for k in FIELDS} for row in live_figures(scheme, [budget.pk])]
    return sorted(rows, key=lambda r: r["code"])


def assert_every_stored_figure_is_live() -> int:
    """Compares every stored row of every published budget and city with the lines; returns how many."""
    compared = 0
    for budget in Budget.objects.published():
        for scheme in SCHEMES:
            stored = stored_budget_rows(budget, scheme)
            assert stored == live_budget_rows(budget, scheme), (budget, scheme)
            compared += len(stored)
    cities = Budget.objects.published().filter(phase=Phase.BUDGET).values_list("department__government", "year")
    for government, year in set(cities):
        for scheme in SCHEMES:
            fields = (*FIELDS, "departments", "published_at")
            stored = CityFigures.objects.filter(government=government, year=year, scheme=scheme).values(*fields)
            live = [{k: row[k] for k in fields} for row in live_city_figures(government, year, scheme)]
            assert sorted(stored, key=lambda r: r["code"]) == sorted(live, key=lambda r: r["code"])
            compared += len(live)
        kept = CityProject.objects.filter(government=government, year=year).order_by("-total", "project")
        projects = Project.objects.filter(budget__in=city_budgets(government, year)).with_total()
        largest = projects.exclude(total=None).order_by("-total", "pk").values_list("pk", "total")[:KEPT_PROJECTS]
        assert list(kept.values_list("project", "total")) == list(largest)
    return compared


def test_the_seeds_stored_figures_equal_its_lines(seed_budget):
    assert assert_every_stored_figure_is_live() > 40
    whole = BudgetFigures.objects.get(budget=seed_budget, scheme=Scheme.FUNCTION, code="")
    assert whole.total == sum(line.amount for line in FunctionLine.objects.filter(budget=seed_budget))


def test_a_generated_citys_stored_figures_equal_its_lines(db):
    store.generate(6, [2020, 2021], 1, progress=lambda done: None)
    assert Budget.objects.published().count() >= 12
    assert assert_every_stored_figure_is_live() > 1000


def test_withdrawal_removes_the_figures_and_publication_brings_them_back(seed_budget, django_user_model):
    reviewer = django_user_model.objects.create_superuser("figures-reviewer", password="x")
    city_before = CityFigures.objects.get(year=2021, scheme=Scheme.FUNCTION, code="")
    assert city_before.departments == 1

    budget_withdraw(budget=seed_budget, user=reviewer, reason="更正")
    assert not BudgetFigures.objects.filter(budget=seed_budget).exists()
    assert not CityFigures.objects.filter(year=2021).exists()  # the city had no other department that year

    budget_submit(budget=seed_budget, user=reviewer)
    budget_publish(budget=seed_budget, user=reviewer)
    assert seed_budget.status == Status.PUBLISHED
    assert CityFigures.objects.get(year=2021, scheme=Scheme.FUNCTION, code="").total == city_before.total
    assert_every_stored_figure_is_live()


def test_public_pages_read_the_stored_figures(client, seed_budget):
    """Proof that pages do not sum the lines again: a stored figure changed behind their back shows."""
    CityFigures.objects.filter(year=2021, scheme=Scheme.FUNCTION, code="").update(total="123456789.01")
    BudgetFigures.objects.filter(budget=seed_budget, scheme=Scheme.FUNCTION, code="201").update(total="98765.43")
    assert "123,456,789.01" in client.get("/?year=2021&unit=yuan").content.decode()
    assert "98,765.43" in client.get(seed_budget.get_absolute_url() + "?unit=yuan").content.decode()


def test_the_city_totals_of_several_years_are_each_years_own(db):
    store.generate(6, [2020, 2021], 1, progress=lambda done: None)
    by_year = city_totals_by_year([2021, 2020, 2019])
    for year in (2020, 2021):
        whole = BudgetFigures.objects.filter(
            budget__year=year, budget__status=Status.PUBLISHED, scheme=Scheme.FUNCTION, code=""
        )
        assert by_year[year]["departments"] == whole.count() > 0
        assert by_year[year]["total"] == sum(figures.total for figures in whole)
        assert by_year[year]["project"] == sum(figures.project for figures in whole)
    # No budget published in 2019: no departments, and blank amounts rather than zeros.
    assert by_year[2019] == {"departments": 0, "total": None, "basic": None, "project": None, "published_at": None}
