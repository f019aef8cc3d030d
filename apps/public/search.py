"""/search/?q=: departments, units, projects, codes (by number or name),
indicators and glossary terms, grouped by kind, each with its amount where it
has one. The query is cut into words with jieba and widened by the field's
synonyms (words.py); a result contains every word, and when nothing does, the
results with any of them are shown and said to be partial. Only what belongs to
a published budget is found; a fixed number of queries per search, each capped."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Q, QuerySet, Sum
from django.urls import reverse

from apps.budgets.amounts import AmountUnit
from apps.budgets.models import Budget, CityFigures, Phase, Status
from apps.projects.models import Indicator, Project
from apps.reference.models import ClassificationCode, Department, GlossaryTerm, Government, Scheme, Unit

from .first_screen import compact_amount
from .links import code_url, unit_reverse, with_unit
from .words import query_terms

LIMIT = 50
MAX_QUERY_LENGTH = 50
PUBLISHED_BUDGET = Q(budgets__status=Status.PUBLISHED, budgets__phase=Phase.BUDGET)
# Pages about a topic rather than a record, found by their words.
TOPICS = [
    ("“三公”经费：各部门排名与历年变化", "public:three-public-latest", ("三公", "公务接待", "公务用车", "因公出国"))
]

Terms = list[tuple[str, ...]]


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    detail: str = ""
    amount: str = ""  # 万元/亿元 as on the first screens; blank where the result has no amount


@dataclass(frozen=True)
class ResultGroup:
    kind: str
    results: list[Result]
    truncated: bool  # more than LIMIT matched; the reader should narrow the words


def matching(terms: Terms, fields: tuple[str, ...], every: bool = True, exact: tuple[str, ...] = ()) -> Q:
    """Every term (or, with every=False, any term) in any of the fields, in any of its forms."""
    found = Q()
    for term in terms:
        any_form = Q()
        for form in term:
            for field in fields:
                any_form |= Q(**{f"{field}__icontains": form})
            for field in exact:
                any_form |= Q(**{field: form})
        found = (found & any_form) if every else (found | any_form)
    return found


def capped(rows: list, kind: str, to_result) -> ResultGroup:
    return ResultGroup(kind, [to_result(row) for row in rows[:LIMIT]], truncated=len(rows) > LIMIT)


def where(government: Government) -> str:
    """Another government's department is named with it: department codes repeat between governments."""
    return "" if government.primary else f"{government.name} · "


def budget_url(department_code: str, year: int, unit: AmountUnit) -> str:
    return unit_reverse(unit, "public:budget", department=department_code, year=year)


def project_url(project: Project, unit: AmountUnit) -> str:
    return with_unit(reverse("public:project", kwargs={**project.budget.url_kwargs, "pk": project.pk}), unit)


def latest_totals(departments: list[Department]) -> dict[tuple[int, int], Decimal]:
    """(department id, year) → its published 预算's 支出总计, for the found departments in one query."""
    budgets = Budget.objects.published().filter(phase=Phase.BUDGET, department__in=departments)
    rows = budgets.for_home_page().values_list("department_id", "year", "total")  # their stored whole figures
    return {(department, year): total for department, year, total in rows.order_by()}


def departments(terms: Terms, every: bool, unit: AmountUnit) -> ResultGroup:
    words = matching(terms, ("name", "short_name", "alias"), every, exact=("code",))
    found = Department.objects.filter(PUBLISHED_BUDGET).filter(words).annotate(latest=Max("budgets__year"))
    rows = list(found.select_related("government").order_by("code")[: LIMIT + 1])
    totals = latest_totals(rows[:LIMIT]) if rows else {}

    def result(d: Department) -> Result:
        amount = totals.get((d.pk, d.latest))
        return Result(
            d.title,
            budget_url(d.url_key, d.latest, unit),
            f"{where(d.government)}部门编码 {d.code} · {d.latest}年支出总计",
            compact_amount(amount),
        )

    return capped(rows, "部门", result)


def units(terms: Terms, every: bool, unit: AmountUnit) -> ResultGroup:
    found = Unit.objects.filter(PUBLISHED_BUDGET).filter(matching(terms, ("name",), every, exact=("code",)))
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


def projects(terms: Terms, every: bool, unit: AmountUnit) -> ResultGroup:
    found = Project.objects.filter(budget__status=Status.PUBLISHED).filter(matching(terms, ("name", "kind"), every))
    found = found.with_total().select_related("budget__department__government", "unit")
    found = found.order_by("-budget__year", "budget__department__code", "position", "pk")
    return capped(
        list(found[: LIMIT + 1]),
        "项目",
        lambda p: Result(
            p.name,
            project_url(p, unit),
            f"{p.budget.year}年 · {p.budget.department.name} · {p.unit.name} · {p.kind}",
            compact_amount(p.total),
        ),
    )


def latest_per_code(codes: QuerySet) -> list[ClassificationCode]:
    """One result per code number: its newest year (the list is ordered so)."""
    seen: dict[tuple[str, str], ClassificationCode] = {}
    for code in codes:
        seen.setdefault((code.scheme, code.code), code)
    return list(seen.values())


def code_amounts(codes: list[ClassificationCode]) -> dict[int, Decimal | None]:
    """Code id → every published 预算's amount at or below it in its year, from the stored city figures."""
    if not codes:
        return {}
    wanted = Q()
    for code in codes:
        wanted |= Q(scheme=code.scheme, year=code.year, code=code.code)
    found = CityFigures.objects.filter(wanted).values_list("scheme", "year", "code").annotate(Sum("total")).order_by()
    sums = {(scheme, year, code): total for scheme, year, code, total in found}
    return {c.pk: sums.get((c.scheme, c.year, c.code)) for c in codes}


def codes(terms: Terms, every: bool, unit: AmountUnit) -> ResultGroup:
    years = Budget.objects.published().values("year")
    words = Q()
    for term in terms:
        any_form = Q()
        for form in term:
            any_form |= Q(name__icontains=form) | (Q(code__startswith=form) if form.isdigit() else Q())
        words = (words & any_form) if every else (words | any_form)
    found = ClassificationCode.objects.filter(year__in=years).filter(words)
    rows = latest_per_code(found.order_by("scheme", "code", "-year")[: LIMIT * 4])
    amounts = code_amounts(rows[:LIMIT])
    return capped(
        rows,
        "科目",
        lambda c: Result(
            f"{c.code} {c.name}",
            code_url(c.scheme, c.code, c.year, unit),
            f"{c.get_scheme_display()} · {c.year}年 · {c.level} · 各部门合计"
            + ("（基本支出）" if c.scheme == Scheme.ECONOMIC else ""),
            compact_amount(amounts.get(c.pk)),
        ),
    )


def indicators(terms: Terms, every: bool, unit: AmountUnit) -> ResultGroup:
    found = Indicator.objects.filter(project__budget__status=Status.PUBLISHED)
    found = found.filter(matching(terms, ("name", "level2"), every))
    found = found.select_related("project__budget__department__government")
    order = ("-project__budget__year", "project__budget__department__code", "project_id", "position")
    return capped(
        list(found.order_by(*order)[: LIMIT + 1]),
        "绩效指标",
        lambda i: Result(
            f"{i.name} {i.operator} {i.value}{i.measure_unit}",
            project_url(i.project, unit),
            f"{i.project.budget.year}年 · {i.project.budget.department.name} · 项目：{i.project.name} · {i.level2}",
        ),
    )


def topics(terms: Terms, every: bool, unit: AmountUnit) -> ResultGroup:
    """Glossary terms and topic pages (the 三公 ranking) that the words name."""
    forms = [form for term in terms for form in term]
    found = [
        Result(title, unit_reverse(unit, viewname), "专题页面")
        for title, viewname, keywords in TOPICS
        if any(keyword in form or form in keyword for form in forms for keyword in keywords)
    ]
    glossary = reverse("public:glossary")
    found += [
        Result(t.term, with_unit(glossary, unit) + f"#term-{t.pk}", t.definition[:60] + "…")
        for t in GlossaryTerm.objects.filter(matching(terms, ("term",), every))[:LIMIT]
    ]
    return ResultGroup("专题与名词解释", found, truncated=False)


FINDERS = (topics, departments, units, projects, codes, indicators)


def search(q: str, unit: AmountUnit) -> tuple[list[ResultGroup], bool]:
    """The groups of results, and whether they are partial. Tried in turn until
    something is found: the parts as typed, the parts cut into words (every word),
    then any word of two characters or more (partial)."""
    q = q.replace("\x00", "").strip()[:MAX_QUERY_LENGTH]  # PostgreSQL refuses NUL in text
    typed, cut = query_terms(q, segmented=False), query_terms(q)
    if not typed:
        return [], False
    tries = [(typed, True)] + ([(cut, True)] if cut != typed else [])
    for terms, every in tries:
        groups = [finder(terms, every, unit) for finder in FINDERS]
        if any(group.results for group in groups):
            return groups, False
    words = [term for term in cut if len(term[0]) > 1]
    if len(cut) > 1 and words:
        return [finder(words, False, unit) for finder in FINDERS], True
    return groups, False
