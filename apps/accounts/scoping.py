"""Who may see and change what in the admin.

Superusers and 财政审核员 see every department; a 部门填报员 sees only the
departments they are a member of, in every admin view: lists, forms, inlines,
autocomplete (which asks the target model's admin for its queryset), history.
Budget contents change only while the budget is a draft, for everyone: a
submitted or published budget must be returned or withdrawn first."""

from django import forms
from django.contrib import admin
from django.http import Http404, HttpRequest

from .models import REVIEWERS


def sees_all_departments(user) -> bool:
    if not hasattr(user, "_sees_all_departments"):
        user._sees_all_departments = user.is_superuser or user.groups.filter(name=REVIEWERS).exists()
    return user._sees_all_departments


def department_ids(user) -> list[int] | None:
    """The departments this user works for; None means all of them."""
    if sees_all_departments(user):
        return None
    if not hasattr(user, "_department_ids"):
        user._department_ids = list(user.memberships.values_list("department_id", flat=True))
    return user._department_ids


def drafts_visible_to(user) -> list[int] | None:
    """The departments whose unpublished budgets this user may see: none for the public (only published
    budgets are public), the departments staff work for, None (all) for reviewers and superusers."""
    if not (user.is_active and user.is_staff):
        return []
    return department_ids(user)


def scoped(queryset, user, path: str):
    ids = department_ids(user)
    return queryset if ids is None else queryset.filter(**{f"{path}__in": ids})


def is_draft(budget) -> bool:
    return budget is None or budget.status == "draft"


def units_outside(department_id, units) -> list:
    return [unit for unit in units if unit.department_id != department_id]


class UnitsOfDepartmentForm(forms.ModelForm):
    """A budget's form: every unit chosen belongs to the department chosen."""

    def clean(self):
        data = super().clean()
        department, units = data.get("department"), data.get("units")
        if department is None and self.instance.pk:
            department = self.instance.department
        if department is not None and units is not None:
            outside = units_outside(department.pk, units)
            if outside:
                names = "、".join(str(unit) for unit in outside)
                self.add_error("units", f"{names} 不属于{department.name}，不能列为本预算的单位。")
        return data


def limit_units(form_class, department_id) -> None:
    """Offer only the department's units in a form's `unit` and `units` fields."""
    for name in ("unit", "units"):
        field = form_class.base_fields.get(name)
        if field is not None and hasattr(field, "queryset"):
            field.queryset = field.queryset.filter(department_id=department_id)


# For each foreign key a form may offer: how its choices reach a department,
# and how they reach a budget's status (only drafts can take new rows).
CHOICE_SCOPES = {
    "budget": ("department", "status"),
    "department": ("id", None),
    "unit": ("department", None),
    "project": ("budget__department", "budget__status"),
}


class DepartmentScopedAdmin(admin.ModelAdmin):
    """`department_path` leads from the model to its department; `budget_of`
    from an object to the budget whose status decides if it may change."""

    department_path = "budget__department"

    def budget_of(self, obj):
        return obj.budget

    def get_queryset(self, request: HttpRequest):
        return scoped(super().get_queryset(request), request.user, self.department_path)

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or is_draft(self.budget_of(obj)))

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or is_draft(self.budget_of(obj)))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name in CHOICE_SCOPES and field is not None:
            department_path, status_path = CHOICE_SCOPES[db_field.name]
            field.queryset = scoped(field.queryset, request.user, department_path)
            if status_path:
                field.queryset = field.queryset.filter(**{status_path: "draft"})
        return field

    def get_form(self, request, obj=None, change=False, **kwargs):
        """A budget's units come from its own department: offered, and checked on save."""
        form = super().get_form(request, obj, change, **kwargs)
        if "units" in form.base_fields:
            form = type(form.__name__, (UnitsOfDepartmentForm, form), {})
            if obj is not None:
                limit_units(form, obj.department_id)
        return form

    def get_object_or_404(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404("没有这条记录，或您无权查看")
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self.get_object_or_404(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self.get_object_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self.get_object_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)


class DraftOnlyInline:
    """Inline rows of a budget (or of a project) change only while it is a draft."""

    def parent_budget(self, obj):
        return getattr(obj, "budget", obj)

    def get_formset(self, request, obj=None, **kwargs):
        """Rows of a budget offer only the units of the budget's department."""
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None and obj.pk:
            limit_units(formset.form, self.parent_budget(obj).department_id)
        return formset

    def has_add_permission(self, request, obj=None) -> bool:
        return super().has_add_permission(request, obj) and (obj is None or is_draft(self.parent_budget(obj)))

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and (obj is None or is_draft(self.parent_budget(obj)))

    def has_delete_permission(self, request, obj=None) -> bool:
        return super().has_delete_permission(request, obj) and (obj is None or is_draft(self.parent_budget(obj)))
