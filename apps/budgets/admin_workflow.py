"""The budget workflow in the admin: checks page and mark, submit, publish,
withdraw, return, change history, restore, and the reviewers' completeness view."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from budgetsite.params import year_param

from .check_panel import panel_items
from .checks import run_checks
from .completeness import completeness_rows
from .history import budget_history
from .models import Budget
from .services import WorkflowError, budget_publish, budget_restore, budget_return, budget_submit, budget_withdraw


def chosen_moment(raw: str):
    """The moment to restore: an ISO date-time; one without a time zone is in the site's; malformed is None."""
    try:
        moment = parse_datetime(raw.strip()[:40])
    except ValueError:  # well formed but impossible, e.g. month 13
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class BudgetWorkflowAdminMixin:
    change_form_template = "admin/budgets/budget/change_form.html"

    @admin.display(description="校验")
    def check_mark(self, budget: Budget) -> str:
        failures = sum(1 for result in run_checks(budget) if not result.passed)
        return f"✘ {failures} 项不符" if failures else "✔ 全部通过"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        views = {
            "checks": self.checks_view,
            "submit": self.submit_view,
            "publish": self.publish_view,
            "withdraw": self.withdraw_view,
            "return": self.return_view,
            "changes": self.changes_view,
            "restore": self.restore_view,
        }
        return [
            path("completeness/", wrap(self.completeness_view), name="budgets_budget_completeness"),
            *[path(f"<int:pk>/{name}/", wrap(view), name=f"budgets_budget_{name}") for name, view in views.items()],
            *super().get_urls(),
        ]

    def budget_or_404(self, request: HttpRequest, pk: int, permission: str | None = None) -> Budget:
        if permission and not request.user.has_perm(f"budgets.{permission}"):
            raise PermissionDenied
        return self.get_object_or_404(request, str(pk))

    def page(self, request: HttpRequest, template: str, budget: Budget | None, **context) -> HttpResponse:
        title = context.pop("title")
        base = {**self.admin_site.each_context(request), "opts": self.model._meta, "budget": budget, "title": title}
        return render(request, template, {**base, **context})

    def checks_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        budget = self.budget_or_404(request, pk)
        return self.page(
            request, "budgets/admin_checks.html", budget, title=f"{budget} · 校验", panel=panel_items(budget)
        )

    def changes_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        budget = self.budget_or_404(request, pk)
        return self.page(
            request,
            "budgets/admin_history.html",
            budget,
            title=f"{budget} · 修改历史",
            entries=budget_history(budget),
            status_changes=budget.status_changes.select_related("user"),
            can_restore=request.user.has_perm("budgets.restore_budget"),
        )

    def run(self, request: HttpRequest, budget: Budget, action, done: str, **kwargs) -> HttpResponse:
        if request.method != "POST":
            raise PermissionDenied
        try:
            action(budget=budget, user=request.user, **kwargs)
        except WorkflowError as error:
            messages.error(request, str(error))
            for failure in error.failures:
                messages.error(request, str(failure))
        else:
            messages.success(request, f"{budget}：{done}")
        return redirect(reverse("admin:budgets_budget_change", args=[budget.pk]))

    def submit_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """With failing checks, 提交审核 first shows them and asks the editor to confirm."""
        budget = self.budget_or_404(request, pk, "submit_budget")
        failing = [item for item in panel_items(budget) if not item.passed]
        if failing and not request.POST.get("confirm"):
            title = f"{budget} · 提交审核"
            return self.page(request, "admin/budgets/submit_confirm.html", budget, title=title, panel=failing)
        return self.run(request, budget, budget_submit, "已提交审核")

    def publish_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.run(request, self.budget_or_404(request, pk, "publish_budget"), budget_publish, "已公开")

    def with_reason(self, request: HttpRequest, pk: int, action, verb: str) -> HttpResponse:
        budget = self.budget_or_404(request, pk, "publish_budget")
        form = ReasonForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            return self.run(request, budget, action, f"已{verb}", reason=form.cleaned_data["reason"])
        return self.page(request, "budgets/admin_reason.html", budget, title=f"{verb} {budget}", form=form, verb=verb)

    def withdraw_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.with_reason(request, pk, budget_withdraw, "撤回")

    def return_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.with_reason(request, pk, budget_return, "退回修改")

    def restore_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        budget = self.budget_or_404(request, pk, "restore_budget")
        as_of = chosen_moment(request.POST.get("as_of", ""))
        if as_of is None:
            messages.error(request, "请选择要恢复的版本。")
            return redirect(reverse("admin:budgets_budget_changes", args=[budget.pk]))
        return self.run(request, budget, budget_restore, "已恢复为所选版本（草稿）", as_of=as_of)

    def completeness_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("budgets.publish_budget"):
            raise PermissionDenied
        years = sorted(set(Budget.objects.values_list("year", flat=True)), reverse=True)
        asked = year_param(request.GET.get("year"))
        year = asked if asked in years else (years[0] if years else None)
        return self.page(
            request,
            "budgets/admin_completeness.html",
            None,
            title=f"{year or ''}年预算完整性",
            years=years,
            year=year,
            rows=completeness_rows(year) if year else [],
        )
