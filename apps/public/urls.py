from django.urls import path

from apps.budgets.caching import public_cache

from . import city_views, views

app_name = "public"
budget = "departments/<str:department>/<int:year>/"
other_phase = budget + "<phase:phase>/"
# Every public page is cached and answers conditional requests (apps/budgets/caching.py).
urlpatterns = [
    path("", public_cache(city_views.HomeView.as_view()), name="home"),
    path("glossary/", public_cache(views.glossary), name="glossary"),
    path("search/", public_cache(views.search), name="search"),
    path("three-public/", city_views.three_public_latest, name="three-public-latest"),
    path("three-public/<int:year>/", public_cache(city_views.three_public), name="three-public"),
    path("subjects/<scheme:scheme>/<code:code>/<int:year>/", public_cache(views.CodeView.as_view()), name="code"),
]
for prefix in (budget, other_phase):
    urlpatterns += [
        path(prefix, public_cache(views.budget_detail), name="budget"),
        path(prefix + "tables/<slug:slug>/", public_cache(views.table_detail), name="table"),
        path(prefix + "projects/", public_cache(views.ProjectListView.as_view()), name="projects"),
        path(prefix + "projects/<int:pk>/", public_cache(views.project_detail), name="project"),
    ]
