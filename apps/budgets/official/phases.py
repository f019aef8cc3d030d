"""The tables' names in a 决算 or a 调整预算: the same tables, named as those
disclosures name them (收入支出决算总表, 预算数 → 决算数 …). A 预算 keeps its names."""

from dataclasses import replace

from apps.budgets.models import Phase

from .base import OfficialTable

NAMES = {
    Phase.FINAL: {
        "summary": "收入支出决算总表",
        "expenditure": "支出决算表",
        "fiscal-summary": "财政拨款收入支出决算总表",
        "general-public": "一般公共预算财政拨款支出决算表",
        "general-public-basic": "一般公共预算财政拨款基本支出决算表",
        "three-public": "一般公共预算财政拨款“三公”经费支出决算表",
        "government-fund": "政府性基金预算财政拨款支出决算表",
        "projects": "项目支出决算表",
        "performance": "项目绩效目标表",
    },
    Phase.ADJUSTED: {
        "summary": "收支调整预算总表",
        "expenditure": "支出调整预算总表",
        "fiscal-summary": "财政拨款收支调整预算总表",
        "general-public": "一般公共预算支出调整预算表",
        "general-public-basic": "一般公共预算基本支出调整预算表",
        "three-public": "一般公共预算“三公”经费调整预算表",
        "government-fund": "政府性基金支出调整预算表",
        "projects": "项目支出调整预算表",
        "performance": "项目绩效目标表",
    },
}
# What a column of amounts is called: 预算数 in a 预算.
AMOUNT_WORDS = {Phase.FINAL: "决算数", Phase.ADJUSTED: "调整预算数"}
TITLE_WORDS = {Phase.FINAL: "部门决算", Phase.ADJUSTED: "部门调整预算"}


def named_for_phase(table: OfficialTable, phase: str) -> OfficialTable:
    """The table with its name, title and amount columns in the phase's words."""
    if phase not in NAMES or table.slug not in NAMES[phase]:
        return table
    name = NAMES[phase][table.slug]
    title = table.title.replace(table.name, name).replace("部门预算", TITLE_WORDS[phase])
    columns = [
        replace(column, label=AMOUNT_WORDS[phase]) if column.label == "预算数" else column for column in table.columns
    ]
    return replace(table, name=name, title=title, columns=columns)
