"""A budget's change history across everything inside it, and restoring its
contents as they were at an earlier moment (django-simple-history keeps a
version of every row on every save and delete)."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Model
from simple_history.utils import bulk_create_with_history

from apps.budgets.models import Budget, BudgetNarrative
from apps.budgets.parts import BUDGET_ROWS, DOCUMENT_ROWS, PROJECT_ROWS
from apps.projects.models import Project

KIND = {"+": "新增", "~": "修改", "-": "删除"}


@dataclass
class Entry:
    at: datetime
    user: str
    what: str  # the model's name
    object: str
    kind: str  # 新增, 修改, 删除
    changes: list[tuple[str, str, str]]  # (field, before, after)
    reason: str


def project_ids(budget: Budget) -> list[int]:
    """Every project the budget ever had, deleted ones included."""
    return list(Project.history.filter(budget_id=budget.pk).values_list("id", flat=True).distinct())


def records(budget: Budget):
    yield Budget, Budget.history.filter(id=budget.pk)
    yield BudgetNarrative, BudgetNarrative.history.filter(budget_id=budget.pk)
    for model in (*BUDGET_ROWS, *DOCUMENT_ROWS):
        yield model, model.history.filter(budget_id=budget.pk)
    ids = project_ids(budget)
    for model in PROJECT_ROWS:
        yield model, model.history.filter(project_id__in=ids)


def shown(record, field) -> str:
    """A field's value as a person reads it: names for codes and units, labels for choices."""
    if field.is_relation:
        return str(getattr(record, field.name) or "")
    value = getattr(record, field.attname)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return "" if value is None else str(value)


def entries_of(model: type[Model], history) -> list[Entry]:
    """One entry per saved version, with the fields that differ from the version before."""
    fields = [f for f in model._meta.concrete_fields if f.name not in ("id", "updated_at", "created_at")]
    relations = [f.name for f in fields if f.is_relation]
    entries, previous = [], {}
    for record in history.select_related("history_user", *relations).order_by("history_date", "history_id"):
        pk = getattr(record, model._meta.pk.attname)
        before = previous.get(pk)
        changes = [
            (f.verbose_name, shown(before, f) if before else "", shown(record, f))
            for f in fields
            if before is None or shown(before, f) != shown(record, f)
        ]
        previous[pk] = record
        if before is not None and not changes and record.history_type == "~":
            continue
        entries.append(
            Entry(
                record.history_date,
                str(record.history_user or "系统"),
                model._meta.verbose_name,
                str(record.instance),
                KIND[record.history_type],
                changes,
                record.history_change_reason or "",
            )
        )
    return entries


def budget_history(budget: Budget, limit: int = 500) -> list[Entry]:
    """Newest first."""
    entries = [entry for model, history in records(budget) for entry in entries_of(model, history)]
    return sorted(entries, key=lambda e: e.at, reverse=True)[:limit]


def as_of(model: type[Model], as_of_date: datetime, **lookup) -> list[Model]:
    return list(model.history.filter(history_date__lte=as_of_date, **lookup).latest_of_each().as_instances())


def restore_contents(budget: Budget, as_of_date: datetime) -> None:
    """Replace the budget's rows with their versions at `as_of_date` (same ids,
    so each row's history carries on). Run inside a transaction."""
    narrative = as_of(BudgetNarrative, as_of_date, budget_id=budget.pk)
    rows = {model: as_of(model, as_of_date, budget_id=budget.pk) for model in (*BUDGET_ROWS, *DOCUMENT_ROWS)}
    ids = [project.pk for project in rows[Project]]
    rows |= {model: as_of(model, as_of_date, project_id__in=ids) for model in PROJECT_ROWS}
    for model in (*BUDGET_ROWS, *DOCUMENT_ROWS):
        for row in model.objects.filter(budget=budget):
            row.delete()  # one by one, so that each deletion is recorded
    # Projects before the rows that name them: their fundings, indicators and own sections.
    for model in (*BUDGET_ROWS, *PROJECT_ROWS, *DOCUMENT_ROWS):
        bulk_create_with_history(rows[model], model, default_change_reason="恢复历史版本")
    if narrative:
        narrative[0].save()
