"""Writing a generated city: the classification codes of every year first
(reusing the rows already there, such as the seed's 2021 codes with their
fixed primary keys), then the departments in batches, each batch one
transaction of bulk inserts, so memory stays bounded by the batch size."""

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import QuerySet

from apps.budgets.models import (
    Budget,
    BudgetNarrative,
    EconomicLine,
    FunctionLine,
    FunctionPurpose,
    Phase,
    RevenueLine,
    Source,
    Status,
    ThreePublicLine,
)
from apps.budgets.stored import city_years, refresh_cities, store_budget_figures
from apps.projects.models import Indicator, Project, ProjectFunding
from apps.reference.models import ClassificationCode, Department, Government, Scheme, Unit

from . import codes, vocab
from .city import DepartmentPlan, department_plan, yuan
from .yearly import BudgetRows, ProjectRows, department_years

BATCH_SIZE = 2000  # rows per INSERT; SQLite and PostgreSQL both take this comfortably
DEPARTMENTS_PER_TRANSACTION = 10
# Department codes 301–2999: the generated ones (see city.py).
GENERATED_CODES = r"^(30[1-9]|3[1-9][0-9]|[4-9][0-9]{2}|[12][0-9]{3})$"
CodePks = dict[tuple[str, int], dict[str, int]]


class GenerationError(Exception):
    pass


def generated_departments() -> QuerySet:
    return Department.objects.filter(code__regex=GENERATED_CODES)


def ensure_codes(years: Iterable[int]) -> CodePks:
    """(scheme, year) → code → pk for every listed code, creating the missing
    rows a level at a time so each can point at its parent."""
    pks = {}
    for year in years:
        for scheme in Scheme:
            pks[scheme, year] = ensure_tree(scheme, year)
            assert_leaves(scheme, year)
    return pks


def ensure_tree(scheme: str, year: int) -> dict[str, int]:
    wanted = codes.tree(scheme, year)
    existing = dict(ClassificationCode.objects.filter(scheme=scheme, year=year).values_list("code", "pk"))
    for length in (3, 5, 7):
        missing = [
            ClassificationCode(scheme=scheme, year=year, code=code, name=name, parent_id=existing.get(code[:-2]))
            for code, name in wanted.items()
            if len(code) == length and code not in existing
        ]
        existing |= {row.code: row.pk for row in bulk(ClassificationCode, missing)}
    return existing


def assert_leaves(scheme: str, year: int) -> None:
    """Lines go only on the listing's leaves; refuse if the database has
    codes below one of them (then a line there would fail the leaf check)."""
    below = ClassificationCode.objects.filter(
        scheme=scheme, year=year, code__in=codes.leaves(scheme, year), children__isnull=False
    ).values_list("code", flat=True)
    if below:
        listed = ", ".join(sorted(set(below)))
        raise GenerationError(f"{year}年{Scheme(scheme).label}中 {listed} 已有下级科目，不能作为末级科目使用。")


def delete_generated() -> int:
    """Delete the generated departments and everything of theirs; returns how
    many departments went."""
    departments = generated_departments()
    count = departments.count()
    with transaction.atomic():
        cities = city_years(Budget.objects.filter(department__in=departments))
        delete_tree(departments)
        refresh_cities(cities)
    return count


def delete_tree(queryset: QuerySet) -> None:
    """Delete the rows and, first, every row that points at them, at any
    depth (budgets, their lines, projects, indicators…), one DELETE statement
    per table and level, whatever models other apps add.

    The rows carry django-simple-history records, whose delete signals would
    make QuerySet.delete() load every row and write a history row for it (a
    million of each for a big city); _raw_delete sends the DELETE alone. The
    history rows of any edits made to generated budgets are left behind."""
    meta = queryset.model._meta
    for field in meta.local_many_to_many:
        through = field.remote_field.through
        through._base_manager.filter(**{f"{field.m2m_field_name()}__in": queryset})._raw_delete(queryset.db)
    for relation in meta.related_objects:
        if relation.many_to_many:
            through = relation.through
            pointing = through._base_manager.filter(**{f"{relation.field.m2m_reverse_field_name()}__in": queryset})
            pointing._raw_delete(queryset.db)
        else:
            delete_tree(relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": queryset}))
    queryset._raw_delete(queryset.db)


def generate(count: int, years: list[int], seed: int, progress: Callable[[int], None]) -> Counter:
    """Generate departments 0…count-1 for the given years; `progress` hears
    how many departments are done after each transaction."""
    code_pks = ensure_codes(years)
    written = Counter()
    for start in range(0, count, DEPARTMENTS_PER_TRANSACTION):
        plans = [department_plan(i, seed, years) for i in range(start, min(count, start + DEPARTMENTS_PER_TRANSACTION))]
        with transaction.atomic():
            written += write_departments([(plan, department_years(plan, years)) for plan in plans], code_pks)
        progress(start + len(plans))
    # The city's figures once, from every department's: per batch it would redo them for each.
    refresh_cities(city_years(Budget.objects.filter(department__in=generated_departments())))
    refresh_planner_statistics()
    return written


def refresh_planner_statistics() -> None:
    """After a bulk load PostgreSQL plans by statistics of the empty tables until autovacuum gets round
    to them (it may not for many minutes): a page read 2,000 departments as if there were two."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def write_departments(batch: list[tuple[DepartmentPlan, list[BudgetRows]]], code_pks: CodePks) -> Counter:
    """Bulk-insert a batch of departments with all their years; the primary
    keys bulk_create returns link units, budgets and projects to their rows."""
    government = city_government()
    departments = bulk(Department, [department_row(plan, government) for plan, _ in batch])
    written = Counter(Department=len(departments))
    pending: dict[type, list] = defaultdict(list)
    projects: list[tuple[Project, ProjectRows]] = []
    for (plan, years), department in zip(batch, departments, strict=True):
        unit_rows = [Unit(department=department, code=u.code, name=u.name, kind=u.kind) for u in plan.units]
        units = [unit.pk for unit in bulk(Unit, unit_rows)]
        budgets = bulk(Budget, [budget_row(department, rows) for rows in years])
        written.update(Unit=len(units), Budget=len(budgets))
        for budget, rows in zip(budgets, years, strict=True):
            for model, objects in budget_children(budget.pk, rows, units, code_pks).items():
                pending[model] += objects
            function_codes = code_pks[Scheme.FUNCTION, rows.year]
            projects += [(project_row(budget.pk, project, units, function_codes), project) for project in rows.projects]
    for model, objects in pending.items():
        written[model.__name__] = len(bulk(model, objects))
    written += write_projects(projects)
    store_budget_figures(Budget.objects.filter(department__in=departments))  # generated budgets are published
    return written


def bulk(model, objects: list) -> list:
    return model.objects.bulk_create(objects, batch_size=BATCH_SIZE)


def city_government() -> Government:
    """The generated departments are the city's own (绍兴市本级, as the seed's)."""
    defaults = {"code": "330600", "level": Government.Level.CITY, "primary": True}
    return Government.objects.get_or_create(name="绍兴市本级", defaults=defaults)[0]


def department_row(plan: DepartmentPlan, government: Government) -> Department:
    return Department(
        government=government,
        code=plan.code,
        name=plan.name,
        short_name=plan.short_name,
        alias=plan.alias,
        alias_short=plan.alias_short,
    )


def budget_row(department: Department, rows: BudgetRows) -> Budget:
    return Budget(
        department=department,
        year=rows.year,
        phase=Phase.BUDGET,
        status=Status.PUBLISHED,
        published_at=rows.published_at,
    )


def budget_children(budget: int, rows: BudgetRows, units: list[int], code_pks: CodePks) -> dict[type, list]:
    """Every row of one budget except its projects, by model (lines of 0.00 left out)."""
    function = code_pks[Scheme.FUNCTION, rows.year]
    economic = code_pks[Scheme.ECONOMIC, rows.year]
    return {
        Budget.units.through: [Budget.units.through(budget_id=budget, unit_id=unit) for unit in units],
        BudgetNarrative: [BudgetNarrative(budget_id=budget, **rows.narrative)],
        FunctionLine: [
            FunctionLine(
                budget_id=budget,
                unit_id=units[unit],
                code_id=function[code],
                nature=nature,
                source=source,
                amount=yuan(cents),
            )
            for (unit, code, nature, source), cents in rows.function_lines.items()
            if cents
        ],
        EconomicLine: [
            EconomicLine(
                budget_id=budget, code_id=economic[code], nature=nature, source=Source.GENERAL, amount=yuan(cents)
            )
            for (code, nature), cents in sorted(rows.economic_lines.items())
            if cents
        ],
        RevenueLine: [
            RevenueLine(budget_id=budget, source=source, amount=yuan(cents))
            for source, cents in rows.revenue.items()
            if cents
        ],
        ThreePublicLine: [
            ThreePublicLine(budget_id=budget, unit_id=units[unit], category=category, amount=yuan(cents))
            for (unit, category), cents in rows.three_public.items()
            if cents
        ],
        FunctionPurpose: [
            FunctionPurpose(budget_id=budget, code_id=function[code], text=purpose_text(items))
            for code, items in rows.purposes.items()
        ],
    }


def purpose_text(items: list[str]) -> str:
    """主要用于…: the basic spending and projects on a code, at most four named."""
    unique = list(dict.fromkeys(items))
    return "、".join(unique[:4]) + ("等" if len(unique) > 4 else "")


def project_row(budget: int, project: ProjectRows, units: list[int], function_codes: dict[str, int]) -> Project:
    archetype = vocab.ARCHETYPES[project.plan.archetype]
    return Project(
        budget_id=budget,
        unit_id=units[project.unit],
        position=project.position,
        kind=archetype.kind,
        name=project.plan.name,
        function_code_id=function_codes[project.code],
        goal=archetype.goal.format(name=project.plan.name),
    )


def write_projects(projects: list[tuple[Project, ProjectRows]]) -> Counter:
    created = bulk(Project, [row for row, _ in projects])
    fundings, indicators = [], []
    for row, (_, rows) in zip(created, projects, strict=True):
        fundings += [
            ProjectFunding(project_id=row.pk, source=source, amount=yuan(cents)) for source, cents in rows.fundings
        ]
        indicators += [
            Indicator(
                project_id=row.pk,
                position=position,
                level1=level1,
                level2=level2,
                name=name,
                operator=operator,
                value=value,
                measure_unit=measure,
                weight=Decimal(weight),
            )
            for position, (level1, level2, name, operator, value, measure, weight) in enumerate(
                rows.indicators, start=1
            )
        ]
    written = Counter(Project=len(created), ProjectFunding=len(bulk(ProjectFunding, fundings)))
    return written + Counter(Indicator=len(bulk(Indicator, indicators)))
