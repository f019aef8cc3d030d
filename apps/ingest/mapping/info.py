"""Who and when: the department (code, name, short name, aliases), the year,
the phase and the budget units, from the title, the tables' 部门名称 lines
(【205001】…), the 绩效目标表's unit rows and what the system already knows.
A unit's kind is taken from the system, else from the narrative (事业单位…),
else from its name, and the preview says which."""

import re
from collections import Counter
from dataclasses import dataclass, field

from apps.ingest.numbers import label
from apps.ingest.readers.narrative import PHASES, Narrative
from apps.ingest.readers.performance import Performance
from apps.ingest.readers.sections import Sections
from apps.ingest.report import NoteKind, Report
from apps.ingest.tables import UNITS, Document
from apps.reference.models import Department, Government, Unit

ADMINISTRATIVE_NAME = re.compile(r"(局|委|办|厅|部|署|委员会|政府|办公室|法院|检察院|办事处)(本级|[(（]本部[)）])?$")
# The title of a government's set of budgets: 上海市普陀区2024年区级部门预算 (or 2024年上海市普陀区区级部门预算).
LEVEL_WORDS = (
    r"(?P<level>省级|市级|区级|县级|省本级|市本级|区本级|县本级)(?P<scope>部门|单位)(?P<phase>调整预算|预算|决算)$"
)
GOVERNMENT_TITLES = (
    re.compile(r"^(?P<government>[^0-9（）()]{2,30}?)(?P<year>\d{4})年" + LEVEL_WORDS),
    re.compile(r"^(?P<year>\d{4})年(?P<government>[^0-9（）()]{2,30}?)" + LEVEL_WORDS),
)
LEVELS = {"省": "province", "市": "city", "区": "district", "县": "county"}
# Who publishes: 预算主管部门：…, or on a unit budget 预算单位：… / 编制单位：….
PUBLISHER = re.compile(
    r"^\s*(预算主管部门|主管部门|部门名称|预算单位|编制单位|单位名称|编制部门)\s*[:：]\s*(?P<name>[^\t]+?)\s*$"
)
LISTED_UNIT = re.compile(r"^\s*\d+\s*[.、．]\s*(?P<name>[^，,；;：:]{4,60}?)[。；;]?\s*$")
INSTITUTION_NAME = re.compile(r"(中心|所|站|馆|院|队|学校|校|医院|会|社|台|场|园)$")


@dataclass
class Info:
    department: dict[str, str] = field(default_factory=dict)
    government: dict[str, str] = field(default_factory=dict)  # name, level, code; empty: the site's primary one
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


def read_department(
    code: str | None, government: dict, narrative: Narrative, short_name: str, report: Report
) -> dict[str, str]:
    known = None
    if code:
        found = Department.objects.filter(code=code)
        found = (
            found.filter(government__name=government["name"])
            if government.get("name")
            else found.filter(government__primary=True)
        )
        known = found.first()
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
                NoteKind.READ,
                "基本信息",
                None,
                f"公开文本中没有的部门信息（{'、'.join(kept)}）沿用系统中部门 {code} 的记录",
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
    return None  # never guessed from other numbers: --department names it


def unit_kind(code: str, name: str, department: str, narrative: Narrative, report: Report) -> str:
    known = Unit.objects.filter(code=code).first() if code else None
    if known:
        return known.kind
    if any(label(name) == label(other) for other in narrative.public_institutions):
        kind, why = Unit.Kind.PUBLIC_INSTITUTION, "说明中称其为事业单位"
    elif (name.endswith("本级") or re.search(r"[(（]本部[)）]$", name)) and ADMINISTRATIVE_NAME.search(department):
        kind, why = Unit.Kind.ADMINISTRATIVE, "行政部门的本级"
    elif INSTITUTION_NAME.search(name):
        kind, why = Unit.Kind.PUBLIC_INSTITUTION, "按名称（中心、所、站…）推断，无法从公开文本确认"
    else:
        kind, why = Unit.Kind.OTHER, "无法从公开文本判断"
    report.note(
        NoteKind.INFERRED,
        "基本信息",
        None,
        f"预算单位 {code or ''} {name} 记为{Unit.Kind(kind).label}：{why}".replace("  ", " "),
    )
    return kind


def read_government(document: Document, given: dict, report: Report) -> dict[str, str]:
    """The government from the title (上海市普陀区2024年区级部门预算 → 上海市普陀区, 区级), or as given."""
    found: dict[str, str] = {}
    for line in document.narrative[:8]:
        plain = re.sub(r"\s+", "", line.text)
        title = next((match for pattern in GOVERNMENT_TITLES if (match := pattern.match(plain))), None)
        if title:
            found = {
                "name": title.group("government"),
                "level": LEVELS[title.group("level")[0]],
                "phase": title.group("phase"),
            }
            found["scope"] = title.group("scope")
            break
    if given.get("government"):
        found = {**found, "name": given["government"]}
    if given.get("government_code"):
        found["code"] = given["government_code"]
    if given.get("government_level"):
        level = given["government_level"]  # 市级 as printed, or city as stored
        found["level"] = level if level in Government.Level.values else LEVELS[level[0]]
    if found.get("name") and not found.get("level") and not Government.objects.filter(name=found["name"]).exists():
        report.problem(
            "基本信息",
            None,
            "行政区划",
            found["name"],
            "标题中没有级次（市级、区级…），无法新建这一行政区划：请指定级次",
        )
    return found


def publisher(document: Document) -> str:
    """Who the document is of, where its title does not say: 预算主管部门：…, else the tables' 编制部门/编制单位."""
    for line in document.narrative[:8]:
        found = PUBLISHER.match(line.text)
        if found:
            return found.group("name")
    names = Counter(
        t.department.split("，")[0].strip() for t in document.tables if t.department and not UNITS.search(t.department)
    )
    return names.most_common(1)[0][0] if names else ""


def listed_units(sections: Sections) -> list[str]:
    """Units by name from 机构设置's numbered list, when the tables print no unit codes."""
    names = []
    for section in sections.of("机构设置"):
        for line in section.lines:
            found = LISTED_UNIT.match(line.text.replace("\t", " "))
            if found and not re.search(r"\d", found.group("name")):
                names.append(found.group("name").strip())
    return names


def read_info(
    document: Document,
    narrative: Narrative,
    performance: Performance | None,
    short_name: str,
    given: dict,
    report: Report,
    sections: Sections,
) -> Info:
    info = Info(year=read_year(document, narrative, given.get("year"), report))
    info.government = read_government(document, given, report)
    units = table_units(document)
    if performance:
        for code, name in performance.units.items():
            units.setdefault(code, name)
    code = department_code(given.get("department"), performance, units, report)
    if not narrative.title.get("name") and publisher(document):
        narrative.title["name"] = publisher(document)
    info.department = read_department(code, info.government, narrative, short_name, report)
    info.phase = PHASES.get(narrative.title.get("phase") or info.government.pop("phase", ""), "budget")
    scope = narrative.title.get("scope") or info.government.pop("scope", "")
    if scope == "单位" or any(t.heading.scope == "单位" for t in document.tables):
        report.note(NoteKind.READ, "基本信息", None, "这是单位预算：按一个部门、其所列单位读入")
    info.government.pop("phase", None)
    info.government.pop("scope", None)
    info.units = [
        {"code": c, "name": n, "kind": unit_kind(c, n, info.department["name"], narrative, report)}
        for c, n in sorted(units.items())
    ]
    if not info.units:
        names = listed_units(sections) or [info.department["name"]]
        info.units = [
            {"code": "", "name": n, "kind": unit_kind("", n, info.department["name"], narrative, report)}
            for n in names
            if n
        ]
        if info.units:
            where = (
                "机构设置所列" if len(names) > 1 or names != [info.department["name"]] else "文件所列的编制部门（单位）"
            )
            report.note(
                NoteKind.READ,
                "基本信息",
                None,
                f"文件没有列出单位编码：预算单位按名称取自{where}（{len(info.units)} 个）",
            )
    if not info.units:
        report.problem(
            "基本信息", None, "预算单位", None, "公开文本中找不到预算单位（部门名称行应列出【单位编码】单位名称）"
        )
    return info
