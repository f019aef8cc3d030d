import tempfile

from django.http import FileResponse, HttpRequest

from apps.budgets.caching import public_cache
from apps.budgets.published import year_file_government

from .package import package_name, write_data_package


@public_cache
def year_data_package(request: HttpRequest, year: int) -> FileResponse:
    """Of one government with `?government=`, else of all. Written to a temporary file row by row,
    then streamed from it."""
    government = year_file_government(request.GET.get("government"), year)
    file = tempfile.TemporaryFile()
    write_data_package(year, file, government)
    file.seek(0)
    filename = f"{package_name(year, government)}.zip"
    return FileResponse(file, as_attachment=True, filename=filename, content_type="application/zip")
