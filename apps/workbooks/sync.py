"""Making a budget's stored rows equal to the rows an import wants, row by row.

Rows are matched on their natural key (the same key the workbook's duplicate
check uses); an unchanged row is left alone (same id, no history), a changed
one is updated, a new one created and a missing one deleted, each with its
django-simple-history record. A re-import of the same workbook writes nothing,
and restoring any earlier moment finds every imported row in the history."""

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from django.db.models import Model, QuerySet
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

REASON = "导入"


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    def __iadd__(self, other: "Counts") -> "Counts":
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        return self


@dataclass
class Wanted:
    """The rows one model should hold: key → {attname: value}."""

    model: type[Model]
    existing: QuerySet
    key: Callable[[Model], Hashable]
    rows: dict[Hashable, dict] = field(default_factory=dict)


def sync(wanted: Wanted, build: Callable[[Hashable, dict], Model]) -> tuple[dict[Hashable, Model], Counts]:
    """Write the difference; returns every wanted row's instance by key, and what was done."""
    existing = {wanted.key(row): row for row in wanted.existing}
    kept: dict[Hashable, Model] = {}
    changed: list[Model] = []
    changed_fields: set[str] = set()
    new: list[tuple[Hashable, Model]] = []
    for key, values in wanted.rows.items():
        row = existing.get(key)
        if row is None:
            new.append((key, build(key, values)))
            continue
        differing = {name for name, value in values.items() if getattr(row, name) != value}
        for name in differing:
            setattr(row, name, values[name])
        if differing:
            changed.append(row)
            changed_fields |= differing
        kept[key] = row
    gone = [row.pk for key, row in existing.items() if key not in wanted.rows]
    if gone:
        # A queryset delete sends each row's post_delete, so each deletion is in the history.
        wanted.model.objects.filter(pk__in=gone).delete()
    if changed:
        bulk_update_with_history(changed, wanted.model, sorted(changed_fields), default_change_reason=REASON)
    if new:
        created = bulk_create_with_history([row for _, row in new], wanted.model, default_change_reason=REASON)
        kept |= {key: row for (key, _), row in zip(new, created)}
    return kept, Counts(len(new), len(changed), len(gone))
