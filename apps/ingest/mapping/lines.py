"""Line items from the official tables, with what had to be inferred said.

收入 comes from the revenue side of the 收支总表; 支出 from the leaf rows of the
支出总表 (natures from its columns), its sources from the 一般公共预算支出表,
the 政府性基金表 and the 国有资本经营表, and what they do not cover from the one
other source the revenue side allows (else a problem); 基本支出 from the 基本支出表;
“三公” from the unit rows of its table. No figure is made up: an amount no table
places is a problem."""

from decimal import Decimal

from apps.budgets.models import Nature, RevenueSource, Source, ThreePublicCategory
from apps.ingest.mapping.details import Details
from apps.ingest.numbers import WAN, wan, yuan
from apps.ingest.readers.balance import Balance
from apps.ingest.readers.code_tables import CodeRow, CodeTable
from apps.ingest.readers.listed import Listed
from apps.ingest.report import NoteKind, Report
from apps.ingest.sources.text import SourceLine
from apps.reference.models import Unit
from apps.workbooks import layout

ZERO = Decimal(0)
NATURES = ("personnel", "public", "project", "subsidy", "remittance", "business")
BASIC = ("personnel", "public")
# Which expenditure source each kind of revenue pays for.
REVENUE_SOURCE = {
    RevenueSource.GENERAL: Source.GENERAL,
    RevenueSource.GOV_FUND: Source.GOV_FUND,
    RevenueSource.STATE_CAPITAL: Source.STATE_CAPITAL,
    RevenueSource.SPECIAL_ACCOUNT: Source.SPECIAL_ACCOUNT,
    RevenueSource.OPERATIONS: Source.UNIT,
    RevenueSource.BUSINESS: Source.UNIT,
    RevenueSource.HIGHER_SUBSIDY: Source.UNIT,
    RevenueSource.AFFILIATE: Source.UNIT,
    RevenueSource.OTHER: Source.UNIT,
    RevenueSource.PRIOR_BALANCES: Source.UNIT,
    RevenueSource.CARRYOVER_GENERAL: Source.CARRYOVER_GENERAL,
    RevenueSource.CARRYOVER_GOV_FUND: Source.CARRYOVER_GOV_FUND,
    RevenueSource.CARRYOVER_STATE_CAPITAL: Source.CARRYOVER_STATE_CAPITAL,
    RevenueSource.CARRYOVER_SPECIAL_ACCOUNT: Source.CARRYOVER_SPECIAL_ACCOUNT,
    RevenueSource.CARRYOVER_UNIT: Source.CARRYOVER_UNIT,
}
CATEGORIES = {
    "overseas": ThreePublicCategory.OVERSEAS,
    "vehicle_purchase": ThreePublicCategory.VEHICLE_PURCHASE,
    "vehicle_running": ThreePublicCategory.VEHICLE_RUNNING,
    "reception": ThreePublicCategory.RECEPTION,
}


def revenue_lines(summary: Balance, details: Details) -> None:
    for source, item in summary.left.items():
        if source in RevenueSource.values and item.amount:
            details.add(
                layout.REVENUE,
                summary.raw.title,
                item.line,
                {"收入来源": RevenueSource(source).label, "金额": item.amount},
            )


class FunctionLines:
    """支出 lines per leaf code and nature, split by source across the tables that print sources."""

    def __init__(
        self,
        expenditure: CodeTable,
        by_source: dict[str, CodeTable],
        revenue: dict[str, Decimal],
        units: list[dict],
        details: Details,
        report: Report,
    ):
        self.expenditure, self.by_source, self.details, self.report = expenditure, by_source, details, report
        self.others = sorted({REVENUE_SOURCE[s] for s in revenue} - set(by_source), key=list(Source).index)
        self.units = units
        self.told: set = set()  # what was already said, to say it once

    def derive(self) -> None:
        if self.by_source:
            titles = "、".join(f"“{table.title}”" for table in self.by_source.values())
            self.report.note(
                NoteKind.INFERRED,
                self.expenditure.title,
                self.expenditure.raw.line,
                f"支出按性质（人员、公用、项目…）取本表各列；资金来源取自{titles}各科目的数",
            )
        for row in self.expenditure.leaves():
            natures = self.natures(row)
            unit = self.unit_for(row.code)
            for nature, amount in natures.items():
                for source, part in self.split(row, nature, amount).items():
                    if part:
                        self.details.add(
                            layout.FUNCTION,
                            self.expenditure.title,
                            row.line,
                            {
                                "单位编码": unit,
                                "科目编码": row.code,
                                "科目名称": self.expenditure.tree.name(row.code) or row.name,
                                "支出性质": Nature(nature).label,
                                "资金来源": Source(source).label,
                                "金额": part,
                            },
                        )

    def natures(self, row: CodeRow) -> dict[str, Decimal]:
        amounts = {n: row.amounts.get(n) or ZERO for n in NATURES if self.expenditure.grid.has(n)}
        basic = row.amounts.get("basic") or ZERO
        if basic and not any(amounts.get(n) for n in BASIC):
            general = self.by_source.get(Source.GENERAL)
            split = {n: general.value(row.code, n) for n in BASIC} if general and general.grid.has("personnel") else {}
            if sum(split.values(), ZERO) == basic:
                amounts |= split
                self.report.note(
                    NoteKind.INFERRED,
                    self.expenditure.title,
                    row.line,
                    f"{row.code} 的基本支出 {yuan(basic)} 按一般公共预算支出表分为人员经费与公用经费",
                )
            else:
                amounts[Nature.BASIC] = basic  # held unsplit, never as an invented 人员/公用 split
                self.tell_basic(row)
        return {n: a for n, a in amounts.items() if a}

    def tell_basic(self, row: CodeRow) -> None:
        if "basic" not in self.told:
            self.told.add("basic")
            self.report.note(
                NoteKind.READ,
                self.expenditure.title,
                row.line,
                "本表及一般公共预算支出表按功能科目只列基本支出合计，未分人员经费和公用经费："
                "按“基本支出（未分）”读入；人员经费、公用经费只按经济科目（基本支出表）读入",
            )

    def split(self, row: CodeRow, nature: str, total: Decimal) -> dict[str, Decimal]:
        parts = {source: self.part(table, row.code, nature) for source, table in self.by_source.items()}
        for source, table in self.by_source.items():
            if (
                table.grid.scale == WAN
                and parts[source]
                and parts[source] != total
                and wan(total, table.grid.places) * WAN == parts[source]
            ):
                parts[source] = total  # the 万元 table rounds the same figure the 元 table gives exactly
                self.report.note(
                    NoteKind.INFERRED,
                    table.title,
                    table.rows[row.code].line,
                    f"{row.code} {Nature(nature).label}：本表（万元）与支出预算总表四舍五入后相同，按总表的 {yuan(total)} 元计",
                )
        rest = total - sum(parts.values(), ZERO)
        if rest < 0:
            self.report.problem(
                self.expenditure.title,
                row.line,
                Nature(nature).label,
                yuan(total),
                f"小于各资金来源表之和 {yuan(total - rest)}",
            )
        elif rest > 0 and len(self.others) == 1:
            parts[self.others[0]] = rest
            self.tell(self.others[0], row.line)
        elif rest > 0:
            options = "、".join(Source(s).label for s in self.others) or "（收入中没有其他来源）"
            self.report.problem(
                self.expenditure.title,
                row.line,
                Nature(nature).label,
                yuan(rest),
                f"这部分支出不在一般公共预算、政府性基金或国有资本经营表中，无法确定资金来源：可能是 {options}",
            )
        return parts

    def part(self, table: CodeTable, code: str, nature: str) -> Decimal:
        if nature in BASIC and not table.grid.has(nature):
            basic = table.value(code, "basic")
            if basic and (table.title, code) not in self.told:
                self.told.add((table.title, code))
                self.report.problem(
                    table.title, table.rows[code].line, "基本支出", yuan(basic), "本表未分人员经费和公用经费，无法划分"
                )
            return ZERO
        return table.value(code, nature)

    def tell(self, source: str, line: SourceLine) -> None:
        if source not in self.told:
            self.told.add(source)
            self.report.note(
                NoteKind.INFERRED,
                self.expenditure.title,
                line,
                f"各资金来源表之外的支出归为“{Source(source).label}”：收入中只有这一种其他来源",
            )

    def unit_for(self, code: str) -> str | None:
        """行政运行 is the administrative unit's, 事业运行 the public institution's, when there is one of each."""
        name = self.expenditure.tree.name(code) or ""
        kind = {"行政运行": Unit.Kind.ADMINISTRATIVE, "事业运行": Unit.Kind.PUBLIC_INSTITUTION}.get(name)
        matching = [u for u in self.units if kind and u["kind"] == kind]
        if len(matching) != 1 or not matching[0]["code"]:  # units known by name only hold no lines
            return None
        if code not in self.told:
            self.told.add(code)
            self.report.note(
                NoteKind.INFERRED,
                self.expenditure.title,
                self.expenditure.rows[code].line,
                f"{code} {name} 的支出归属{matching[0]['name']}（本预算唯一的{Unit.Kind(kind).label}）；其他科目的支出不分单位",
            )
        return matching[0]["code"]


def economic_lines(table: CodeTable, details: Details) -> None:
    for row in table.leaves():
        for nature in BASIC:
            amount = row.amounts.get(nature)
            if amount:
                details.add(
                    layout.ECONOMIC,
                    table.title,
                    row.line,
                    {
                        "科目编码": row.code,
                        "科目名称": table.tree.name(row.code) or row.name,
                        "经费类型": Nature(nature).label,
                        "资金来源": Source.GENERAL.label,
                        "金额": amount,
                    },
                )


def three_public_lines(table: Listed, units: list[dict], details: Details, report: Report) -> None:
    rows = list(table.rows)
    if not rows and table.total and any(table.total.amounts.values()):
        if len(units) == 1 and units[0].get("code"):
            rows = [(units[0]["code"], table.total)]
            report.note(
                NoteKind.INFERRED,
                table.raw.title,
                table.total.line,
                f"一行的“三公”经费表归属本预算唯一的单位{units[0]['name']}",
            )
        else:
            rows = [(None, table.total)]
            report.note(
                NoteKind.READ, table.raw.title, table.total.line, "“三公”经费只列部门合计、不分单位：按部门读入"
            )
    for unit, placed in rows:
        if placed.amounts.get("vehicle") and not table.grid.has("vehicle_purchase"):
            report.problem(
                table.raw.title,
                placed.line,
                "公务用车",
                yuan(placed.amounts["vehicle"]),
                "未分购置费和运行维护费，无法分列",
            )
        for key, category in CATEGORIES.items():
            if placed.amounts.get(key):
                details.add(
                    layout.THREE_PUBLIC,
                    table.raw.title,
                    placed.line,
                    {"单位编码": unit, "类别": category.label, "金额": placed.amounts[key]},
                )
