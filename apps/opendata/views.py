import tempfile

from django.http import FileResponse, Http404, HttpRequest

from apps.budgets.caching import public_cache

from .package import write_data_package
from .resources import budgets_of


@public_cache
def year_data_package(request: HttpRequest, year: int) -> FileResponse:
    """Written to a temporary file row by row, then streamed from it."""
    if not budgets_of(year).exists():
        raise Http404(f"{year} 年没有已公开的部门预算")
    file = tempfile.TemporaryFile()
    write_data_package(year, file)
    file.seek(0)
    return FileResponse(
        file, as_attachment=True, filename=f"department-budgets-{year}.zip", content_type="application/zip"
    )
