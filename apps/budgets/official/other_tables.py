"""The tables listed by unit or project: 一般公共预算“三公”经费表, 项目支出表
and 项目绩效目标表."""

from .base import Column, OfficialTable, Row
from .sources import PERFORMANCE_SOURCES, PROJECT_COLUMNS, TableSources


def three_public(sources: TableSources) -> OfficialTable:
    budget = sources.budget
    vehicle = "公务用车购置及运行费用"
    columns = [
        Column("unit_name", "单位名称", kind="text", number="**"),
        Column("total", "“三公”经费合计", number="1"),
        Column("overseas", "因公出国（境）费用", number="2"),
        Column("vehicle", "小计", group=vehicle, number="3"),
        Column("vehicle_purchase", "公务用车购置费", group=vehicle, number="4"),
        Column("vehicle_running", "公务用车运行维护费", group=vehicle, number="5"),
        Column("reception", "公务接待费", number="6"),
    ]
    totals, by_unit = sources.three_public
    table = OfficialTable(
        "three-public",
        "一般公共预算“三公”经费表",
        f"{budget.year}年{budget.level_label}部门一般公共预算“三公”经费表",
        columns,
    )
    table.rows = [
        Row(cells={"unit_name": "合计", **totals}, is_total=True),
        Row(cells={"unit_name": budget.department.label, **totals}, level=1),
    ]
    if set(by_unit) - {None}:  # a document that lists 三公 by unit
        table.rows += [
            Row(cells={"unit_name": unit.name, **by_unit.get(unit.pk, {})}, level=2) for unit in budget.units.all()
        ]
    if budget.running_cost is not None:
        table.columns.append(Column("running_cost", "机关运行经费", number=str(len(columns) - 1)))
        table.rows[0].cells["running_cost"] = table.rows[1].cells["running_cost"] = budget.running_cost
    return table


def projects(sources: TableSources) -> OfficialTable:
    budget = sources.budget
    columns = [
        Column("kind", "类型", kind="text"),
        Column("name", "项目名称", kind="text"),
        Column("unit", "项目单位", kind="text"),
        Column("total", "合计"),
        *PROJECT_COLUMNS.values(),
    ]
    totals = sources.project_totals
    table = OfficialTable("projects", "项目支出表", f"{budget.year}年{budget.level_label}部门项目支出表", columns)
    table.rows = [Row(cells={"unit": "合计", **totals}, is_total=True)]
    for project in sources.projects:
        cells = {
            "kind": project.kind,
            "name": project.name,
            "unit": project.unit.name if project.unit_id else "",
            "total": project.total,
        }
        cells |= {column.key: getattr(project, key) for key, column in PROJECT_COLUMNS.items()}
        table.rows.append(Row(cells=cells, level=1))
    return table


def performance(sources: TableSources) -> OfficialTable:
    budget = sources.budget
    funds = "资金安排"
    columns = [
        Column("unit_code", "单位编码", kind="text"),
        Column("name", "单位名称(项目名称)", kind="text"),
        Column("total", "总计", group=funds),
        Column("general", "一般公共预算", group=funds),
        Column("gov_fund", "政府性基金", group=funds),
        Column("special_account", "专户资金", group=funds),
        Column("other", "其他资金", group=funds),
        Column("goal", "总体绩效目标", kind="text"),
        Column("level1", "一级指标", kind="text"),
        Column("level2", "二级指标", kind="text"),
        Column("indicator", "三级指标", kind="text"),
        Column("operator", "计算符号", kind="text"),
        Column("value", "指标值", kind="text"),
        Column("measure_unit", "计量单位", kind="text"),
        Column("weight", "指标权重", kind="number"),
    ]
    table = OfficialTable(
        "performance", "项目绩效目标表", f"{budget.year}年{budget.level_label}部门预算项目绩效目标表", columns
    )
    table.rows = [Row(cells={"unit_code": budget.department.code, "name": budget.department.label}, level=1)]
    unit = None
    for project in sources.projects:
        if project.unit != unit:
            unit = project.unit
            table.rows.append(Row(cells={"unit_code": unit.code, "name": unit.name}, level=2))
        first = {"name": project.name, "total": project.total, "goal": project.goal}
        first |= {key: getattr(project, key) for key in PERFORMANCE_SOURCES}
        indicators = project.indicators.all()
        table.rows.append(Row(cells=first | (indicator_cells(indicators[0]) if indicators else {}), level=3))
        table.rows.extend(Row(cells=indicator_cells(indicator), level=4) for indicator in indicators[1:])
    return table


def indicator_cells(indicator) -> dict:
    return {
        "level1": indicator.level1,
        "level2": indicator.level2,
        "indicator": indicator.name,
        "operator": indicator.operator,
        "value": indicator.value,
        "measure_unit": indicator.measure_unit,
        "weight": indicator.weight,
    }
