"""Every value an import would write, checked against its column before
anything is written: text no longer than the field, counts and positions in
the range every database accepts, amounts at most MAX_AMOUNT. The same check
on SQLite (which would store anything) and PostgreSQL (which would fail with
a DataError), for the Excel import and the disclosure ingest alike."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models

from apps.budgets.fields import MAX_AMOUNT, MoneyField
from apps.budgets.models import (
    Budget,
    BudgetNarrative,
    EconomicLine,
    FunctionLine,
    FunctionPurpose,
    RevenueLine,
    ThreePublicLine,
)
from apps.projects.models import Indicator, Project, ProjectFunding
from apps.reference.models import Department, Unit

from . import layout
from .problems import Problem
from .reader import BudgetData

# The ranges of Django's integer fields on PostgreSQL; SQLite does not enforce them, so they are checked here.
INTEGER_RANGES = {
    models.PositiveSmallIntegerField: (0, 32767),
    models.PositiveIntegerField: (0, 2147483647),
    models.SmallIntegerField: (-32768, 32767),
    models.IntegerField: (-2147483648, 2147483647),
}

# Which model field each 明细 column is written to.
COLUMNS: dict[str, dict[str, models.Field]] = {
    layout.REVENUE.name: {"金额": RevenueLine._meta.get_field("amount")},
    layout.FUNCTION.name: {"金额": FunctionLine._meta.get_field("amount")},
    layout.ECONOMIC.name: {"金额": EconomicLine._meta.get_field("amount")},
    layout.THREE_PUBLIC.name: {"金额": ThreePublicLine._meta.get_field("amount")},
    layout.PURPOSES.name: {"主要用途": FunctionPurpose._meta.get_field("text")},
    layout.PROJECTS.name: {
        "序号": Project._meta.get_field("position"),
        "类型": Project._meta.get_field("kind"),
        "项目名称": Project._meta.get_field("name"),
        "总体绩效目标": Project._meta.get_field("goal"),
        **{field.header: ProjectFunding._meta.get_field("amount") for field in layout.PROJECT_AMOUNTS.values()},
    },
    layout.INDICATORS.name: {
        "序号": Indicator._meta.get_field("position"),
        "一级指标": Indicator._meta.get_field("level1"),
        "二级指标": Indicator._meta.get_field("level2"),
        "三级指标": Indicator._meta.get_field("name"),
        "指标值": Indicator._meta.get_field("value"),
        "计量单位": Indicator._meta.get_field("measure_unit"),
    },
}


def out_of_bounds(field: models.Field, value) -> str | None:
    """Why `value` does not fit `field`, or None."""
    if value is None or value == "":
        return None
    if isinstance(field, MoneyField):
        return f"超过金额上限 {MAX_AMOUNT:,} 元" if Decimal(value) > MAX_AMOUNT else None
    if field.max_length and len(str(value)) > field.max_length:
        return f"有 {len(str(value))} 个字，超过 {field.max_length} 个字的上限"
    for kind, (low, high) in INTEGER_RANGES.items():
        if isinstance(field, kind):
            return None if low <= int(value) <= high else f"应在 {low} 到 {high} 之间"
    try:
        field.run_validators(value)
    except ValidationError as error:
        return "；".join(error.messages)
    return None


def quoted(value) -> object:
    """A value as a problem quotes it: long text cut short."""
    return f"{value[:20]}…" if isinstance(value, str) and len(value) > 20 else value


def label(field: models.Field) -> str:
    return str(field.verbose_name)


def info_problems(data: BudgetData) -> list[Problem]:
    sheet, found = layout.INFO_SHEET, []
    for title, name in layout.DEPARTMENT_FIELDS.items():
        found.append((sheet, title, data.department.get(name), Department._meta.get_field(name)))
    for unit in data.units:
        for name in ("code", "name"):
            found.append((sheet, layout.UNIT_LABEL, unit.get(name), Unit._meta.get_field(name)))
    found.append((sheet, "结转下年", data.carry_forward, Budget._meta.get_field("carry_forward")))
    for name, value in data.narrative.items():
        field = BudgetNarrative._meta.get_field(name)
        found.append((sheet, label(field), value, field))
    return [
        Problem(sheet, None, title, quoted(value), message)
        for sheet, title, value, field in found
        if (message := out_of_bounds(field, value))
    ]


def bound_problems(data: BudgetData) -> list[Problem]:
    """Every value that would not fit where it is written, located by sheet, row and column."""
    problems = info_problems(data)
    for sheet, columns in COLUMNS.items():
        for line in data.details.get(sheet, []):
            for header, field in columns.items():
                message = out_of_bounds(field, line.values.get(header))
                if message:
                    problems.append(Problem(sheet, line.row, header, quoted(line.raw.get(header)), message))
    return problems
