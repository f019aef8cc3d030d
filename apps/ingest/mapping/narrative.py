"""The document's own narrative, projects and findings as 明细 rows (明细-说明章节,
明细-项目, 明细-原文不一致), built through the workbook's cell parser like every
other line, so a disclosure and a workbook write them alike."""

from apps.ingest.mapping.details import Details
from apps.ingest.readers.sections import Sections
from apps.ingest.report import Finding
from apps.workbooks import layout
from apps.workbooks.reader import Line

NARRATIVE = "说明"


def section_rows(sections: Sections, details: Details) -> None:
    """Each section in order under its heading; a project's own parts name the project."""
    for position, section in enumerate(sections.sections, start=1):
        project = sections.projects[section.project].name if section.project is not None else None
        details.add(
            layout.SECTIONS,
            NARRATIVE,
            section.line,
            {"序号": position, "标题": section.heading[:200], "项目名称": project, "正文": section.body or None},
        )


def project_rows(sections: Sections, details: Details, after: int) -> None:
    """The projects the narrative describes: no unit, code or kind printed; the amount its
    年度预算安排 gives, of a source the document does not give; its 绩效目标 as the goal."""
    for position, project in enumerate(sections.projects, start=after + 1):
        goal = next((part.body for part in project.parts if part.heading.endswith("绩效目标")), None)
        details.add(
            layout.PROJECTS,
            NARRATIVE,
            project.line,
            {
                "序号": position,
                "项目名称": project.name[:200],
                "总体绩效目标": goal,
                layout.PROJECT_AMOUNTS["unspecified"].header: project.amount,
            },
        )


def finding_rows(findings: list[Finding], sheets: dict[str, list[Line]], report) -> bool:
    """Findings not yet among the 明细 rows, added; True when any was. A row's label is
    made unique by its place, as the sheet keys findings by table and row."""
    details = Details(report)
    details.sheets = sheets
    rows = sheets.setdefault(layout.FINDINGS.name, [])
    keys = {(row.values["表"], row.values["行"]) for row in rows}
    added = False
    for finding in findings:
        where = finding.line.where if finding.line else ""
        label = finding.label if (finding.table, finding.label) not in keys else f"{finding.label}（{where}）"
        if (finding.table, label) in keys:
            continue
        keys.add((finding.table, label))
        details.add(
            layout.FINDINGS,
            finding.table,
            finding.line,
            {
                "表": finding.table[:100],
                "行": label[:200],
                "原文": finding.stated,
                "明细合计": finding.computed,
                "位置": where or None,
            },
        )
        added = True
    return added
