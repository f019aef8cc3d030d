"""The 项目绩效目标表 rebuilt as projects with goals and indicators.

Each row is read by its content (unit rows, a project's name with its figures,
a goal text, an indicator ending in 计算符号 · 指标值 · 计量单位 · 权重), so that a
vanished blank cell cannot shift a column. Extraction from PDFs with merged
cells often puts a project's name in the middle of its indicators, or a row
under the wrong project; the weights show it: when a project's weights do not
sum to 100, every split of the rows between neighbouring projects is tried,
and exactly one split where every project sums to 100 is applied and
reported; none or several is a problem for the user, never a guess."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from apps.ingest.numbers import AmountError, amount, is_amount, yuan
from apps.ingest.report import NoteKind, Report
from apps.ingest.sources.text import SourceLine
from apps.ingest.tables import RawTable

OPERATORS = {
    "≥": "≥",
    ">=": "≥",
    "≧": "≥",
    "≤": "≤",
    "<=": "≤",
    "≦": "≤",
    "=": "=",
    "＝": "=",
    ">": ">",
    "＞": ">",
    "<": "<",
    "＜": "<",
    "定性": "定性",
}
HUNDRED = Decimal(100)
UNIT_ROW = re.compile(r"^\d{3,12}$")


@dataclass
class PerfRow:
    line: SourceLine
    unit_row: tuple[str, str] | None = None  # (code, name) of a department or unit heading row
    name: str = ""  # a project's name: this row anchors the project
    figures: list[Decimal] = field(default_factory=list)
    goal: str = ""
    indicator: dict | None = None


@dataclass
class PerfProject:
    unit: str
    name: str
    line: SourceLine
    figures: list[Decimal]
    goal: str = ""
    rows: list[PerfRow] = field(default_factory=list)  # the rows whose indicator belongs here

    @property
    def weight(self) -> Decimal:
        return sum((r.indicator["指标权重"] for r in self.rows if r.indicator), Decimal(0))


@dataclass
class Performance:
    raw: RawTable
    department: tuple[str, str] | None = None
    units: dict[str, str] = field(default_factory=dict)  # code → name, from the unit rows
    projects: list[PerfProject] = field(default_factory=list)


def read_row(line: SourceLine, report: Report, title: str) -> PerfRow:
    tokens = line.filled
    row = PerfRow(line)
    if len(tokens) == 2 and UNIT_ROW.match(tokens[0]) and not is_amount(tokens[1]):
        row.unit_row = (tokens[0], tokens[1])
        return row
    at = next((i for i, t in enumerate(tokens) if t in OPERATORS and i >= 3), None)
    before = tokens if at is None else tokens[: at - 3]
    if at is not None:
        row.indicator = indicator(tokens[at - 3 :], line, report, title)
    if before and UNIT_ROW.match(before[0]) and len(before) > 1 and not is_amount(before[1]):
        before = before[1:]  # a unit code printed on the project's row
    figures = [i for i, t in enumerate(before) if is_amount(t)]
    if figures:
        row.name = " ".join(before[: figures[0]]).strip()
        row.figures = [parsed for t in before[figures[0] : figures[-1] + 1] if (parsed := figure(t)) is not None]
        row.goal = "".join(before[figures[-1] + 1 :])
    else:
        row.goal = "".join(before)
    return row


def figure(text: str) -> Decimal | None:
    try:
        return amount(text)
    except AmountError:
        return None


def indicator(cells: list[str], line: SourceLine, report: Report, title: str) -> dict | None:
    """一级 · 二级 · 三级 · 计算符号, then 指标值 and 计量单位 when printed, and the weight last."""
    level1, level2, name, operator, *after = cells
    if not after:
        report.problem(title, line, "指标权重", "", "缺少指标权重：无法读出这一行绩效指标")
        return None
    value, unit, weight = after[0] if len(after) >= 2 else "", after[1] if len(after) >= 3 else "", after[-1]
    try:
        parsed = Decimal(weight.rstrip("%").strip())
    except InvalidOperation:
        report.problem(title, line, "指标权重", weight, "不是数字：无法读出这一行绩效指标")
        return None
    return {
        "一级指标": level1,
        "二级指标": level2,
        "三级指标": name,
        "计算符号": OPERATORS[operator],
        "指标值": value,
        "计量单位": unit,
        "指标权重": parsed,
    }


def read_performance(raw: RawTable, units: list[dict], report: Report) -> Performance:
    table = Performance(raw)
    names = {unit["name"]: unit["code"] for unit in units}
    rows = [read_row(line, report, raw.title) for line in raw.rows]
    for row in rows:
        if not row.unit_row and row.goal in names and not row.indicator and not row.name:
            row.unit_row, row.goal = (names[row.goal], row.goal), ""
    unit = units[0]["code"] if len(units) == 1 else None
    codes = {row.unit_row[0] for row in rows if row.unit_row} | {u["code"] for u in units}
    chain: list[PerfRow] = []
    for row in rows + [PerfRow(raw.line, unit_row=("", ""))]:  # a sentinel closes the last chain
        if row.unit_row:
            assemble(table, unit, chain, report)
            code, name = row.unit_row
            if code and any(
                other != code and other.startswith(code) for other in codes
            ):  # the department above its units
                table.department = (code, name)
            elif code:
                table.units[code], unit = name, code
            chain = []
        else:
            chain.append(row)
    return table


def assemble(table: Performance, unit: str | None, rows: list[PerfRow], report: Report) -> None:
    """One unit's projects: default assignment, then the weights' verdict."""
    anchors = [r for r in rows if r.name]
    if not rows:
        return
    if not anchors or unit is None:
        report.problem(
            table.raw.title,
            rows[0].line,
            "单位名称(项目名称)",
            rows[0].line.text.strip()[:30],
            "绩效指标行之前没有单位行或项目行，无法归属",
        )
        return
    projects = [PerfProject(unit, r.name, r.line, r.figures, r.goal) for r in anchors]
    owner = default_owners(rows, anchors, projects, report, table.raw.title)
    if any(p.weight != HUNDRED for p in assign(rows, owner, projects)):
        owner = by_weights(rows, anchors, projects, owner, report, table.raw.title)
    assign(rows, owner, projects)
    table.projects += projects


def default_owners(
    rows: list[PerfRow], anchors: list[PerfRow], projects: list[PerfProject], report: Report, title: str
) -> dict[int, int]:
    """Row → project: an anchor's own row; a goal text before a project whose own
    row has none opens that project (with the row's indicator); other text
    continues the goal above; other rows follow the project above."""
    owner, current, pending = {}, None, None
    for index, row in enumerate(rows):
        if row.name:
            current, pending = anchors.index(row), None
            owner[index] = current
            continue
        following = next((k for k, a in enumerate(anchors) if rows.index(a) > index), None)
        if row.goal and pending is not None:
            projects[pending].goal += row.goal
        elif row.goal and following is not None and not projects[following].goal:
            pending = following
            projects[following].goal = row.goal
            report.note(
                NoteKind.READ,
                title,
                row.line,
                f"总体绩效目标“{row.goal[:20]}…”所在行早于项目名称行，归入“{projects[following].name}”",
            )
        elif row.goal and current is not None:
            projects[current].goal += row.goal
        owner[index] = pending if pending is not None else current if current is not None else 0
    return owner


def assign(rows: list[PerfRow], owner: dict[int, int], projects: list[PerfProject]) -> list[PerfProject]:
    for project in projects:
        project.rows = []
    for index, row in enumerate(rows):
        if row.indicator:
            projects[owner[index]].rows.append(row)
    return projects


def by_weights(
    rows: list[PerfRow],
    anchors: list[PerfRow],
    projects: list[PerfProject],
    owner: dict[int, int],
    report: Report,
    title: str,
) -> dict[int, int]:
    """Every split of each gap between neighbouring projects; exactly one where all sum to 100 is applied."""
    positions = [rows.index(a) for a in anchors]
    gaps = [[i for i in range(start + 1, end) if rows[i].indicator] for start, end in zip(positions, positions[1:])]
    own = [
        sum(
            (
                rows[i].indicator["指标权重"]
                for i in range(len(rows))
                if rows[i].indicator
                and (i == p or i < positions[0] and k == 0 or i > positions[-1] and k == len(anchors) - 1)
            ),
            Decimal(0),
        )
        for k, p in enumerate(positions)
    ]
    weight = [[rows[i].indicator["指标权重"] for i in gap] for gap in gaps]
    solutions = splits(own, weight)
    before = {p.name: p.weight for p in projects}
    if len(solutions) != 1:
        for project in projects:
            if project.weight != HUNDRED:
                report.problem(
                    title,
                    project.line,
                    "指标权重",
                    yuan(project.weight).removesuffix(".00"),
                    f"“{project.name}”的绩效指标权重合计不是 100；"
                    f"{'无论怎样在相邻项目之间划分指标行都无法使每个项目都为 100' if not solutions else '有多种划分都能使每个项目为 100'}，"
                    "请核对原文后修改重新上传",
                )
        return owner
    fixed = dict(owner)
    for k, (gap, cut) in enumerate(zip(gaps, solutions[0])):
        for n, i in enumerate(gap):
            fixed[i] = k if n < cut else k + 1
    for i in sorted(fixed):
        if fixed[i] != owner[i] and rows[i].indicator:
            after = assign(rows, fixed, [PerfProject(p.unit, p.name, p.line, p.figures) for p in projects])
            sums = "、".join(
                f"{p.name} {yuan(before[p.name]).removesuffix('.00')}→{yuan(p.weight).removesuffix('.00')}"
                for p in after
                if before[p.name] != p.weight
            )
            report.note(
                NoteKind.FIXED,
                title,
                rows[i].line,
                f"指标“{rows[i].indicator['三级指标']}”原读在“{projects[owner[i]].name}”下，按权重改属“{projects[fixed[i]].name}”："
                f"这是唯一使每个项目权重合计为 100 的划分（{sums}）",
            )
    return fixed


def splits(own: list[Decimal], gaps: list[list[Decimal]]) -> list[list[int]]:
    """Cut points, one per gap (rows before the cut stay with the project above),
    such that every project's weights sum to 100; at most two solutions are sought."""
    solutions: list[list[int]] = []

    def walk(k: int, carried: Decimal, cuts: list[int]) -> None:
        if len(solutions) > 1:
            return
        if k == len(gaps):
            if own[k] + carried == HUNDRED:
                solutions.append(cuts)
            return
        for cut in range(len(gaps[k]) + 1):
            if own[k] + carried + sum(gaps[k][:cut], Decimal(0)) == HUNDRED:
                walk(k + 1, sum(gaps[k][cut:], Decimal(0)), cuts + [cut])

    walk(0, Decimal(0), [])
    return solutions
