from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from apps.reference.models import Department, Unit
from budgetsite.public_version import RenewsPublicPages

from .models import DepartmentMember
from .scoping import DepartmentScopedAdmin


class DepartmentMemberInline(admin.TabularInline):
    model = DepartmentMember
    extra = 0
    autocomplete_fields = ["department"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Users with the departments they enter budgets for."""

    inlines = [DepartmentMemberInline]
    list_display = ["username", "first_name", "is_staff", "is_superuser", "groups_list", "departments_list"]
    list_filter = ["is_staff", "is_superuser", "groups"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups", "memberships__department")

    @admin.display(description="角色")
    def groups_list(self, user) -> str:
        return "、".join(group.name for group in user.groups.all())

    @admin.display(description="部门")
    def departments_list(self, user) -> str:
        return "、".join(member.department.name for member in user.memberships.all())


# Departments and units are registered here, not in reference/admin.py: their admin is scoped to the user's
# departments, and reference (the bottom layer) does not import accounts.
class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Department)
class DepartmentAdmin(RenewsPublicPages, DepartmentScopedAdmin):
    department_path = "id"

    list_display = ["code", "name", "short_name", "alias_short", "government"]
    list_filter = ["government"]
    list_select_related = ["government"]
    search_fields = ["code", "name", "short_name", "alias", "alias_short"]
    inlines = [UnitInline]

    def budget_of(self, obj):
        return None


@admin.register(Unit)
class UnitAdmin(RenewsPublicPages, DepartmentScopedAdmin):
    department_path = "department"

    list_display = ["code", "name", "kind", "department"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "department__name"]
    autocomplete_fields = ["department"]
    list_select_related = ["department"]

    def budget_of(self, obj):
        return None
