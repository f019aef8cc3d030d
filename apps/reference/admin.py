from django.contrib import admin

from apps.accounts.scoping import DepartmentScopedAdmin

from .models import ClassificationCode, Department, GlossaryTerm, Government, Unit


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Government)
class GovernmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "primary"]
    list_filter = ["level"]
    search_fields = ["name", "code"]


@admin.register(Department)
class DepartmentAdmin(DepartmentScopedAdmin):
    department_path = "id"

    list_display = ["code", "name", "short_name", "alias_short", "government"]
    list_filter = ["government"]
    list_select_related = ["government"]
    search_fields = ["code", "name", "short_name", "alias", "alias_short"]
    inlines = [UnitInline]

    def budget_of(self, obj):
        return None


@admin.register(Unit)
class UnitAdmin(DepartmentScopedAdmin):
    department_path = "department"

    list_display = ["code", "name", "kind", "department"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "department__name"]
    autocomplete_fields = ["department"]
    list_select_related = ["department"]

    def budget_of(self, obj):
        return None


@admin.register(ClassificationCode)
class ClassificationCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "scheme", "year", "parent", "origin"]
    list_filter = ["scheme", "year", "origin"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]

    @admin.display(description="级次")
    def level(self, code: ClassificationCode) -> str:
        return code.level


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "position"]
    search_fields = ["term", "definition"]
