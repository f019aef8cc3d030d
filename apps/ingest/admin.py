"""The budget admin with its upload pages: a workbook import (workbooks) and a disclosure ingest (ingest).

Composed here, in the top layer, so that budgets never imports the apps built on it. Autodiscovery imports
this after budgets/admin.py (ingest comes later in INSTALLED_APPS, and the import below makes sure)."""

from django.contrib import admin

from apps.budgets.admin import BudgetAdmin
from apps.budgets.models import Budget
from apps.workbooks.admin_import import BudgetImportAdminMixin

from .admin_ingest import DisclosureIngestAdminMixin


class BudgetWithUploadsAdmin(DisclosureIngestAdminMixin, BudgetImportAdminMixin, BudgetAdmin):
    pass


admin.site.unregister(Budget)
admin.site.register(Budget, BudgetWithUploadsAdmin)
