"""Columns named by their headers, and each row's figures placed in them.

Columns are found by header names, never by position alone: a positional
header (tabs, or a PDF's ruled table) gives each column its label and the group
above it; a header of words separated by spaces gives the labels, put in the
order disclosures print them. A row's figures go to the columns under which
they stand when the row kept its empty cells; otherwise every order-keeping
way of placing them is tried against the row's own identities (合计 = 基本 +
项目, 基本 = 人员 + 公用), and a row that fits more than one way is ambiguous:
shown to the user, never filled with 0."""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from itertools import combinations

from apps.ingest.catalogue import OPTIONAL, ColumnSpec, Kind
from apps.ingest.numbers import WAN, AmountError, amount, code, decimals, is_amount, is_blank_mark, label
from apps.ingest.sources.text import SourceLine
from apps.ingest.tables import RawTable


class Placement(Enum):
    """How a row's figures found their columns."""

    POSITION = "位置"  # under their headers, the row kept its empty cells (or filled every column)
    ARITHMETIC = "算术"  # the only placement the row's identities (or its parent's sums) allow
    AMBIGUOUS = "不能确定"  # more than one placement fits: shown to the user, never guessed


@dataclass(frozen=True)
class CellProblem:
    """A cell the grid cannot read: where, under which column, what it says, and why."""

    line: SourceLine
    column: str
    value: str
    message: str


@dataclass(frozen=True)
class GridColumn:
    label: str
    group: str
    key: str | None  # None: a column this reader does not understand
    amount: bool


@dataclass
class Placed:
    line: SourceLine
    texts: list[str]  # the row's text cells in order (code, name, unit…)
    text_cells: dict[str, str] = field(default_factory=dict)  # key → text, where positions tell
    amounts: dict[str, Decimal | None] = field(default_factory=dict)  # key → 元; None: blank
    printed: dict[str, str] = field(default_factory=dict)  # key → the figure as printed
    how: Placement = Placement.POSITION
    options: list[dict[str, str]] = field(default_factory=list)  # the placements that all fit, when ambiguous

    @property
    def ambiguous(self) -> bool:
        return self.how is Placement.AMBIGUOUS


@dataclass
class Grid:
    columns: list[GridColumn]
    scale: Decimal  # 1 for 元, 10000 for 万元
    positional: bool  # the header kept its empty cells, so positions name columns
    places: int = 2  # decimals printed: the rounding of a 万元 table
    problems: list[CellProblem] = field(default_factory=list)

    @property
    def amount_keys(self) -> list[str]:
        return [c.key for c in self.columns if c.amount and c.key]

    def has(self, key: str) -> bool:
        return any(c.key == key for c in self.columns)

    def tolerance(self, terms: int) -> Decimal:
        """How far a stated total may be from its parts because each was rounded:
        nothing in a table of 元 printed to the cent; half a printed unit per term in 万元."""
        if self.scale == 1:
            return Decimal(0)
        return Decimal(terms) * Decimal(5).scaleb(-self.places - 1) * WAN

    def identities(self, kind: Kind) -> list[tuple[str, tuple[str, ...]]]:
        return [
            (total, tuple(p for p in parts if self.has(p)))
            for total, parts in kind.identities
            if self.has(total)
            and all(self.has(p) for p in parts if p not in OPTIONAL)
            and any(self.has(p) for p in parts)
        ]

    def proves(self, kind: Kind, amounts: dict) -> list[tuple[str, tuple[str, ...], Decimal, Decimal, bool]]:
        """Each identity on these amounts: (total, parts, stated, summed, holds)."""
        results = []
        for total, parts in self.identities(kind):
            stated, summed = (
                amounts.get(total) or Decimal(0),
                sum((amounts.get(p) or Decimal(0) for p in parts), Decimal(0)),
            )
            results.append((total, parts, stated, summed, abs(stated - summed) <= self.tolerance(len(parts) + 1)))
        return results


YEAR_PREFIX = re.compile(r"^\d{4}年")


def spec_for(kind: Kind, text: str, group: str, used: set[str]) -> ColumnSpec | None:
    """The column a header names: one under the right group first, else one that needs no group."""
    text = YEAR_PREFIX.sub("", label(text))  # 2024年机关运行经费预算数: the year is the table's, not the column's
    specs = [s for s in kind.columns if s.key not in used and text in {label(name) for name in s.labels}]
    grouped = [s for s in specs if group and label(group) in {label(g) for g in s.groups}]
    return (grouped or [s for s in specs if not s.groups] or [None])[0]


def positional_leaves(rows: list[tuple[str, ...]]) -> list[tuple[str, str]]:
    """(label, group) per column of a header whose cells kept their places: the
    lowest label of a column, under the nearest group cell that spans it."""
    width = max(len(r) for r in rows)
    grid = [list(r) + [""] * (width - len(r)) for r in rows]
    bottom = [max((r for r in range(len(grid)) if grid[r][i]), default=-1) for i in range(width)]
    leaves = []
    for i in range(width):
        group = ""
        for r in range(bottom[i] - 1, -1, -1):
            j = max((j for j in range(i + 1) if grid[r][j]), default=None)
            if j is not None and all(bottom[k] > r for k in range(j, i + 1)):
                group = grid[r][j]
                break
        leaves.append((grid[bottom[i]][i] if bottom[i] >= 0 else "", group))
    return leaves


def worded_leaves(kind: Kind, rows: list[tuple[str, ...]]) -> list[tuple[str, str]]:
    """(label, group) for a header whose empty cells vanished: every known label
    found, in the order of the catalogue, which is the order disclosures print."""
    words = [cell for row in rows for cell in row if cell]
    present = {label(w) for w in words}
    leaves, used, taken = [], set(), []
    for spec in kind.columns:
        group = next((g for g in spec.groups if label(g) in present), "")
        if spec.key in used or (spec.groups and not group):
            continue
        for word in words:
            if label(word) in {label(name) for name in spec.labels} and (word, group) not in taken:
                leaves.append((word, group))
                taken.append((word, group))
                used.add(spec.key)
                break
    return leaves


def grid_of(table: RawTable) -> Grid:
    scale = WAN if table.unit == "万元" else Decimal(1)
    rows = [line.cells for line in table.header]
    positional = bool(rows) and all(line.positional for line in table.header)
    leaves = positional_leaves(rows) if positional else worded_leaves(table.kind, rows)
    used, columns = set(), []
    for text, group in leaves:
        spec = spec_for(table.kind, text, group, used)
        if spec:
            used.add(spec.key)
        columns.append(GridColumn(text, group, spec.key if spec else None, spec.amount if spec else False))
    printed = [cell for line in table.rows for cell in line.filled if is_amount(cell)]
    return Grid(columns, scale, positional, max((decimals(c) for c in printed), default=2))


def split_tokens(line: SourceLine) -> list[str]:
    """A row without its empty cells, as tokens: cells split at single spaces too,
    and a split code at the start (201 03 01) joined into one token."""
    tokens = []
    for cell in line.filled:
        if code(cell) or not any(is_amount(part) or is_blank_mark(part) for part in cell.split()):
            tokens.append(cell)
        else:
            tokens.extend(cell.split())
    tokens = join_numbering(tokens)
    for length in (3, 2):
        joined = " ".join(tokens[:length])
        if len(tokens) > length and code(joined) and not is_amount(tokens[length]):
            return [code(joined), *tokens[length:]]
    return tokens


NUMBERING = re.compile(r"^([(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|其中[:：])$")


def join_numbering(tokens: list[str]) -> list[str]:
    """(一) 一般公共预算拨款, split at its space, is one label."""
    joined: list[str] = []
    for token in tokens:
        if joined and NUMBERING.match(joined[-1]):
            joined[-1] += token
        else:
            joined.append(token)
    return joined


def place(grid: Grid, kind: Kind, line: SourceLine) -> Placed:
    """The row's text cells and figures, by position when it can be trusted, else by arithmetic."""
    placed = by_position(grid, line)
    if placed is not None:
        return placed
    tokens = split_tokens(line)
    first = next(
        (i for i, t in enumerate(tokens) if (is_amount(t) or is_blank_mark(t)) and not leading_code(tokens, i)),
        len(tokens),
    )
    texts, figures = tokens[:first], tokens[first:]
    placed = Placed(line, texts)
    if any(not (is_amount(f) or is_blank_mark(f)) for f in figures):
        grid.problems.append(CellProblem(line, "", " ".join(figures), "数字之间夹有文字，无法分列"))
        return placed
    return by_arithmetic(grid, kind, placed, figures)


def leading_code(tokens: list[str], index: int) -> bool:
    """A code at the start of the row (201, 2010301) is text, though it is digits."""
    return all(code(t) for t in tokens[: index + 1]) and index + 1 < len(tokens) and not is_amount(tokens[index + 1])


def by_position(grid: Grid, line: SourceLine) -> Placed | None:
    cells = list(line.cells)
    if not (grid.positional and line.positional) or len(cells) > len(grid.columns):
        return None
    cells += [""] * (len(grid.columns) - len(cells))
    if any(c.amount and cell and not (is_amount(cell) or is_blank_mark(cell)) for c, cell in zip(grid.columns, cells)):
        return None
    if any(not c.amount and shifted(c, cell) for c, cell in zip(grid.columns, cells)):
        return None  # the row's cells shifted (a 合计 row whose code cells merged): placed by arithmetic
    placed = Placed(line, [cell for c, cell in zip(grid.columns, cells) if not c.amount and cell])
    for column, cell in zip(grid.columns, cells):
        if column.amount and column.key:
            placed.printed[column.key] = cell
            placed.amounts[column.key] = parse(grid, line, column.label, cell)
        elif column.key:
            placed.text_cells[column.key] = cell
        elif cell and is_amount(cell):
            grid.problems.append(
                CellProblem(line, column.label or "?", cell, "这一列的表头无法识别，其中的数字没有读入")
            )
    return placed


def shifted(column: GridColumn, cell: str) -> bool:
    """A text column holding a figure (1,234 or 12.50, never a code such as 201 or 05), or a
    code column holding 合计: the cells no longer stand under their headers."""
    figure = is_amount(cell) and ("," in cell or "." in cell)
    total = column.key in ("code", "code_class", "code_item", "code_sub") and label(cell) in ("合计", "总计")
    return figure or total


def describe(grid: Grid, printed: dict[str, str]) -> str:
    """A placement in words: 人员支出 1,000.00，项目支出 500.00."""
    labels = {c.key: c.label for c in grid.columns if c.key}
    return "，".join(f"{labels.get(k, k)} {v}" for k, v in printed.items())


def parse(grid: Grid, line: SourceLine, column: str, cell: str) -> Decimal | None:
    if not cell or is_blank_mark(cell):
        return None
    try:
        return amount(cell, grid.scale)
    except AmountError as error:
        grid.problems.append(CellProblem(line, column, cell, str(error)))
        return None


def by_arithmetic(grid: Grid, kind: Kind, placed: Placed, figures: list[str]) -> Placed:
    keys = grid.amount_keys
    values = [parse(grid, placed.line, "", figure) for figure in figures]
    if len(figures) > len(keys):
        grid.problems.append(
            CellProblem(
                placed.line, "", " ".join(figures), f"有 {len(figures)} 个数字，但表头只有 {len(keys)} 个金额列"
            )
        )
        return placed
    fitting = []
    for chosen in combinations(keys, len(figures)):
        printed, amounts = dict(zip(chosen, figures)), dict(zip(chosen, values))
        if len(figures) == len(keys) or all(holds for *_, holds in grid.proves(kind, amounts)):
            fitting.append((printed, amounts))
    if len(fitting) == 1:
        placed.printed, placed.amounts = fitting[0]
        placed.how = (
            Placement.POSITION if len(figures) == len(keys) else Placement.ARITHMETIC
        )  # every column filled: the order is the place
    elif fitting:
        placed.how = Placement.AMBIGUOUS
        placed.options = [printed for printed, _ in fitting]
    else:
        placed.how = Placement.AMBIGUOUS
        grid.problems.append(
            CellProblem(placed.line, "", " ".join(figures), "这些数字无论怎样分列都不满足本行的勾稽关系")
        )
    return placed
