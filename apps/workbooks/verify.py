"""The official sheets of an imported workbook must agree, cell for cell, with
the tables computed from its 明细: a stated subtotal or total that is not the
sum of its parts is reported where it stands."""

from decimal import Decimal, InvalidOperation

from apps.budgets.amounts import AmountUnit
from apps.budgets.models import Budget
from apps.budgets.official import OfficialTable, build_all

from .problems import Problem


def first_data_row(table: OfficialTable) -> int:
    """Title, 部门名称 and 单位 rows, the header rows, then the column-number row if any."""
    return 3 + len(table.header_rows) + (1 if any(c.number for c in table.columns) else 0)


def is_blank(row: tuple) -> bool:
    return not any(v is not None and str(v).strip() for v in row)


def same(expected, actual, kind: str) -> bool:
    if expected is None or expected == "":
        return actual is None or str(actual).strip() == ""
    if kind == "text":
        return str(actual or "").strip() == str(expected)
    try:
        return Decimal(str(actual).replace(",", "")) == expected
    except InvalidOperation:
        return False


def shown(value, kind: str) -> str:
    if value is None:
        return "空白"
    return f"{value:,.2f}" if kind == "money" else str(value)


def verify_sheet(table: OfficialTable, rows: list[tuple]) -> list[Problem]:
    unit = AmountUnit.WAN if len(rows) > 2 and "万元" in str(rows[2][0] or "") else AmountUnit.YUAN
    start = first_data_row(table)
    stated = [
        (number, row)
        for number, row in enumerate(rows[start:], start=start + 1)
        if not is_blank(row) and not (table.empty_note and row[0] == table.empty_note)
    ]
    problems = []
    for computed, (number, row) in zip(table.rows, stated):
        row = tuple(row) + (None,) * len(table.columns)
        for col, column in enumerate(table.columns):
            expected = computed.cells.get(column.key)
            if column.kind == "money" and expected is not None:
                expected = unit.convert(expected)
            if not same(expected, row[col], column.kind):
                problems.append(
                    Problem(
                        table.name,
                        number,
                        column.label,
                        row[col],
                        f"与明细不符：按明细计算应为 {shown(expected, column.kind)}",
                    )
                )
    if len(stated) != len(table.rows):
        problems.append(
            Problem(table.name, None, "", None, f"有 {len(stated)} 行数据，按明细应为 {len(table.rows)} 行")
        )
    return problems


MISSING_TABLE = "缺少这张公开表：工作簿含公开表时九张须齐全（只含基本信息和明细表的工作簿也可导入）"


def verify_official_sheets(budget: Budget, official: dict[str, list[tuple]]) -> list[Problem]:
    """The official tables are all there or none is (a workbook of 基本信息 and the 明细 alone is
    data enough; one that carries some tables but not all has lost one). Those present are checked
    cell for cell; sheets of other names are ignored."""
    tables = build_all(budget)
    present = [table for table in tables if table.name in official]
    if present and len(present) < len(tables):
        return [Problem(table.name, None, "", None, MISSING_TABLE) for table in tables if table.name not in official]
    return [problem for table in present for problem in verify_sheet(table, official[table.name])]
