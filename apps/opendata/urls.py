from django.urls import path

from . import views

app_name = "opendata"
urlpatterns = [
    path("years/<int:year>/datapackage.zip", views.year_data_package, name="year-data-package"),
]
