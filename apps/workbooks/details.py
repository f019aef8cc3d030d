"""What the 基本信息 and 明细 sheets hold for a budget: every stored field and
line item, one tidy row each, so that reading them back loses nothing."""

from collections.abc import Iterable, Iterator

from django.db import models

from apps.budgets.models import (
    PROJECT_SOURCES,
    Budget,
    EconomicLine,
    Finding,
    FunctionLine,
    FunctionPurpose,
    NarrativeSection,
    RevenueLine,
    Source,
    ThreePublicLine,
)
from apps.projects.models import Indicator, Project

from . import layout

Cells = list[tuple[object, str]]


def kind_of(field: models.Field) -> str:
    if field.get_internal_type() in ("BigIntegerField",):  # MoneyField keeps cents in a bigint
        return "money"
    if isinstance(field, models.PositiveSmallIntegerField):
        return "number"
    return "text"


def info_rows(budget: Budget) -> Iterator[tuple[str, Cells]]:
    department = budget.department
    government = department.government
    yield "行政区划", [(government.name, "text")]
    yield "行政区划代码", [(government.code, "text")]
    yield "级次", [(government.get_level_display(), "text")]
    for label, name in layout.DEPARTMENT_FIELDS.items():
        yield label, [(getattr(department, name), "text")]
    yield "年度", [(budget.year, "number")]
    yield "阶段", [(budget.get_phase_display(), "text")]
    yield "结转下年", [(budget.carry_forward, "money")]
    yield "公开表格式", [(budget.get_table_set_display(), "text")]
    yield "机关运行经费（文件所列）", [(budget.running_cost, "money")]
    for unit in budget.units.all():
        yield layout.UNIT_LABEL, [(unit.code, "text"), (unit.name, "text"), (unit.get_kind_display(), "text")]
    narrative = budget.stored_narrative
    for label, name in layout.NARRATIVE_FIELDS.items():
        field = narrative._meta.get_field(name)
        yield label, [(getattr(narrative, name), kind_of(field))]


def unit_code(line) -> str:
    return line.unit.code if line.unit_id else ""


def revenue(budget: Budget) -> Iterable[tuple]:
    for line in RevenueLine.objects.filter(budget=budget).select_related("unit").order_by("unit__code", "source"):
        yield unit_code(line), line.get_source_display(), line.amount


def function(budget: Budget) -> Iterable[tuple]:
    lines = FunctionLine.objects.filter(budget=budget).select_related("unit", "code")
    for line in lines.order_by("code__code", "nature", "source", "unit__code"):
        yield (
            unit_code(line),
            line.code.code,
            line.code.name,
            line.get_nature_display(),
            line.get_source_display(),
            line.amount,
        )


def economic(budget: Budget) -> Iterable[tuple]:
    lines = EconomicLine.objects.filter(budget=budget).select_related("unit", "code")
    for line in lines.order_by("code__code", "nature", "source", "unit__code"):
        yield (
            unit_code(line),
            line.code.code,
            line.code.name,
            line.get_nature_display(),
            line.get_source_display(),
            line.amount,
        )


def three_public(budget: Budget) -> Iterable[tuple]:
    lines = ThreePublicLine.objects.filter(budget=budget).select_related("unit")
    for line in lines.order_by("unit__code", "category"):
        yield unit_code(line), line.get_category_display(), line.amount


def projects(budget: Budget) -> Iterable[tuple]:
    for project in Project.objects.filter(budget=budget).for_tables():
        amounts = [getattr(project, f"{source.value}_amount") for source in (*PROJECT_SOURCES, Source.UNSPECIFIED)]
        yield (
            unit_code(project),
            project.position,
            project.kind,
            project.name,
            project.function_code.code if project.function_code_id else "",
            project.goal,
            *amounts,
        )


def indicators(budget: Budget) -> Iterable[tuple]:
    rows = Indicator.objects.filter(project__budget=budget).select_related("project__unit")
    for i in rows.order_by("project__unit__code", "project__position", "project__id", "position", "id"):
        yield (
            unit_code(i.project),
            i.project.name,
            i.position,
            i.level1,
            i.level2,
            i.name,
            i.operator,
            i.value,
            i.measure_unit,
            i.weight,
        )


def purposes(budget: Budget) -> Iterable[tuple]:
    for purpose in FunctionPurpose.objects.filter(budget=budget).select_related("code"):
        yield purpose.code.code, purpose.code.name, purpose.text


def sections(budget: Budget) -> Iterable[tuple]:
    for section in NarrativeSection.objects.filter(budget=budget).select_related("project"):
        yield section.position, section.heading, section.project.name if section.project_id else "", section.body


def findings(budget: Budget) -> Iterable[tuple]:
    for finding in Finding.objects.filter(budget=budget):
        yield finding.table, finding.row, finding.stated, finding.computed, finding.location


ROWS = {
    layout.SECTIONS.name: sections,
    layout.FINDINGS.name: findings,
    layout.REVENUE.name: revenue,
    layout.FUNCTION.name: function,
    layout.ECONOMIC.name: economic,
    layout.THREE_PUBLIC.name: three_public,
    layout.PROJECTS.name: projects,
    layout.INDICATORS.name: indicators,
    layout.PURPOSES.name: purposes,
}


def detail_rows(budget: Budget, spec: layout.DetailSheet) -> Iterable[tuple]:
    return ROWS[spec.name](budget)
