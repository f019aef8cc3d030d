from django.urls import path
from django.views.decorators.gzip import gzip_page

from apps.budgets.caching import public_cache

from . import city_views, views

app_name = "public"
budget = "departments/<department:department>/<int:year>/"
other_phase = budget + "<phase:phase>/"


def public(view):
    """Every public page is cached and answers conditional requests (apps/budgets/caching.py),
    and is sent gzipped to browsers that accept it (compressed after the cache, per request;
    these pages carry no secret, so compression leaks nothing)."""
    return gzip_page(public_cache(view))


urlpatterns = [
    path("", public(city_views.HomeView.as_view()), name="home"),
    path("glossary/", public(views.glossary), name="glossary"),
    path("search/", public(views.search), name="search"),
    path("three-public/", city_views.three_public_latest, name="three-public-latest"),
    path("three-public/<int:year>/", public(city_views.three_public), name="three-public"),
    path("subjects/<scheme:scheme>/<code:code>/<int:year>/", public(views.CodeView.as_view()), name="code"),
]
for prefix in (budget, other_phase):
    urlpatterns += [
        path(prefix, public(views.budget_detail), name="budget"),
        path(prefix + "tables/<slug:slug>/", public(views.table_detail), name="table"),
        path(prefix + "projects/", public(views.ProjectListView.as_view()), name="projects"),
        path(prefix + "projects/<int:pk>/", public(views.project_detail), name="project"),
    ]
