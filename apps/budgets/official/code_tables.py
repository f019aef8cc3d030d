"""The tables whose rows are a classification tree: 支出预算总表,
一般公共预算支出表, 一般公共预算基本支出表 and 政府性基金支出预算表."""

from apps.reference.models import Scheme

from .base import Column, OfficialTable, Row
from .sources import TableSources

# A column no line item carries (the roll-up has no such key): always blank, never 0.
NOT_HELD = "not_held"
CODE_COLUMNS = [
    Column("code", "科目编码", kind="text", number="**"),
    Column("name", "科目名称", kind="text", number="**"),
]


def function_table(
    sources: TableSources, slug: str, name: str, columns: list[Column], keys: dict[str, str], empty_note: str = ""
) -> OfficialTable:
    """A table of the function tree, its columns taken from the shared roll-up (`keys`: column → roll-up key)."""
    budget, rollup_ = sources.budget, sources.function
    table = OfficialTable(
        slug=slug,
        name=name,
        title=f"{budget.year}年{budget.level_label}部门{name}",
        columns=columns,
        code_scheme=Scheme.FUNCTION,
    )
    total = Row(
        cells={"name": "合计", **{key: rollup_.totals.get(source) for key, source in keys.items()}}, is_total=True
    )
    table.rows = [total, *rollup_.rows_for(keys, present=keys["total"])]
    if len(table.rows) == 1:
        table.empty_note = empty_note
    return table


def basic_columns(sources: TableSources, personnel: str, number: int) -> list[Column]:
    """基本支出's columns: 人员/公用 as the disclosure has them, or one 基本支出 column
    (未分人员、公用) for a budget whose document does not split it by function code."""
    if sources.function.holds_unsplit_basic:
        return [Column("basic_total", "基本支出（未分人员、公用）", number=str(number))]
    return [
        Column("personnel", personnel, group="基本支出", number=str(number)),
        Column("public", "公用经费", group="基本支出", number=str(number + 1)),
    ]


def expenditure(sources: TableSources) -> OfficialTable:
    columns = CODE_COLUMNS + [
        Column("total", "总计", number="1"),
        *basic_columns(sources, "人员支出", 2),
        Column("project", "项目支出", number="4"),
        Column("subsidy", "对附属单位补助支出", number="7"),
        Column("remittance", "上缴上级支出", number="8"),
        Column("business", "事业单位经营支出", number="9"),
    ]
    keys = {c.key: c.key for c in columns[2:]}
    return function_table(sources, "expenditure", "支出预算总表", columns, keys)


def general_public(sources: TableSources) -> OfficialTable:
    if sources.function.holds_unsplit_basic:
        return by_kind(sources, "general-public", "一般公共预算支出表", "general")
    columns = CODE_COLUMNS + [
        Column("total", "合计", number="1"),
        Column("basic", "小计", group="基本支出", number="2"),
        Column("personnel", "人员经费", group="基本支出", number="3"),
        Column("public", "公用经费", group="基本支出", number="4"),
        Column("project", "项目支出", number="5"),
    ]
    keys = {c.key: f"general_{c.key}" for c in columns[2:]}
    return function_table(sources, "general-public", "一般公共预算支出表", columns, keys)


def by_kind(sources: TableSources, slug: str, name: str, prefix: str, empty_note: str = "") -> OfficialTable:
    """A function-code table with 合计 / 基本支出 / 项目支出 only, as templates that
    split 基本支出 into 人员/公用 only by economic code print it."""
    columns = CODE_COLUMNS + [
        Column("total", "合计", number="1"),
        Column("basic", "基本支出", number="2"),
        Column("project", "项目支出", number="3"),
    ]
    keys = (
        {c.key: f"{prefix}_{c.key}" for c in columns[2:]}
        if prefix
        else {"total": "tree_total", "basic": "basic_total", "project": "project"}
    )
    return function_table(sources, slug, name, columns, keys, empty_note)


def income(sources: TableSources) -> OfficialTable:
    """收入预算总表 by function code: what the lines' sources say of where the money comes from;
    事业收入 and the other non-fiscal revenues are not held by function code, so they stay blank."""
    columns = CODE_COLUMNS + [
        Column("total", "合计", number="1"),
        Column("fiscal", "财政拨款收入", number="2"),
        Column("operations", "事业收入", number="3"),
        Column("business", "事业单位经营收入", number="4"),
        Column("other", "其他收入", number="5"),
    ]
    keys = {
        "total": "tree_total",
        "fiscal": "fiscal_total",
        "operations": NOT_HELD,
        "business": NOT_HELD,
        "other": NOT_HELD,
    }
    return function_table(sources, "income", "收入预算总表", columns, keys)


def expenditure_by_kind(sources: TableSources) -> OfficialTable:
    return by_kind(sources, "expenditure", "支出预算总表", "")


def state_capital(sources: TableSources) -> OfficialTable:
    note = f"{sources.budget.department.name}没有国有资本经营预算拨款安排的支出，故本表无数据。"
    return by_kind(sources, "state-capital", "国有资本经营预算支出预算表", "capital", note)


def general_public_basic(sources: TableSources) -> OfficialTable:
    budget = sources.budget
    group, basic = "经济分类科目", "一般公共预算基本支出"
    columns = [
        Column("code", "科目编码", group=group, kind="text", number="**"),
        Column("name", "科目名称", group=group, kind="text", number="**"),
        Column("total", "合计", group=basic, number="1"),
        Column("personnel", "人员经费", group=basic, number="2"),
        Column("public", "公用经费", group=basic, number="3"),
    ]
    table = OfficialTable(
        "general-public-basic",
        "一般公共预算基本支出表",
        f"{budget.year}年{budget.level_label}部门一般公共预算基本支出表",
        columns,
        code_scheme=Scheme.ECONOMIC,
    )
    keys = {"total": "general_total", "personnel": "general_personnel", "public": "general_public"}
    figures = {code: {key: row[measure] for key, measure in keys.items()} for code, row in sources.economic.items()}
    whole = figures.pop("", dict.fromkeys(keys))
    levels = {code: row for code, row in figures.items() if row["total"] is not None}
    table.rows = [Row(cells={"name": "合计", **whole}, is_total=True), *sources.tree_rows(levels, Scheme.ECONOMIC)]
    return table


def government_fund(sources: TableSources) -> OfficialTable:
    columns = CODE_COLUMNS + [
        Column("total", "合计", number="1"),
        Column("basic", "基本支出", number="2"),
        Column("project", "项目支出", number="3"),
    ]
    keys = {c.key: f"fund_{c.key}" for c in columns[2:]}
    note = f"{sources.budget.department.name}没有政府性基金预算拨款安排的支出，故本表无数据。"
    return function_table(sources, "government-fund", "政府性基金支出预算表", columns, keys, note)
