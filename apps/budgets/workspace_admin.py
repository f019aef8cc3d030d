"""The budget workspace's extra admin views: the year's codes for the pickers,
paste from a spreadsheet (preview, then confirm) and 以上年预算为底稿."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from apps.accounts.scoping import scoped
from apps.projects.models import Project
from apps.reference.models import LEVEL_NAMES, ClassificationCode, Scheme

from .carry_over import CarryOverError, carry_over, has_parts, plan_carry_over
from .check_panel import panel_items
from .models import Budget, Source
from .paste import PASTE_SECTIONS, Plan, apply_plan, plan_coded, plan_revenue, plan_three_public
from .paste_projects import plan_indicators, plan_projects

CODE_SUGGESTIONS = 20


class PasteForm(forms.Form):
    text = forms.CharField(label="从 Excel 复制的行", widget=forms.Textarea(attrs={"rows": 8, "cols": 60}))
    source = forms.ChoiceField(label="资金来源", choices=Source.choices, initial=Source.GENERAL, required=False)
    unit = forms.ModelChoiceField(label="预算单位", queryset=None, required=False, empty_label="不分单位")
    project = forms.ModelChoiceField(label="项目", queryset=None, required=False)


class CarryOverForm(forms.Form):
    source = forms.ModelChoiceField(label="上年预算（底稿）", queryset=Budget.objects.none())
    year = forms.IntegerField(label="新预算的年度", min_value=2000, max_value=2100)


def plan_paste(budget: Budget, section: str, data: dict) -> Plan:
    text, unit = data["text"], data.get("unit")
    if section in ("function", "economic"):
        return plan_coded(budget, section, text, data.get("source") or Source.GENERAL, unit)
    if section == "revenue":
        return plan_revenue(budget, text, unit)
    if section == "three_public":
        return plan_three_public(budget, text)
    return plan_projects(budget, text) if section == "projects" else plan_indicators(budget, text, data.get("project"))


class BudgetWorkspaceAdminMixin:
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("codes/", wrap(self.codes_view), name="budgets_budget_codes"),
            path("carry-over/", wrap(self.carry_over_view), name="budgets_budget_carry_over"),
            path("<int:pk>/paste/<slug:section>/", wrap(self.paste_view), name="budgets_budget_paste"),
            *super().get_urls(),
        ]

    def change_view(self, request: HttpRequest, object_id, form_url="", extra_context=None):
        budget = self.get_object_or_404(request, object_id)
        prior = Budget.objects.filter(department=budget.department, year=budget.year - 1, phase=budget.phase).first()
        context = {
            "panel": panel_items(budget),
            "projects": Project.objects.filter(budget=budget).for_tables(),
            "can_edit": self.has_change_permission(request, budget),
            "paste_sections": PASTE_SECTIONS,
            "paste_form": self.paste_form(budget),
            "prior_budget": prior,
            "is_empty": not has_parts(budget),
            "is_nav_sidebar_enabled": False,  # the workspace needs the whole 1280 px
        }
        return super().change_view(request, object_id, form_url, {**context, **(extra_context or {})})

    def paste_form(self, budget: Budget, data=None) -> PasteForm:
        form = PasteForm(data)
        form.fields["unit"].queryset = budget.units.all()
        form.fields["project"].queryset = Project.objects.filter(budget=budget)
        return form

    def codes_view(self, request: HttpRequest) -> JsonResponse:
        """A year's codes matching what was typed (by number or name), labelled with code, name and level."""
        scheme, year, typed = request.GET.get("scheme"), request.GET.get("year", ""), request.GET.get("q", "").strip()
        if scheme not in Scheme.values or not year.isdigit():
            return JsonResponse({"error": "需要 scheme（function 或 economic）和 year"}, status=400)
        codes = ClassificationCode.objects.filter(scheme=scheme, year=int(year))
        if typed:
            codes = codes.filter(Q(code__startswith=typed) | Q(name__contains=typed))
        results = [
            {
                "code": code,
                "name": name,
                "level": LEVEL_NAMES[len(code)],
                "label": f"{code} {name}（{LEVEL_NAMES[len(code)]}）",
            }
            for code, name in codes.order_by("code").values_list("code", "name")[:CODE_SUGGESTIONS]
        ]
        return JsonResponse({"year": int(year), "results": results})

    def paste_view(self, request: HttpRequest, pk: int, section: str) -> HttpResponse:
        budget = self.get_object_or_404(request, str(pk))
        if section not in PASTE_SECTIONS or request.method != "POST":
            raise PermissionDenied
        if not self.has_change_permission(request, budget):
            raise PermissionDenied
        title, anchor, columns = PASTE_SECTIONS[section]
        form = self.paste_form(budget, request.POST)
        workspace = reverse("admin:budgets_budget_change", args=[budget.pk]) + f"#{anchor}"
        if request.POST.get("project", "").isdigit():  # pasted on a project's page: back there
            workspace = reverse("admin:projects_project_change", args=[request.POST["project"]])
        if not form.is_valid():
            messages.error(request, "请先粘贴要导入的行。")
            return redirect(workspace)
        plan = plan_paste(budget, section, form.cleaned_data)
        if request.POST.get("confirm") and not plan.problems and plan.writes:
            written = apply_plan(plan)
            messages.success(request, f"已从粘贴写入{title} {written} 行。")
            return redirect(workspace)
        return render(
            request,
            "admin/budgets/paste_preview.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "budget": budget,
                "title": f"{budget} · 粘贴{title}",
                "plan": plan,
                "form": form,
                "section": section,
                "columns": columns,
                "workspace": workspace,
            },
        )

    def carry_over_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CarryOverForm(request.POST or request.GET or None)
        form.fields["source"].queryset = scoped(Budget.objects.select_related("department"), request.user, "department")
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "title": "以上年预算为底稿"}
        report = None
        if form.is_bound and form.is_valid():
            source, year = form.cleaned_data["source"], form.cleaned_data["year"]
            try:
                if request.method == "POST" and request.POST.get("confirm"):
                    budget, report = carry_over(source=source, year=year)
                    messages.success(request, f"已以{source}为底稿建立草稿：{budget}")
                    for line in [*report.renamed, *report.retired]:
                        messages.warning(request, line)
                    return redirect(reverse("admin:budgets_budget_change", args=[budget.pk]))
                report = plan_carry_over(source, year)
            except CarryOverError as error:
                form.add_error(None, str(error))
        return render(request, "admin/budgets/carry_over.html", {**context, "form": form, "report": report})
