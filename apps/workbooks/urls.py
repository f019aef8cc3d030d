from django.urls import path

from . import views

app_name = "workbooks"
budget = "departments/<department:department>/<int:year>/"
urlpatterns = [
    path("years/<int:year>/export.xlsx", views.year_xlsx, name="year-xlsx"),
    path("years/<int:year>/tables/<slug:slug>.csv", views.year_table_csv, name="year-table-csv"),
    path("years/<int:year>/departments.<fileformat:fmt>", views.year_departments_file, name="year-departments"),
    path(
        "subjects/<scheme:scheme>/<code:code>/<int:year>/departments.<fileformat:fmt>",
        views.code_departments_file,
        name="code-departments",
    ),
    path(budget + "export.xlsx", views.budget_xlsx, name="budget-xlsx"),
    path(budget + "tables/<slug:slug>.<fileformat:fmt>", views.table_file, name="table-file"),
    path(budget + "<phase:phase>/export.xlsx", views.budget_xlsx, name="budget-xlsx"),
    path(budget + "<phase:phase>/tables/<slug:slug>.<fileformat:fmt>", views.table_file, name="table-file"),
]
