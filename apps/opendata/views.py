import tempfile

from django.http import FileResponse, Http404, HttpRequest

from apps.budgets.caching import public_cache
from apps.budgets.published import named_government

from .package import package_name, write_data_package
from .resources import budgets_of


@public_cache
def year_data_package(request: HttpRequest, year: int) -> FileResponse:
    """Of one government with `?government=`, else of all. Written to a temporary file row by row,
    then streamed from it."""
    government = named_government(request.GET.get("government"))
    if not budgets_of(year, government).exists():
        raise Http404(f"{year} 年{government.name if government else ''}没有已公开的部门预算")
    file = tempfile.TemporaryFile()
    write_data_package(year, file, government)
    file.seek(0)
    filename = f"{package_name(year, government)}.zip"
    return FileResponse(file, as_attachment=True, filename=filename, content_type="application/zip")
