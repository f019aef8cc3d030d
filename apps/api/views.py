"""A read-only JSON API over published budgets. Amounts are strings with two
decimals (exact, and the same figures as the pages); lists are paginated;
every error, 404 included, answers in JSON.

Django REST framework serves it so that drf-spectacular can describe it as an
OpenAPI schema (apps/api/shapes.py); the answers themselves are built by the
plain functions below, as they always were."""

from collections.abc import Callable
from functools import wraps

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from apps.budgets.amounts import AmountUnit
from apps.budgets.caching import public_cache
from apps.budgets.explanation import explanation_paragraphs
from apps.budgets.models import Budget, Phase
from apps.budgets.official import SLUGS, build_table, slugs_of
from apps.projects.models import Project
from apps.reference.models import ClassificationCode, Department, Government, Scheme
from apps.workbooks.table_files import table_json

from . import shapes

PAGE_SIZE = 50
NOT_FOUND = {404: shapes.Error}
GOVERNMENT = OpenApiParameter("government", str, description="只列这个行政区划的（行政区划代码，见 government.key）")
PAGE = OpenApiParameter("page", int, description="页码，从 1 起；每页 50 条")
UNIT = OpenApiParameter("unit", str, enum=["yuan", "wan"], description="金额单位：yuan 元（默认）或 wan 万元")
DEPARTMENT = OpenApiParameter("department", str, OpenApiParameter.PATH, description="部门编码，如 205")
SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, enum=list(SLUGS), description="九张公开表之一")


def json_error(error: Http404) -> JsonResponse:
    return JsonResponse({"error": str(error) or "not found"}, status=404, json_dumps_params={"ensure_ascii": False})


def json_get(view: Callable) -> Callable:
    """A GET endpoint answering JSON, cached for the public like the pages. REST framework turns the
    view's own 404s into JSON (apps/api/rest.py); this does for a parameter that names nothing
    (budgetsite/params.py, checked before the view runs)."""
    answer = public_cache(api_view(["GET", "HEAD"])(view))

    @wraps(answer)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
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


def government_json(government: Government) -> dict:
    return {
        "name": government.name,
        "code": government.code,
        "level": government.get_level_display(),
        "key": government.url_prefix,
    }


def in_government(request: HttpRequest, path: str) -> Q:
    """?government=: only that government's (all when absent)."""
    key = request.GET.get("government")
    return Q(**{f"{path}__in": Government.objects.by_url_prefix(key)}) if key else Q()


def budget_summary(budget: Budget) -> dict:
    kwargs = budget.url_kwargs
    return {
        "department": budget.department.code,
        "department_key": budget.department.url_key,
        "department_name": budget.department.name,
        "government": government_json(budget.department.government),
        "year": budget.year,
        "phase": budget.phase,
        "published_at": budget.published_at.isoformat() if budget.published_at else None,
        "total": money(budget.total),
        "basic": money(budget.basic),
        "project": money(budget.project),
        "url": reverse("api:budget", kwargs=kwargs),
        "page": budget.get_absolute_url(),
    }


@extend_schema(
    summary="已公开预算的部门",
    parameters=[PAGE, GOVERNMENT],
    responses={200: shapes.page_of(shapes.Department), **NOT_FOUND},
)
@json_get
def departments(request: HttpRequest) -> Response:
    published = (
        Department.objects.filter(in_government(request, "government"), budgets__status="published")
        .distinct()
        .select_related("government")
        .prefetch_related("units")
    )
    return Response(
        paginated(
            request,
            published.order_by("government__code", "code"),
            lambda d: {
                "code": d.code,
                "key": d.url_key,
                "government": government_json(d.government),
                "name": d.name,
                "short_name": d.short_name,
                "units": [{"code": u.code, "name": u.name, "kind": u.kind} for u in d.units.all()],
                "budgets": reverse("api:budgets") + f"?department={d.url_key}",
            },
        )
    )


@extend_schema(
    summary="已公开的预算及其总额",
    parameters=[
        PAGE,
        OpenApiParameter("year", int, description="只列这一年"),
        OpenApiParameter("department", str, description="只列这个部门（部门在网址中的写法，如 205、310107-900）"),
        GOVERNMENT,
    ],
    responses={200: shapes.page_of(shapes.BudgetSummary), **NOT_FOUND},
)
@json_get
def budgets(request: HttpRequest) -> Response:
    found = (
        Budget.objects.published()
        .select_related("department__government")
        .order_by("-year", "department__code", "phase")
    )
    found = found.filter(in_government(request, "department__government"))
    if request.GET.get("department"):
        found = found.filter(department__in=Department.objects.by_url_key(request.GET["department"]))
    if request.GET.get("year", "").isdigit():
        found = found.filter(year=int(request.GET["year"]))
    return Response(paginated(request, found.for_home_page(), budget_summary))


def published_budget(department: str, year: int, phase: str, read: QuerySet | None = None) -> Budget:
    """The published budget at this address, as `read` reads it (by default with all its summary shows)."""
    read = Budget.objects.published().for_budget_page().for_home_page() if read is None else read
    try:
        return read.at_address(department, year, phase).get()
    except Budget.DoesNotExist:
        raise Http404(f"没有部门 {department} 已公开的 {year} 年{Phase(phase).label}") from None


@extend_schema(
    summary="一个预算：总额、单位、说明和各表的地址",
    parameters=[DEPARTMENT],
    responses={200: shapes.BudgetDetail, **NOT_FOUND},
)
@json_get
def budget(request: HttpRequest, department: str, year: int, phase: str = Phase.BUDGET) -> Response:
    found = published_budget(department, year, phase)
    return Response(
        {
            **budget_summary(found),
            "units": [{"code": u.code, "name": u.name, "kind": u.kind} for u in found.units.all()],
            "explanation": explanation_paragraphs(found),
            "tables": {
                slug: reverse("api:table", kwargs={**found.url_kwargs, "slug": slug}) for slug in slugs_of(found)
            },
            "projects": reverse("api:projects", kwargs=found.url_kwargs),
        }
    )


@extend_schema(
    summary="一张公开表，行与列如公开文件",
    parameters=[DEPARTMENT, UNIT, SLUG],
    responses={200: shapes.Table, **NOT_FOUND},
)
@json_get
def table(request: HttpRequest, department: str, year: int, slug: str, phase: str = Phase.BUDGET) -> Response:
    # A table's title and JSON read only the department and its government (the 三公 table reads the
    # units itself): without the summary's figures and the units the answer costs a quarter less.
    found = published_budget(
        department, year, phase, Budget.objects.published().select_related("department__government")
    )
    if slug not in slugs_of(found):
        raise Http404(f"没有名为“{slug}”的表；可用：{'、'.join(slugs_of(found))}")
    return Response(table_json(found, build_table(found, slug), AmountUnit.from_query(request.GET.get("unit"))))


def project_json(p: Project) -> dict:
    return {
        "id": p.pk,
        "unit": p.unit.code if p.unit_id else None,
        "kind": p.kind,
        "name": p.name,
        "function_code": p.function_code.code if p.function_code_id else None,
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
    }


@extend_schema(
    summary="一个预算的项目，含资金来源和绩效指标",
    parameters=[DEPARTMENT, PAGE],
    responses={200: shapes.page_of(shapes.Project), **NOT_FOUND},
)
@json_get
def projects(request: HttpRequest, department: str, year: int, phase: str = Phase.BUDGET) -> Response:
    found = published_budget(department, year, phase)
    return Response(paginated(request, Project.objects.filter(budget=found).for_tables(), project_json))


@extend_schema(
    summary="一年的分类科目（功能分类或经济分类）",
    parameters=[
        PAGE,
        OpenApiParameter("scheme", str, OpenApiParameter.PATH, enum=list(Scheme.values), description="分类"),
    ],
    responses={200: shapes.page_of(shapes.Code), **NOT_FOUND},
)
@json_get
def codes(request: HttpRequest, scheme: str, year: int) -> Response:
    if scheme not in Scheme.values:
        raise Http404(f"分类应为 {' 或 '.join(Scheme.values)}")
    listed = ClassificationCode.objects.filter(scheme=scheme, year=year).select_related("parent").order_by("code")
    return Response(
        paginated(
            request,
            listed,
            lambda c: {"code": c.code, "name": c.name, "level": c.level, "parent": c.parent.code if c.parent else None},
        )
    )


@extend_schema(exclude=True)
@json_get
def not_found(request: HttpRequest, rest: str = "") -> Response:
    raise Http404(f"API 中没有 /{request.path.lstrip('/')}")
