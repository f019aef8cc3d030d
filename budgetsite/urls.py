from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "部门预算管理"
admin.site.site_title = "部门预算管理"
admin.site.index_title = "数据维护"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("apps.workbooks.urls")),
    path("", include("apps.public.urls")),
]
