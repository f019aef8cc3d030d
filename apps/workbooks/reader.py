"""Reading a budget workbook (the layout of layout.py) into BudgetData, with
every problem collected and located by sheet, row and column. Nothing here
touches the database except to look up codes, departments and units."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from apps.budgets import cells
from apps.budgets.models import BudgetNarrative, TableSet
from apps.reference.models import Department, Scheme, Unit

from . import layout
from .cells import parse
from .details import kind_of
from .document_codes import BroughtCode, CodeBook
from .problems import Problem, WorkbookInvalid
from .safety import sheet_rows


@dataclass
class Line:
    row: int  # the spreadsheet's row number
    values: dict[str, object]  # header → parsed value
    raw: dict[str, object]  # header → the cell as written, to quote it back


@dataclass
class BudgetData:
    department: dict[str, str] = field(default_factory=dict)
    government: dict[str, str] = field(default_factory=dict)  # name, code, level; empty: the site's primary one
    year: int | None = None
    phase: str | None = None
    carry_forward: Decimal = Decimal("0.00")
    table_set: str = TableSet.ZHEJIANG
    running_cost: Decimal | None = None  # 机关运行经费 as the document states it
    units: list[dict] = field(default_factory=list)
    narrative: dict[str, object] = field(default_factory=dict)
    details: dict[str, list[Line]] = field(default_factory=dict)
    official: dict[str, list[tuple]] = field(default_factory=dict)  # official sheets as read, for verification
    codes: list[BroughtCode] = field(default_factory=list)  # codes the document brings, stored as its own
    source_name: str = ""  # the document, named on the codes it brings
    warnings: list[str] = field(default_factory=list)  # accepted, but shown in the preview


class Reader:
    def __init__(self, may_import: Callable[[str], bool] | None = None) -> None:
        self.problems: list[Problem] = []
        self.data = BudgetData()
        # Whether this user may import the department's budgets: when not, nothing about the
        # department's units or names in the system is compared (or told).
        self.may_import = may_import

    def problem(self, sheet: str, row: int | None, column: str, value, message: str) -> None:
        self.problems.append(Problem(sheet, row, column, value, message))

    def read(self, content: bytes) -> BudgetData:
        sheets = sheet_rows(content)
        for name in [layout.INFO_SHEET] + [spec.name for spec in layout.DETAIL_SHEETS if spec in layout.REQUIRED]:
            if name not in sheets:
                self.problem(name, None, "", None, "缺少这张工作表")
        if layout.INFO_SHEET in sheets:
            self.read_info(sheets[layout.INFO_SHEET])
        for spec in layout.DETAIL_SHEETS:
            if spec.name in sheets:
                self.data.details[spec.name] = self.read_detail(spec, sheets[spec.name])
        self.data.official = {
            name: rows for name, rows in sheets.items() if name not in self.data.details and name != layout.INFO_SHEET
        }
        code = self.data.department.get("code")
        if code and self.may_import and not self.may_import(code):
            self.problem(layout.INFO_SHEET, None, "部门编码", code, "不是您所在的部门，不能导入")
        elif self.data.year and code:
            References(self).check()
        if self.problems:
            raise WorkbookInvalid(self.problems)
        return self.data

    def read_info(self, rows: list[tuple]) -> None:
        sheet = layout.INFO_SHEET
        for number, row in enumerate(rows[2:], start=3):
            label = str(row[0] or "").strip() if row else ""
            if label == layout.GENERATED_MARK:
                break
            if not label:
                continue
            values = list(row[1:]) + [None] * 3
            try:
                self.read_info_row(label, values)
            except cells.CellError as error:
                self.problem(sheet, number, label, values[0], str(error))
            except KeyError:
                self.problem(sheet, number, "项目", label, "不是可识别的项目名称")
        for label, required in [
            ("部门编码", self.data.department.get("code")),
            ("部门名称", self.data.department.get("name")),
            ("年度", self.data.year),
            ("阶段", self.data.phase),
        ]:
            if not required:
                self.problem(sheet, None, label, None, "缺少此项")

    def read_info_row(self, label: str, values: list) -> None:
        data = self.data
        if label in layout.DEPARTMENT_FIELDS:
            data.department[layout.DEPARTMENT_FIELDS[label]] = cells.text(values[0] or "")
        elif label in layout.GOVERNMENT_FIELDS:
            data.government[layout.GOVERNMENT_FIELDS[label]] = self.government_value(label, values[0])
        elif label == "公开表格式":
            data.table_set = parse(layout.Field(label, "choice", layout.TABLE_SETS), values[0])
        elif label == "机关运行经费（文件所列）":
            data.running_cost = None if values[0] in (None, "") else cells.money(values[0])
        elif label == "年度":
            data.year = cells.whole_number(values[0])
        elif label == "阶段":
            data.phase = parse(layout.Field("阶段", "choice", layout.PHASES), values[0])
        elif label == "结转下年":
            data.carry_forward = cells.money(values[0] if values[0] is not None else 0)
        elif label == layout.UNIT_LABEL:
            kind = parse(layout.Field("单位性质", "choice", layout.UNIT_KINDS), values[2])
            data.units.append({"code": cells.code_text(values[0]), "name": cells.text(values[1] or ""), "kind": kind})
        else:
            name = layout.NARRATIVE_FIELDS[label]
            data.narrative[name] = narrative_value(name, values[0])

    def government_value(self, label: str, value) -> str:
        if label == "级次":
            return parse(layout.Field(label, "choice", layout.GOVERNMENT_LEVELS), value)
        return (
            cells.code_text(value) if label == "行政区划代码" and value not in (None, "") else cells.text(value or "")
        )

    def read_detail(self, spec: layout.DetailSheet, rows: list[tuple]) -> list[Line]:
        if not rows:
            self.problem(spec.name, None, "", None, "没有表头")
            return []
        headers = [str(h).strip() if h is not None else "" for h in rows[0]]
        missing = [h for h in spec.headers if h not in headers]
        for header in missing:
            self.problem(spec.name, 1, header, None, "缺少这一列")
        if missing:
            return []
        positions = {f.header: headers.index(f.header) for f in spec.fields}
        lines = []
        for number, row in enumerate(rows[1:], start=2):
            if not any(v is not None and str(v).strip() for v in row):
                continue
            values, raw = (
                {},
                {f.header: row[positions[f.header]] if positions[f.header] < len(row) else None for f in spec.fields},
            )
            for f in spec.fields:
                try:
                    values[f.header] = parse(f, raw[f.header])
                except cells.CellError as error:
                    self.problem(spec.name, number, f.header, raw[f.header], str(error))
            lines.append(Line(number, values, raw))
        self.find_duplicates(spec, lines)
        return lines

    def find_duplicates(self, spec: layout.DetailSheet, lines: list[Line]) -> None:
        if not lines:
            return
        import pandas as pd  # here, not at the top: every web process loads this module, few import

        keys = list(spec.key)
        frame = pd.DataFrame([{**{k: line.values.get(k) for k in keys}, "_line": line} for line in lines])
        duplicated = frame[frame.duplicated(subset=keys, keep=False)]
        for _, group in duplicated.groupby(keys, dropna=False):
            first, *others = group["_line"].tolist()
            quoted = "、".join(str(first.raw[k]) for k in keys if first.raw[k] not in (None, ""))
            for line in others:
                self.problem(spec.name, line.row, "", quoted, f"与第{first.row}行重复")


def narrative_value(name: str, value):
    """A stored narrative field from its cell: amounts to the cent, counts whole, text as is."""
    model_field = BudgetNarrative._meta.get_field(name)
    blank = value is None or (isinstance(value, str) and not value.strip())
    kind = kind_of(model_field)
    if kind == "money":
        return None if blank and model_field.null else cells.money(0 if blank else value)
    if kind == "number":
        return 0 if blank else cells.whole_number(value)
    return "" if blank else str(value).strip()


def departments_of(data: BudgetData):
    """The department the data names, within its government (the site's primary one unless named)."""
    found = Department.objects.filter(code=data.department["code"])
    if data.government.get("name"):
        return found.filter(government__name=data.government["name"])
    return found.filter(government__primary=True)


def same_government(data: BudgetData) -> Q:
    """Units and departments of the data's government, where codes are unique."""
    if data.government.get("name"):
        return Q(department__government__name=data.government["name"])
    return Q(department__government__primary=True)


class References:
    """Checks against the database and across sheets: codes of the budget year,
    names that match their codes, known units, projects of indicators, weights."""

    def __init__(self, reader: Reader):
        self.reader = reader
        self.data = reader.data

    def check(self) -> None:
        self.check_department()
        book = CodeBook(self.data.year, printed=self.printed_codes())
        self.check_codes(layout.FUNCTION, Scheme.FUNCTION, book, leaf=True)
        self.check_codes(layout.ECONOMIC, Scheme.ECONOMIC, book, leaf=True)
        self.check_codes(layout.PROJECTS, Scheme.FUNCTION, book, leaf=True)
        self.check_codes(layout.PURPOSES, Scheme.FUNCTION, book, leaf=False)
        known = {(c.scheme, c.code) for c in self.data.codes}
        self.data.codes += [c for c in book.brought() if (c.scheme, c.code) not in known]
        self.check_units()
        self.check_indicators()

    def check_department(self) -> None:
        code, name = self.data.department.get("code"), self.data.department.get("name")
        existing = departments_of(self.data).first()
        if existing and existing.name != name:
            self.reader.problem(
                layout.INFO_SHEET, None, "部门名称", name, f"与系统中部门 {code} 的名称“{existing.name}”不符"
            )
        codes = [u["code"] for u in self.data.units if u.get("code")]
        known = Unit.objects.filter(same_government(self.data), code__in=codes).select_related("department")
        known = {unit.code: unit for unit in known}
        for unit in self.data.units:
            found = known.get(unit["code"])
            if found and found.department.code != code:
                # Whose unit it is, and its name, are not this editor's business.
                message = "已是其他部门的预算单位，不能列入本部门"
            elif found and found.name != unit["name"]:
                message = f"与系统中该单位的名称“{found.name}”不符"
            else:
                continue
            self.reader.problem(layout.INFO_SHEET, None, layout.UNIT_LABEL, unit["code"], message)

    def printed_codes(self) -> dict[str, dict[str, str]]:
        """Codes the data names with their names (明细 lines, and codes a disclosure printed)."""
        printed: dict[str, dict[str, str]] = {str(s): {} for s in Scheme}
        for brought in self.data.codes:
            printed[brought.scheme].setdefault(brought.code, brought.name)
        for spec, scheme in ((layout.FUNCTION, Scheme.FUNCTION), (layout.ECONOMIC, Scheme.ECONOMIC)):
            for line in self.data.details.get(spec.name, []):
                code, name = line.values.get("科目编码"), line.values.get("科目名称")
                if code and name:
                    printed[scheme].setdefault(code, name)
        return printed

    def check_codes(self, spec, scheme: str, book: CodeBook, leaf: bool) -> None:
        warned = set(self.data.warnings)
        for line in self.data.details.get(spec.name, []):
            value = line.values.get("科目编码")
            if value is None:
                continue  # already reported as a bad cell
            verdict = book.check(scheme, value, line.values.get("科目名称"))
            if verdict.problem:
                self.reader.problem(spec.name, line.row, "科目编码", value, verdict.problem)
            elif leaf and not book.is_leaf(scheme, value):
                self.reader.problem(spec.name, line.row, "科目编码", value, "不是末级科目，金额只能列在末级科目上")
            elif verdict.warning and verdict.warning not in warned:
                warned.add(verdict.warning)
                self.data.warnings.append(verdict.warning)

    def check_units(self) -> None:
        known = {unit["code"] for unit in self.data.units}
        for spec in layout.DETAIL_SHEETS:
            for line in self.data.details.get(spec.name, []):
                unit = line.values.get("单位编码")
                if unit and unit not in known:
                    self.reader.problem(spec.name, line.row, "单位编码", unit, "不是基本信息中列出的预算单位")

    def check_indicators(self) -> None:
        projects = {
            (line.values.get("单位编码"), line.values.get("项目名称")): line
            for line in self.data.details.get(layout.PROJECTS.name, [])
        }
        weights: dict[tuple, Decimal] = {}  # projects with indicators (a document may list projects without any)
        for line in self.data.details.get(layout.INDICATORS.name, []):
            key = (line.values.get("单位编码"), line.values.get("项目名称"))
            if key not in projects:
                self.reader.problem(layout.INDICATORS.name, line.row, "项目名称", key[1], "在明细-项目中没有这个项目")
            else:
                weights[key] = weights.get(key, Decimal(0)) + (line.values.get("指标权重") or Decimal(0))
        for key, total in weights.items():
            if total != 100:
                self.reader.problem(
                    layout.PROJECTS.name,
                    projects[key].row,
                    "项目名称",
                    key[1],
                    f"的绩效指标权重合计为 {total.normalize():f}，应为 100",
                )


def read_budget_workbook(content: bytes, may_import: Callable[[str], bool] | None = None) -> BudgetData:
    return Reader(may_import).read(content)


def check_references(data: BudgetData) -> list[Problem]:
    """The database and cross-sheet checks alone, for BudgetData built by another
    reader (e.g. from a PDF disclosure): codes, names, units, projects, weights."""
    reader = Reader()
    reader.data = data
    References(reader).check()
    return reader.problems
