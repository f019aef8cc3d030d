"""The tables listed by unit or project: the “三公” table (合计, the department,
its units; or one row for a one-unit budget) and the 项目支出表 (one row per
project, its funding by source under the headers 本年拨款 / 结转 / 专户 / 单位资金).
Rows prove themselves (合计 = Σ sources, 三公 = 出国 + 用车 + 接待) and the 合计
row proves the column sums; a single row whose figures could go more than one
way is settled by those column sums when exactly one way fits."""

from dataclasses import dataclass, field
from decimal import Decimal

from apps.ingest.grid import Grid, Placed, Placement, describe, grid_of, parse, place
from apps.ingest.numbers import code as as_code
from apps.ingest.numbers import label, same_name
from apps.ingest.readers.code_tables import column_label, told_how
from apps.ingest.report import NoteKind, Report
from apps.ingest.tables import RawTable

ZERO = Decimal(0)
TOTAL_WORDS = {"合计", "总计"}


@dataclass
class Listed:
    raw: RawTable
    grid: Grid
    total: Placed | None = None
    department: Placed | None = None
    rows: list[tuple[str, Placed]] = field(default_factory=list)  # (unit code, row)
    projects: list[dict] = field(default_factory=list)  # kind, name, unit, placed


def unit_of(texts: list[str], units: list[dict]) -> str | None:
    for text in texts:
        for unit in units:
            if same_name(text, unit["name"]) or as_code(text) == unit["code"] or text.strip() == unit["code"]:
                return unit["code"]
    return None


def read_three_public(raw: RawTable, units: list[dict], report: Report) -> Listed:
    table = Listed(raw, grid_of(raw))
    for line in raw.rows:
        placed = place(table.grid, raw.kind, line)
        told_how(raw.title, placed, table.grid, report)
        texts = [t for t in placed.texts if t]
        unit = unit_of(texts, units)
        if texts and label(texts[0]) in TOTAL_WORDS:
            table.total = placed
        elif unit:
            table.rows.append((unit, placed))
        elif table.department is None and not table.rows and texts:
            table.department = placed
        elif not texts and not table.rows and table.total is None:
            table.total = placed
            report.note(NoteKind.READ, raw.title, line, "本行没有名称，按一行表读作合计")
        else:
            report.problem(raw.title, line, "单位名称", "、".join(texts), "不是本预算的预算单位，也不是合计或部门行")
    finish(table, [p for _, p in table.rows], report)
    if table.department and table.rows:
        sums(table, table.department, [p for _, p in table.rows], "部门行 = Σ单位行", report)
    return table


def read_projects(raw: RawTable, units: list[dict], report: Report) -> Listed:
    table = Listed(raw, grid_of(raw))
    current = None
    for line in raw.rows:
        placed = place(table.grid, raw.kind, line)
        told_how(raw.title, placed, table.grid, report)
        cells = placed.text_cells
        texts = [t for t in placed.texts if t]
        if any(label(t) in TOTAL_WORDS for t in texts) and len(texts) == 1:
            table.total = placed
            continue
        given = [cells[k] for k in ("kind", "name", "unit") if cells.get(k)] if cells else texts
        unit = unit_of([cells.get("unit", "")] if cells else texts[-1:], units)
        if unit and len(given) == 1:
            current = unit  # a unit's subtotal row, above its projects
            continue
        kind, name = (cells.get("kind", ""), cells.get("name", "")) if cells else split_names(texts, unit)
        unit = unit or current
        if not name or not unit:
            report.problem(
                raw.title,
                line,
                "项目名称" if not name else "项目单位",
                "、".join(texts),
                "无法读出项目名称和所属单位" if not name else "项目单位不是本预算的预算单位",
            )
            continue
        table.projects.append({"kind": kind, "name": name, "unit": unit, "placed": placed})
    finish(table, [p["placed"] for p in table.projects], report)
    return table


def split_names(texts: list[str], unit: str | None) -> tuple[str, str]:
    """类型, 项目名称 (, 项目单位) from a row whose empty cells vanished."""
    names = texts[:-1] if unit else texts
    if len(names) >= 2:
        return names[0], "".join(names[1:])
    return "", names[0] if names else ""


def finish(table: Listed, rows: list[Placed], report: Report) -> None:
    title, grid = table.raw.title, table.grid
    for line, column, value, message in grid.problems:
        report.problem(title, line, column, value, message)
    settle(table, rows, report)
    for placed in [table.total, table.department, *rows]:
        if placed and not placed.ambiguous:
            for total, parts, stated, summed, _ in grid.proves(table.raw.kind, placed.amounts):
                text = f"{column_label(grid, total)} = {'+'.join(column_label(grid, p) for p in parts)}"
                report.check(title, placed.line, text, stated, summed, grid.tolerance(len(parts) + 1))
    if table.total and rows:
        sums(table, table.total, rows, f"合计行 = Σ{len(rows)} 行", report)


def sums(table: Listed, total: Placed, rows: list[Placed], text: str, report: Report) -> None:
    if total.ambiguous or any(r.ambiguous for r in rows):
        return
    for key in table.grid.amount_keys:
        summed = sum((r.amounts.get(key) or ZERO for r in rows), ZERO)
        report.check(
            table.raw.title,
            total.line,
            f"{column_label(table.grid, key)}：{text}",
            total.amounts.get(key) or ZERO,
            summed,
            table.grid.tolerance(len(rows) + 1),
        )


def settle(table: Listed, rows: list[Placed], report: Report) -> None:
    """One ambiguous row is placed by the 合计 row's column sums, when exactly one of its placements fits."""
    grid, title = table.grid, table.raw.title
    unsettled = [r for r in rows if r.ambiguous and r.options]
    total = table.total
    if len(unsettled) == 1 and total and not total.ambiguous:
        row = unsettled[0]
        others = [r for r in rows if r is not row]
        fitting = []
        for option in row.options:
            amounts = {k: parse(grid, row.line, k, v) for k, v in option.items()}
            if all(
                abs(
                    (total.amounts.get(k) or ZERO)
                    - (amounts.get(k) or ZERO)
                    - sum((r.amounts.get(k) or ZERO for r in others), ZERO)
                )
                <= grid.tolerance(len(rows) + 1)
                for k in grid.amount_keys
            ):
                fitting.append((option, amounts))
        if len(fitting) == 1:
            row.printed, row.amounts = fitting[0]
            row.how = Placement.ARITHMETIC
            report.note(
                NoteKind.INFERRED, title, row.line, f"本行数字的列由合计行的列合计确定：{describe(grid, fitting[0][0])}"
            )
            return
    for row in unsettled:
        shown = "；或 ".join(describe(grid, option) for option in row.options)
        report.problem(
            title,
            row.line,
            "",
            row.line.text.strip()[:40],
            f"数字无法确定属于哪一列（原文缺少空白单元格），可能是：{shown}。请在原文中用制表符补齐空白单元格后重新上传",
        )
