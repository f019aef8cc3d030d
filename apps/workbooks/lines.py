"""The line items, projects, fundings and indicators of an imported budget,
written as the difference from what the budget holds (sync.py)."""

from apps.budgets.models import (
    Budget,
    EconomicLine,
    Finding,
    FunctionLine,
    FunctionPurpose,
    NarrativeSection,
    RevenueLine,
    ThreePublicLine,
)
from apps.projects.models import Indicator, Project, ProjectFunding
from apps.reference.models import ClassificationCode, Scheme

from . import layout
from .reader import BudgetData, Line
from .sync import Counts, Wanted, sync


class Rows:
    """Looks up the units and codes a workbook's lines name."""

    def __init__(self, budget: Budget):
        self.budget = budget
        self.units = {unit.code: unit.pk for unit in budget.units.all()}
        self.codes = {(c.scheme, c.code): c.pk for c in ClassificationCode.objects.filter(year=budget.year)}

    def unit(self, line: Line) -> int | None:
        return self.units.get(line.values.get("单位编码"))

    def code(self, line: Line, scheme: str = Scheme.FUNCTION) -> int | None:
        """The line's code (None where the sheet leaves an optional code blank, as for a project without one)."""
        value = line.values.get("科目编码")
        return self.codes[(scheme, value)] if value else None

    def wanted(self, model, key_fields: tuple[str, ...], lines, values) -> Wanted:
        wanted = Wanted(model, model.objects.filter(budget=self.budget), lambda row: attrs(row, key_fields))
        for line in lines:
            row = values(line)
            wanted.rows[tuple(row[name] for name in key_fields)] = row
        return wanted

    def write(self, wanted: Wanted) -> tuple[dict, Counts]:
        return sync(wanted, lambda key, values: wanted.model(budget=self.budget, **values))


def attrs(row, names: tuple[str, ...]) -> tuple:
    return tuple(getattr(row, name) for name in names)


def write_lines(budget: Budget, data: BudgetData) -> Counts:
    rows, details, done = Rows(budget), data.details, Counts()
    tables = [
        rows.wanted(
            RevenueLine,
            ("unit_id", "source"),
            details[layout.REVENUE.name],
            lambda line: {"unit_id": rows.unit(line), "source": line.values["收入来源"], "amount": line.values["金额"]},
        ),
        rows.wanted(
            FunctionLine,
            ("unit_id", "code_id", "nature", "source"),
            details[layout.FUNCTION.name],
            lambda line: {
                "unit_id": rows.unit(line),
                "code_id": rows.code(line),
                "nature": line.values["支出性质"],
                "source": line.values["资金来源"],
                "amount": line.values["金额"],
            },
        ),
        rows.wanted(
            EconomicLine,
            ("unit_id", "code_id", "nature", "source"),
            details[layout.ECONOMIC.name],
            lambda line: {
                "unit_id": rows.unit(line),
                "code_id": rows.code(line, Scheme.ECONOMIC),
                "nature": line.values["经费类型"],
                "source": line.values["资金来源"],
                "amount": line.values["金额"],
            },
        ),
        rows.wanted(
            ThreePublicLine,
            ("unit_id", "category"),
            details[layout.THREE_PUBLIC.name],
            lambda line: {"unit_id": rows.unit(line), "category": line.values["类别"], "amount": line.values["金额"]},
        ),
        rows.wanted(
            FunctionPurpose,
            ("code_id",),
            details[layout.PURPOSES.name],
            lambda line: {"code_id": rows.code(line), "text": line.values["主要用途"]},
        ),
    ]
    for wanted in tables:
        done += rows.write(wanted)[1]
    done += write_projects(rows, data)
    return done


def write_projects(rows: Rows, data: BudgetData) -> Counts:
    lines = data.details[layout.PROJECTS.name]
    wanted = rows.wanted(
        Project,
        ("unit_id", "name"),
        lines,
        lambda line: {
            "unit_id": rows.unit(line),
            "name": line.values["项目名称"],
            "position": line.values["序号"],
            "kind": line.values["类型"] or "",
            "function_code_id": rows.code(line),
            "goal": line.values["总体绩效目标"] or "",
        },
    )
    projects, done = rows.write(wanted)

    def project_of(line: Line) -> int:
        return projects[(rows.unit(line), line.values["项目名称"])].pk

    fundings = Wanted(
        ProjectFunding,
        ProjectFunding.objects.filter(project__budget=rows.budget),
        lambda row: (row.project_id, row.source),
    )
    for line in lines:
        for source, header in layout.PROJECT_AMOUNTS.items():
            if line.values[header.header] is not None:
                fundings.rows[(project_of(line), source)] = {
                    "project_id": project_of(line),
                    "source": source,
                    "amount": line.values[header.header],
                }
    indicators = Wanted(
        Indicator, Indicator.objects.filter(project__budget=rows.budget), lambda row: (row.project_id, row.name)
    )
    for line in data.details[layout.INDICATORS.name]:
        project = project_of(line)
        indicators.rows[(project, line.values["三级指标"])] = {
            "project_id": project,
            "position": line.values["序号"],
            "level1": line.values["一级指标"],
            "level2": line.values["二级指标"],
            "name": line.values["三级指标"],
            "operator": line.values["计算符号"],
            "value": line.values["指标值"],
            "measure_unit": line.values["计量单位"] or "",
            "weight": line.values["指标权重"],
        }
    for child in (fundings, indicators):  # a deleted project's rows went with it
        done += sync(child, lambda key, values, model=child.model: model(**values))[1]
    done += write_sections(rows, data, projects)
    return done


def write_sections(rows: Rows, data: BudgetData, projects: dict) -> Counts:
    """The document's own narrative sections, in order (a project's sections name it), and its findings."""
    by_name = {name: project.pk for (_, name), project in projects.items()}
    sections = rows.wanted(
        NarrativeSection,
        ("position",),
        data.details.get(layout.SECTIONS.name, []),
        lambda line: {
            "position": line.values["序号"],
            "heading": line.values["标题"],
            "project_id": by_name.get(line.values["项目名称"]),
            "body": line.values["正文"] or "",
        },
    )
    findings = rows.wanted(
        Finding,
        ("table", "row"),
        data.details.get(layout.FINDINGS.name, []),
        lambda line: {
            "table": line.values["表"],
            "row": line.values["行"],
            "stated": line.values["原文"],
            "computed": line.values["明细合计"],
            "location": line.values["位置"] or "",
        },
    )
    done = rows.write(sections)[1]
    done += rows.write(findings)[1]
    return done
