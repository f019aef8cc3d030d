"""Reference data's admin. Departments and units are registered in accounts/admin.py, with the department
scoping that lives there: reference is the bottom layer and imports no other app."""

from django.contrib import admin

from .models import ClassificationCode, GlossaryTerm, Government


@admin.register(Government)
class GovernmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "primary"]
    list_filter = ["level"]
    search_fields = ["name", "code"]


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
