"""/search/?q=: departments, units, projects, codes (by number or name) and
indicators, by Chinese substring, grouped by kind. Only what belongs to a
published budget is found; one query per kind, each capped, so a search costs
the same however much data there is."""

from dataclasses import dataclass

from django.db.models import Max, Q, QuerySet
from django.urls import reverse

from apps.budgets.amounts import AmountUnit
from apps.budgets.models import Budget, Phase, Status
from apps.projects.models import Indicator, Project
from apps.reference.models import ClassificationCode, Department, Unit

from .links import code_url, unit_reverse, with_unit

LIMIT = 50
MAX_QUERY_LENGTH = 50
PUBLISHED_BUDGET = Q(budgets__status=Status.PUBLISHED, budgets__phase=Phase.BUDGET)


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class ResultGroup:
    kind: str
    results: list[Result]
    truncated: bool  # more than LIMIT matched; the reader should narrow the words


def capped(rows: list, kind: str, to_result) -> ResultGroup:
    return ResultGroup(kind, [to_result(row) for row in rows[:LIMIT]], truncated=len(rows) > LIMIT)


def budget_url(department_code: str, year: int, unit: AmountUnit) -> str:
    return unit_reverse(unit, "public:budget", department=department_code, year=year)


def project_url(project: Project, unit: AmountUnit) -> str:
    return with_unit(reverse("public:project", kwargs={**project.budget.url_kwargs, "pk": project.pk}), unit)


def departments(q: str, unit: AmountUnit) -> ResultGroup:
    words = Q(name__icontains=q) | Q(short_name__icontains=q) | Q(alias__icontains=q) | Q(code=q)
    found = Department.objects.filter(PUBLISHED_BUDGET).filter(words).annotate(latest=Max("budgets__year"))
    rows = list(found.select_related("government").order_by("code")[: LIMIT + 1])
    return capped(rows, "部门", lambda d: Result(d.title, budget_url(d.url_key, d.latest, unit), f"部门编码 {d.code}"))


def units(q: str, unit: AmountUnit) -> ResultGroup:
    found = Unit.objects.filter(PUBLISHED_BUDGET).filter(Q(name__icontains=q) | Q(code=q))
    rows = list(
        found.annotate(latest=Max("budgets__year"))
        .select_related("department__government")
        .order_by("code")[: LIMIT + 1]
    )
    return capped(
        rows,
        "预算单位",
        lambda u: Result(
            u.name, budget_url(u.department.url_key, u.latest, unit), f"单位编码 {u.code} · {u.department.name}"
        ),
    )


def projects(q: str, unit: AmountUnit) -> ResultGroup:
    found = Project.objects.filter(budget__status=Status.PUBLISHED).filter(Q(name__icontains=q) | Q(kind__icontains=q))
    found = found.select_related("budget__department__government", "unit").order_by(
        "-budget__year", "budget__department__code", "position", "pk"
    )
    return capped(
        list(found[: LIMIT + 1]),
        "项目",
        lambda p: Result(
            p.name, project_url(p, unit), f"{p.budget.year}年 · {p.budget.department.name} · {p.unit.name} · {p.kind}"
        ),
    )


def latest_per_code(codes: QuerySet) -> list[ClassificationCode]:
    """One result per code number: its newest year (the list is ordered so)."""
    seen: dict[tuple[str, str], ClassificationCode] = {}
    for code in codes:
        seen.setdefault((code.scheme, code.code), code)
    return list(seen.values())


def codes(q: str, unit: AmountUnit) -> ResultGroup:
    years = Budget.objects.published().values("year")
    found = ClassificationCode.objects.filter(year__in=years).filter(Q(code__startswith=q) | Q(name__icontains=q))
    rows = latest_per_code(found.order_by("scheme", "code", "-year")[: LIMIT * 4])
    return capped(
        rows,
        "科目",
        lambda c: Result(
            f"{c.code} {c.name}",
            code_url(c.scheme, c.code, c.year, unit),
            f"{c.get_scheme_display()} · {c.year}年 · {c.level}",
        ),
    )


def indicators(q: str, unit: AmountUnit) -> ResultGroup:
    found = Indicator.objects.filter(project__budget__status=Status.PUBLISHED)
    found = found.filter(Q(name__icontains=q) | Q(level2__icontains=q)).select_related(
        "project__budget__department__government"
    )
    rows = list(
        found.order_by("-project__budget__year", "project__budget__department__code", "project_id", "position")[
            : LIMIT + 1
        ]
    )
    return capped(
        rows,
        "绩效指标",
        lambda i: Result(
            f"{i.name} {i.operator} {i.value}{i.measure_unit}",
            project_url(i.project, unit),
            f"{i.project.budget.year}年 · {i.project.budget.department.name} · 项目：{i.project.name} · {i.level2}",
        ),
    )


def search(q: str, unit: AmountUnit) -> list[ResultGroup]:
    q = q.replace("\x00", "").strip()[:MAX_QUERY_LENGTH]  # PostgreSQL refuses NUL in text
    if not q:
        return []
    return [finder(q, unit) for finder in (departments, units, projects, codes, indicators)]
