"""A test admin site with a tiny Budget admin using the mixin (until the lead adds
it to BudgetAdmin), beside the project's public URLs the admin pages link to."""

from django.contrib import admin
from django.urls import path

from apps.budgets.models import Budget
from apps.ingest.admin_ingest import DisclosureIngestAdminMixin
from budgetsite.urls import urlpatterns as project_urlpatterns


class IngestBudgetAdmin(DisclosureIngestAdminMixin, admin.ModelAdmin):
    pass


site = admin.AdminSite(name="admin")
site.register(Budget, IngestBudgetAdmin)
urlpatterns = [path("admin/", site.urls)] + [p for p in project_urlpatterns if getattr(p, "app_name", None) != "admin"]
