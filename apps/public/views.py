from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from apps.budgets.explanation import explanation_paragraphs
from apps.budgets.models import Budget, Phase
from apps.budgets.official import SLUGS, build_all, build_table
from apps.reference.models import GlossaryTerm

from .tables import OfficialTableView


def visible_budget(request: HttpRequest, department: str, year: int, phase: str) -> Budget:
    """The budget at this address, or 404 (drafts are 404 for the public)."""
    budgets = Budget.objects.visible_to(request.user).for_budget_page()
    return get_object_or_404(budgets, department__code=department, year=year, phase=phase)


def home(request: HttpRequest) -> HttpResponse:
    budgets = Budget.objects.published().select_related("department").order_by("-year", "department__code")
    return render(request, "public/home.html", {"budgets": budgets})


def budget_detail(request: HttpRequest, department: str, year: int, phase: str = Phase.BUDGET) -> HttpResponse:
    budget = visible_budget(request, department, year, phase)
    context = {
        "budget": budget,
        "explanation": explanation_paragraphs(budget),
        "tables": [OfficialTableView(t, detail_url=budget.table_url(t.slug)) for t in build_all(budget)],
        "glossary": GlossaryTerm.objects.all(),
    }
    return render(request, "public/budget_detail.html", context)


def table_detail(request: HttpRequest, department: str, year: int, slug: str, phase: str = Phase.BUDGET) -> HttpResponse:
    if slug not in SLUGS:
        raise Http404(f"没有名为“{slug}”的表")
    budget = visible_budget(request, department, year, phase)
    official = build_table(budget, slug)
    return render(request, "public/table_detail.html", {"budget": budget, "table": OfficialTableView(official)})
