from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import DepartmentMember


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
