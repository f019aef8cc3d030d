"""Reference data's admin. Departments and units are registered in accounts/admin.py, with the department
scoping that lives there: reference is the bottom layer and imports no other app. Every edit here renews
the public pages at once (budgetsite/public_version.py)."""

from django.contrib import admin

from budgetsite.public_version import RenewsPublicPages

from .models import ClassificationCode, GlossaryTerm, Government


@admin.register(Government)
class GovernmentAdmin(RenewsPublicPages, admin.ModelAdmin):
    list_display = ["name", "code", "level", "primary"]
    list_filter = ["level"]
    search_fields = ["name", "code"]


@admin.register(ClassificationCode)
class ClassificationCodeAdmin(RenewsPublicPages, admin.ModelAdmin):
    list_display = ["code", "name", "level", "scheme", "year", "parent", "origin"]
    list_filter = ["scheme", "year", "origin"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]

    @admin.display(description="级次")
    def level(self, code: ClassificationCode) -> str:
        return code.level


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(RenewsPublicPages, admin.ModelAdmin):
    list_display = ["term", "position"]
    search_fields = ["term", "definition"]
