from django.urls import path, register_converter

from apps.budgets.models import Phase

from . import views


class OtherPhaseConverter:
    """决算 and 调整预算 live one segment below the 预算 of the same year."""

    regex = "|".join(p.value for p in Phase if p != Phase.BUDGET)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(OtherPhaseConverter, "phase")

app_name = "public"
budget = "departments/<str:department>/<int:year>/"
urlpatterns = [
    path("", views.home, name="home"),
    path(budget, views.budget_detail, name="budget"),
    path(budget + "tables/<slug:slug>/", views.table_detail, name="table"),
    path(budget + "<phase:phase>/", views.budget_detail, name="budget"),
    path(budget + "<phase:phase>/tables/<slug:slug>/", views.table_detail, name="table"),
]
