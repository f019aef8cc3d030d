"""以上年预算为底稿: a new year's draft made from last year's budget.

Lines, 三公, revenue, projects with their fundings and indicators, the 主要用于
notes and the narrative's lasting text are copied; every code is mapped to the
new year's list by its number. A code whose name changed is reported as a
rename; a code the new year no longer has (or that gained children there) is
reported as retired and the lines on it are left out."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef

from apps.projects.models import Project
from apps.reference.models import ClassificationCode

from .code_fields import code_label
from .models import (
    Budget,
    BudgetNarrative,
    EconomicLine,
    FunctionLine,
    FunctionPurpose,
    RevenueLine,
    Status,
    ThreePublicLine,
)
from .parts import BUDGET_ROWS

NARRATIVE_TEXT = ["duties", "unit_composition", "assets_note"]


class CarryOverError(Exception):
    pass


@dataclass
class CarryOverReport:
    source: Budget
    year: int
    renamed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


class CodeMap:
    """Last year's codes → this year's by number; None for a retired code."""

    def __init__(self, year: int, report: CarryOverReport):
        self.year, self.report = year, report
        children = ClassificationCode.objects.filter(parent=OuterRef("pk"))
        rows = ClassificationCode.objects.filter(year=year).annotate(has_children=Exists(children))
        self.codes = {(row.scheme, row.code): row for row in rows}
        self.seen: dict[int, ClassificationCode | None] = {}
        self.left_out: dict[int, tuple[str, list[str]]] = {}

    def get(self, old: ClassificationCode, what: str, leaf: bool = True) -> ClassificationCode | None:
        if old.pk not in self.seen:
            new = self.codes.get((old.scheme, old.code))
            if new is not None and leaf and new.has_children:
                new = None
            if new is not None and new.name != old.name:
                self.report.renamed.append(f"{old.code}：{old.year}年“{old.name}” → {self.year}年“{new.name}”")
            self.seen[old.pk] = new
        if self.seen[old.pk] is None:
            self.left_out.setdefault(old.pk, (code_label(old), []))[1].append(what)
        return self.seen[old.pk]

    def finish(self) -> None:
        self.report.retired = [
            f"{label} 在{self.year}年的科目表中没有（或已有下级科目）：没有带入 {'；'.join(what)}"
            for label, what in self.left_out.values()
        ]


def has_parts(budget: Budget) -> bool:
    """Whether the budget holds a row of any part a carry-over writes: copied beside it, the row would be
    doubled or clash with the copy."""
    return any(model.objects.filter(budget=budget).exists() for model in BUDGET_ROWS)


def target_budget(source: Budget, year: int) -> Budget | None:
    """The draft to fill: none yet, or an existing empty draft of that year; anything else is refused."""
    existing = Budget.objects.filter(department=source.department, year=year, phase=source.phase).first()
    if existing is None:
        return None
    if existing.status != Status.DRAFT or has_parts(existing):
        raise CarryOverError(f"已有{existing}（{existing.get_status_display()}，已有明细），不能再以上年预算为底稿。")
    return existing


def plan_carry_over(source: Budget, year: int) -> CarryOverReport:
    """What carry_over would do, without writing: counts, renames and retired codes."""
    with transaction.atomic():
        report = carry_over(source=source, year=year)[1]
        transaction.set_rollback(True)
    return report


@transaction.atomic
def carry_over(*, source: Budget, year: int) -> tuple[Budget, CarryOverReport]:
    if year <= source.year:
        raise CarryOverError(f"新预算的年度（{year}）应晚于底稿的年度（{source.year}）。")
    report = CarryOverReport(source, year)
    reason = f"以{source.year}年预算为底稿"
    budget = target_budget(source, year) or Budget(department=source.department, year=year, phase=source.phase)
    budget.carry_forward, budget._change_reason = source.carry_forward, reason
    budget.save()
    budget.units.set(source.units.all())
    codes = CodeMap(year, report)
    copy_lines(source, budget, codes, report, reason)
    copy_projects(source, budget, codes, report, reason)
    copy_narrative(source, budget, codes, reason)
    codes.finish()
    return budget, report


def save(obj, reason: str):
    obj._change_reason = reason
    obj.save()
    return obj


def copy_lines(source: Budget, budget: Budget, codes: CodeMap, report: CarryOverReport, reason: str) -> None:
    for model, label in ((FunctionLine, "支出（功能分类）"), (EconomicLine, "基本支出（经济分类）")):
        count = 0
        for line in model.objects.filter(budget=source).select_related("code"):
            code = codes.get(line.code, f"{label} {line.get_nature_display()} {line.amount:,.2f} 元")
            if code is not None:
                fields = {"nature": line.nature, "source": line.source, "unit_id": line.unit_id}
                save(model(budget=budget, code=code, amount=line.amount, **fields), reason)
                count += 1
        report.counts[label] = count
    for model, label, fields in (
        (RevenueLine, "收入", ["source", "unit_id", "amount"]),
        (ThreePublicLine, "“三公”经费", ["category", "unit_id", "amount"]),
    ):
        rows = list(model.objects.filter(budget=source))
        for row in rows:
            save(model(budget=budget, **{name: getattr(row, name) for name in fields}), reason)
        report.counts[label] = len(rows)


def copy_projects(source: Budget, budget: Budget, codes: CodeMap, report: CarryOverReport, reason: str) -> None:
    projects = (
        Project.objects.filter(budget=source).select_related("function_code").prefetch_related("fundings", "indicators")
    )
    copied = indicators = 0
    for project in projects:
        total = sum((f.amount for f in project.fundings.all()), Decimal(0))
        code = codes.get(project.function_code, f"项目“{project.name}”（{total:,.2f} 元）")
        if code is None:
            continue
        fields = {"unit_id": project.unit_id, "position": project.position, "kind": project.kind, "goal": project.goal}
        new = save(Project(budget=budget, name=project.name, function_code=code, **fields), reason)
        for funding in project.fundings.all():
            funding.pk, funding.project = None, new
            save(funding, reason)
        for indicator in project.indicators.all():
            indicator.pk, indicator.project = None, new
            save(indicator, reason)
            indicators += 1
        copied += 1
    report.counts["项目"], report.counts["绩效指标"] = copied, indicators


def copy_narrative(source: Budget, budget: Budget, codes: CodeMap, reason: str) -> None:
    old = source.stored_narrative
    if old.pk:
        narrative = BudgetNarrative.objects.filter(budget=budget).first() or BudgetNarrative(budget=budget)
        for name in NARRATIVE_TEXT:
            setattr(narrative, name, getattr(old, name))
        save(narrative, reason)
    for purpose in FunctionPurpose.objects.filter(budget=source).select_related("code"):
        code = codes.get(purpose.code, f"主要用途说明“{purpose.text[:20]}”", leaf=False)
        if code is not None:
            save(FunctionPurpose(budget=budget, code=code, text=purpose.text), reason)
