from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from . import views

app_name = "api"
budget = "budgets/<department:department>/<int:year>/"
urlpatterns = [
    path("departments/", views.departments, name="departments"),
    path("budgets/", views.budgets, name="budgets"),
    path(budget, views.budget, name="budget"),
    path(budget + "tables/<slug:slug>/", views.table, name="table"),
    path(budget + "projects/", views.projects, name="projects"),
    path(budget + "<phase:phase>/", views.budget, name="budget"),
    path(budget + "<phase:phase>/tables/<slug:slug>/", views.table, name="table"),
    path(budget + "<phase:phase>/projects/", views.projects, name="projects"),
    path("codes/<str:scheme>/<int:year>/", views.codes, name="codes"),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
