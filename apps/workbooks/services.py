"""Writing an imported budget: one transaction, all or nothing, and a preview
that does the same write, reports what it would change, then rolls it back.

The budget's row is locked for the whole write, and only a draft is written
over: a reviewer publishing at the same moment waits for the import and then
checks what it wrote (apps/budgets/services.py). Reference data is not changed
by an import: a department's names are kept as they are (a difference is a note
in the preview), units of another department are refused, and new units of
this department are added."""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from apps.budgets.checks import CheckResult, run_checks
from apps.budgets.models import Budget, Status
from apps.reference.models import Department, Government, Unit
from apps.reference.services import government_named

from . import layout
from .bounds import bound_problems
from .lines import write_lines
from .problems import Problem, WorkbookInvalid
from .reader import BudgetData, departments_of
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
    notes: list[str] = field(default_factory=list)  # what the import leaves as it is, and why

    @property
    def failing_checks(self) -> list[CheckResult]:
        return [c for c in self.checks if not c.passed]


def budget_import(*, data: BudgetData) -> Budget:
    """Write `data` as a draft budget, new or replacing a draft of the same
    department, year and phase. Raises WorkbookInvalid, writing nothing, when a
    value does not fit, the budget may not be replaced or the official sheets
    disagree with the 明细."""
    problems = bound_problems(data)
    if problems:
        raise WorkbookInvalid(problems)
    with transaction.atomic():
        budget = replace_budget(data)
        write_lines(budget, data)
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
        preview = Preview(str(budget), is_new=existing is None, checks=run_checks(budget), notes=reference_notes(data))
        transaction.set_rollback(True)
    preview.added = {k: v for k, v in after.items() if k not in before}
    preview.removed = {k: v for k, v in before.items() if k not in after}
    preview.changed = {k: (before[k], v) for k, v in after.items() if k in before and before[k] != v}
    return preview


def find_budget(data: BudgetData, lock: bool = False) -> Budget | None:
    found = Budget.objects.select_related("department").filter(
        department__in=departments_of(data), year=data.year, phase=data.phase
    )
    return (found.select_for_update() if lock else found).first()


def government_of(data: BudgetData) -> Government:
    """The government the data names (created when new: reference data a document brings), else the primary one."""
    if not data.government.get("name"):
        found = Government.objects.filter(primary=True).first()
        if found is None:
            problem = Problem(layout.INFO_SHEET, None, "行政区划", None, "缺少此项：本站尚未设定主体行政区划")
            raise WorkbookInvalid([problem])
        return found
    return government_named(**data.government)


def reference_notes(data: BudgetData) -> list[str]:
    """The department's names in the workbook that differ from the system's: kept as they are."""
    department = departments_of(data).first()
    if department is None:
        return [f"系统中没有部门 {data.department['code']}，将按工作表新建。"]
    return [
        f"工作表中的“{label}”为“{data.department.get(name, '')}”，与系统中的“{getattr(department, name)}”不同："
        "导入不修改部门信息，以系统中的为准（部门信息由管理员在“部门”中修改）。"
        for label, name in layout.DEPARTMENT_FIELDS.items()
        if name in data.department and data.department[name] != getattr(department, name)
    ]


def department_for(data: BudgetData) -> Department:
    """The existing department, unchanged; a department new to the system is created."""
    department = departments_of(data).first()
    return department or Department.objects.create(**data.department, government=government_of(data))


def units_for(department: Department, data: BudgetData) -> list[Unit]:
    """The budget's units: this department's own, new ones added to it; another
    department's unit is refused without saying whose it is."""
    codes = [u["code"] for u in data.units if u.get("code")]
    same_government = Unit.objects.filter(department__government_id=department.government_id)
    known = {unit.code: unit for unit in same_government.filter(code__in=codes)}
    foreign = [code for code, unit in known.items() if unit.department_id != department.pk]
    if foreign:
        raise WorkbookInvalid(
            [Problem(layout.INFO_SHEET, None, layout.UNIT_LABEL, code, "已属于其他部门，不能列入") for code in foreign]
        )
    by_name = {unit.name: unit for unit in department.units.filter(code="")}
    return [
        (known.get(u["code"]) if u.get("code") else by_name.get(u["name"]))
        or Unit.objects.create(**u, department=department)
        for u in data.units
    ]


def locked_draft(department: Department, data: BudgetData) -> tuple[Budget, bool]:
    """The budget's row, locked, created as a draft if it is new; refused unless it is a draft now."""
    try:
        with transaction.atomic():
            budget, created = Budget.objects.get_or_create(
                department=department,
                year=data.year,
                phase=data.phase,
                defaults={"status": Status.DRAFT, "carry_forward": data.carry_forward},
            )
    except IntegrityError:  # created by a concurrent import between the lookup and the insert
        created = False
    budget = find_budget(data, lock=True)
    if budget.status != Status.DRAFT:
        message = f"状态为“{budget.get_status_display()}”，只能替换草稿"
        raise WorkbookInvalid([Problem(layout.INFO_SHEET, None, "阶段", str(budget), message)])
    return budget, created


def replace_budget(data: BudgetData) -> Budget:
    department = department_for(data)
    units = units_for(department, data)
    budget, created = locked_draft(department, data)
    stated = {"carry_forward": data.carry_forward, "table_set": data.table_set, "running_cost": data.running_cost}
    if any(getattr(budget, name) != value for name, value in stated.items()):
        for name, value in stated.items():
            setattr(budget, name, value)
        budget._change_reason = "导入"
        budget.save()
    if {u.pk for u in units} != set(budget.units.values_list("pk", flat=True)):
        budget.units.set(units)
    narrative = budget.stored_narrative
    changed = [name for name, value in data.narrative.items() if getattr(narrative, name) != value]
    if changed or narrative._state.adding:
        for name in changed:
            setattr(narrative, name, data.narrative[name])
        narrative._change_reason = "导入"
        narrative.save()
    return budget
