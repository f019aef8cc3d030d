"""The last proof: the nine tables computed from the line items just derived
(inside a transaction that is rolled back) must print every figure the
disclosure printed. The line items came from a few tables; this checks them
against all the others (财政拨款收支总表, the expenditure side of the 收支总表,
the 合计 rows, the 三公 department row…), so a misread or inconsistent table
cannot pass unnoticed. A 万元 table is compared after rounding the computed
figure as the table rounds."""

from decimal import Decimal

from apps.budgets.models import Budget, RevenueSource
from apps.budgets.official import OfficialTable, build_all
from apps.ingest.grid import Grid
from apps.ingest.numbers import WAN, label, wan
from apps.ingest.readers.balance import Balance, computed_balance
from apps.ingest.readers.code_tables import CodeTable
from apps.ingest.readers.listed import Listed
from apps.ingest.report import Report
from apps.ingest.sources.text import SourceLine
from apps.ingest.trees import Tree
from apps.reference.models import Scheme

ZERO = Decimal(0)
BY_NATURE = {"basic", "project", "business"}


class Proof:
    def __init__(self, report: Report):
        self.report = report
        self.compared = 0

    def same(
        self,
        title: str,
        line: SourceLine | None,
        what: str,
        printed: Decimal | None,
        computed: Decimal | None,
        grid: Grid | None,
    ) -> None:
        printed, computed = printed or ZERO, computed or ZERO
        self.compared += 1
        if grid is not None and grid.scale == WAN:
            if wan(computed, grid.places) * WAN != printed:
                self.report.problem(
                    title,
                    line,
                    what,
                    f"{printed / WAN} 万元",
                    f"按读入的明细计算应为 {wan(computed, grid.places)} 万元",
                )
        elif printed != computed and not self.report.finding(title, line, what, printed, computed):
            self.report.problem(
                title, line, what, f"{printed:,.2f}", f"按读入的明细计算应为 {computed:,.2f}，各表之间不一致"
            )

    def code_table(self, parsed: CodeTable, computed: OfficialTable) -> None:
        keys = [k for k in parsed.grid.amount_keys if k in computed.amount_keys]
        rows = {row.code: row for row in computed.rows if row.code}
        total = next((row for row in computed.rows if row.is_total), None)
        pairs = [(parsed.total, total)] if parsed.total and total else []
        pairs += [(row, rows.get(code)) for code, row in parsed.rows.items()]
        for mine, theirs in pairs:
            if mine.placed.ambiguous:
                continue
            for key in keys:
                value = theirs.cells.get(key) if theirs else None
                self.same(
                    parsed.title,
                    mine.line,
                    f"{mine.code or '合计'} {column(parsed.grid, key)}",
                    mine.amounts.get(key),
                    value,
                    parsed.grid,
                )
        for code, row in rows.items():
            if code not in parsed.rows and any(row.cells.get(k) for k in keys):
                self.report.problem(parsed.title, parsed.raw.line, "科目编码", code, "按读入的明细应有这一行，表中没有")

    def balance(self, parsed: Balance, computed: OfficialTable, tree: Tree, grid: Grid) -> None:
        theirs = computed_balance(computed, parsed.fiscal, tree)
        for side in ("left", "right"):
            mine, other = getattr(parsed, side), getattr(theirs, side)
            depths = {len(key) for key in mine if key.isdigit()}
            for key in mine.keys() | other.keys():
                item, value = mine.get(key), other.get(key)
                if key in BY_NATURE:
                    continue  # our table lists the expenditure side by function, not by nature
                if item is None and key.isdigit() and len(key) not in depths:
                    continue  # a level of the tree the document's table does not print (上海's lists 类 only)
                if (item is None or value is None) and not is_item(key):
                    continue  # a total one template prints and the other does not (本年收入合计, 财政拨款收入)
                if item is None:
                    if value and value.amount:
                        self.report.problem(
                            parsed.raw.title,
                            parsed.raw.line,
                            key,
                            "",
                            f"按读入的明细应有这一项 {value.amount:,.2f}，表中没有",
                        )
                    continue
                self.same(
                    parsed.raw.title,
                    item.line,
                    f"{'收入' if side == 'left' else '支出'} {key}",
                    item.amount,
                    value.amount if value else None,
                    grid,
                )

    def listed(self, parsed: Listed, computed: OfficialTable, rows: list[tuple[object, dict]]) -> None:
        """`rows` pairs each parsed row (a Placed) with the computed row's cells."""
        keys = [k for k in parsed.grid.amount_keys if k in computed.amount_keys]
        for placed, cells in rows:
            if placed is None or placed.ambiguous:
                continue
            for key in keys:
                self.same(
                    parsed.raw.title,
                    placed.line,
                    column(parsed.grid, key),
                    placed.amounts.get(key),
                    cells.get(key),
                    parsed.grid,
                )


def is_item(key: str) -> bool:
    """A revenue source or a function code: lines both tables must have alike, unlike the totals."""
    return key.isdigit() or key in RevenueSource.values


def column(grid: Grid, key: str) -> str:
    return next((c.label for c in grid.columns if c.key == key), key)


def three_public_rows(parsed: Listed, computed: OfficialTable, units: dict[str, str]) -> list[tuple[object, dict]]:
    by_name = {label(row.cells.get("unit_name", "")): row.cells for row in computed.rows}
    total = next((row.cells for row in computed.rows if row.is_total), {})
    department = next((row.cells for row in computed.rows if row.level == 1), {})
    pairs = [(parsed.total, total), (parsed.department, department)]
    return pairs + [(placed, by_name.get(label(units.get(code, "")), {})) for code, placed in parsed.rows]


def project_rows(parsed: Listed, computed: OfficialTable, units: dict[str, str]) -> list[tuple[object, dict]]:
    by_key = {
        (label(row.cells.get("unit") or ""), label(row.cells.get("name") or "")): row.cells
        for row in computed.rows
        if row.level
    }
    total = next((row.cells for row in computed.rows if row.is_total), {})
    pairs = [(parsed.total, total)]
    return pairs + [
        (p["placed"], by_key.get((label(units.get(p["unit"], "")), label(p["name"])), {})) for p in parsed.projects
    ]


def prove(budget: Budget, parsed: dict, units: dict[str, str], report: Report) -> int:
    """Compare every parsed table with its computed counterpart; returns how many figures were compared."""
    proof = Proof(report)
    tree = Tree(Scheme.FUNCTION, budget.year)
    for table in build_all(budget):
        mine = parsed.get(table.slug)
        if mine is None:
            continue
        if isinstance(mine, CodeTable):
            proof.code_table(mine, table)
        elif isinstance(mine, Balance):
            proof.balance(mine, table, tree, mine.grid)
        elif table.slug == "three-public":
            proof.listed(mine, table, three_public_rows(mine, table, units))
        elif table.slug == "projects":
            proof.listed(mine, table, project_rows(mine, table, units))
    return proof.compared
