"""The admin's upload → preview → confirm pages for published disclosures
(PDF or extracted text), beside the Excel import under the budget admin.

The preview shows every table found, every problem and check with its page
and line, what was inferred or corrected, the narrative's figures against the
tables', and what the write would add, change and remove. The file waits in
the database (apps/workbooks/uploads.py); confirming reads it again with the same options,
so what is written is proved afresh."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse

from apps.workbooks import uploads
from apps.workbooks.admin_import import check_scope
from apps.workbooks.models import PendingUpload
from apps.workbooks.problems import WorkbookInvalid

from .services import DisclosureInvalid, ingest_preview, ingest_write, read


class DisclosureForm(forms.Form):
    file = forms.FileField(
        label="公开文件（.pdf 或 .txt）",
        help_text="部门预算公开的 PDF，或从 PDF 提取的文本（表格各列以制表符或空格分隔）。",
    )
    department = forms.CharField(
        label="部门编码", max_length=20, required=False, help_text="文件中没有部门编码时填写，如 205。"
    )
    year = forms.IntegerField(
        label="年度", required=False, min_value=2000, max_value=2100, help_text="须与文件中的年度一致。"
    )
    project_codes = forms.CharField(
        label="项目的功能科目",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="仅在预览提示无法唯一推断时填写：每行“项目名称=科目编码”。",
    )

    def options(self) -> dict:
        lines = self.cleaned_data["project_codes"].splitlines()
        codes = dict(line.strip().split("=", 1) for line in lines if "=" in line)
        return {
            "department": self.cleaned_data["department"] or None,
            "year": self.cleaned_data["year"],
            "project_codes": {k.strip(): v.strip() for k, v in codes.items()},
        }


class DisclosureIngestAdminMixin:
    """Add to the Budget admin: /ingest/ uploads and previews, /ingest/<token>/ confirms."""

    def get_urls(self) -> list:
        wrap = self.admin_site.admin_view
        return [
            path("ingest/", wrap(self.ingest_upload), name="budgets_budget_ingest"),
            path("ingest/<str:token>/", wrap(self.ingest_confirm), name="budgets_budget_ingest_confirm"),
            *super().get_urls(),
        ]

    def ingest_url(self, name: str, *args) -> str:
        return reverse(f"{self.admin_site.name}:budgets_budget_{name}", args=args)

    def ingest_upload(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = DisclosureForm(request.POST or None, request.FILES or None)
        context = {
            **self.admin_site.each_context(request),
            "title": "从公开文件导入部门预算",
            "form": form,
            "opts": self.model._meta,
            "upload_url": self.ingest_url("ingest"),
            "list_url": self.ingest_url("changelist"),
        }
        if request.method != "POST" or not form.is_valid():
            return render(request, "ingest/upload.html", context)
        upload = form.cleaned_data["file"]
        content, options = upload.read(), form.options()
        try:
            ingest = read(content, upload.name, **options)
        except DisclosureInvalid as invalid:
            return render(request, "ingest/upload.html", {**context, "problems": [(None, p) for p in invalid.problems]})
        try:
            check_scope(request.user, ingest.data)
            preview = ingest_preview(ingest)
        except WorkbookInvalid as invalid:  # DisclosureInvalid too
            located = [(ingest.report.page(p.row), p) for p in invalid.problems]
            return render(
                request,
                "ingest/upload.html",
                {**context, "ingest": ingest, "report": ingest.report, "problems": located},
            )
        token = uploads.keep(request.user, PendingUpload.Kind.DISCLOSURE, content, {**options, "filename": upload.name})
        return render(
            request,
            "ingest/preview.html",
            {
                **context,
                "ingest": ingest,
                "report": ingest.report,
                "preview": preview,
                "confirm_url": self.ingest_url("ingest_confirm", token),
            },
        )

    def ingest_confirm(self, request: HttpRequest, token: str) -> HttpResponse:
        if not self.has_add_permission(request) or request.method != "POST":
            raise PermissionDenied
        stored = uploads.fetch(request.user, PendingUpload.Kind.DISCLOSURE, token)
        options = dict(stored.options)
        filename = options.pop("filename", "")
        try:
            ingest = read(bytes(stored.content), filename, **options)
            check_scope(request.user, ingest.data)
            budget = ingest_write(ingest)
        except WorkbookInvalid as invalid:
            messages.error(request, f"没有写入：{invalid.problems[0]}（共 {len(invalid.problems)} 处问题）")
            return redirect(self.ingest_url("ingest"))
        uploads.discard(stored)
        messages.success(request, f"已从公开文件导入为草稿：{budget}")
        return redirect(self.ingest_url("change", budget.pk))
