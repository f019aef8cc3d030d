"""The tables whose rows are a classification tree (支出总表, 一般公共预算支出表,
基本支出表, 政府性基金表, 国有资本经营表): codes whole or split, names checked
against the year's tree, wrapped names joined, every row proved by its own
identities and every parent by its children (类 = Σ款, 款 = Σ项, 合计 = Σ类).
A row whose figures could be placed more than one way is settled by its
parent's or children's sums when exactly one placement fits them."""

from dataclasses import dataclass, field
from decimal import Decimal
from itertools import product
from math import prod

from apps.budgets.models import RevenueSource as R
from apps.ingest import catalogue
from apps.ingest.grid import Grid, Placed, Placement, describe, grid_of, parse, place
from apps.ingest.numbers import code as as_code
from apps.ingest.numbers import label, yuan
from apps.ingest.report import NoteKind, Report
from apps.ingest.sources.text import SourceLine
from apps.ingest.tables import RawTable
from apps.ingest.trees import Tree
from apps.reference.models import Scheme
from apps.workbooks.document_codes import CodeBook

LEVEL_BELOW = {0: "类", 3: "款", 5: "项"}


@dataclass
class CodeRow:
    placed: Placed
    code: str  # "" for the 合计 row
    name: str

    @property
    def line(self) -> SourceLine:
        return self.placed.line

    @property
    def amounts(self) -> dict[str, Decimal | None]:
        return self.placed.amounts


@dataclass
class CodeTable:
    raw: RawTable
    grid: Grid
    tree: Tree
    total: CodeRow | None = None
    rows: dict[str, CodeRow] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.raw.title

    def children(self, code: str) -> list[CodeRow]:
        length = len(code) + 2 if code else 3
        return [row for c, row in self.rows.items() if len(c) == length and c.startswith(code)]

    def leaves(self) -> list[CodeRow]:
        return [row for c, row in sorted(self.rows.items()) if not self.children(c)]

    def value(self, code: str, key: str) -> Decimal:
        row = self.rows.get(code)
        return (row.amounts.get(key) or Decimal(0)) if row else Decimal(0)


class SplitCode:
    """Codes printed in three cells under 类/款/项: a blank part is the one above."""

    def __init__(self) -> None:
        self.parts = ["", "", ""]

    def code(self, cells: dict[str, str]) -> str | None:
        given = [cells.get(k, "").strip() for k in ("code_class", "code_item", "code_sub")]
        if not any(given):
            return None
        depth = max(i for i, part in enumerate(given) if part)
        for i in range(depth + 1):
            self.parts[i] = given[i] or self.parts[i]
        self.parts[depth + 1 :] = [""] * (2 - depth)
        return as_code(" ".join(self.parts[: depth + 1]))


def read_code_table(raw: RawTable, year: int | None, report: Report) -> CodeTable:
    scheme = Scheme.ECONOMIC if raw.kind is catalogue.GENERAL_PUBLIC_BASIC else Scheme.FUNCTION
    table = CodeTable(raw, grid_of(raw), Tree(scheme, year))
    split, previous = SplitCode(), None
    for line in raw.rows:
        placed = place(table.grid, raw.kind, line)
        told_how(raw.title, placed, table.grid, report)
        row = code_row(placed, split)
        if row.code or label(row.name) in ("合计", "总计"):
            add_row(table, row, report)
            previous = row
        elif previous and row.name and not any(v is not None for v in placed.amounts.values()):
            previous.name += row.name
            report.note(
                NoteKind.READ, raw.title, line, f"“{row.name}”是上一行科目名称的续行，已接在“{previous.name}”中"
            )
        elif previous and row.name and not any(v is not None for v in previous.amounts.values()):
            previous.name += row.name
            previous.placed.amounts, previous.placed.printed = placed.amounts, placed.printed
            report.note(NoteKind.READ, raw.title, line, f"科目名称换行，数字在续行上：与上一行合并为“{previous.name}”")
        else:
            report.problem(
                raw.title, line, "科目编码", line.text.strip()[:40], "这一行没有科目编码，也不是合计行或上一行的续行"
            )
    for cell in table.grid.problems:
        report.problem(raw.title, cell.line, cell.column, cell.value, cell.message)
    settle_ambiguous(table, report)
    prove(table, report)
    return table


def told_how(title: str, placed: Placed, grid: Grid, report: Report) -> None:
    """A row that lost its empty cells but whose figures fit its identities one way only."""
    if placed.how is Placement.ARITHMETIC:
        report.note(
            NoteKind.INFERRED,
            title,
            placed.line,
            f"本行缺少空白单元格，数字按本行勾稽关系只能这样分列：{describe(grid, placed.printed)}",
        )


def code_row(placed: Placed, split: SplitCode) -> CodeRow:
    cells = placed.text_cells
    code = split.code(cells) or as_code(cells.get("code", ""))
    texts = list(placed.texts)
    if code is None and texts and as_code(texts[0]):
        code = as_code(texts.pop(0))
    name = cells.get("name") or "".join(t for t in texts if not as_code(t))
    return CodeRow(placed, code or "", name.strip())


def add_row(table: CodeTable, row: CodeRow, report: Report) -> None:
    if not row.code:
        if table.total:
            report.problem(
                table.title, row.line, "科目名称", row.name, f"合计行重复（第{table.total.line.number}行已有）"
            )
        table.total = row
    elif row.code in table.rows:
        report.problem(table.title, row.line, "科目编码", row.code, f"与第{table.rows[row.code].line.number}行重复")
    else:
        table.rows[row.code] = row


def document_codes(parsed: dict, year: int | None, report: Report) -> CodeBook:
    """Every code the tables print, checked once by the rule both imports share
    (apps/workbooks/document_codes.py): known, brought by the document (a warning),
    or contradicting the tree (a problem naming the table and row). Each table's
    tree then knows the document's own codes too."""
    tables = [t for t in parsed.values() if isinstance(t, CodeTable)]
    printed: dict[str, dict[str, str]] = {str(s): {} for s in Scheme}
    for table in tables:
        for code, row in table.rows.items():
            printed[table.tree.scheme].setdefault(code, row.name)
    book = CodeBook(year, printed=printed)
    for table in tables:
        for code, row in table.rows.items():
            verdict = book.check(table.tree.scheme, code, row.name)
            if verdict.problem:
                report.problem(table.title, row.line, "科目编码", code, verdict.problem)
            elif verdict.warning:
                report.warn(table.title, row.line, verdict.warning)
        table.tree = Tree(table.tree.scheme, year, printed[table.tree.scheme])
    return book


REVENUE_COLUMNS = {
    "fiscal": (R.GENERAL, R.GOV_FUND, R.STATE_CAPITAL),
    "fiscal_general": (R.GENERAL,),
    "fiscal_fund": (R.GOV_FUND,),
    "fiscal_capital": (R.STATE_CAPITAL,),
    "operations": (R.OPERATIONS,),
    "business": (R.BUSINESS,),
    "other": (R.OTHER,),
}


def revenue_by_code(table: CodeTable, summary, report: Report) -> None:
    """The 收入预算总表's 合计 row, column by column, against the 收支总表's revenue side."""
    if table.total is None:
        return
    for key, sources in REVENUE_COLUMNS.items():
        stated = table.total.amounts.get(key)
        if stated is None or not table.grid.has(key):
            continue
        summed = sum((summary.amount("left", s) for s in sources), Decimal(0))
        report.check(
            table.title,
            table.total.line,
            f"合计 {column_label(table.grid, key)} = 收支总表所列收入",
            stated,
            summed,
            table.grid.tolerance(len(sources) + 1),
        )


def groups(table: CodeTable) -> list[tuple[CodeRow, list[CodeRow]]]:
    """Every stated total with the rows it sums: 合计 over 类, 类 over 款, 款 over 项."""
    found = [(table.total, table.children(""))] if table.total else []
    found += [(row, table.children(code)) for code, row in sorted(table.rows.items())]
    return [(parent, children) for parent, children in found if children]


COMBINATIONS = 4096  # the most joint placements tried for one group of rows


def settle_ambiguous(table: CodeTable, report: Report) -> None:
    """Rows whose figures could be placed more than one way, settled by the sums
    they take part in: for each parent and its children, every joint placement of
    the unsettled rows is tried, and a row whose placement is the same in every
    joint placement that adds up is settled. Repeated while rows settle."""
    settled = True
    while settled:
        settled = False
        for parent, children in groups(table):
            for row, option in settle_group(table, parent, children):
                row.placed.printed, row.placed.how = option, Placement.ARITHMETIC
                row.placed.amounts = parse_option(table.grid, row, option)
                report.note(
                    NoteKind.INFERRED,
                    table.title,
                    row.line,
                    f"本行数字的列由上下级合计确定：{describe(table.grid, option)}",
                )
                settled = True
    for row in ([table.total] if table.total else []) + list(table.rows.values()):
        if row.placed.ambiguous and row.placed.options:
            shown = "；或 ".join(describe(table.grid, option) for option in row.placed.options)
            report.problem(
                table.title,
                row.line,
                "",
                row.line.text.strip()[:40],
                f"数字无法确定属于哪一列（原文缺少空白单元格），可能是：{shown}。请在原文中用制表符补齐空白单元格后重新上传",
            )


def settle_group(table: CodeTable, parent: CodeRow, children: list[CodeRow]) -> list[tuple[CodeRow, dict[str, str]]]:
    members = [parent, *children]
    unsure = [m for m in members if m.placed.ambiguous]
    if not unsure or any(not m.placed.options for m in unsure):
        return []
    if prod(len(m.placed.options) for m in unsure) > COMBINATIONS:
        return []
    surviving = []
    for joint in product(*(m.placed.options for m in unsure)):
        amounts = {id(m): parse_option(table.grid, m, option) for m, option in zip(unsure, joint)}
        if adds_up(table, parent, children, amounts):
            surviving.append(joint)
    found = []
    for index, row in enumerate(unsure):
        choices = {tuple(joint[index].items()) for joint in surviving}
        if len(choices) == 1:
            found.append((row, dict(choices.pop())))
    return found


def adds_up(table: CodeTable, parent: CodeRow, children: list[CodeRow], trial: dict[int, dict]) -> bool:
    def value(row: CodeRow, key: str) -> Decimal:
        return trial.get(id(row), row.amounts).get(key) or Decimal(0)

    tolerance = table.grid.tolerance(len(children) + 1)
    return all(
        abs(value(parent, key) - sum((value(c, key) for c in children), Decimal(0))) <= tolerance
        for key in table.grid.amount_keys
    )


def parse_option(grid: Grid, row: CodeRow, option: dict[str, str]) -> dict[str, Decimal | None]:
    return {key: parse(grid, row.line, key, text) for key, text in option.items()}


def prove(table: CodeTable, report: Report) -> None:
    grid, title = table.grid, table.title
    for row in ([table.total] if table.total else []) + [table.rows[c] for c in sorted(table.rows)]:
        if row.placed.ambiguous:
            continue
        for total, parts, stated, summed, _ in grid.proves(table.raw.kind, row.amounts):
            names = "+".join(column_label(grid, p) for p in parts)
            report.check(
                title,
                row.line,
                f"{row.code or '合计'} {column_label(grid, total)} = {names}",
                stated,
                summed,
                grid.tolerance(len(parts) + 1),
            )
    for parent, children in groups(table):
        if parent.placed.ambiguous or any(c.placed.ambiguous for c in children):
            continue
        level = LEVEL_BELOW[len(parent.code)]
        for key in grid.amount_keys:
            summed = sum((c.amounts.get(key) or Decimal(0) for c in children), Decimal(0))
            stated = parent.amounts.get(key) or Decimal(0)
            report.check(
                title,
                parent.line,
                f"{parent.code or '合计'} {column_label(grid, key)} = Σ{level}（{len(children)} 行）",
                stated,
                summed,
                grid.tolerance(len(children) + 1),
            )


def column_label(grid: Grid, key: str) -> str:
    return next((c.label for c in grid.columns if c.key == key), key)


def summary(table: CodeTable) -> str:
    total = table.total.amounts.get("total") if table.total else None
    return f"{len(table.rows)} 个科目行，合计 {yuan(total)}"
