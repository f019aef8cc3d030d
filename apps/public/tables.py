"""django-tables2 tables of the public pages. Amounts follow the reader's unit
(元/万元) in `render_*`; `value_*` keeps the exact yuan for exports. Every link
carries the unit."""

import html
from collections.abc import Callable
from decimal import Decimal
from functools import cached_property

import django_tables2 as tables
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe
from django_tables2.columns import BoundColumn
from django_tables2.rows import BoundRow
from django_tables2.utils import Accessor, signature

from apps.budgets.amounts import AmountUnit
from apps.budgets.explanation import share
from apps.budgets.published import department_key
from apps.projects.models import Project

from .links import code_urls, project_urls, with_unit

NUM = {"th": {"class": "num"}, "td": {"class": "num"}}
STICKY = {"th": {"class": "sticky"}, "td": {"class": "sticky"}}
LIST_TEMPLATE = "public/includes/list_table.html"
URL_KEY_PLACEHOLDER = "999999999"  # a department key reverse() accepts, then replaced by each row's


class FiftyPerPage(Paginator):
    """Pages of 50 whatever `?per_page=` asks: the page size is the site's
    choice (a negative or huge size would otherwise reach the paginator).
    `count`, when the page has it already, is the number of rows."""

    def __init__(self, object_list, per_page, *args, count: int | None = None, **kwargs):
        super().__init__(object_list, 50, *args, **kwargs)
        if count is not None:  # a page that knows how many rows it lists spares the database a COUNT
            self.count = count


PAGINATION = {"paginator_class": FiftyPerPage}


def format_percent(value: Decimal | None) -> str:
    return "—" if value is None else f"{value}%"


class MoneyColumn(tables.Column):
    """An amount in the table's unit; the exact yuan for export."""

    def __init__(self, **kwargs):
        kwargs.setdefault("attrs", NUM)
        super().__init__(**kwargs)

    def render(self, value: Decimal, table) -> str:
        return table.unit.format(value)

    def value(self, value: Decimal | None) -> str:
        return "" if value is None else str(value)


def budget_url_template(year: int, unit: AmountUnit) -> str:
    """A 预算 page's URL with the department key left as URL_KEY_PLACEHOLDER: one reverse() for a
    list of departments, not one a row (the placeholder occurs nowhere else in the URL)."""
    return with_unit(reverse("public:budget", kwargs={"department": URL_KEY_PLACEHOLDER, "year": year}), unit)


def record_getter(accessor: Accessor) -> Callable[[object], object]:
    """`accessor.resolve(record, quiet=True)` for the records lists show, at a tenth of its cost: a
    dict's key, or a model's attributes along the path; anything else (a callable on the way) goes
    through django-tables2, whose lookups try each kind in turn and catch the exceptions."""
    bits = accessor.bits

    def get(record):
        if isinstance(record, dict):
            return record[accessor] if accessor in record else accessor.resolve(record, quiet=True)
        current = record
        for bit in bits:
            current = getattr(current, bit, None)
            if current is None:
                return None
            if callable(current):
                return accessor.resolve(record, quiet=True)
        return current

    return get


def as_cell(value) -> str:
    """A rendered value as the template printed it: localized, and escaped unless it is safe HTML."""
    if isinstance(value, str):
        return value if isinstance(value, SafeData) else html.escape(value)  # Django's escape, less its lazy check
    return conditional_escape(localize(value))


class ListTable(tables.Table):
    """A sortable list (list_table.html) whose body `body_html` builds in Python, cell for cell what
    django-tables2's BoundRow and the template gave: each cell rendered one by one through them cost
    about 100 µs, most of a code page. django-tables2 still orders, paginates and exports (`value_*`)."""

    class Meta:
        template_name = LIST_TEMPLATE
        attrs = {"class": "listing"}

    def cell_renderer(self, column: BoundColumn) -> Callable[[BoundRow], str]:
        """The cell's HTML from its row, as the template printed `{{ cell }}`: the column's `render`
        (the table's `render_<name>` if any) given the arguments it names, localized and escaped;
        the table's default (—) for an empty value."""
        field = column.accessor.get_field(self.data.model) if self.data.model else None
        if column.link or getattr(field, "choices", None):
            # Links and get_FOO_display are django-tables2's own business: let it render those cells.
            return lambda row: conditional_escape(localize(row.get_cell(column.name)))
        wanted, catch_all = signature(column.render)
        fixed = {"column": column.column, "bound_column": column, "table": self}
        fixed = {name: given for name, given in fixed.items() if catch_all or name in wanted}
        per_row = [name for name in ("value", "record", "bound_row") if catch_all or name in wanted]
        empty, default = column.column.empty_values, conditional_escape(column.default)
        get = record_getter(column.accessor)

        def render(row: BoundRow) -> str:
            value = get(row.record)
            if value in empty:
                return default
            given = {"value": value, "record": row.record, "bound_row": row}
            return as_cell(column.render(**fixed, **{name: given[name] for name in per_row}))

        return render

    def row_attrs_renderer(self) -> Callable[[BoundRow], str]:
        """`row.attrs.as_html()`: where the table sets no row_attrs, that is only even or odd, without
        the AttributeDict django-tables2 builds for each row (a tenth of a row's cost)."""
        if self.row_attrs:
            return lambda row: row.attrs.as_html()
        return lambda row: f'class="{row.get_even_odd_css_class()}"'

    @cached_property
    def body_html(self) -> str:
        """The rows of this page, or the table's empty text in one cell spanning them all."""
        # td attributes do not depend on the record in these tables: computed once per column.
        cells = [(column.attrs["td"].as_html(), self.cell_renderer(column)) for column in self.columns]
        row_attrs = self.row_attrs_renderer()
        rows = [
            f"<tr {row_attrs(row)}>"
            + "".join(
                f"<td {attrs}>{render(row)}</td>" if attrs else f"<td>{render(row)}</td>" for attrs, render in cells
            )
            + "</tr>"
            for row in self.paginated_rows
        ]
        if not rows:
            return format_html('<tr><td colspan="{}">{}</td></tr>', len(cells), self.empty_text)
        return mark_safe("\n".join(rows))  # every cell is escaped above, as the template escaped it


class DepartmentListTable(ListTable):
    """A list of one year's departments, a row a dict of `published.department_columns` and its amounts,
    each department's name linking to its budget page of that year in the reader's unit."""

    def __init__(self, *args, year: int, unit: AmountUnit, caption: str, **kwargs):
        self.year = year
        self.unit = unit
        self.caption = caption
        super().__init__(*args, **kwargs)

    @cached_property
    def budget_url(self) -> str:
        return budget_url_template(self.year, self.unit)

    def department_link(self, record: dict) -> str:
        url = self.budget_url.replace(URL_KEY_PLACEHOLDER, department_key(record), 1)
        return format_html('<a href="{}">{}</a>', url, record["department_name"])


class DepartmentBudgetTable(DepartmentListTable):
    """The home page: every published department of the year (`department_rows`)."""

    code = tables.Column("部门编码", accessor="department_code", attrs=STICKY)
    name = tables.Column("部门名称", accessor="department_name")
    total = MoneyColumn(verbose_name="支出总计")
    basic = MoneyColumn(verbose_name="基本支出")
    project = MoneyColumn(verbose_name="项目支出")
    # Its value is the row's total, shown as a share of the city's. Read by its key: under the column's own
    # name, which no row has, django-tables2 looked each row up the slow way.
    city_share = tables.Column("占全市比重", accessor="total", empty_values=(), order_by="total", attrs=NUM)

    class Meta(ListTable.Meta):
        order_by = "code"
        empty_text = "没有符合条件的部门。"

    def __init__(self, *args, city_total: Decimal | None, whole: str, **kwargs):
        self.city_total = city_total
        super().__init__(*args, **kwargs)
        self.columns["city_share"].column.verbose_name = f"占{whole}比重"  # 全市, 全区…: this table's copy

    def render_name(self, record: dict) -> str:
        return self.department_link(record)

    def render_city_share(self, value: Decimal | None) -> str:
        return format_percent(share(value, self.city_total))

    def value_city_share(self, value: Decimal | None) -> str:
        return str(share(value, self.city_total) or "")


class CodeDepartmentTable(DepartmentListTable):
    """A code page: each department's amount for the code, largest first (`department_amounts`)."""

    department_code = tables.Column("部门编码", attrs=STICKY)
    department_name = tables.Column("部门名称")
    amount = MoneyColumn(verbose_name="金额")
    code_share = tables.Column("占该科目比重", accessor="amount", empty_values=(), order_by="amount", attrs=NUM)

    class Meta(ListTable.Meta):
        empty_text = "该年度没有部门在此科目安排支出。"

    def __init__(self, *args, code_total: Decimal | None, **kwargs):
        self.code_total = code_total
        super().__init__(*args, **kwargs)

    def render_department_name(self, record: dict) -> str:
        return self.department_link(record)

    def render_code_share(self, value: Decimal | None) -> str:
        return format_percent(share(value, self.code_total))

    def value_code_share(self, value: Decimal | None) -> str:
        return str(share(value, self.code_total) or "")


class ProjectTable(ListTable):
    """A budget's projects, filtered and sorted by the reader."""

    name = tables.Column("项目名称", attrs=STICKY)
    kind = tables.Column("类型")
    unit_name = tables.Column("项目单位", accessor="unit__name", order_by="unit__code")
    function_code = tables.Column("功能科目", accessor="function_code__code")
    total = MoneyColumn(verbose_name="合计")

    class Meta(ListTable.Meta):
        empty_text = "没有符合条件的项目。"
        sequence = ("name", "total", "kind", "unit_name", "function_code")  # the amount in view on a phone

    def __init__(self, *args, budget, unit: AmountUnit, caption: str, **kwargs):
        self.budget = budget
        self.unit = unit
        self.caption = caption
        # One reverse() for the projects' pages and one a code tree for their codes', not two a row.
        self.project_url = project_urls(budget, unit)
        self.code_pages: dict[tuple[str, int], Callable[[str], str]] = {}
        super().__init__(*args, **kwargs)

    def render_name(self, record: Project) -> str:
        return format_html('<a href="{}">{}</a>', self.project_url(record.pk), record.name)

    def render_function_code(self, record: Project) -> str:
        code = record.function_code
        tree = (code.scheme, code.year)
        if tree not in self.code_pages:
            self.code_pages[tree] = code_urls(*tree, self.unit, self.budget.department.government)
        return format_html('<a href="{}">{}</a> {}', self.code_pages[tree](code.code), code.code, code.name)
