from django.urls import path, register_converter

from apps.public.urls import budget  # the budget's URL prefix (and its phase converter)

from . import views


class FileFormatConverter:
    regex = "xlsx|csv|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FileFormatConverter, "fileformat")

app_name = "workbooks"
urlpatterns = [
    path(budget + "export.xlsx", views.budget_xlsx, name="budget-xlsx"),
    path(budget + "tables/<slug:slug>.<fileformat:fmt>", views.table_file, name="table-file"),
    path(budget + "<phase:phase>/export.xlsx", views.budget_xlsx, name="budget-xlsx"),
    path(budget + "<phase:phase>/tables/<slug:slug>.<fileformat:fmt>", views.table_file, name="table-file"),
]
