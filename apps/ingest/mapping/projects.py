"""Projects from the 项目支出表, their goals and indicators from the 绩效目标表,
and the function code each is charged to, which no table prints.

The code is inferred from the 支出总表's project column: the projects charged
to each code must add up, source by source, to that code's project spending.
One code with project money takes them all; with several, the assignment is
searched exhaustively and used only when exactly one exists. Several possible
assignments are a problem (the user may name a project's code); none is a
problem too (the tables disagree)."""

from decimal import Decimal

from apps.budgets.models import Source
from apps.ingest.grid import Placed
from apps.ingest.mapping.details import Details
from apps.ingest.numbers import CENT, label, yuan
from apps.ingest.readers.listed import Listed
from apps.ingest.readers.performance import Performance, PerfProject
from apps.ingest.report import NoteKind, Report
from apps.workbooks import layout

KEYS = {
    "general": Source.GENERAL,
    "gov_fund": Source.GOV_FUND,
    "carryover_general": Source.CARRYOVER_GENERAL,
    "carryover_gov_fund": Source.CARRYOVER_GOV_FUND,
    "special_account": Source.SPECIAL_ACCOUNT,
    "unit_funds": Source.UNIT,
}
SEARCH_LIMIT = 500_000
MISSING_KIND = "（原表未列类型）"


def project_vector(project: dict) -> tuple[int, ...]:
    amounts = project["placed"].amounts
    return tuple(int((amounts.get(key) or Decimal(0)) / CENT) for key in KEYS)


def code_targets(function_lines: list) -> dict[str, list[int]]:
    """Each code's project spending per funding source, in cents."""
    targets: dict[str, list[int]] = {}
    for line in function_lines:
        if line.values["支出性质"] == "project":
            vector = targets.setdefault(line.values["科目编码"], [0] * len(KEYS))
            source = line.values["资金来源"]
            index = list(KEYS.values()).index(source) if source in KEYS.values() else None
            if index is None:
                vector.append(int(line.values["金额"] / CENT))  # a source no project column holds: never matched
            else:
                vector[index] += int(line.values["金额"] / CENT)
    return targets


def assignments(
    projects: list[dict], targets: dict[str, list[int]], fixed: dict[int, str]
) -> tuple[list[dict[int, str]], bool]:
    """Up to two ways to charge every project to a code so that each code's
    project spending is met exactly; and whether the search was cut short."""
    codes = sorted(targets)
    remaining = {c: list(targets[c]) for c in codes}
    for index, code in fixed.items():
        if code not in remaining:
            return [], False
        remaining[code] = [r - v for r, v in zip(remaining[code], project_vector(projects[index]))] + remaining[code][
            len(KEYS) :
        ]
    order = sorted((i for i in range(len(projects)) if i not in fixed), key=lambda i: -sum(project_vector(projects[i])))
    found: list[dict[int, str]] = []
    steps = 0

    def walk(position: int, chosen: dict[int, str]) -> None:
        nonlocal steps
        steps += 1
        if len(found) > 1 or steps > SEARCH_LIMIT:
            return
        if position == len(order):
            if all(not any(v) for v in remaining.values()):
                found.append(dict(chosen))
            return
        index = order[position]
        vector = project_vector(projects[index])
        for code in codes:
            left = remaining[code]
            if all(have >= v for have, v in zip(left, vector)):
                remaining[code] = [have - v for have, v in zip(left, vector)] + left[len(KEYS) :]
                chosen[index] = code
                walk(position + 1, chosen)
                remaining[code] = left
                del chosen[index]

    walk(0, {})
    return [fixed | f for f in found], steps > SEARCH_LIMIT


def charge_codes(table: Listed, function_lines: list, chosen: dict[str, str], report: Report) -> dict[int, str]:
    """Project index → function code, or a problem saying why it cannot be told."""
    projects, targets = table.projects, code_targets(function_lines)
    fixed = {i: chosen[p["name"]] for i, p in enumerate(projects) if p["name"] in chosen}
    for i, code in fixed.items():
        report.note(
            NoteKind.READ,
            table.raw.title,
            projects[i]["placed"].line,
            f"“{projects[i]['name']}”的功能科目 {code} 由使用者指定",
        )
    if len(targets) == 1 and not fixed:
        code = next(iter(targets))
        report.note(
            NoteKind.INFERRED,
            table.raw.title,
            table.raw.line,
            f"支出预算总表只有科目 {code} 有项目支出：全部项目列入该科目",
        )
        return {i: code for i in range(len(projects))}
    found, cut = assignments(projects, targets, fixed)
    if len(found) == 1:
        by_code: dict[str, list[str]] = {}
        for index, code in sorted(found[0].items()):
            by_code.setdefault(code, []).append(projects[index]["name"])
        for code, names in sorted(by_code.items()):
            report.note(
                NoteKind.INFERRED,
                table.raw.title,
                table.raw.line,
                f"科目 {code} 的项目支出 {yuan(Decimal(sum(targets[code])) * CENT)} 只能由这些项目凑成：{'、'.join(names)}",
            )
        return found[0]
    reason = (
        ("组合太多，无法穷尽" if cut else "有多种划分都与支出预算总表各科目的项目支出相符")
        if found or cut
        else "无论怎样划分，各科目的项目合计都与支出预算总表的项目支出不符"
    )
    report.problem(
        table.raw.title,
        table.raw.line,
        "功能科目",
        "、".join(sorted(targets)),
        f"无法确定各项目列入哪个功能科目：{reason}。可在导入时为项目指定科目（项目名称=科目编码）",
    )
    return {}


def project_lines(
    table: Listed,
    performance: Performance | None,
    function_lines: list,
    chosen: dict[str, str],
    details: Details,
    report: Report,
) -> None:
    codes = charge_codes(table, function_lines, chosen, report)
    goals = {(p.unit, label(p.name)): p for p in performance.projects} if performance else {}
    for index, project in enumerate(table.projects, start=1):
        placed = project["placed"]
        target = goals.get((project["unit"], label(project["name"])))
        kind = project["kind"]
        if not kind:
            kind = MISSING_KIND
            report.note(
                NoteKind.INFERRED,
                table.raw.title,
                placed.line,
                f"“{project['name']}”的类型原表未列，记为“{MISSING_KIND}”",
            )
        raw = {
            "单位编码": project["unit"],
            "序号": index,
            "类型": kind,
            "项目名称": project["name"],
            "科目编码": codes.get(index - 1),
            "总体绩效目标": target.goal if target else "",
        }
        raw |= {layout.PROJECT_AMOUNTS[source].header: placed.amounts.get(key) for key, source in KEYS.items()}
        details.add(layout.PROJECTS, table.raw.title, placed.line, raw)
        if target:
            indicator_lines(target, project["name"], performance, details, report, placed)
    if performance:
        known = {(p["unit"], label(p["name"])) for p in table.projects}
        for target in performance.projects:
            if (target.unit, label(target.name)) not in known:
                report.problem(performance.raw.title, target.line, "项目名称", target.name, "项目支出表中没有这个项目")


def indicator_lines(
    target: PerfProject, name: str, performance: Performance, details: Details, report: Report, placed: Placed
) -> None:
    title = performance.raw.title
    total = placed.amounts.get("total")
    if target.figures and total is not None and target.figures[0] != total:
        report.problem(
            title, target.line, "总计", yuan(target.figures[0]), f"与项目支出表中“{name}”的合计 {yuan(total)} 不符"
        )
    for position, row in enumerate(target.rows, start=1):
        values = row.indicator
        details.add(
            layout.INDICATORS,
            title,
            row.line,
            {
                "单位编码": target.unit,
                "项目名称": name,
                "序号": position,
                "一级指标": values["一级指标"],
                "二级指标": values["二级指标"],
                "三级指标": values["三级指标"],
                "计算符号": values["计算符号"],
                "指标值": values["指标值"],
                "计量单位": values["计量单位"],
                "指标权重": values["指标权重"],
            },
        )
