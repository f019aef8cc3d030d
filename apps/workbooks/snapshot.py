"""A budget as a flat mapping of readable keys to values, so that a preview can
say in words what an import adds, changes and removes."""

from apps.budgets.models import Budget, EconomicLine, FunctionLine, FunctionPurpose, RevenueLine, ThreePublicLine
from apps.projects.models import Indicator, Project

from . import layout


def unit_label(line) -> str:
    return line.unit.code if line.unit_id else "部门"


def budget_snapshot(budget: Budget) -> dict[str, str]:
    snapshot = {"结转下年": f"{budget.carry_forward:,.2f}"}
    snapshot |= {f"预算单位 {u.code}": u.name for u in budget.units.all()}
    narrative = budget.stored_narrative
    snapshot |= {
        f"说明·{label}": str(getattr(narrative, name) or "") for label, name in layout.NARRATIVE_FIELDS.items()
    }
    for line in RevenueLine.objects.filter(budget=budget).select_related("unit"):
        snapshot[f"收入 {unit_label(line)} {line.get_source_display()}"] = f"{line.amount:,.2f}"
    for model, label in ((FunctionLine, "支出"), (EconomicLine, "基本支出")):
        for line in model.objects.filter(budget=budget).select_related("unit", "code"):
            key = f"{label} {unit_label(line)} {line.code} {line.get_nature_display()} {line.get_source_display()}"
            snapshot[key] = f"{line.amount:,.2f}"
    for line in ThreePublicLine.objects.filter(budget=budget).select_related("unit"):
        snapshot[f"三公 {unit_label(line)} {line.get_category_display()}"] = f"{line.amount:,.2f}"
    for project in Project.objects.filter(budget=budget).for_tables():
        code = project.function_code.code if project.function_code_id else ""
        snapshot[f"项目 {unit_label(project)} {project.name}"] = (
            f"{project.kind}，{code}，合计 {project.total or 0:,.2f}，{project.goal[:30]}"
        )
    for i in Indicator.objects.filter(project__budget=budget).select_related("project__unit"):
        snapshot[f"绩效指标 {i.project.unit.code} {i.project.name} {i.name}"] = (
            f"{i.level1}/{i.level2} {i.operator} {i.value}{i.measure_unit} 权重 {i.weight.normalize():f}"
        )
    for purpose in FunctionPurpose.objects.filter(budget=budget).select_related("code"):
        snapshot[f"科目用途 {purpose.code.code}"] = purpose.text
    for section in budget.sections.all():
        snapshot[f"说明章节 {section.position} {section.heading}"] = section.body[:30]
    for finding in budget.findings.all():
        snapshot[f"文件自身不一致 {finding.table} {finding.row}"] = finding.sentence
    if budget.running_cost is not None:
        snapshot["机关运行经费（文件所列）"] = f"{budget.running_cost:,.2f}"
    return snapshot
