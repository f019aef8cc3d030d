"""One official table as CSV or JSON, in the unit the reader chose."""

import csv
import io
from decimal import Decimal

from apps.budgets.amounts import AmountUnit
from apps.budgets.models import Budget
from apps.budgets.official import OfficialTable

# A spreadsheet treats a cell beginning with these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: str) -> str:
    """Text that a spreadsheet would run as a formula, quoted as text."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def column_label(column) -> str:
    return f"{column.group}·{column.label}" if column.group else column.label


def cell_text(value, kind: str, unit: AmountUnit) -> str:
    if value is None:
        return ""
    if kind == "money":
        return f"{unit.convert(value):.2f}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def table_csv(table: OfficialTable, unit: AmountUnit, extra: dict | None = None) -> str:
    """UTF-8 with a byte-order mark, so that Excel shows the Chinese right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column_label(c) for c in table.columns])
    for row in table.rows:
        values = {**row.cells, **(extra or {})}
        cells = [cell_text(values.get(c.key), c.kind, unit) for c in table.columns]
        writer.writerow([csv_text(text) if c.kind == "text" else text for c, text in zip(table.columns, cells)])
    return "\ufeff" + out.getvalue()


def table_json(budget: Budget, table: OfficialTable, unit: AmountUnit) -> dict:
    """Amounts as strings with two decimals, exactly as the pages show them."""
    return {
        "department": budget.department.code,
        "year": budget.year,
        "phase": budget.phase,
        "slug": table.slug,
        "title": table.title,
        "unit": unit.label,
        "columns": [{"key": c.key, "label": c.label, "group": c.group, "kind": c.kind} for c in table.columns],
        "rows": [
            {
                "code": row.code,
                "level": row.level,
                "is_total": row.is_total,
                "cells": {c.key: cell_text(row.cells.get(c.key), c.kind, unit) or None for c in table.columns},
            }
            for row in table.rows
        ],
        "empty_note": table.empty_note,
    }
