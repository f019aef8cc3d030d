"""The admin's upload → preview → confirm pages for budget workbooks.

The uploaded file waits in a private temporary folder between preview and
confirm; confirming reads it again, so what is written is checked afresh."""

import secrets
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from apps.accounts.scoping import department_ids
from apps.reference.models import Department

from . import layout
from .problems import Problem, WorkbookInvalid
from .reader import read_budget_workbook
from .services import budget_import, import_preview

UPLOADS = Path(tempfile.gettempdir()) / "budgetsite-imports"
SESSION_KEY = "budget_imports"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="预算工作簿（.xlsx）", help_text="与本站导出的工作簿格式相同：基本信息、九张公开表和明细表。"
    )


def stored_upload(request: HttpRequest, token: str) -> Path:
    """The upload this user made, or 404: tokens live in the uploader's own session."""
    if token not in request.session.get(SESSION_KEY, []):
        raise Http404("没有这次上传，或它已经导入")
    return UPLOADS / f"{token}.xlsx"


def check_scope(user, data) -> None:
    """Staff import only the budgets of departments they work for."""
    ids = department_ids(user)
    if ids is not None and not Department.objects.filter(pk__in=ids, code=data.department["code"]).exists():
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
                data = read_budget_workbook(content)
                check_scope(request.user, data)
                preview = import_preview(data=data)
            except WorkbookInvalid as invalid:
                return render(request, "workbooks/import_upload.html", {**context, "problems": invalid.problems})
            token = secrets.token_urlsafe(16)
            UPLOADS.mkdir(mode=0o700, exist_ok=True)
            (UPLOADS / f"{token}.xlsx").write_bytes(content)
            request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, []), token]
            return render(request, "workbooks/import_preview.html", {**context, "preview": preview, "token": token})
        return render(request, "workbooks/import_upload.html", context)

    def import_confirm(self, request: HttpRequest, token: str) -> HttpResponse:
        if not self.has_add_permission(request) or request.method != "POST":
            raise PermissionDenied
        upload = stored_upload(request, token)
        try:
            data = read_budget_workbook(upload.read_bytes())
            check_scope(request.user, data)
            budget = budget_import(data=data)
        except WorkbookInvalid as invalid:
            messages.error(request, f"没有写入：{invalid.problems[0]}（共 {len(invalid.problems)} 处问题）")
            return redirect(reverse("admin:budgets_budget_import"))
        upload.unlink(missing_ok=True)
        request.session[SESSION_KEY] = [t for t in request.session[SESSION_KEY] if t != token]
        messages.success(request, f"已导入为草稿：{budget}")
        return redirect(reverse("admin:budgets_budget_change", args=[budget.pk]))
