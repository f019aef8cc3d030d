from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from apps.accounts.scoping import DepartmentScopedAdmin, DraftOnlyInline
from apps.budgets.code_fields import YearCodeForm
from apps.budgets.models import Budget
from apps.reference.models import Scheme

from .levels import level1_choices, level2_choices
from .models import Indicator, Project, ProjectFunding


class IndicatorForm(forms.ModelForm):
    """一级/二级 chosen from the official lists; a stored value outside them stays valid as it is."""

    class Meta:
        model = Indicator
        fields = ["position", "level1", "level2", "name", "operator", "value", "measure_unit", "weight"]
        widgets = {
            "position": forms.NumberInput(attrs={"style": "width:3em"}),
            "name": forms.TextInput(attrs={"size": 16}),
            "value": forms.TextInput(attrs={"size": 10}),
            "measure_unit": forms.TextInput(attrs={"size": 4}),
            "weight": forms.NumberInput(attrs={"style": "width:4.5em"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level1"] = forms.ChoiceField(label="一级指标", choices=level1_choices(self.instance.level1))
        self.fields["level2"] = forms.ChoiceField(label="二级指标", choices=level2_choices(self.instance.level2))


class ProjectForm(YearCodeForm):
    code_schemes = {"function_code": Scheme.FUNCTION}


class ProjectFundingInline(DraftOnlyInline, admin.TabularInline):
    model = ProjectFunding
    extra = 1
    verbose_name_plural = "项目资金"


class IndicatorInline(DraftOnlyInline, admin.TabularInline):
    model = Indicator
    form = IndicatorForm
    extra = 3
    verbose_name_plural = "绩效指标"


@admin.register(Project)
class ProjectAdmin(DepartmentScopedAdmin):
    form = ProjectForm
    list_display = ["name", "unit", "kind", "function_code", "budget", "position"]
    list_filter = ["budget__year", "kind"]
    search_fields = ["name", "kind", "unit__name", "budget__department__name"]
    autocomplete_fields = ["budget"]
    list_select_related = ["unit", "function_code", "budget__department"]
    inlines = [ProjectFundingInline, IndicatorInline]

    def budget_for(self, request: HttpRequest, obj=None) -> Budget | None:
        if obj is not None:
            return obj.budget
        budget_id = request.GET.get("budget", "")
        return self.budget_choices(request).filter(pk=budget_id).first() if budget_id.isdigit() else None

    def budget_choices(self, request: HttpRequest):
        return self.formfield_for_foreignkey(Project._meta.get_field("budget"), request).queryset

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        budget = self.budget_for(request, obj)
        if budget is not None:
            form.budget_year = budget.year
            form.base_fields["unit"].queryset = budget.units.all()
        return form

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        budget = self.budget_for(request)
        return {"budget": budget.pk} if budget else super().get_changeform_initial_data(request)

    def save_formset(self, request, form, formset, change):
        """New indicators left at 顺序 0 follow the project's others in the order they were entered."""
        if formset.model is Indicator:
            instances = formset.save(commit=False)
            last = max((i.position for i in formset.instance.indicators.all()), default=0)
            for indicator in instances:
                if indicator.pk is None and indicator.position == 0:
                    last += 1
                    indicator.position = last
            for indicator in instances:
                indicator.save()
            for indicator in formset.deleted_objects:
                indicator.delete()
            formset.save_m2m()
            return
        super().save_formset(request, form, formset, change)

    def workspace(self, obj: Project) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:budgets_budget_change", args=[obj.budget_id]) + f"#project-{obj.pk}")

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        return self.workspace(obj) if "_save" in request.POST else response

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        return self.workspace(obj) if "_save" in request.POST else response


@admin.register(Indicator)
class IndicatorAdmin(DepartmentScopedAdmin):
    department_path = "project__budget__department"
    form = IndicatorForm

    list_display = ["name", "project_name", "level1", "level2", "operator", "value", "measure_unit", "weight"]
    list_filter = ["level1", "level2", "operator"]
    search_fields = ["name", "value", "project__name"]
    autocomplete_fields = ["project"]
    list_select_related = ["project__unit"]

    def get_fields(self, request, obj=None):
        # Read-only pages label fields by the model, whose `project` has no Chinese name.
        editable = obj is None or self.has_change_permission(request, obj)
        return ["project" if editable else "project_name", *IndicatorForm.Meta.fields]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "project":
            field.label = "项目"  # the model's field has no verbose_name ("project：")
        return field

    @admin.display(description="项目", ordering="project__name")
    def project_name(self, indicator: Indicator) -> str:
        return str(indicator.project)

    def budget_of(self, obj):
        return obj.project.budget
