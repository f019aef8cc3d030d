from django.contrib import admin

from apps.accounts.scoping import DepartmentScopedAdmin, DraftOnlyInline

from .models import Indicator, Project, ProjectFunding


class ProjectFundingInline(DraftOnlyInline, admin.TabularInline):
    model = ProjectFunding
    extra = 0


class IndicatorInline(DraftOnlyInline, admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(Project)
class ProjectAdmin(DepartmentScopedAdmin):
    list_display = ["name", "unit", "kind", "function_code", "budget", "position"]
    list_filter = ["budget__year", "kind"]
    search_fields = ["name", "kind", "unit__name", "budget__department__name"]
    autocomplete_fields = ["budget", "unit", "function_code"]
    list_select_related = ["unit", "function_code", "budget__department"]
    inlines = [ProjectFundingInline, IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(DepartmentScopedAdmin):
    department_path = "project__budget__department"

    list_display = ["name", "project", "level1", "level2", "operator", "value", "measure_unit", "weight"]
    list_filter = ["level1", "level2", "operator"]
    search_fields = ["name", "value", "project__name"]
    autocomplete_fields = ["project"]
    list_select_related = ["project__unit"]

    def budget_of(self, obj):
        return obj.project.budget
