from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from apps.accounts.scoping import DepartmentScopedAdmin, DraftOnlyInline
from apps.reference.models import Scheme

from .admin_workflow import BudgetWorkflowAdminMixin
from .code_fields import YearCodeForm
from .models import (
    Budget,
    BudgetNarrative,
    EconomicLine,
    FunctionLine,
    FunctionPurpose,
    RevenueLine,
    Status,
    ThreePublicLine,
)
from .workspace_admin import BudgetWorkspaceAdminMixin


class NarrativeInline(DraftOnlyInline, admin.StackedInline):
    model = BudgetNarrative
    can_delete = False
    verbose_name_plural = "预算说明"


class FunctionLineForm(YearCodeForm):
    code_schemes = {"code": Scheme.FUNCTION}


class EconomicLineForm(YearCodeForm):
    code_schemes = {"code": Scheme.ECONOMIC}


class UnitChoiceField(forms.ModelChoiceField):
    """A budget's units as a plain select, read from the database once for all the rows of a section."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, empty_label="不分单位" if not kwargs.get("required") else "---------", **kwargs)
        self.fixed_choices = list(self.choices)
        self.widget.choices = self.fixed_choices

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)  # resets the widget to a fresh, querying iterator
        copy.widget.choices = self.fixed_choices
        return copy


class LineInline(DraftOnlyInline, admin.TabularInline):
    """A section of the workspace: one blank row on top for keyboard entry, the saved lines below,
    grouped by the code levels in `group_levels` with their subtotals (see templatetags/workspace)."""

    extra = 1
    template = "admin/budgets/edit_inline/lines.html"
    group_levels: tuple[int, ...] = ()
    code_scheme = ""
    anchor = ""
    paste_section = ""

    def get_queryset(self, request):
        names = {f.name for f in self.model._meta.get_fields()}
        return super().get_queryset(request).select_related(*({"unit", "code"} & names))

    def get_formset(self, request: HttpRequest, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        form = formset.form
        form.budget_year = obj.year if obj else None
        form.year_codes = {}  # one load of the year's codes for the whole formset
        unit = form.base_fields.get("unit")
        if unit is not None and obj is not None:
            # Only the budget's own units, as a plain select a keyboard can work.
            form.base_fields["unit"] = UnitChoiceField(
                obj.units.all(), required=unit.required, label=unit.label, help_text=unit.help_text
            )
        return formset


class RevenueLineInline(LineInline):
    model = RevenueLine
    fields = ["source", "unit", "amount"]
    anchor = "revenue"
    paste_section = "revenue"


class FunctionLineInline(LineInline):
    model = FunctionLine
    form = FunctionLineForm
    fields = ["code", "nature", "source", "unit", "amount"]
    group_levels = (3, 5)
    code_scheme = Scheme.FUNCTION
    anchor = "function"
    paste_section = "function"


class EconomicLineInline(LineInline):
    model = EconomicLine
    form = EconomicLineForm
    fields = ["code", "nature", "source", "unit", "amount"]
    group_levels = (3,)
    code_scheme = Scheme.ECONOMIC
    anchor = "economic"
    paste_section = "economic"


class ThreePublicLineInline(LineInline):
    model = ThreePublicLine
    fields = ["unit", "category", "amount"]
    anchor = "three-public"
    paste_section = "three_public"


class PurposeForm(YearCodeForm):
    code_schemes = {"code": Scheme.FUNCTION}
    leaf_only = False  # 主要用于… may describe a 类 or 款 as a whole


class FunctionPurposeInline(LineInline):
    model = FunctionPurpose
    form = PurposeForm
    fields = ["code", "text"]
    code_scheme = Scheme.FUNCTION
    anchor = "purposes"


@admin.register(Budget)
class BudgetAdmin(
    BudgetWorkspaceAdminMixin,
    BudgetWorkflowAdminMixin,
    DepartmentScopedAdmin,
):
    """The budget's workspace and workflow. ingest/admin.py registers it again with the upload pages of the
    apps built on budgets (import a workbook, ingest a disclosure): budgets imports neither."""

    department_path = "department"
    list_display = [
        "department",
        "government",
        "year",
        "phase",
        "status",
        "check_mark",
        "published_at",
        "updated_at",
    ]
    list_per_page = 25  # each row runs the checks for its mark
    readonly_fields = ["status", "published_at"]
    # A site can hold several governments' budgets, whose department codes repeat (205 of each).
    list_filter = ["status", "phase", "year", "department__government"]
    search_fields = ["department__code", "department__name", "department__government__name", "=year"]
    autocomplete_fields = ["department", "units"]
    list_select_related = ["department__government"]
    inlines = [
        FunctionLineInline,
        EconomicLineInline,
        ThreePublicLineInline,
        RevenueLineInline,
        NarrativeInline,
        FunctionPurposeInline,
    ]

    @admin.display(description="行政区划", ordering="department__government__code")
    def government(self, budget: Budget) -> str:
        return budget.department.government.name

    def get_fieldsets(self, request, obj=None):
        fields = ["department", "year", "phase", "units", "carry_forward", "status", "published_at"]
        if obj is None:
            return [(None, {"fields": fields})]
        return [("基本信息（部门、年度、预算单位、结转下年）", {"fields": fields, "classes": ["collapse"]})]

    def get_inlines(self, request, obj):
        # Lines are entered in the budget's year: the header (and so the year) comes first.
        return self.inlines if obj is not None else []

    def budget_of(self, obj):
        return obj

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        """A budget picked for a new project or line must be a draft: offer no other (the form would refuse it)."""
        queryset, duplicates = super().get_search_results(request, queryset, search_term)
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            queryset = queryset.filter(status=Status.DRAFT)
        return queryset, duplicates

    def response_add(self, request: HttpRequest, obj, post_url_continue=None):
        """A new budget opens in its workspace, where its lines are entered."""
        response = super().response_add(request, obj, post_url_continue)
        if "_addanother" not in request.POST:
            return HttpResponseRedirect(reverse("admin:budgets_budget_change", args=[obj.pk]))
        return response

    def response_change(self, request: HttpRequest, obj):
        """保存 stays in the workspace: the budget's page is where its work goes on."""
        response = super().response_change(request, obj)
        if not {"_addanother", "_saveasnew"} & set(request.POST):
            return HttpResponseRedirect(request.path)
        return response


class LineAdmin(DepartmentScopedAdmin):
    """Browse and search line items across budgets."""

    list_filter = ["budget__year", "source"]
    search_fields = ["budget__department__name", "budget__department__code"]
    autocomplete_fields = ["budget", "unit"]

    @admin.display(description="部门预算", ordering="budget")
    def budget_name(self, line) -> str:
        return str(line.budget)


class CodedLineAdmin(LineAdmin):
    """Lines at a classification code (function or economic), typed by number in the budget's year."""

    list_display = ["budget_name", "code", "nature", "source", "unit", "amount"]
    list_filter = LineAdmin.list_filter + ["nature"]
    search_fields = LineAdmin.search_fields + ["code__code", "code__name"]
    list_select_related = ["budget__department", "code", "unit"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        scheme = Scheme.FUNCTION if self.model is FunctionLine else Scheme.ECONOMIC
        form = type("CodedLineForm", (YearCodeForm,), {"code_schemes": {"code": scheme}})
        return super().get_form(request, obj, change, form=form, **kwargs)


admin.site.register(FunctionLine, CodedLineAdmin)
admin.site.register(EconomicLine, CodedLineAdmin)


@admin.register(RevenueLine)
class RevenueLineAdmin(LineAdmin):
    list_display = ["budget_name", "source", "unit", "amount"]
    list_select_related = ["budget__department", "unit"]


@admin.register(ThreePublicLine)
class ThreePublicLineAdmin(LineAdmin):
    list_display = ["budget_name", "unit", "category", "amount"]
    list_filter = ["budget__year", "category"]
    list_select_related = ["budget__department", "unit"]

    def get_fields(self, request, obj=None):
        # Read-only pages label fields by the model, whose `budget` has no Chinese name here.
        editable = obj is None or self.has_change_permission(request, obj)
        return ["budget" if editable else "budget_name", "unit", "category", "amount"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "budget":
            field.label = "部门预算"
        return field
