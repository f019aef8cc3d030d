"""Every public page costs a fixed number of queries: the same with one
department in the database as with fifty-one, so the site does not slow
down as departments publish."""

import pytest

from apps.budgets.models import Budget, Status
from apps.projects.models import Project

from .factories import many_departments
from .helpers import count_queries

# Measured on SQLite; each is the page's whole cost, sessions and all, with the
# page cache off (its one query for the publication version included).
PAGES = {
    # +1 for the first screen: the city's largest projects (the year before's city totals come
    # with the year's); +2 for the government: those publishing that year, and the chosen one's
    # years. Unfiltered, the list is as long as the stored city figures count; filtered, it is
    # counted (+1).
    "/": 9,
    "/?sort=-total&unit=wan&q=局": 10,
    # + the document's own sections and findings; +1 for the first screen's largest items
    # (basic spending by function code). The tables read the figures stored at publication: one
    # query a classification, where summing the lines took one a tree level.
    "/departments/205/2021/": 24,
    "/departments/205/2021/?compare=2020": 30,
    "/departments/205/2021/tables/expenditure/": 7,
    # +1: the governments publishing that year (a code's departments are one government's); the
    # departments' table paged by the database (counted by the stored city figures), the chart's
    # largest taken from its first page, read apart when the reader sorts the table otherwise.
    "/subjects/economic/30217/2021/": 9,
    "/subjects/economic/30217/2021/?sort=department_name": 10,
    "/subjects/function/201/2021/": 10,
    "/departments/205/2021/projects/": 8,
    "/departments/205/2021/projects/?kind=大型会议培训类&min_total=1": 8,
    "project": 6,
    "/glossary/": 2,
    # +3: the amounts of the departments and codes found, and the glossary terms.
    "/search/?q=培训": 8,
}


def url_of(page: str) -> str:
    if page != "project":
        return page
    return f"/departments/205/2021/projects/{Project.objects.filter(budget__department__code='205').first().pk}/"


@pytest.mark.parametrize("page", PAGES)
def test_a_page_costs_the_same_with_one_department_or_fifty_one(
    client, prior_budget, django_assert_max_num_queries, page
):
    url = url_of(page)
    with django_assert_max_num_queries(PAGES[page]):
        assert client.get(url).status_code == 200
    with_one = count_queries(client, url)
    many_departments(50)
    assert count_queries(client, url) == with_one


def test_the_budget_page_costs_the_same_however_many_years_it_can_compare_with(client, prior_budget):
    url = "/departments/205/2021/?compare=2020"
    with_two_years = count_queries(client, url)
    for year in (2017, 2018, 2019):
        budget = Budget.objects.create(department=prior_budget.department, year=year, status=Status.PUBLISHED)
        budget.units.set(prior_budget.units.all())
    assert count_queries(client, url) == with_two_years
