from django.conf import settings
from django.contrib import admin
from django.urls import include, path, register_converter

from .converters import CONVERTERS

# Registered before the apps' URLconfs are included, which use them.
for name, converter in CONVERTERS.items():
    register_converter(converter, name)

admin.site.site_header = "部门预算管理"
admin.site.site_title = "部门预算管理"
admin.site.index_title = "数据维护"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("api/", include("apps.api.urls")),
    path("", include("apps.workbooks.urls")),
    path("", include("apps.opendata.urls")),
    path("", include("apps.public.urls")),
]
