"""Projects (with their funding by source) and performance indicators pasted from a
spreadsheet: the same read → check → plan as paste.py, written by apply_plan."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from apps.projects.levels import LEVEL1, is_level2
from apps.projects.models import Indicator, Project, ProjectFunding
from apps.reference.models import Scheme

from .cells import CellError, weight
from .code_fields import YearCodes, code_label
from .models import PROJECT_SOURCES, Budget, Source
from .paste import Plan, Write, amount_in, cell, read_columns, split_rows

SOURCE_LABELS = {Source(s).label: s for s in PROJECT_SOURCES}
PROJECT_ALIASES = {
    "单位": "单位",
    "单位名称": "单位",
    "单位编码": "单位",
    "项目单位": "单位",
    "类型": "类型",
    "项目类型": "类型",
    "项目名称": "项目名称",
    "功能科目": "功能科目",
    "功能科目编码": "功能科目",
    "科目编码": "功能科目",
    "总体绩效目标": "总体绩效目标",
    "合计": "合计",
    **{label: label for label in SOURCE_LABELS},
}
INDICATOR_COLUMNS = ["项目名称", "一级指标", "二级指标", "三级指标", "计算符号", "指标值", "计量单位", "权重"]
INDICATOR_ALIASES = {name: name for name in INDICATOR_COLUMNS} | {"指标权重": "权重", "符号": "计算符号"}
OPERATORS = {op.value: op.value for op in Indicator.Operator} | {">=": "≥", "<=": "≤", "＞": ">", "＜": "<", "＝": "="}


def plan_projects(budget: Budget, text: str) -> Plan:
    defaults = ["单位", "类型", "项目名称", "功能科目", Source.GENERAL.label]
    columns, rows = read_columns(split_rows(text), defaults, PROJECT_ALIASES)
    plan = Plan("projects", columns, [cells for _, cells in rows])
    units = {u.code: u for u in budget.units.all()} | {u.name: u for u in budget.units.all()}
    codes = YearCodes(Scheme.FUNCTION, budget.year)
    position = Project.objects.filter(budget=budget).count()
    for number, cells in rows:
        named, name = cell(cells, columns, "单位"), cell(cells, columns, "项目名称")
        unit = units.get(named.split(" ")[0]) or units.get(named)
        if unit is None:
            plan.problem(number, "单位", named, "不是本预算的预算单位：填单位编码或名称")
        if not name:
            plan.problem(number, "项目名称", "", "项目名称不能为空")
        typed = cell(cells, columns, "功能科目")
        try:
            code = codes.resolve(typed)
        except ValidationError as error:
            plan.problem(number, "功能科目", typed, " ".join(error.messages))
            code = None
        fundings = {
            label: amount_in(plan, number, label, cell(cells, columns, label))
            for label in SOURCE_LABELS
            if label in columns
        }
        stated_total = amount_in(plan, number, "合计", cell(cells, columns, "合计"))
        total = sum((v for v in fundings.values() if v is not None), Decimal(0))
        if stated_total is not None and stated_total != total:
            plan.problem(number, "合计", f"{stated_total:,.2f}", f"≠ 本行各资金来源之和 {total:,.2f}")
        if unit is None or code is None or not name:
            continue
        position += 1
        children = [
            Write(ProjectFunding, {"source": SOURCE_LABELS[label]}, {"amount": value}, number, label, [], "project")
            for label, value in fundings.items()
            if value is not None
        ]
        values = {"kind": cell(cells, columns, "类型"), "function_code": code, "position": position}
        if "总体绩效目标" in columns:
            values["goal"] = cell(cells, columns, "总体绩效目标")
        exists = Project.objects.filter(budget=budget, unit=unit, name=name).exists()
        description = f"{'修改' if exists else '新增'}项目 {name}（{unit.name}，{code_label(code)}，{total:,.2f}）"
        plan.writes.append(
            Write(Project, {"budget": budget, "unit": unit, "name": name}, values, number, description, children)
        )
    return plan


def plan_indicators(budget: Budget, text: str, only: Project | None = None) -> Plan:
    """Indicators of the budget's projects named in the first column, or of `only` (then without that column)."""
    defaults = INDICATOR_COLUMNS if only is None else INDICATOR_COLUMNS[1:]
    columns, rows = read_columns(split_rows(text), defaults, INDICATOR_ALIASES)
    plan = Plan("indicators", columns, [cells for _, cells in rows])
    projects = {p.name: p for p in Project.objects.filter(budget=budget)}
    positions: dict[int, int] = {}
    for number, cells in rows:
        values = {name: cell(cells, columns, name) for name in INDICATOR_COLUMNS}
        if only is not None:
            values["项目名称"] = only.name
        project = projects.get(values["项目名称"])
        if project is None:
            plan.problem(number, "项目名称", values["项目名称"], "本预算没有这个项目：先录入或粘贴项目")
        if values["一级指标"] not in LEVEL1:
            plan.problem(number, "一级指标", values["一级指标"], "应为 " + "、".join(LEVEL1))
        if not is_level2(values["二级指标"]):
            plan.problem(number, "二级指标", values["二级指标"], "不是官方二级指标（如 数量指标、社会效益）")
        for required in ("三级指标", "指标值"):
            if not values[required]:
                plan.problem(number, required, "", "不能为空")
        operator = OPERATORS.get(values["计算符号"])
        if operator is None:
            plan.problem(number, "计算符号", values["计算符号"], "应为 ≥、≤、=、>、< 或 定性")
        try:
            share = weight(values["权重"])
        except CellError as error:
            plan.problem(number, "权重", values["权重"], str(error))
            continue
        if project is None or operator is None or not (values["三级指标"] and values["指标值"]):
            continue
        positions[project.pk] = positions.get(project.pk, 0) + 1
        fields = {
            "level1": values["一级指标"],
            "level2": values["二级指标"],
            "operator": operator,
            "value": values["指标值"],
            "measure_unit": values["计量单位"],
            "weight": share,
            "position": positions[project.pk],
        }
        exists = Indicator.objects.filter(project=project, name=values["三级指标"]).exists()
        description = f"{'修改' if exists else '新增'}指标 {project.name}：{values['三级指标']} {operator} {values['指标值']}{values['计量单位']}（权重 {share}）"
        plan.writes.append(
            Write(Indicator, {"project": project, "name": values["三级指标"]}, fields, number, description)
        )
    return plan
