"""The two-sided tables, 收支预算总表 and 财政拨款收支预算总表: each row split
into its revenue side (a revenue source, a carry-over or a total) and its
expenditure side (a function name located in the year's tree, or one of the
lines below the tree), then both sides proved: totals = Σ items, 类 = Σ款,
收入总计 = 支出总计. The same reading of labels serves the computed tables, so
that the proof compares like with like."""

from dataclasses import dataclass, field
from decimal import Decimal

from apps.budgets.models import RevenueSource as R
from apps.budgets.official import OfficialTable
from apps.ingest import catalogue
from apps.ingest.grid import Grid, grid_of, parse, positional_leaves, split_tokens
from apps.ingest.numbers import code as as_code
from apps.ingest.numbers import is_amount, is_blank_mark, label
from apps.ingest.report import Report
from apps.ingest.sources.text import SourceLine
from apps.ingest.tables import RawTable
from apps.ingest.trees import Tree

ZERO = Decimal(0)
CURRENT = {
    R.GENERAL: ("一般公共预算拨款收入", "一般公共预算拨款", "一般公共预算收入", "一般公共预算", "一般公共预算资金"),
    R.GOV_FUND: (
        "政府性基金预算拨款收入",
        "政府性基金预算拨款",
        "政府性基金收入",
        "政府性基金预算",
        "政府性基金",
        "政府性基金预算资金",
    ),
    R.STATE_CAPITAL: (
        "国有资本经营预算拨款收入",
        "国有资本经营预算拨款",
        "国有资本经营预算收入",
        "国有资本经营预算",
        "国有资本经营预算资金",
    ),
    R.SPECIAL_ACCOUNT: ("专户资金", "财政专户管理资金", "财政专户管理资金收入", "专户资金收入"),
    R.OPERATIONS: ("事业收入(不含专户资金)", "事业收入"),
    R.BUSINESS: ("事业单位经营收入",),
    R.HIGHER_SUBSIDY: ("上级补助预算收入", "上级补助收入"),
    R.AFFILIATE: ("附属单位上缴预算收入", "附属单位上缴收入"),
    R.OTHER: ("其他收入",),
    R.PRIOR_BALANCES: ("动用历年结转结余", "使用非财政拨款结余", "用事业基金弥补收支差额"),
}
CARRIED = {
    R.CARRYOVER_GENERAL: ("一般公共预算结转", "一般公共预算拨款", "一般公共预算"),
    R.CARRYOVER_GOV_FUND: ("政府性基金结转", "政府性基金预算结转", "政府性基金预算拨款", "政府性基金预算"),
    R.CARRYOVER_STATE_CAPITAL: ("国有资本经营预算结转", "国有资本经营预算拨款", "国有资本经营预算"),
    R.CARRYOVER_SPECIAL_ACCOUNT: ("财政专户结转", "专户资金结转"),
    R.CARRYOVER_UNIT: ("单位资金", "单位资金结转"),
}
LEFT_TOTALS = {
    "current_total": ("本年收入合计", "本年收入", "收入合计"),
    "fiscal_total": ("财政拨款收入", "财政拨款"),
    "grand_total": ("收入总计",),
    "carryover_total": ("上年结转", "上年结转结余"),
}
RIGHT_LINES = {
    "exp_current": ("本年支出合计", "本年支出"),
    "exp_grand": ("支出合计", "支出总计"),
    "basic": ("基本支出",),
    "project": ("项目支出",),
    "business": ("事业单位经营支出",),
    "subsidy": ("对附属单位补助支出",),
    "remittance": ("上缴上级支出",),
    "carry_forward": ("结转下年", "年终结转结余", "结转下年资金"),
}
FISCAL_CURRENT = (R.GENERAL, R.GOV_FUND, R.STATE_CAPITAL)
ALL_CURRENT = tuple(s for s in CURRENT if s != R.PRIOR_BALANCES)


def lookup(table: dict, text: str) -> str | None:
    wanted = label(text)
    return next((key for key, names in table.items() if wanted in {label(n) for n in names}), None)


@dataclass
class Item:
    key: str  # a RevenueSource, a total's name, a function code or a line below the tree
    amount: Decimal | None
    line: SourceLine | None


@dataclass
class Balance:
    raw: RawTable | None
    fiscal: bool
    left: dict[str, Item] = field(default_factory=dict)
    right: dict[str, Item] = field(default_factory=dict)
    grid: Grid | None = None  # the table's columns and unit, for rounding

    def amount(self, side: str, key: str) -> Decimal:
        item = getattr(self, side).get(key)
        return (item.amount or ZERO) if item else ZERO

    @property
    def revenue(self) -> dict[str, Decimal]:
        return {k: i.amount for k, i in self.left.items() if k in R.values and i.amount}


class SideReader:
    """Reads labels in order: after 上年结转, a source's name means its carry-over."""

    def __init__(self, balance: Balance, tree: Tree):
        self.balance, self.tree = balance, tree
        self.carried = False
        self.open: list[str] = []

    def left(self, text: str, value: Decimal | None, line: SourceLine | None) -> str | None:
        key = lookup(LEFT_TOTALS, text)
        if key == "carryover_total":
            self.carried = True
        elif key is None:
            key = lookup(CARRIED, text) if self.carried or "结转" in label(text) else None
            key = key or lookup(CURRENT, text)
        if key:
            self.balance.left[key] = Item(key, value, line)
        return key

    def right(self, text: str, value: Decimal | None, line: SourceLine | None) -> str | None:
        key = lookup(RIGHT_LINES, text)
        if key is None:
            given = as_code(text.split()[0]) if text.split() else None
            name = " ".join(text.split()[1:]) if given else text
            key = given or self.tree.locate(name, self.open)
            if key:
                self.open = [c for c in self.open if len(c) < len(key)] + [key]
        if key:
            self.balance.right[key] = Item(key, value, line)
        return key


def read_balance(raw: RawTable, tree: Tree, report: Report) -> Balance:
    grid = grid_of(raw)
    balance = Balance(raw, raw.kind is catalogue.FISCAL_SUMMARY, grid=grid)
    reader = SideReader(balance, tree)
    positions = side_positions(raw)
    for line in raw.rows:
        for side, text, printed in sides(line, positions):
            value = parse(grid, line, side, printed) if printed else None
            key = getattr(reader, side)(text, value, line) if text else None
            if text and key is None:
                report.problem(
                    raw.title,
                    line,
                    "收入项目" if side == "left" else "支出项目",
                    text,
                    "无法识别：不是已知的收入项目，也不是当年支出功能分类中的科目名称",
                )
    for cell in grid.problems:
        report.problem(raw.title, cell.line, cell.column, cell.value, cell.message)
    prove_balance(balance, grid, report)
    return balance


def side_positions(raw: RawTable) -> tuple[int, int, int, int] | None:
    """Where 收入·项目, 收入·金额, 支出·项目, 支出·金额 stand, when the header kept its cells."""
    if not raw.header or not all(line.positional for line in raw.header):
        return None
    leaves = positional_leaves([line.cells for line in raw.header])
    left = [i for i, (_, group) in enumerate(leaves) if "收入" in group]
    right = [i for i, (_, group) in enumerate(leaves) if "支出" in group]
    if len(left) < 2 or len(right) < 2:
        return None
    return left[0], left[1], right[0], right[1]


def sides(line: SourceLine, positions: tuple[int, int, int, int] | None) -> list[tuple[str, str, str]]:
    """(side, label, printed figure) for the row's revenue and expenditure halves."""
    if positions and line.positional:
        cells = list(line.cells) + [""] * 8
        li, la, ri, ra = positions
        return [("left", cells[li], cells[la]), ("right", cells[ri], cells[ra])]
    found: list[tuple[str, str, str]] = []
    for token in split_tokens(line):
        if is_amount(token) or is_blank_mark(token):
            if found and not found[-1][2]:
                side, text, _ = found[-1]
                found[-1] = (side, text, "" if is_blank_mark(token) else token)
            continue
        found.append(("right" if found or lookup_any_left(token) is None else "left", token, ""))
    return found


def lookup_any_left(text: str) -> str | None:
    return lookup(LEFT_TOTALS, text) or lookup(CARRIED, text) or lookup(CURRENT, text)


def prove_balance(balance: Balance, grid: Grid, report: Report) -> None:
    title = balance.raw.title
    tolerance = grid.tolerance

    def check(side: str, key: str, parts: list[str], text: str) -> None:
        item = getattr(balance, side).get(key)
        if item is not None:
            summed = sum((balance.amount(side, p) for p in parts), ZERO)
            report.check(title, item.line, text, item.amount or ZERO, summed, tolerance(len(parts) + 1))

    current = FISCAL_CURRENT if balance.fiscal else ALL_CURRENT
    check("left", "current_total", list(current), "本年收入 = 各项收入之和")
    check("left", "fiscal_total", list(FISCAL_CURRENT), "财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营预算")
    carried = [k for k in CARRIED if not balance.fiscal or k != R.CARRYOVER_SPECIAL_ACCOUNT]
    check("left", "carryover_total", carried, "上年结转 = 各项结转之和")
    # A template without a 本年收入 line (上海) sums its sources straight into 收入总计.
    this_year = ["current_total"] if "current_total" in balance.left else list(current)
    check(
        "left",
        "grand_total",
        [*this_year, R.PRIOR_BALANCES, "carryover_total"],
        "收入总计 = 本年收入 + 动用结余 + 上年结转",
    )
    codes = [k for k in balance.right if k.isdigit()]
    for parent in codes:
        children = [c for c in codes if len(c) == len(parent) + 2 and c.startswith(parent)]
        if children:
            check("right", parent, children, f"{parent} = Σ下级科目（{len(children)} 行）")
    classes = [c for c in codes if len(c) == 3]
    if codes:
        check("right", "exp_current", classes, "本年支出 = Σ类")
    else:  # a template that lists the expenditure side by nature instead of by function
        check("right", "exp_current", ["basic", "project", "business"], "本年支出 = 基本支出 + 项目支出 + 经营支出")
    spent = ["exp_current"] if "exp_current" in balance.right else classes or ["basic", "project", "business"]
    check(
        "right",
        "exp_grand",
        [*spent, "subsidy", "remittance", "carry_forward"],
        "支出总计 = 本年支出 + 补助 + 上缴 + 结转下年",
    )
    if "grand_total" in balance.left and "exp_grand" in balance.right:
        item = balance.left["grand_total"]
        report.check(
            title,
            item.line,
            "收入总计 = 支出总计",
            item.amount or ZERO,
            balance.amount("right", "exp_grand"),
            tolerance(2),
        )


def computed_balance(table: OfficialTable, fiscal: bool, tree: Tree) -> Balance:
    """The same reading applied to a computed official table, for the proof."""
    balance = Balance(None, fiscal)
    reader = SideReader(balance, tree)
    for row in table.rows:
        cells = row.cells
        if cells.get("rev_item"):
            reader.left(cells["rev_item"], cells.get("rev_amount"), None)
        if row.code:
            balance.right[row.code] = Item(row.code, cells.get("exp_amount"), None)
        elif cells.get("exp_item"):
            reader.right(cells["exp_item"], cells.get("exp_amount"), None)
    return balance
