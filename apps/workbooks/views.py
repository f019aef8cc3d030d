import tempfile
from io import BytesIO

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404

from apps.accounts.scoping import drafts_visible_to
from apps.budgets.amounts import AmountUnit
from apps.budgets.caching import public_cache
from apps.budgets.models import Budget, Phase
from apps.budgets.official import SLUGS, build_table, slugs_of
from apps.budgets.published import named_government, year_file_government
from apps.reference.models import ClassificationCode, Government

from .lists import code_departments, list_csv, list_xlsx, year_departments
from .table_files import table_csv, table_json
from .writer import write_budget_workbook, write_table_workbook
from .year import write_year_workbook, year_csv_lines

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def visible_budget(request: HttpRequest, department: str, year: int, phase: str) -> Budget:
    budgets = Budget.objects.visible_to(drafts_visible_to(request.user)).for_budget_page()
    return get_object_or_404(budgets.at_address(department, year, phase))


def attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{filename}"
    return response


def file_stem(budget: Budget, suffix: str = "") -> str:
    return f"{budget.department.code}-{budget.year}-{budget.phase}{suffix}"


@public_cache
def budget_xlsx(request: HttpRequest, department: str, year: int, phase: str = Phase.BUDGET) -> HttpResponse:
    budget = visible_budget(request, department, year, phase)
    stream = BytesIO()
    write_budget_workbook(budget, stream, unit=AmountUnit.from_query(request.GET.get("unit")))
    return attachment(stream.getvalue(), XLSX, file_stem(budget) + ".xlsx")


@public_cache
def table_file(request: HttpRequest, department: str, year: int, slug: str, fmt: str, phase: str = Phase.BUDGET):
    budget = visible_budget(request, department, year, phase)
    if slug not in slugs_of(budget):
        raise Http404(f"这份预算没有名为“{slug}”的表")
    table = build_table(budget, slug)
    unit = AmountUnit.from_query(request.GET.get("unit"))
    if fmt == "json":
        return JsonResponse(table_json(budget, table, unit), json_dumps_params={"ensure_ascii": False})
    if fmt == "csv":
        return attachment(table_csv(table, unit), "text/csv; charset=utf-8", file_stem(budget, f"-{slug}.csv"))
    stream = BytesIO()
    write_table_workbook(budget, table, stream, unit)
    return attachment(stream.getvalue(), XLSX, file_stem(budget, f"-{slug}.xlsx"))


def file_stem_of(year: int, government: Government | None) -> str:
    """2021 or 2021-310107: one government's file does not overwrite another's in a downloads folder."""
    return f"{year}-{government.url_prefix}" if government else str(year)


@public_cache
def year_xlsx(request: HttpRequest, year: int) -> FileResponse:
    """Written to a temporary file with constant memory, then streamed from it."""
    government = year_file_government(request.GET.get("government"), year)
    file = tempfile.TemporaryFile()
    write_year_workbook(year, file, unit=AmountUnit.from_query(request.GET.get("unit")), government=government)
    file.seek(0)
    filename = f"{file_stem_of(year, government)}-all-departments.xlsx"
    return FileResponse(file, as_attachment=True, filename=filename, content_type=XLSX)


@public_cache
def year_table_csv(request: HttpRequest, year: int, slug: str) -> StreamingHttpResponse:
    if slug not in SLUGS:
        raise Http404(f"没有名为“{slug}”的表")
    government = year_file_government(request.GET.get("government"), year)
    lines = year_csv_lines(year, slug, AmountUnit.from_query(request.GET.get("unit")), government)
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{file_stem_of(year, government)}-{slug}.csv"
    return response


def list_file(listing, fmt: str, filename: str, unit: AmountUnit) -> HttpResponse:
    if fmt == "json":
        raise Http404("此列表提供 xlsx 和 csv；JSON 见 /api/")
    if fmt == "csv":
        return attachment(list_csv(listing, unit), "text/csv; charset=utf-8", f"{filename}.csv")
    return attachment(list_xlsx(listing, unit), XLSX, f"{filename}.xlsx")


@public_cache
def year_departments_file(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    """The home page's department table as a file."""
    government = year_file_government(request.GET.get("government"), year)
    listing = year_departments(year, government)
    unit = AmountUnit.from_query(request.GET.get("unit"))
    return list_file(listing, fmt, f"{file_stem_of(year, government)}-departments", unit)


@public_cache
def code_departments_file(request: HttpRequest, scheme: str, code: str, year: int, fmt: str) -> HttpResponse:
    """A code page's cross-department comparison as a file."""
    node = ClassificationCode.objects.filter(scheme=scheme, code=code, year=year).first()
    if node is None:
        raise Http404(f"{year}年没有科目“{code}”")
    government = named_government(request.GET.get("government"))
    listing = code_departments(node, government)
    unit = AmountUnit.from_query(request.GET.get("unit"))
    return list_file(listing, fmt, f"{file_stem_of(year, government)}-{scheme}-{code}", unit)
