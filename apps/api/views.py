"""A read-only JSON API over published budgets. Amounts are strings with two
decimals (exact, and the same figures as the pages); lists are paginated;
every error, 404 included, answers in JSON."""

from collections.abc import Callable
from functools import wraps

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse

from apps.budgets.amounts import AmountUnit
from apps.budgets.caching import public_cache
from apps.budgets.explanation import explanation_paragraphs
from apps.budgets.models import Budget, Phase
from apps.budgets.official import build_table, slugs_of
from apps.projects.models import Project
from apps.reference.models import ClassificationCode, Department, Scheme
from apps.workbooks.table_files import table_json

PAGE_SIZE = 50


def json_error(error: Http404) -> JsonResponse:
    return JsonResponse({"error": str(error) or "not found"}, status=404, json_dumps_params={"ensure_ascii": False})


def json_view(view: Callable) -> Callable:
    @public_cache
    @wraps(view)
    def answer(request: HttpRequest, *args, **kwargs) -> JsonResponse:
        return JsonResponse(view(request, *args, **kwargs), json_dumps_params={"ensure_ascii": False})

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> JsonResponse:
        try:  # a 404 from the view or from a parameter that names nothing (budgetsite/params.py)
            return answer(request, *args, **kwargs)
        except Http404 as error:
            return json_error(error)

    return wrapper


def money(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def paginated(request: HttpRequest, queryset: QuerySet, serialize: Callable) -> dict:
    paginator = Paginator(queryset, PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger):
        raise Http404(f"没有第 {request.GET.get('page')} 页（共 {paginator.num_pages} 页）") from None

    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": paginator.count,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": [serialize(item) for item in page.object_list],
    }


def budget_summary(budget: Budget) -> dict:
    kwargs = budget.url_kwargs
    return {
        "department": budget.department.code,
        "department_name": budget.department.name,
        "year": budget.year,
        "phase": budget.phase,
        "published_at": budget.published_at.isoformat() if budget.published_at else None,
        "total": money(budget.total),
        "basic": money(budget.basic),
        "project": money(budget.project),
        "url": reverse("api:budget", kwargs=kwargs),
        "page": budget.get_absolute_url(),
    }


@json_view
def departments(request: HttpRequest) -> dict:
    published = Department.objects.filter(budgets__status="published").distinct().prefetch_related("units")
    return paginated(
        request,
        published.order_by("code"),
        lambda d: {
            "code": d.code,
            "name": d.name,
            "short_name": d.short_name,
            "units": [{"code": u.code, "name": u.name, "kind": u.kind} for u in d.units.all()],
            "budgets": reverse("api:budgets") + f"?department={d.code}",
        },
    )


@json_view
def budgets(request: HttpRequest) -> dict:
    found = (
        Budget.objects.published()
        .select_related("department__government")
        .order_by("-year", "department__code", "phase")
    )
    if request.GET.get("department"):
        found = found.filter(department__in=Department.objects.by_url_key(request.GET["department"]))
    if request.GET.get("year", "").isdigit():
        found = found.filter(year=int(request.GET["year"]))
    return paginated(request, found.for_home_page(), budget_summary)


def published_budget(department: str, year: int, phase: str) -> Budget:
    found = Budget.objects.published().for_budget_page().for_home_page()
    try:
        return found.at_address(department, year, phase).get()
    except Budget.DoesNotExist:
        raise Http404(f"没有部门 {department} 已公开的 {year} 年{Phase(phase).label}") from None


@json_view
def budget(request: HttpRequest, department: str, year: int, phase: str = Phase.BUDGET) -> dict:
    found = published_budget(department, year, phase)
    return {
        **budget_summary(found),
        "units": [{"code": u.code, "name": u.name, "kind": u.kind} for u in found.units.all()],
        "explanation": explanation_paragraphs(found),
        "tables": {slug: reverse("api:table", kwargs={**found.url_kwargs, "slug": slug}) for slug in slugs_of(found)},
        "projects": reverse("api:projects", kwargs=found.url_kwargs),
    }


@json_view
def table(request: HttpRequest, department: str, year: int, slug: str, phase: str = Phase.BUDGET) -> dict:
    found = published_budget(department, year, phase)
    if slug not in slugs_of(found):
        raise Http404(f"没有名为“{slug}”的表；可用：{'、'.join(slugs_of(found))}")
    return table_json(found, build_table(found, slug), AmountUnit.from_query(request.GET.get("unit")))


@json_view
def projects(request: HttpRequest, department: str, year: int, phase: str = Phase.BUDGET) -> dict:
    found = published_budget(department, year, phase)
    listed = Project.objects.filter(budget=found).for_tables()
    return paginated(
        request,
        listed,
        lambda p: {
            "id": p.pk,
            "unit": p.unit.code,
            "kind": p.kind,
            "name": p.name,
            "function_code": p.function_code.code,
            "goal": p.goal,
            "total": money(p.total),
            "fundings": {
                s: money(getattr(p, f"{s}_amount"))
                for s in ("general", "gov_fund", "carryover_general", "carryover_gov_fund", "special_account", "unit")
            },
            "indicators": [
                {
                    "level1": i.level1,
                    "level2": i.level2,
                    "name": i.name,
                    "operator": i.operator,
                    "value": i.value,
                    "unit": i.measure_unit,
                    "weight": f"{i.weight.normalize():f}",
                }
                for i in p.indicators.all()
            ],
        },
    )


@json_view
def codes(request: HttpRequest, scheme: str, year: int) -> dict:
    if scheme not in Scheme.values:
        raise Http404(f"分类应为 {' 或 '.join(Scheme.values)}")
    listed = ClassificationCode.objects.filter(scheme=scheme, year=year).select_related("parent").order_by("code")
    return paginated(
        request,
        listed,
        lambda c: {
            "code": c.code,
            "name": c.name,
            "level": c.level,
            "parent": c.parent.code if c.parent else None,
        },
    )


@json_view
def not_found(request: HttpRequest, rest: str = "") -> dict:
    raise Http404(f"API 中没有 /{request.path.lstrip('/')}")
