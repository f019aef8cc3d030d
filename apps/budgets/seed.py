"""Loading a fixture beside what a database already holds, never over it.

`loaddata` writes each object at the primary key the fixture gives it. Into a database that already
holds other rows under those keys, it overwrites them: a department imported earlier became the
seed's, and another document's lines were left under the seed's budget. A staff edit to a seeded
row (a glossary term reworded, the seed budget withdrawn) was undone by the next `make run`."""

from collections import defaultdict
from pathlib import Path

from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model

from apps.reference.models import Department, GlossaryTerm, Government, Unit

# The rows a fixture may share with a database's own, and the fields that make two of them the same
# row, tried in turn where the fixture gives them all. A government is its 行政区划代码 first: staff
# may have renamed it (绍兴市本级 → 绍兴市), and the code is unique.
SAME_ROW: dict[type[Model], tuple[tuple[str, ...], ...]] = {
    Government: (("code",), ("name",)),
    Department: (("government", "code"),),
    Unit: (("department", "code"),),
    GlossaryTerm: (("term",),),
}


def load_beside(path: Path) -> list[Model]:
    """Each object of the fixture added as a row of its own, in one transaction, and returned.

    A row the database already holds (SAME_ROW) is used as it is. An object keeps the fixture's
    primary key where that key is free (a new database), else takes a new one, and the objects
    after it that refer to it follow it."""
    new_keys: dict[type[Model], dict] = defaultdict(dict)
    added = []
    with transaction.atomic():
        for loaded in serializers.deserialize("json", path.read_text(encoding="utf-8")):
            row, key = loaded.object, loaded.object.pk
            follow_references(row, new_keys)
            existing = same_row(row)
            if existing is not None:
                new_keys[type(row)][key] = existing.pk
                continue
            taken = key is not None and type(row)._default_manager.filter(pk=key).exists()
            if taken and not row._meta.pk.is_relation:  # a key that is a reference (a budget's narrative) followed it
                row.pk = None
            row.save_base(raw=True)  # as loaddata saves: the fixture's own dates, no signals
            new_keys[type(row)][key] = row.pk
            for name, keys in loaded.m2m_data.items():
                related = type(row)._meta.get_field(name).related_model
                getattr(row, name).set([new_keys[related].get(k, k) for k in keys])
            added.append(row)
        reset_sequences({type(row) for row in added})
    return added


def follow_references(row: Model, new_keys: dict[type[Model], dict]) -> None:
    """Point the row's foreign keys at the rows that the fixture's objects became."""
    for field in row._meta.concrete_fields:
        if field.is_relation and getattr(row, field.attname) in new_keys[field.related_model]:
            setattr(row, field.attname, new_keys[field.related_model][getattr(row, field.attname)])


def same_row(row: Model) -> Model | None:
    """The row of the database that `row`, an object of a fixture, is (SAME_ROW), if any."""
    for fields in SAME_ROW.get(type(row), ()):
        values = {name: getattr(row, row._meta.get_field(name).attname) for name in fields}
        if all(value not in (None, "") for value in values.values()):
            found = type(row)._default_manager.filter(**values).first()
            if found is not None:
                return found
    return None


def reset_sequences(models: set[type[Model]]) -> None:
    """After rows written with the fixture's keys, PostgreSQL's sequences go on past them (as loaddata does)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)
