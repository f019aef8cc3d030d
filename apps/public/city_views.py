"""The city's pages: the home page (a year's totals, its largest departments and
projects, every published department) and the 三公 ranking of a year."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from apps.budgets.explanation import share
from apps.budgets.models import Budget
from apps.budgets.published import (
    chosen_government,
    city_totals_by_year,
    department_rows,
    largest_budgets,
    named_government,
    published_years,
    publishing_governments,
    whole_of,
    year_budgets,
)

from .charts import Chart, Point, top_and_rest, with_shares
from .filters import DepartmentBudgetFilter
from .first_screen import LARGEST, city_projects
from .links import page_of_government, request_unit, with_unit
from .tables import PAGINATION, DepartmentBudgetTable
from .three_public import CATEGORIES, city_history, ranking
from .views import CHART_LIMIT, chosen_year, glossary_context


class HomeView(SingleTableMixin, FilterView):
    """The city's totals for a year and every published department in it."""

    template_name = "public/home.html"
    table_class = DepartmentBudgetTable
    filterset_class = DepartmentBudgetFilter
    table_pagination = PAGINATION

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        every_year = published_years()
        self.year = chosen_year(request.GET.get("year"), every_year)
        self.governments = publishing_governments(self.year)
        self.government = chosen_government(request.GET.get("government"), self.year, self.governments)
        self.whole = whole_of(self.government)
        self.years = published_years(self.government)
        # Without ?government= a year shows whichever government publishes it: every year is offered,
        # or a government publishing only years the primary one does not would be out of reach.
        self.year_links = self.years if request.GET.get("government") else every_year
        # Where other governments publish other years, the page names the one it shows (the switch
        # names it where several publish this year).
        self.named = self.government if every_year != self.years and len(self.governments) < 2 else None
        self.totals, self.prior = {}, None
        if self.year:
            # The first screen compares with the year before when it has published budgets.
            compared = [self.year - 1] if self.year - 1 in self.years else []
            totals = city_totals_by_year([self.year, *compared], self.government)
            self.totals, self.prior = totals[self.year], totals.get(self.year - 1)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return department_rows(year_budgets(self.year, self.government))

    def get_table_pagination(self, table) -> dict:
        paginate = super().get_table_pagination(table)
        if not any(self.request.GET.get(name) for name in self.filterset.filters):
            # Unfiltered, the list is the year's published 预算, which the stored city figures count.
            paginate["count"] = self.totals.get("departments")
        return paginate

    def get_table_kwargs(self) -> dict:
        caption = f"{self.year}年各部门支出预算"
        unit = request_unit(self.request)
        return {
            "city_total": self.totals.get("total"),
            "whole": self.whole,
            "year": self.year,
            "unit": unit,
            "caption": caption,
        }

    def shares_chart(self, largest: list[Budget]) -> Chart:
        whole, count = self.totals["total"], self.totals["departments"]
        items = [(budget.department.label, budget.total) for budget in largest]
        points = top_and_rest(with_shares(items, whole), whole, CHART_LIMIT, f"其余{count - CHART_LIMIT}个部门")
        title = f"{self.year}年各部门支出占{self.whole}比重"
        return Chart("shares", "bar", title, points, request_unit(self.request), "部门")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(years=self.year_links, year=self.year, totals=self.totals, **glossary_context())
        context.update(
            government=self.government,
            governments=self.governments,
            named_government=self.named,
            whole=self.whole,
        )
        if self.year:
            total = self.totals["total"]
            context.update(
                basic_share=share(self.totals["basic"], total), project_share=share(self.totals["project"], total)
            )
            largest = list(largest_budgets(self.year, self.government, CHART_LIMIT + 1))
            context["charts"] = [self.shares_chart(largest)]
            context["largest_departments"] = [
                (budget, share(budget.total, total)) for budget in largest[:LARGEST] if budget.total
            ]
            context["largest_projects"] = city_projects(self.year, total, request_unit(self.request), self.government)
            context["prior"] = self.prior
            if self.prior and self.prior["total"] is not None and total is not None:
                context["change"] = total - self.prior["total"]
                context["change_percent"] = share(context["change"], self.prior["total"])
        return context


def three_public_latest(request: HttpRequest) -> HttpResponse:
    """The 三公 ranking of the latest year with published budgets (the site menu's link)."""
    government = named_government(request.GET.get("government"))
    years = published_years(government)
    if not years:
        raise Http404("暂无已公开的部门预算。")
    url = with_unit(reverse("public:three-public", kwargs={"year": years[0]}), request_unit(request))
    return redirect(page_of_government(url, government))


def three_public(request: HttpRequest, year: int) -> HttpResponse:
    """The city's 三公经费 of a year: departments ranked by the category the reader picks."""
    years = published_years()
    if year not in years:
        raise Http404(f"没有{year}年已公开的部门预算。")
    key = request.GET.get("sort", "total")
    key = key if key in CATEGORIES else "total"
    governments = publishing_governments(year)
    government = chosen_government(request.GET.get("government"), year, governments)
    ranked = ranking(year, key, government)
    unit = request_unit(request)
    label = CATEGORIES[key][0]
    items = [(row.name, row.amounts[key]) for row in ranked if row.amounts[key] is not None]
    history = city_history(government)
    # The year's totals by category, summed by the database: the cards, the chart's shares, the history.
    city = dict(history).get(year) or dict.fromkeys(CATEGORIES)
    rest = f"其余{len(items) - CHART_LIMIT}个部门"
    points = top_and_rest(with_shares(items, city[key]), city[key], CHART_LIMIT, rest)
    whole = whole_of(government)
    charts = [Chart("ranking", "bar", f"{year}年各部门{label}", points, unit, "部门")] if items else []
    if len(history) > 1:
        trend = [Point(f"{y}年", amounts["total"]) for y, amounts in history]
        charts.append(Chart("history", "line", f"历年{whole}“三公”经费合计", trend, unit, "年度"))
    context = {
        "year": year,
        "years": published_years(government),  # the years to switch to, of the government shown
        "key": key,
        "label": label,
        "categories": CATEGORIES,
        # The chosen category first, next to the names: in view on a phone without scrolling.
        "columns": {key: CATEGORIES[key], **{k: v for k, v in CATEGORIES.items() if k != key}},
        "ranked": ranked,
        "city": city,
        "history": history,
        "charts": charts,
        "government": government,
        "governments": governments,
        "whole": whole,
        **glossary_context(),
    }
    return render(request, "public/three_public.html", context)
