"""Writing an imported budget: one transaction, all or nothing, and a preview
that does the same write, reports what it would change, then rolls it back."""

from dataclasses import dataclass, field

from django.db import transaction

from apps.budgets.checks import CheckResult, run_checks
from apps.budgets.models import (
    Budget,
    BudgetNarrative,
    EconomicLine,
    FunctionLine,
    FunctionPurpose,
    RevenueLine,
    Status,
    ThreePublicLine,
)
from apps.projects.models import Indicator, Project, ProjectFunding
from apps.reference.models import ClassificationCode, Department, Government, Scheme, Unit

from . import layout
from .document import store_codes, write_document
from .problems import Problem, WorkbookInvalid
from .reader import BudgetData
from .snapshot import budget_snapshot
from .verify import verify_official_sheets


@dataclass
class Preview:
    budget: str
    is_new: bool
    added: dict[str, str] = field(default_factory=dict)
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)
    removed: dict[str, str] = field(default_factory=dict)
    checks: list[CheckResult] = field(default_factory=list)

    @property
    def failing_checks(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.passed]


def budget_import(*, data: BudgetData) -> Budget:
    """Write `data` as a draft budget, new or replacing a draft of the same
    department, year and phase. Raises WorkbookInvalid, writing nothing, when the
    budget may not be replaced or the official sheets disagree with the 明细."""
    with transaction.atomic():
        budget = replace_budget(data)
        store_codes(data)
        write_lines(budget, data)
        write_document(budget, data)
        problems = verify_official_sheets(budget, data.official)
        if problems:
            raise WorkbookInvalid(problems)
    return budget


def import_preview(*, data: BudgetData) -> Preview:
    """What budget_import would add, change and remove, and the checks' results
    on the result; the database is left as it was."""
    existing = find_budget(data)
    before = budget_snapshot(existing) if existing else {}
    with transaction.atomic():
        budget = budget_import(data=data)
        after = budget_snapshot(budget)
        preview = Preview(str(budget), is_new=existing is None, checks=run_checks(budget))
        transaction.set_rollback(True)
    preview.added = {k: v for k, v in after.items() if k not in before}
    preview.removed = {k: v for k, v in before.items() if k not in after}
    preview.changed = {k: (before[k], v) for k, v in after.items() if k in before and before[k] != v}
    return preview


def find_budget(data: BudgetData) -> Budget | None:
    return (
        Budget.objects.select_related("department")
        .filter(department__in=departments_of(data), year=data.year, phase=data.phase)
        .first()
    )


def departments_of(data: BudgetData):
    """The department the data names, within its government (the site's primary one unless named)."""
    found = Department.objects.filter(code=data.department["code"])
    if data.government.get("name"):
        return found.filter(government__name=data.government["name"])
    return found.filter(government__primary=True)


def government_of(data: BudgetData) -> Government:
    if not data.government.get("name"):
        return Government.objects.get(primary=True)
    defaults = {k: v for k, v in data.government.items() if k != "name" and v}
    return Government.objects.get_or_create(name=data.government["name"], defaults=defaults)[0]


def unit_key(unit: dict) -> dict:
    """Units are known by code, or by name where the document prints no code."""
    return {"code": unit["code"]} if unit.get("code") else {"name": unit["name"]}


def replace_budget(data: BudgetData) -> Budget:
    department, _ = Department.objects.update_or_create(
        government=government_of(data), code=data.department["code"], defaults=data.department
    )
    units = [Unit.objects.update_or_create(department=department, **unit_key(u), defaults=u)[0] for u in data.units]
    budget = find_budget(data)
    if budget and budget.status != Status.DRAFT:
        raise WorkbookInvalid(
            [
                Problem(
                    layout.INFO_SHEET, None, "阶段", str(budget), f"状态为“{budget.get_status_display()}”，只能替换草稿"
                )
            ]
        )
    if budget:
        for related in (
            budget.revenuelines,
            budget.functionlines,
            budget.economiclines,
            budget.three_public_lines,
            budget.projects,
            budget.function_purposes,
        ):
            related.all().delete()
        budget.carry_forward = data.carry_forward
        budget.save()
    else:
        budget = Budget.objects.create(
            department=department,
            year=data.year,
            phase=data.phase,
            status=Status.DRAFT,
            carry_forward=data.carry_forward,
        )
    budget.units.set(units)
    BudgetNarrative.objects.update_or_create(budget=budget, defaults=data.narrative)
    return budget


def write_lines(budget: Budget, data: BudgetData) -> None:
    units = {unit.code: unit for unit in budget.units.all()}
    codes = {(c.scheme, c.code): c for c in ClassificationCode.objects.filter(year=budget.year)}
    rows = data.details

    def unit(line):
        return units.get(line.values.get("单位编码"))

    def code(line, scheme=Scheme.FUNCTION):
        return codes[(scheme, line.values["科目编码"])]

    RevenueLine.objects.bulk_create(
        RevenueLine(budget=budget, unit=unit(line), source=line.values["收入来源"], amount=line.values["金额"])
        for line in rows[layout.REVENUE.name]
    )
    FunctionLine.objects.bulk_create(
        FunctionLine(
            budget=budget,
            unit=unit(line),
            code=code(line),
            nature=line.values["支出性质"],
            source=line.values["资金来源"],
            amount=line.values["金额"],
        )
        for line in rows[layout.FUNCTION.name]
    )
    EconomicLine.objects.bulk_create(
        EconomicLine(
            budget=budget,
            unit=unit(line),
            code=code(line, Scheme.ECONOMIC),
            nature=line.values["经费类型"],
            source=line.values["资金来源"],
            amount=line.values["金额"],
        )
        for line in rows[layout.ECONOMIC.name]
    )
    ThreePublicLine.objects.bulk_create(
        ThreePublicLine(budget=budget, unit=unit(line), category=line.values["类别"], amount=line.values["金额"])
        for line in rows[layout.THREE_PUBLIC.name]
    )
    FunctionPurpose.objects.bulk_create(
        FunctionPurpose(budget=budget, code=code(line), text=line.values["主要用途"])
        for line in rows[layout.PURPOSES.name]
    )
    write_projects(budget, data, unit, code)


def write_projects(budget: Budget, data: BudgetData, unit, code) -> None:
    lines = data.details[layout.PROJECTS.name]
    projects = Project.objects.bulk_create(
        Project(
            budget=budget,
            unit=unit(line),
            position=line.values["序号"],
            kind=line.values["类型"],
            name=line.values["项目名称"],
            function_code=code(line),
            goal=line.values["总体绩效目标"] or "",
        )
        for line in lines
    )
    ProjectFunding.objects.bulk_create(
        ProjectFunding(project=project, source=source, amount=line.values[header.header])
        for project, line in zip(projects, lines)
        for source, header in layout.PROJECT_AMOUNTS.items()
        if line.values[header.header] is not None
    )
    by_key = {(p.unit.code, p.name): p for p in projects}
    Indicator.objects.bulk_create(
        Indicator(
            project=by_key[(line.values["单位编码"], line.values["项目名称"])],
            position=line.values["序号"],
            level1=line.values["一级指标"],
            level2=line.values["二级指标"],
            name=line.values["三级指标"],
            operator=line.values["计算符号"],
            value=line.values["指标值"],
            measure_unit=line.values["计量单位"] or "",
            weight=line.values["指标权重"],
        )
        for line in data.details[layout.INDICATORS.name]
    )
