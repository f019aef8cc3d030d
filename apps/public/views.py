"""The public site. Every page's state lives in its URL (year, unit, filters,
sort, page, compare), so any view is a permalink. Views stay short: figures
come from queries.py, figures.py and compare.py, tables from tables.py."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from apps.accounts.scoping import drafts_visible_to
from apps.budgets.amounts import AmountUnit
from apps.budgets.explanation import explanation_context, explanation_paragraphs
from apps.budgets.models import PROJECT_SOURCES, Budget, Phase
from apps.budgets.official import OfficialTable, TableSources, build_all, build_table, slugs_of
from apps.budgets.published import (
    ChildAmount,
    children_amounts,
    chosen_government,
    code_history,
    code_total,
    department_amounts,
    publishing_governments,
    whole_of,
)
from apps.projects.models import Project, ProjectFunding
from apps.reference.models import ClassificationCode, GlossaryTerm, Scheme

from .charts import Chart, Point, budget_charts, top_and_rest, with_shares
from .compare import comparison_for
from .figures import headline_cards, headlines
from .filters import ProjectFilter
from .first_screen import execution_of, largest_items, phase_word, previous_budget, stated_changes
from .links import code_urls, project_urls, request_unit, table_links
from .narrative_check import differences
from .official_view import PROJECT_TABLES, OfficialTableView
from .search import search as search_all
from .tables import PAGINATION, CodeDepartmentTable, ProjectTable
from .three_public import ECONOMIC_CODES

CHART_LIMIT = 15  # bars beyond this are summed as one, the table lists them all


def visible_budget(request: HttpRequest, department: str, year: int, phase: str) -> Budget:
    """The budget at this address, or 404 (drafts are 404 for the public)."""
    if "\x00" in department:  # PostgreSQL refuses NUL in text: no such department
        raise Http404("没有这个部门。")
    budgets = Budget.objects.visible_to(drafts_visible_to(request.user)).for_budget_page()
    return get_object_or_404(budgets.at_address(department, year, phase))


def glossary_context() -> dict:
    """The glossary in one query: the list, and a lookup for terms where they appear."""
    terms = list(GlossaryTerm.objects.all())
    return {"glossary": terms, "glossary_terms": {term.term: term for term in terms}}


def chosen_year(raw: str | None, years: list[int]) -> int | None:
    """`?year=`, default the latest; a year without published budgets is a 404."""
    if not raw:
        return years[0] if years else None
    if raw.isdigit() and int(raw) in years:
        return int(raw)
    raise Http404(f"没有“{raw[:10]}”年度已公开的部门预算。")


def official_views(
    budget: Budget, official: list[OfficialTable], unit: AmountUnit, projects: list[Project] = ()
) -> list[OfficialTableView]:
    """The official tables in the reader's unit, codes linking to their code pages
    and project names to their project pages (`projects` in the tables' order)."""
    government = budget.department.government
    project_url = project_urls(budget, unit)
    project_links = [project_url(project.pk) for project in projects]
    links = table_links(budget, unit)
    return [
        OfficialTableView(
            table,
            links=links(table.slug),
            unit=unit,
            code_url=code_urls(table.code_scheme, budget.year, unit, government) if table.code_scheme else None,
            project_urls=project_links,
        )
        for table in official
    ]


def budget_detail(request: HttpRequest, department: str, year: int, phase: str = Phase.BUDGET) -> HttpResponse:
    budget = visible_budget(request, department, year, phase)
    unit = request_unit(request)
    sources = TableSources(budget)  # the tables, the first screen and the 说明 share one roll-up
    official = build_all(budget, sources)
    comparison = comparison_for(budget, request.GET.get("compare"))
    # Without a chosen comparison, the first screen compares with the year before when it is published.
    against = comparison.other or previous_budget(budget, list(comparison.budgets))
    figures = headlines(budget, *([against] if against else []))
    explained = explanation_context(budget, sources)
    paragraphs = explanation_paragraphs(budget, context=explained)
    sections = list(budget.sections.filter(project__isnull=True))
    context = {
        "budget": budget,
        "phase_word": phase_word(budget),
        "against": against,
        "final": execution_of(budget, list(comparison.budgets)),
        "cards": headline_cards(figures[budget.pk], figures[against.pk] if against else None),
        "largest": largest_items(budget, sources.projects, figures[budget.pk].total, unit),
        "stated_changes": stated_changes(explained),
        "sections": sections,
        "explanation": paragraphs,
        "narrative_differences": differences(sections, paragraphs),
        "tables": official_views(budget, official, unit, sources.projects),
        "charts": budget_charts(budget, official, figures[budget.pk], unit, sources.projects),
        "comparison": comparison,
        **glossary_context(),
    }
    return render(request, "public/budget_detail.html", context)


def table_detail(
    request: HttpRequest, department: str, year: int, slug: str, phase: str = Phase.BUDGET
) -> HttpResponse:
    budget = visible_budget(request, department, year, phase)
    if slug not in slugs_of(budget):
        raise Http404(f"这份预算没有名为“{slug}”的表。")
    sources = TableSources(budget)
    projects = sources.projects if slug in PROJECT_TABLES else []
    table = official_views(budget, [build_table(budget, slug, sources)], request_unit(request), projects)[0]
    context = {"budget": budget, "phase_word": phase_word(budget), "table": table, **glossary_context()}
    return render(request, "public/table_detail.html", context)


def find_code(scheme: str, code: str, year: int) -> ClassificationCode:
    """The code in that year's tree, with its ancestors for the breadcrumbs."""
    codes = ClassificationCode.objects.select_related("parent__parent")
    try:
        return codes.get(scheme=scheme, code=code, year=year)
    except ClassificationCode.DoesNotExist:
        raise Http404(f"{year}年的{Scheme(scheme).label}中没有科目“{code}”。") from None


class CodeView(SingleTableMixin, TemplateView):
    """One classification code in one year: its place in the tree, its children,
    every department's amount for it, and its amounts over the years."""

    template_name = "public/code_detail.html"
    table_class = CodeDepartmentTable
    # 50 a page like the home page: a code used by every department of a city would otherwise
    # render thousands of rows (the chart and the files keep them all).
    table_pagination = PAGINATION

    def get(self, request: HttpRequest, scheme: str, code: str, year: int) -> HttpResponse:
        self.node = find_code(scheme, code, year)
        self.governments = publishing_governments(year)
        self.government = chosen_government(request.GET.get("government"), year, self.governments)
        self.total = code_total(self.node, self.government)
        # Sorted and paged by the database for the table, its first rows for the chart: a page costs
        # the same with fifty departments or two thousand.
        self.departments = department_amounts(self.node, self.government)
        return super().get(request)

    def get_table_data(self) -> QuerySet:
        return self.departments

    def get_table_pagination(self, table) -> dict:
        # The stored city figures count the departments with an amount for the code: the rows listed.
        return {**super().get_table_pagination(table), "count": self.total["departments"]}

    def get_table_kwargs(self) -> dict:
        caption = f"{self.node.year}年各部门“{self.node.code} {self.node.name}”支出"
        return {
            "code_total": self.total["total"],
            "year": self.node.year,
            "unit": request_unit(self.request),
            "caption": caption,
        }

    def largest_departments(self, table: CodeDepartmentTable) -> list[dict]:
        """The chart's departments. Page one in the default, largest-first order starts with them: read once."""
        if table.page.number == 1 and not table.order_by:
            return [row.record for row in table.paginated_rows][: CHART_LIMIT + 1]
        return list(self.departments[: CHART_LIMIT + 1])

    def departments_chart(self, table: CodeDepartmentTable) -> Chart:
        largest = [(row["department_name"], row["amount"]) for row in self.largest_departments(table)]
        rest = f"其余{self.total['departments'] - CHART_LIMIT}个部门"
        points = top_and_rest(with_shares(largest, self.total["total"]), self.total["total"], CHART_LIMIT, rest)
        return Chart("departments", "bar", f"各部门“{self.node.name}”金额", points, request_unit(self.request), "部门")

    def history_chart(self, history) -> Chart:
        # Only the years with published figures: the lists give a code in years no budget is published for.
        points = [Point(f"{item.year}年", item.amount) for item in history if item.amount is not None]
        return Chart(
            "history", "line", f"历年“{self.node.name}”金额（各部门合计）", points, request_unit(self.request), "年度"
        )

    def children(self) -> list[tuple[ChildAmount, str]]:
        """The code's children with their amounts and the addresses of their pages."""
        url = code_urls(self.node.scheme, self.node.year, request_unit(self.request), self.government)
        return [(child, url(child.code.code)) for child in children_amounts(self.node, self.government)]

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        history = code_history(self.node, self.government)
        charts = [self.departments_chart(context["table"])] if self.total["departments"] else []
        if sum(1 for item in history if item.amount is not None) > 1:
            charts.append(self.history_chart(history))
        ancestors = [a for a in (self.node.parent and self.node.parent.parent, self.node.parent) if a]
        context.update(
            node=self.node,
            # 30217 公务接待费 and its kin count basic spending only; the 三公 page has the whole category.
            three_public_key=ECONOMIC_CODES.get(self.node.code) if self.node.scheme == Scheme.ECONOMIC else None,
            ancestors=ancestors,
            # The glossary explains some codes under their full path: 一般公共服务支出（类）…（款）行政运行（项）
            glossary_key="".join(f"{code.name}（{code.level}）" for code in [*ancestors, self.node]),
            total=self.total,
            children=self.children(),
            government=self.government,
            governments=self.governments,
            whole=whole_of(self.government),
            history=history,
            charts=charts,
            **glossary_context(),
        )
        return context


class ProjectListView(SingleTableMixin, FilterView):
    """A budget's projects: filter by type, unit, name and amount; sort by any column."""

    template_name = "public/project_list.html"
    table_class = ProjectTable
    filterset_class = ProjectFilter
    table_pagination = PAGINATION

    def get(self, request: HttpRequest, department: str, year: int, phase: str = Phase.BUDGET) -> HttpResponse:
        self.budget = visible_budget(request, department, year, phase)
        return super().get(request)

    def get_queryset(self):
        return Project.objects.filter(budget=self.budget).for_project_list()

    def get_filterset_kwargs(self, filterset_class) -> dict:
        return {**super().get_filterset_kwargs(filterset_class), "budget": self.budget}

    def get_table_kwargs(self) -> dict:
        caption = f"{self.budget.department.name}{self.budget.year}年{self.budget.get_phase_display()}项目"
        return {"budget": self.budget, "unit": request_unit(self.request), "caption": caption}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        shown = ProjectFunding.objects.filter(project__in=self.object_list.values("pk"))
        context.update(budget=self.budget, shown_total=shown.total(), **glossary_context())
        return context


def indicator_groups(indicators) -> list[tuple[str, list[tuple[str, list]]]]:
    """Indicators under their 一级 and 二级指标, in the order they first appear."""
    groups: dict[str, dict[str, list]] = {}
    for indicator in indicators:
        groups.setdefault(indicator.level1, {}).setdefault(indicator.level2, []).append(indicator)
    return [(level1, list(level2s.items())) for level1, level2s in groups.items()]


def project_detail(
    request: HttpRequest, department: str, year: int, pk: int, phase: str = Phase.BUDGET
) -> HttpResponse:
    budget = visible_budget(request, department, year, phase)
    projects = Project.objects.filter(budget=budget).with_amounts().select_related("unit", "function_code")
    project = get_object_or_404(projects, pk=pk)
    fundings = [(source.label, getattr(project, f"{source.value}_amount")) for source in PROJECT_SOURCES]
    context = {
        "budget": budget,
        "project": project,
        "fundings": [(label, amount) for label, amount in fundings if amount is not None],
        "indicator_groups": indicator_groups(project.indicators.all()),
        **glossary_context(),
    }
    return render(request, "public/project_detail.html", context)


def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "public/glossary.html", glossary_context())


def search(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    groups, partial = search_all(q, request_unit(request))
    found = sum(len(group.results) for group in groups)
    return render(request, "public/search.html", {"q": q, "groups": groups, "found": found, "partial": partial})
