"""The list tables' bodies, built in Python (ListTable.body_html): the cells a reader saw when
django-tables2 rendered them one by one through the template, links in the reader's unit."""

import re
from collections.abc import Callable
from decimal import Decimal

import django_tables2 as tables
import pytest
from django.template import Context, Template

from apps.budgets.amounts import AmountUnit
from apps.budgets.models import Budget, Status
from apps.budgets.published import department_rows
from apps.projects.models import Project
from apps.public.tables import CodeDepartmentTable, DepartmentBudgetTable, ListTable, ProjectTable

from .test_code_pages import RECEPTION

# The body as list_table.html rendered it before body_html: BoundRow by BoundRow, cell by cell.
TEMPLATE_BODY = Template(
    "{% for row in table.paginated_rows %}<tr {{ row.attrs.as_html }}>"
    "{% for column, cell in row.items %}<td {{ column.attrs.td.as_html }}>{{ cell }}</td>{% endfor %}</tr>"
    '{% empty %}<tr><td colspan="{{ table.columns|length }}">{{ table.empty_text }}</td></tr>{% endfor %}'
)


def cells(body: str) -> list[list[tuple[str, str]]]:
    """Each row's cells as (td attributes, content)."""
    return [re.findall(r"<td([^>]*)>(.*?)</td>", row, re.S) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def listing_body(response) -> str:
    body = response.content.decode()
    start = body.index("<tbody>", body.index('<table class="listing"'))
    return body[start : body.index("</tbody>", start)]


def test_a_code_page_lists_what_the_reader_expects(client, other_departments):
    rows = cells(listing_body(client.get(RECEPTION + "?unit=wan")))

    def row(code: str, name: str, amount: str, share: str) -> list[tuple[str, str]]:
        link = f'<a href="/departments/{code}/2021/?unit=wan">{name}</a>'
        return [(' class="sticky"', code), ("", link), (' class="num"', amount), (' class="num"', share)]

    assert rows == [
        row("205", "绍兴市信访局", "2.20", "78.6%"),
        row("903", "绍兴市测试局3", "0.30", "10.7%"),
        row("902", "绍兴市测试局2", "0.20", "7.1%"),
        row("901", "绍兴市测试局1", "0.10", "3.6%"),
    ]


class BudgetPhases(ListTable):
    """Cells django-tables2 renders itself: a linkified column and a field with choices; and row
    attributes of its own beside even/odd."""

    department = tables.Column(accessor="department__name", linkify=lambda record: f"/b/{record.pk}/?a=1&b=2")
    phase = tables.Column()
    status = tables.Column()

    class Meta(ListTable.Meta):
        row_attrs = {"class": "phase", "data-status": lambda record: record.status}


def home_table(page: int) -> DepartmentBudgetTable:
    budgets = department_rows(Budget.objects.filter(year=2021, status=Status.PUBLISHED))
    table = DepartmentBudgetTable(
        budgets, city_total=Decimal("28000.06"), whole="全市", year=2021, unit=AmountUnit.WAN, caption=""
    )
    return table.paginate(per_page=2, page=page) or table


def code_table() -> CodeDepartmentTable:
    # A name to escape and blank figures: "—", never a zero.
    city = {"government_code": "330600", "government_pk": 1, "government_primary": True}
    records = [
        {"department_code": "1", "department_name": "<b>A&B</b>", "amount": None, **city},
        {"department_code": "2", "department_name": "C", "amount": Decimal("1234.5"), **city},
    ]
    return CodeDepartmentTable(records, code_total=None, year=2021, unit=AmountUnit.YUAN, caption="")


def project_table(projects=None) -> ProjectTable:
    budget = Budget.objects.get(department__code="205", year=2021)
    projects = Project.objects.filter(budget=budget).for_project_list() if projects is None else projects
    return ProjectTable(projects, budget=budget, unit=AmountUnit.WAN, caption="", order_by="-total")


@pytest.mark.parametrize(
    "build",
    [
        lambda: home_table(1),
        lambda: home_table(2),
        code_table,
        project_table,
        lambda: project_table(Project.objects.for_project_list().none()),
        lambda: BudgetPhases(Budget.objects.order_by("pk")),
    ],
    ids=["home", "home page 2", "code", "projects", "no projects", "django-tables2 cells"],
)
def test_the_body_is_the_one_the_template_rendered(seed_budget, other_departments, build: Callable[[], ListTable]):
    # Two tables: each counts its rows for the even/odd classes.
    rendered = TEMPLATE_BODY.render(Context({"table": build()})).replace("<td >", "<td>")
    assert "<tr" in rendered
    assert str(build().body_html).replace("\n", "") == rendered
