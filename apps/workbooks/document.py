"""What a budget holds besides its line items, as the document states it: the
codes it brings, its table set, its stated 机关运行经费, its narrative sections in
order, the projects its narrative describes (with their own sections and the
amount the document gives), and its findings. Written inside budget_import's
transaction, so all of it is written with the lines or none of it is."""

from apps.budgets.models import Budget, Finding, NarrativeSection, Source
from apps.projects.models import Project, ProjectFunding

from .document_codes import store_brought
from .reader import BudgetData


def store_codes(data: BudgetData) -> None:
    """The codes the document brings, added to the year's list as the document's, before any line uses them."""
    if data.codes and data.year:
        store_brought(data.year, data.codes, data.source_name or "导入的文件")


def write_document(budget: Budget, data: BudgetData) -> None:
    changed = []
    if data.table_set and budget.table_set != data.table_set:
        budget.table_set = data.table_set
        changed.append("table_set")
    if budget.running_cost != data.running_cost:
        budget.running_cost = data.running_cost
        changed.append("running_cost")
    if changed:
        budget.save(update_fields=changed)
    budget.findings.all().delete()
    budget.sections.all().delete()
    projects = write_projects(budget, data)
    NarrativeSection.objects.bulk_create(
        NarrativeSection(
            budget=budget,
            project=projects.get(section["project"]) if section.get("project") else None,
            position=position,
            heading=section["heading"][:200],
            body=section["body"],
        )
        for position, section in enumerate(data.sections, start=1)
    )
    Finding.objects.bulk_create(
        Finding(
            budget=budget,
            table=finding["table"][:100],
            row=finding["row"][:200],
            stated=finding["stated"],
            computed=finding["computed"],
            location=finding.get("location", "")[:100],
        )
        for finding in data.findings
    )


def write_projects(budget: Budget, data: BudgetData) -> dict[str, Project]:
    """Projects the narrative describes (no unit, code or kind printed), after the tables' own projects."""
    start = budget.projects.count()
    projects = Project.objects.bulk_create(
        Project(budget=budget, name=project["name"][:200], position=start + index)
        for index, project in enumerate(data.documented_projects, start=1)
    )
    ProjectFunding.objects.bulk_create(
        ProjectFunding(project=project, source=Source.UNSPECIFIED, amount=entry["amount"])
        for project, entry in zip(projects, data.documented_projects)
        if entry.get("amount") is not None
    )
    return {project.name: project for project in projects}
