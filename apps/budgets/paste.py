"""Rows pasted from a spreadsheet (tab-separated) into a section of the workspace.

Each section reads its columns (by a header row when there is one, else in the
default order), checks every cell (codes in the budget's year, names matching
their code, amounts Decimal ≥ 0 to the cent, subtotal rows equal to their
parts) and plans the writes. Nothing is written until the plan is confirmed
and has no problem; then it is written in one transaction (see apply_plan)."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from .cells import CellError, money
from .code_fields import YearCodes, code_label
from .models import (
    Budget,
    EconomicLine,
    FunctionLine,
    Nature,
    RevenueLine,
    RevenueSource,
    ThreePublicCategory,
    ThreePublicLine,
)

BLANKS = {"", "-", "—", "－"}
# section → (title, workspace anchor, the columns it reads)
PASTE_SECTIONS = {
    "function": (
        "支出（功能分类）",
        "function",
        "编码、名称、人员经费、公用经费、项目支出（可带表头；类、款小计行和合计行只核对不另存）",
    ),
    "economic": ("基本支出（经济分类）", "economic", "编码、名称、人员经费、公用经费（可带表头；类小计行只核对）"),
    "three_public": (
        "“三公”经费",
        "three-public",
        "单位、因公出国（境）费用、公务用车购置费、公务用车运行维护费、公务接待费",
    ),
    "revenue": ("收入", "revenue", "收入来源、金额，如“一般公共预算拨款收入	1234.56”"),
    "projects": ("项目", "projects", "单位、类型、项目名称、功能科目、一般公共预算（其他资金来源按表头列出）"),
    "indicators": ("绩效指标", "projects", "项目名称、一级指标、二级指标、三级指标、计算符号、指标值、计量单位、权重"),
}
NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|\d+[.、．]\s*)")


@dataclass
class Problem:
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"第 {self.row} 行“{self.column}”列（{self.value}）：{self.message}"


@dataclass
class Write:
    """Create or update one row: found by `lookup`, given `values`; `children` are written
    with the row as their parent (a project's fundings)."""

    model: type
    lookup: dict
    values: dict
    row: int
    description: str
    children: list["Write"] = field(default_factory=list)
    parent_field: str = ""


@dataclass
class Plan:
    section: str
    header: list[str]
    rows: list[list[str]]
    writes: list[Write] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, row: int, column: str, value: str, message: str) -> None:
        self.problems.append(Problem(row, column, value, message))


def split_rows(text: str) -> list[tuple[int, list[str]]]:
    """(row number as pasted, cells) of every non-blank row."""
    return [
        (number, [cell.strip() for cell in line.split("\t")])
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]


def read_columns(rows, defaults: list[str], aliases: dict[str, str]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The column names (from a header row naming known columns, else the defaults) and the data rows."""
    if rows:
        first = [aliases.get(cell.replace(" ", ""), "") for cell in rows[0][1]]
        if sum(1 for name in first if name) >= 2:
            return first, rows[1:]
    return defaults, rows


def cell(cells: list[str], columns: list[str], name: str) -> str:
    return cells[columns.index(name)] if name in columns and columns.index(name) < len(cells) else ""


def amount_in(plan: Plan, row: int, column: str, value: str) -> Decimal | None:
    if value.strip() in BLANKS:
        return None
    try:
        return money(value)
    except CellError as error:
        plan.problem(row, column, value, f"{error}")
        return None


def upsert(model, lookup: dict, values: dict, row: int, description: str) -> Write:
    existing = model.objects.filter(**lookup).values_list("amount", flat=True).first()
    if existing is not None:
        description += f"（修改：原 {existing:,.2f}）"
    return Write(model, lookup, values, row, ("修改 " if existing is not None else "新增 ") + description)


# --- function and economic lines: code, name, amounts by nature column --------------------------------------

CODED = {
    "function": (FunctionLine, "function", ["编码", "名称", "人员经费", "公用经费", "项目支出"]),
    "economic": (EconomicLine, "economic", ["编码", "名称", "人员经费", "公用经费"]),
}
CODED_ALIASES = {
    "科目编码": "编码",
    "功能分类科目编码": "编码",
    "经济分类科目编码": "编码",
    "编码": "编码",
    "科目名称": "名称",
    "名称": "名称",
    "合计": "合计",
    "基本支出": "基本支出",
    "人员经费": "人员经费",
    "人员支出": "人员经费",
    "公用经费": "公用经费",
    "项目支出": "项目支出",
}
NATURE_COLUMNS = {"人员经费": Nature.PERSONNEL, "公用经费": Nature.PUBLIC, "项目支出": Nature.PROJECT}


def plan_coded(budget: Budget, section: str, text: str, source: str, unit) -> Plan:
    model, scheme, defaults = CODED[section]
    columns, rows = read_columns(split_rows(text), defaults, CODED_ALIASES)
    plan = Plan(section, columns, [cells for _, cells in rows])
    codes = YearCodes(scheme, budget.year)
    natures = [name for name in NATURE_COLUMNS if name in columns and (section == "function" or name != "项目支出")]
    leaf_sums: dict[str, dict[str, Decimal]] = {}
    stated: list[tuple[int, str, dict[str, Decimal]]] = []  # subtotal and 合计 rows, proved after all rows
    for number, cells in rows:
        typed, name = cell(cells, columns, "编码").replace(" ", ""), cell(cells, columns, "名称")
        amounts = {
            column: amount_in(plan, number, column, cell(cells, columns, column))
            for column in columns
            if column in (*natures, "合计", "基本支出")
        }
        figures = {k: v for k, v in amounts.items() if v is not None}
        if not typed and name.replace(" ", "") in ("合计", "总计"):
            stated.append((number, "", figures))
            continue
        try:
            code = codes.resolve(typed, leaf=False)
        except Exception as error:  # a ValidationError with the reason
            plan.problem(number, "编码", typed, " ".join(getattr(error, "messages", [str(error)])))
            continue
        if name and name.replace(" ", "") != code.name.replace(" ", ""):
            plan.problem(number, "名称", name, f"与科目 {code.code} 在{budget.year}年的名称“{code.name}”不符")
        if not codes.is_leaf(code.code):
            stated.append((number, code.code, figures))
            continue
        basic = sum((amounts.get(n) or Decimal(0) for n in ("人员经费", "公用经费")), Decimal(0))
        for column in natures:
            if amounts.get(column) is None:
                continue
            nature = NATURE_COLUMNS[column]
            lookup = {"budget": budget, "code": code, "nature": nature, "source": source, "unit": unit}
            plan.writes.append(
                upsert(
                    model,
                    lookup,
                    {"amount": amounts[column]},
                    number,
                    f"{code_label(code)} {column} {amounts[column]:,.2f}",
                )
            )
        sums = {n: amounts.get(n) or Decimal(0) for n in natures}
        sums["基本支出"] = basic
        sums["合计"] = sum((amounts.get(n) or Decimal(0) for n in natures), Decimal(0))
        leaf_sums[code.code] = sums
        prove_row(plan, number, figures, sums)
    for number, prefix, figures in stated:
        parts = [sums for code, sums in leaf_sums.items() if code.startswith(prefix)]
        totals = {k: sum((p.get(k, Decimal(0)) for p in parts), Decimal(0)) for k in figures}
        prove_row(plan, number, figures, totals, subtotal=f"科目 {prefix} 下各行" if prefix else "各末级科目行")
        plan.notes.append(f"第 {number} 行是{'合计' if not prefix else '小计'}行：已与明细核对，不另存。")
    return plan


def prove_row(plan: Plan, number: int, stated: dict, computed: dict, subtotal: str = "") -> None:
    for column, value in stated.items():
        if column in computed and value != computed[column]:
            whose = f"{subtotal}之和" if subtotal else "本行各列之和"
            plan.problem(number, column, f"{value:,.2f}", f"≠ {whose} {computed[column]:,.2f}")


# --- revenue and 三公 ---------------------------------------------------------------------------------------


def plan_revenue(budget: Budget, text: str, unit) -> Plan:
    columns, rows = read_columns(
        split_rows(text), ["收入来源", "金额"], {"收入来源": "收入来源", "项目": "收入来源", "金额": "金额"}
    )
    plan = Plan("revenue", columns, [cells for _, cells in rows])
    labels = {label.replace("（", "(").replace("）", ")"): value for value, label in RevenueSource.choices}
    for number, cells in rows:
        label, value = cell(cells, columns, "收入来源"), cell(cells, columns, "金额")
        source = labels.get(NUMBERING.sub("", label).replace("（", "(").replace("）", ")"))
        if source is None:
            plan.problem(number, "收入来源", label, "不是收入来源：应为 " + "、".join(RevenueSource.labels))
            continue
        amount = amount_in(plan, number, "金额", value)
        if amount is not None:
            lookup = {"budget": budget, "source": source, "unit": unit}
            plan.writes.append(upsert(RevenueLine, lookup, {"amount": amount}, number, f"{label} {amount:,.2f}"))
    return plan


def plan_three_public(budget: Budget, text: str) -> Plan:
    categories = [label for label in ThreePublicCategory.labels]
    aliases = {"单位": "单位", "单位名称": "单位", "单位编码": "单位", "合计": "合计", **{c: c for c in categories}}
    columns, rows = read_columns(split_rows(text), ["单位", *categories], aliases)
    plan = Plan("three_public", columns, [cells for _, cells in rows])
    units = {u.code: u for u in budget.units.all()} | {u.name: u for u in budget.units.all()}
    for number, cells in rows:
        named = cell(cells, columns, "单位")
        unit = units.get(named.split(" ")[0]) or units.get(named)
        if unit is None:
            plan.problem(number, "单位", named, "不是本预算的预算单位：填单位编码或名称")
            continue
        amounts = {c: amount_in(plan, number, c, cell(cells, columns, c)) for c in (*categories, "合计")}
        parts = sum((amounts[c] or Decimal(0) for c in categories), Decimal(0))
        if amounts["合计"] is not None:
            prove_row(plan, number, {"合计": amounts["合计"]}, {"合计": parts})
        for category in ThreePublicCategory:
            if amounts[category.label] is not None:
                lookup = {"budget": budget, "unit": unit, "category": category}
                value = {"amount": amounts[category.label]}
                plan.writes.append(upsert(ThreePublicLine, lookup, value, number, f"{unit.name} {category.label}"))
    return plan


@transaction.atomic
def apply_plan(plan: Plan) -> int:
    """Write a checked plan, all or nothing; each row saved on its own so its history is kept."""
    if plan.problems:
        raise ValueError("有问题的粘贴不能写入")
    for write in plan.writes:
        save_write(write, {})
    return len(plan.writes)


def save_write(write: Write, parent: dict):
    lookup = {**write.lookup, **parent}
    obj = write.model.objects.filter(**lookup).first() or write.model(**lookup)
    for name, value in write.values.items():
        setattr(obj, name, value)
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()
    for child in write.children:
        save_write(child, {child.parent_field: obj})
    return obj
