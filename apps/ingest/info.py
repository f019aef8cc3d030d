"""Who and when: the department (code, name, short name, aliases), the year,
the phase and the budget units, from the title, the tables' 部门名称 lines
(【205001】…), the 绩效目标表's unit rows and what the system already knows.
A unit's kind is taken from the system, else from the narrative (事业单位…),
else from its name, and the preview says which."""

import re
from collections import Counter
from dataclasses import dataclass, field

from apps.reference.models import Department, Unit

from .narrative import PHASES, Narrative
from .numbers import label
from .performance import Performance
from .report import Report
from .tables import UNITS, Document

ADMINISTRATIVE_NAME = re.compile(r"(局|委|办|厅|部|署|委员会|政府|办公室|法院|检察院)(本级)?$")
INSTITUTION_NAME = re.compile(r"(中心|所|站|馆|院|队|学校|校|医院|会|社|台|场|园)$")


@dataclass
class Info:
    department: dict[str, str] = field(default_factory=dict)
    year: int | None = None
    phase: str = "budget"
    units: list[dict] = field(default_factory=list)


def table_units(document: Document) -> dict[str, str]:
    units: dict[str, str] = {}
    for table in document.tables:
        for code, name in UNITS.findall(table.department):
            units.setdefault(code, name.strip())
    return units


def read_year(document: Document, narrative: Narrative, given: int | None, report: Report) -> int | None:
    years = Counter(t.heading.year for t in document.tables if t.heading.year)
    if narrative.title.get("year"):
        years[int(narrative.title["year"])] += 1
    found = years.most_common(1)[0][0] if years else None
    if given and found and given != found:
        report.problem("基本信息", None, "年度", given, f"与公开文本中的年度 {found} 不符")
    for table in document.tables:
        if table.heading.year and found and table.heading.year != found:
            report.problem(table.title, table.line, "年度", table.heading.year, f"与其他表的年度 {found} 不符")
    if not (given or found):
        report.problem("基本信息", None, "年度", None, "公开文本中找不到年度，请指定 --year")
    return given or found


def read_department(code: str | None, narrative: Narrative, short_name: str, report: Report) -> dict[str, str]:
    known = Department.objects.filter(code=code).first() if code else None
    found = {
        "code": code or "",
        "name": narrative.title.get("name", ""),
        "short_name": short_name,
        "alias": narrative.title.get("alias", ""),
        "alias_short": narrative.short_alias,
    }
    if known:
        kept = [f for f, v in found.items() if not v and getattr(known, f)]
        found |= {f: getattr(known, f) for f in kept}
        if kept:
            report.note(
                "读取", "基本信息", None, f"公开文本中没有的部门信息（{'、'.join(kept)}）沿用系统中部门 {code} 的记录"
            )
    if not found["code"]:
        report.problem("基本信息", None, "部门编码", None, "公开文本中找不到部门编码，请指定 --department")
    if not found["name"]:
        report.problem(
            "基本信息", None, "部门名称", None, "公开文本中找不到部门名称（标题应为“某某部门2021年部门预算”）"
        )
    return found


def department_code(
    given: str | None, performance: Performance | None, units: dict[str, str], report: Report
) -> str | None:
    if given:
        return given
    if performance and performance.department:
        return performance.department[0]
    prefixes = {code[:3] for code in units}
    if len(prefixes) == 1:
        code = prefixes.pop()
        report.note("推断", "基本信息", None, f"部门编码 {code} 取自各预算单位编码的共同前缀")
        return code
    return None


def unit_kind(code: str, name: str, department: str, narrative: Narrative, report: Report) -> str:
    known = Unit.objects.filter(code=code).first()
    if known:
        return known.kind
    if any(label(name) == label(other) for other in narrative.public_institutions):
        kind, why = Unit.Kind.PUBLIC_INSTITUTION, "说明中称其为事业单位"
    elif name.endswith("本级") and ADMINISTRATIVE_NAME.search(department):
        kind, why = Unit.Kind.ADMINISTRATIVE, "行政部门的本级"
    elif INSTITUTION_NAME.search(name):
        kind, why = Unit.Kind.PUBLIC_INSTITUTION, "按名称（中心、所、站…）推断，无法从公开文本确认"
    else:
        kind, why = Unit.Kind.OTHER, "无法从公开文本判断"
    report.note("推断", "基本信息", None, f"预算单位 {code} {name} 记为{Unit.Kind(kind).label}：{why}")
    return kind


def read_info(
    document: Document,
    narrative: Narrative,
    performance: Performance | None,
    short_name: str,
    given: dict,
    report: Report,
) -> Info:
    info = Info(year=read_year(document, narrative, given.get("year"), report))
    units = table_units(document)
    if performance:
        for code, name in performance.units.items():
            units.setdefault(code, name)
    code = department_code(given.get("department"), performance, units, report)
    info.department = read_department(code, narrative, short_name, report)
    info.phase = PHASES.get(narrative.title.get("phase", ""), "budget")
    if narrative.title.get("scope") == "单位" or any(t.heading.scope == "单位" for t in document.tables):
        report.note("读取", "基本信息", None, "这是单位预算：按一个部门、其所列单位读入")
    info.units = [
        {"code": c, "name": n, "kind": unit_kind(c, n, info.department["name"], narrative, report)}
        for c, n in sorted(units.items())
    ]
    if not info.units:
        report.problem(
            "基本信息", None, "预算单位", None, "公开文本中找不到预算单位（部门名称行应列出【单位编码】单位名称）"
        )
    return info
