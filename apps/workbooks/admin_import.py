"""The admin's upload → preview → confirm pages for budget workbooks.

The uploaded file waits in the database between preview and confirm (any app
server may answer the confirmation); confirming reads it again, so what is
written is checked afresh."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from apps.accounts.scoping import department_ids
from apps.reference.models import Department

from . import layout, uploads
from .models import PendingUpload
from .problems import Problem, WorkbookInvalid
from .reader import read_budget_workbook
from .services import budget_import, import_preview


class UploadForm(forms.Form):
    file = forms.FileField(
        label="预算工作簿（.xlsx）", help_text="与本站导出的工作簿格式相同：基本信息、九张公开表和明细表。"
    )


def may_import(user):
    """Whether the user may import a department's budgets, by the department's code."""
    ids = department_ids(user)
    return lambda code: ids is None or Department.objects.filter(pk__in=ids, code=code).exists()


def check_scope(user, data) -> None:
    """Staff import only the budgets of departments they work for."""
    if not may_import(user)(data.department["code"]):
        raise WorkbookInvalid(
            [Problem(layout.INFO_SHEET, None, "部门编码", data.department["code"], "不是您所在的部门，不能导入")]
        )


class BudgetImportAdminMixin:
    change_list_template = "admin/budgets/budget/change_list.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("import/", wrap(self.import_upload), name="budgets_budget_import"),
            path("import/<str:token>/", wrap(self.import_confirm), name="budgets_budget_import_confirm"),
            *super().get_urls(),
        ]

    def import_upload(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "title": "从 Excel 导入部门预算",
            "form": form,
            "opts": self.model._meta,
        }
        if request.method == "POST" and form.is_valid():
            content = form.cleaned_data["file"].read()
            try:
                data = read_budget_workbook(content, may_import(request.user))
                check_scope(request.user, data)
                preview = import_preview(data=data)
            except WorkbookInvalid as invalid:
                return render(request, "workbooks/import_upload.html", {**context, "problems": invalid.problems})
            token = uploads.keep(request.user, PendingUpload.Kind.WORKBOOK, content)
            return render(request, "workbooks/import_preview.html", {**context, "preview": preview, "token": token})
        return render(request, "workbooks/import_upload.html", context)

    def import_confirm(self, request: HttpRequest, token: str) -> HttpResponse:
        if not self.has_add_permission(request) or request.method != "POST":
            raise PermissionDenied
        upload = uploads.fetch(request.user, PendingUpload.Kind.WORKBOOK, token)
        try:
            data = read_budget_workbook(bytes(upload.content), may_import(request.user))
            check_scope(request.user, data)
            budget = budget_import(data=data)
        except WorkbookInvalid as invalid:
            messages.error(request, f"没有写入：{invalid.problems[0]}（共 {len(invalid.problems)} 处问题）")
            return redirect(reverse("admin:budgets_budget_import"))
        uploads.discard(upload)
        messages.success(request, f"已导入为草稿：{budget}")
        return redirect(reverse("admin:budgets_budget_change", args=[budget.pk]))
