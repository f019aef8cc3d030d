"""Reading a disclosure (PDF or text) into the BudgetData the Excel import
writes, with the report of everything found, proved, inferred and wrong."""

from dataclasses import dataclass, field

from apps.budgets.models import BudgetNarrative, Source
from apps.ingest import catalogue
from apps.ingest.mapping.details import Details
from apps.ingest.mapping.info import Info, read_info, table_units
from apps.ingest.mapping.lines import FunctionLines, economic_lines, revenue_lines, three_public_lines
from apps.ingest.mapping.narrative import finding_rows, project_rows, section_rows
from apps.ingest.mapping.projects import project_lines
from apps.ingest.numbers import CENT, WAN, amount, is_amount
from apps.ingest.proof.narrative import TableFigures, compare, derive_priors, purposes
from apps.ingest.readers.balance import Balance, read_balance
from apps.ingest.readers.code_tables import CodeTable, document_codes, read_code_table, revenue_by_code, summary
from apps.ingest.readers.listed import Listed, read_projects, read_three_public
from apps.ingest.readers.narrative import Narrative, read_narrative
from apps.ingest.readers.narrative_figures import read_figures
from apps.ingest.readers.performance import Performance, read_performance
from apps.ingest.readers.sections import Sections, read_sections
from apps.ingest.report import NoteKind, Report, TableSummary
from apps.ingest.sources import disclosure_text
from apps.ingest.sources.text import source_lines
from apps.ingest.tables import EMPTY_NOTE, Document, RawTable, split_document
from apps.ingest.trees import Tree
from apps.reference.models import Scheme
from apps.workbooks import layout
from apps.workbooks.reader import BudgetData, check_references, narrative_value

CODE_KINDS = catalogue.CODE_KINDS
SOURCE_TABLES = {
    Source.GENERAL: catalogue.GENERAL_PUBLIC,
    Source.GOV_FUND: catalogue.GOVERNMENT_FUND,
    Source.STATE_CAPITAL: catalogue.STATE_CAPITAL,
}


@dataclass
class Ingest:
    data: BudgetData
    report: Report
    parsed: dict = field(default_factory=dict)  # official slug → the table as read, for the proof
    units: dict[str, str] = field(default_factory=dict)  # unit code → name
    document: Document | None = None  # the narrative and tables as found, to show


class Reading:
    def __init__(self, text: str, given: dict):
        lines = source_lines(text)
        self.report = Report(lines={line.number: line for line in lines})
        self.document: Document = split_document(lines)
        self.narrative: Narrative = read_figures(read_narrative(self.document.narrative))
        self.given = given
        self.tables: dict[catalogue.Kind, RawTable] = {}
        self.running_cost = None
        self.book = None
        self.sections: Sections = read_sections(self.document.narrative, self.report)

    def read(self) -> Ingest:
        self.survey()
        units = [{"code": c, "name": n} for c, n in table_units(self.document).items()]
        performance = self.tables.get(catalogue.PERFORMANCE)
        performance = read_performance(performance, units, self.report) if performance else None
        info = read_info(
            self.document,
            self.narrative,
            performance,
            self.short_name(performance),
            self.given,
            self.report,
            self.sections,
        )
        data = BudgetData(
            department=info.department,
            government=info.government,
            year=info.year,
            phase=info.phase,
            units=info.units,
            table_set=catalogue.table_set([t.title for t in self.document.tables]),
            source_name=self.given.get("source_name", ""),
        )
        parsed = self.read_tables(info)
        details = Details(self.report)
        self.derive(parsed, performance, info, details)
        section_rows(self.sections, details)
        project_rows(self.sections, details, after=len(details.sheets[layout.PROJECTS.name]))
        data.details = details.sheets
        if "summary" in parsed:
            data.carry_forward = parsed["summary"].amount("right", "carry_forward").quantize(CENT)
        self.narrative_fields(data, details)
        data.running_cost = self.running_cost
        data.codes = self.book.brought() if self.book else []
        self.references(data)
        finding_rows(self.report.findings, data.details, self.report)
        data.warnings = [w.text for w in self.report.warnings]
        units_by_code = {u["code"]: u["name"] for u in info.units}
        proved = {k: v for k, v in parsed.items() if k in catalogue.BY_SLUG}
        return Ingest(data, self.report, proved, units_by_code, self.document)

    def function_tree(self, year: int | None) -> Tree:
        return Tree(Scheme.FUNCTION, year, self.book.printed[Scheme.FUNCTION] if self.book else None)

    def survey(self) -> None:
        """Each table found: kept (the first of its kind), summarised, its unit line required."""
        for raw in self.document.tables:
            status = self.status(raw)
            if raw.kind is not catalogue.UNKNOWN and raw.kind in self.tables:
                self.report.problem(
                    raw.title, raw.line, "", raw.title, f"与第{self.tables[raw.kind].line.number}行的表是同一种表，重复"
                )
                status = "重复，未读入"
            elif raw.kind is not catalogue.UNKNOWN:
                self.tables[raw.kind] = raw
            unit = raw.unit or "（缺少单位行）"
            found = raw.heading
            heading = "·".join(
                part for part in (f"{found.year}年" if found.year else "", found.level, found.scope) if part
            )
            self.report.tables.append(
                TableSummary(
                    raw.title, raw.kind.name, bool(raw.kind.slug), raw.line, unit, len(raw.rows), status, heading
                )
            )
            for event in raw.events:
                self.report.note(NoteKind.READ, raw.title, event.line, event.text)
            for conflict in raw.conflicts:
                self.report.problem(raw.title, conflict.line, "单位", None, conflict.text)
            claims_empty = [n for n in raw.notes if EMPTY_NOTE.search(n.text)]
            if claims_empty and has_figures(raw):
                self.report.warn(
                    raw.title,
                    claims_empty[0],
                    f"注释称本表为空表（“{claims_empty[0].text.strip()[:40]}”），但表中列有数字：按数字读入，注释不予采用",
                )

    def status(self, raw: RawTable) -> str:
        if not raw.kind.slug and raw.kind not in CODE_KINDS:
            self.report.note(
                NoteKind.READ,
                raw.title,
                raw.line,
                f"九张公开表中没有与之对应的表：保留原样（{len(raw.rows)} 行），未读入明细",
            )
            return "无对应的公开表，原样保留"
        if not raw.kind.slug:
            self.report.note(
                NoteKind.READ, raw.title, raw.line, "九张公开表中没有与之对应的表：读入，仅用于确定支出的资金来源"
            )
        if raw.is_empty:
            note = "；".join(n.text.strip() for n in raw.notes) or "没有数据行"
            return f"空表：{note}"
        if raw.unit is None:
            self.report.problem(
                raw.title,
                raw.line,
                "单位",
                None,
                "缺少“单位：元”或“单位：万元”行：不猜测金额单位，请在标题下补上后重新上传",
            )
        elif raw.unit == "万元":
            self.report.note(
                NoteKind.READ,
                raw.title,
                raw.unit_line,
                "本表金额单位为万元：按 ×10000 精确换算为元；与其他表比较时按本表的小数位四舍五入比较",
            )
        return "已读入" + (f"（跨第{raw.pages[0]}–{raw.pages[-1]}页）" if len(raw.pages) > 1 else "")

    def short_name(self, performance: Performance | None) -> str:
        if performance and performance.department:
            return performance.department[1]
        return ""

    def read_tables(self, info: Info) -> dict:
        parsed, year, units = {}, info.year, info.units
        readable = {kind: raw for kind, raw in self.tables.items() if raw.unit is not None or raw.is_empty}
        for kind, raw in readable.items():
            if kind in CODE_KINDS:
                parsed[CODE_KINDS[kind]] = read_code_table(raw, year, self.report)
        self.book = document_codes(parsed, year, self.report)
        tree = Tree(Scheme.FUNCTION, year, self.book.printed[Scheme.FUNCTION])
        for kind, raw in readable.items():
            if kind in (catalogue.SUMMARY, catalogue.FISCAL_SUMMARY):
                parsed[kind.slug] = read_balance(raw, tree, self.report)
            elif kind is catalogue.THREE_PUBLIC:
                parsed[kind.slug] = read_three_public(raw, units, self.report)
            elif kind is catalogue.PROJECTS:
                parsed[kind.slug] = read_projects(raw, units, self.report)
        three = parsed.get("three-public")
        if three and three.department and not info.department.get("short_name"):
            info.department["short_name"] = next(iter(three.department.texts), "")
        for table in parsed.values():
            if isinstance(table, CodeTable):
                self.describe(table.raw, summary(table))
        return parsed

    def describe(self, raw: RawTable, text: str) -> None:
        for table in self.report.tables:
            if table.line is raw.line:
                table.status += f"；{text}"

    def derive(self, parsed: dict, performance: Performance | None, info: Info, details: Details) -> None:
        summary_table: Balance | None = parsed.get("summary")
        if summary_table is None:
            self.report.problem("收支预算总表", None, "", None, "没有找到收支预算总表：收入无从读入")
        else:
            revenue_lines(summary_table, details)
        expenditure: CodeTable | None = parsed.get("expenditure")
        if expenditure is None:
            self.report.problem("支出预算总表", None, "", None, "没有找到支出预算总表：支出无从读入")
        else:
            by_source = {s: parsed[CODE_KINDS[k]] for s, k in SOURCE_TABLES.items() if CODE_KINDS[k] in parsed}
            revenue = summary_table.revenue if summary_table else {}
            FunctionLines(expenditure, by_source, revenue, info.units, details, self.report).derive()
        if "general-public-basic" in parsed:
            economic_lines(parsed["general-public-basic"], details)
        if "revenue" in parsed and summary_table is not None:
            revenue_by_code(parsed["revenue"], summary_table, self.report)
        if "three-public" in parsed:
            three_public_lines(parsed["three-public"], info.units, details, self.report)
            self.running_cost = stated_running_cost(parsed["three-public"])
            if details.sheets[layout.FUNCTION.name] and any(
                line.values.get("单位编码") for line in details.sheets[layout.FUNCTION.name]
            ):
                self.running_cost_column(parsed["three-public"], details, info)
        projects: Listed | None = parsed.get("projects")
        if projects:
            chosen = self.given.get("project_codes") or {}
            project_lines(projects, performance, details.sheets[layout.FUNCTION.name], chosen, details, self.report)

    def running_cost_column(self, table: Listed, details: Details, info: Info) -> None:
        """A 三公 table with a 机关运行经费 column states a figure the line items must give."""
        row = table.total or (table.rows[0][1] if table.rows else None)
        if not table.grid.has("running_cost") or row is None or row.amounts.get("running_cost") is None:
            return
        data = BudgetData(units=info.units, details=details.sheets)
        computed = TableFigures(data, self.function_tree(info.year)).running_cost()
        self.report.check(
            table.raw.title,
            row.line,
            "机关运行经费 = 行政单位公用经费（财政拨款）",
            row.amounts["running_cost"],
            computed,
            table.grid.tolerance(1) if table.grid.scale == WAN else 0,
        )

    def narrative_fields(self, data: BudgetData, details: Details) -> None:
        figures = TableFigures(data, self.function_tree(data.year))
        compare(self.narrative, figures, self.report)
        purposes(self.narrative, figures, details, self.report)
        texts = dict(self.narrative.texts)
        for name in ("procurement_goods", "procurement_works", "procurement_services"):
            if name in texts:
                texts[name] = texts[name] * WAN
        if any(f in texts for f in ("procurement_goods", "procurement_works", "procurement_services")):
            self.report.note(
                NoteKind.READ, "说明", None, "政府采购预算取自说明（万元，两位小数）：换算为元后精确到百元"
            )
        data.narrative = {name: narrative_value(name, texts.get(name)) for name in layout.NARRATIVE_FIELDS.values()}
        derive_priors(self.narrative, figures, data, self.report)
        for name, value in data.narrative.items():
            limit = BudgetNarrative._meta.get_field(name).max_length
            if limit and isinstance(value, str) and len(value) > limit:
                self.report.problem("说明", None, layout_label(name), value[:30] + "…", f"超过 {limit} 字，无法保存")

    def references(self, data: BudgetData) -> None:
        if not data.year or not data.department.get("code"):
            return
        weighed = {
            p.message.split("”")[0].lstrip("“")
            for p in self.report.problems
            if "的绩效指标权重合计不是 100" in p.message
        }
        for problem in check_references(data):
            if "的绩效指标权重合计为" in problem.message and problem.value in weighed:
                continue  # already reported where the weights were read, with what was tried
            table = next((t for t in self.document.tables if owns(t, problem.row)), None)
            self.report.problems.append(
                problem.__class__(
                    table.title if table else problem.sheet, problem.row, problem.column, problem.value, problem.message
                )
            )


def has_figures(raw: RawTable) -> bool:
    """Any figure other than 0 among the table's rows (a table of zeros is as empty as its note says)."""
    return any(is_amount(c) and amount(c) != 0 for row in raw.rows for c in row.filled)


def stated_running_cost(table: Listed):
    """机关运行经费 as the 三公 table states it (its 合计 row, or its one row), or None."""
    row = table.total or (table.rows[0][1] if table.rows else None)
    return row.amounts.get("running_cost") if row is not None and table.grid.has("running_cost") else None


def owns(table: RawTable, number: int | None) -> bool:
    return bool(number) and any(line.number == number for line in [table.line, *table.header, *table.rows])


def layout_label(name: str) -> str:
    return next((label for label, field in layout.NARRATIVE_FIELDS.items() if field == name), name)


def read_disclosure(
    content: bytes,
    filename: str = "",
    *,
    department: str | None = None,
    year: int | None = None,
    project_codes: dict[str, str] | None = None,
    government: str | None = None,
    government_code: str | None = None,
    government_level: str | None = None,
) -> Ingest:
    """Everything the disclosure says, as BudgetData and a report. Nothing is
    written; problems are in the report (services.py refuses to write them)."""
    given = {
        "department": department,
        "year": year,
        "project_codes": project_codes or {},
        "government": government,
        "government_code": government_code,
        "government_level": government_level,
        "source_name": filename,
    }
    return Reading(disclosure_text(content, filename), given).read()
