"""A province's entry in the catalogue: what tells its documents apart and how
its narrative is laid out. Adding a province is adding one of these (and, in
kinds.py, any table name or column wording of its own)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Province:
    table_set: str  # TableSet value: the set of official tables its budgets are shown in
    table_names: tuple[str, ...]  # names only this province's tables print: how a document is recognised
    sections: tuple[str, ...] = ()  # headings of its narrative's sections, as printed (after a name or year)
    numbered_parts: tuple[str, ...] = ()  # sections whose numbered parts (一、…) are sections of their own
    project_sections: tuple[str, ...] = ()  # sections that describe projects, one after another
    project_parts: tuple[str, ...] = ()  # a described project's own parts, in the template's order
