"""The two-sided tables: 收支预算总表 and 财政拨款收支预算总表, revenue on the
left, expenditure (the function tree by name) on the right."""

from decimal import Decimal
from itertools import zip_longest

from apps.budgets.models import Nature
from apps.budgets.models import RevenueSource as R
from apps.reference.models import Scheme

from .base import Column, OfficialTable, Row
from .sources import TableSources

COLUMNS = [
    Column("rev_item", "项目", group="收入", kind="text"),
    Column("rev_amount", "预算数", group="收入"),
    Column("exp_item", "项目", group="支出", kind="text"),
    Column("exp_amount", "预算数", group="支出"),
]
CURRENT_REVENUE = [
    ("一、一般公共预算拨款收入", R.GENERAL),
    ("二、政府性基金预算拨款收入", R.GOV_FUND),
    ("国有资本经营预算拨款收入", R.STATE_CAPITAL),  # shown only when there is some
    ("三、专户资金", R.SPECIAL_ACCOUNT),
    ("四、事业收入(不含专户资金)", R.OPERATIONS),
    ("五、事业单位经营收入", R.BUSINESS),
    ("六、上级补助预算收入", R.HIGHER_SUBSIDY),
    ("七、附属单位上缴预算收入", R.AFFILIATE),
    ("八、其他收入", R.OTHER),
]
CARRYOVER = [
    R.CARRYOVER_GENERAL,
    R.CARRYOVER_GOV_FUND,
    R.CARRYOVER_STATE_CAPITAL,
    R.CARRYOVER_SPECIAL_ACCOUNT,
    R.CARRYOVER_UNIT,
]
FISCAL_CURRENT = [R.GENERAL, R.GOV_FUND, R.STATE_CAPITAL]
FISCAL_CARRYOVER = [R.CARRYOVER_GENERAL, R.CARRYOVER_GOV_FUND, R.CARRYOVER_STATE_CAPITAL]
ZERO = Decimal("0")


def sum_of(revenue: dict[str, Decimal], sources) -> Decimal | None:
    amounts = [revenue[s] for s in sources if s in revenue]
    return sum(amounts, ZERO) if amounts else None


def side(label: str, amount=None, row: Row | None = None) -> tuple[str, object, Row | None]:
    return (label, amount, row)


def expenditure_side(sources: TableSources, key: str) -> list[tuple]:
    """The function tree by name, with the roll-up's `key` as its amount."""
    return [
        side(r.cells["name"], r.cells["amount"], r) for r in sources.function.rows_for({"amount": key}, present=key)
    ]


def pair_rows(left: list[tuple], right: list[tuple]) -> list[Row]:
    rows = []
    for (rev_item, rev_amount, _), (exp_item, exp_amount, tree_row) in zip_longest(left, right, fillvalue=side("")):
        cells = {"rev_item": rev_item, "rev_amount": rev_amount, "exp_item": exp_item, "exp_amount": exp_amount}
        rows.append(Row(cells=cells, code=tree_row.code if tree_row else "", level=tree_row.level if tree_row else 0))
    return rows


def total_pair(rev_label: str, rev_amount, exp_label: str, exp_amount) -> Row:
    return Row(
        cells={"rev_item": rev_label, "rev_amount": rev_amount, "exp_item": exp_label, "exp_amount": exp_amount},
        is_total=True,
    )


def summary(sources: TableSources) -> OfficialTable:
    budget, revenue, totals = sources.budget, sources.revenue, sources.function.totals
    current_sources = [source for _, source in CURRENT_REVENUE]
    left = [side(label, revenue.get(s)) for label, s in CURRENT_REVENUE if s != R.STATE_CAPITAL or s in revenue]
    left_below = [
        side("九、动用历年结转结余", revenue.get(R.PRIOR_BALANCES)),
        side("十、上年结转", sum_of(revenue, CARRYOVER)),
        side("其中:一般公共预算结转", revenue.get(R.CARRYOVER_GENERAL)),
        side("政府性基金结转", revenue.get(R.CARRYOVER_GOV_FUND)),
        side("财政专户结转", revenue.get(R.CARRYOVER_SPECIAL_ACCOUNT)),
        side("单位资金", revenue.get(R.CARRYOVER_UNIT)),
    ]
    right_below = [
        side(""),
        side("对附属单位补助支出", totals[Nature.SUBSIDY]),
        side("上缴上级支出", totals[Nature.REMITTANCE]),
        side(""),
        side("结转下年", budget.carry_forward or None),
        side(""),
    ]
    table = OfficialTable(
        "summary",
        "收支预算总表",
        f"{budget.year}年{budget.level_label}部门收支预算总表",
        COLUMNS,
        code_scheme=Scheme.FUNCTION,
    )
    table.rows = [
        *pair_rows(left, expenditure_side(sources, "tree_total")),
        total_pair("本年收入合计", sum_of(revenue, current_sources), "本年支出合计", totals["tree_total"]),
        *pair_rows(left_below, right_below),
        total_pair("收入总计", sum_of(revenue, list(R)), "支出合计", (totals["total"] or ZERO) + budget.carry_forward),
    ]
    return table


def fiscal_summary(sources: TableSources) -> OfficialTable:
    budget, revenue = sources.budget, sources.revenue
    spent = sources.function.totals["fiscal_total"]
    left = [
        side("一、本年收入", sum_of(revenue, FISCAL_CURRENT)),
        side("(一) 一般公共预算拨款", revenue.get(R.GENERAL)),
        side("(二) 政府性基金预算拨款", revenue.get(R.GOV_FUND)),
        side("(三) 国有资本经营预算拨款", revenue.get(R.STATE_CAPITAL)),
        side("二、上年结转", sum_of(revenue, FISCAL_CARRYOVER)),
        side("(一) 一般公共预算拨款", revenue.get(R.CARRYOVER_GENERAL)),
        side("(二) 政府性基金预算拨款", revenue.get(R.CARRYOVER_GOV_FUND)),
        side("(三) 国有资本经营预算拨款", revenue.get(R.CARRYOVER_STATE_CAPITAL)),
    ]
    right = [
        side("一、本年支出", spent),
        *expenditure_side(sources, "fiscal_total"),
        side("二、年终结转结余", budget.carry_forward or None),
    ]
    table = OfficialTable(
        "fiscal-summary",
        "财政拨款收支预算总表",
        f"{budget.year}年{budget.level_label}部门财政拨款收支预算总表",
        COLUMNS,
        code_scheme=Scheme.FUNCTION,
    )
    table.rows = [
        *pair_rows(left, right),
        total_pair(
            "收入总计",
            sum_of(revenue, FISCAL_CURRENT + FISCAL_CARRYOVER),
            "支出总计",
            (spent or ZERO) + budget.carry_forward,
        ),
    ]
    return table
