"""Every public page costs a fixed number of queries: the same with one
department in the database as with fifty-one, so the site does not slow
down as departments publish."""

import re
from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
    # The API's one table: the budget with its department, then what the table is built from (its
    # stored figures, the codes' names, the document's findings).
    "/api/budgets/205/2021/tables/general-public-basic/": 5,
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


# A step of a query plan that reads every published budget of every department and year.
EVERY_PUBLISHED_BUDGET = re.compile(
    r"^SCAN budgets_budget$|USING (COVERING )?INDEX budgets_by_status_year \(status=\?\)$"
)


def plan_steps(client, url: str) -> Iterator[tuple[str, str]]:
    """SQLite's plan for every query the page runs: (step, the query's start), step by step."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    with connection.cursor() as cursor:
        for query in captured:
            cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
            yield from ((step[-1], query["sql"][:100]) for step in cursor.fetchall())


@pytest.mark.parametrize("page", [page for page in PAGES if page.startswith("/departments/") or page == "project"])
def test_a_department_s_pages_never_read_every_published_budget(client, prior_budget, page):
    """SQLite plans without statistics: it took a budget's status for as selective as its department, and
    the budget page read all 10,000 published budgets of a generated city to list one department's others."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner: PostgreSQL plans by its statistics")
    many_departments(50)
    assert [(step, sql) for step, sql in plan_steps(client, url_of(page)) if EVERY_PUBLISHED_BUDGET.search(step)] == []
