from django.contrib import admin

from apps.accounts.scoping import DepartmentScopedAdmin, DraftOnlyInline
from apps.ingest.admin_ingest import DisclosureIngestAdminMixin
from apps.workbooks.admin_import import BudgetImportAdminMixin

from .admin_workflow import BudgetWorkflowAdminMixin
from .models import (
    Budget,
    BudgetNarrative,
    EconomicLine,
    FunctionLine,
    FunctionPurpose,
    RevenueLine,
    ThreePublicLine,
)


class NarrativeInline(DraftOnlyInline, admin.StackedInline):
    model = BudgetNarrative
    can_delete = False


class LineInline(DraftOnlyInline, admin.TabularInline):
    extra = 0
    autocomplete_fields = ["unit"]


class RevenueLineInline(LineInline):
    model = RevenueLine


class FunctionLineInline(LineInline):
    model = FunctionLine
    autocomplete_fields = ["unit", "code"]


class EconomicLineInline(LineInline):
    model = EconomicLine
    autocomplete_fields = ["unit", "code"]


class ThreePublicLineInline(LineInline):
    model = ThreePublicLine


class FunctionPurposeInline(DraftOnlyInline, admin.TabularInline):
    model = FunctionPurpose
    extra = 0
    autocomplete_fields = ["code"]


@admin.register(Budget)
class BudgetAdmin(BudgetWorkflowAdminMixin, DisclosureIngestAdminMixin, BudgetImportAdminMixin, DepartmentScopedAdmin):
    department_path = "department"
    list_display = ["department", "year", "phase", "status", "check_mark", "published_at", "updated_at"]
    list_per_page = 25  # each row runs the checks for its mark
    readonly_fields = ["status", "published_at"]
    list_filter = ["status", "phase", "year"]
    search_fields = ["department__code", "department__name"]
    autocomplete_fields = ["department", "units"]
    list_select_related = ["department"]
    inlines = [
        NarrativeInline,
        RevenueLineInline,
        FunctionLineInline,
        EconomicLineInline,
        ThreePublicLineInline,
        FunctionPurposeInline,
    ]

    def budget_of(self, obj):
        return obj


class LineAdmin(DepartmentScopedAdmin):
    """Browse and search line items across budgets."""

    list_filter = ["budget__year", "source"]
    search_fields = ["budget__department__name", "budget__department__code"]
    autocomplete_fields = ["budget", "unit"]


class CodedLineAdmin(LineAdmin):
    """Lines at a classification code (function or economic)."""

    list_display = ["budget", "code", "nature", "source", "unit", "amount"]
    list_filter = LineAdmin.list_filter + ["nature"]
    search_fields = LineAdmin.search_fields + ["code__code", "code__name"]
    autocomplete_fields = LineAdmin.autocomplete_fields + ["code"]
    list_select_related = ["budget__department", "code", "unit"]


admin.site.register(FunctionLine, CodedLineAdmin)
admin.site.register(EconomicLine, CodedLineAdmin)


@admin.register(RevenueLine)
class RevenueLineAdmin(LineAdmin):
    list_display = ["budget", "source", "unit", "amount"]
    list_select_related = ["budget__department", "unit"]


@admin.register(ThreePublicLine)
class ThreePublicLineAdmin(LineAdmin):
    list_display = ["budget", "unit", "category", "amount"]
    list_filter = ["budget__year", "category"]
    list_select_related = ["budget__department", "unit"]
