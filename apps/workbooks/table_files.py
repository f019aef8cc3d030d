"""One official table as CSV or JSON, in the unit the reader chose."""

import csv
import io
from decimal import Decimal

from apps.budgets.amounts import AmountUnit
from apps.budgets.models import Budget
from apps.budgets.official import SLUGS, Column, OfficialTable, Row
from apps.reference.models import LEVEL_NAMES

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
    if kind == "percent":
        return f"{value:.1f}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


# What a row's depth means in the tables that are not a code tree.
ROW_LEVELS = {
    "three-public": {1: "部门", 2: "单位"},
    "projects": {1: "项目"},
    "performance": {1: "部门", 2: "单位", 3: "项目", 4: "指标"},
}


def level_label(table: OfficialTable, row: Row) -> str:
    """合计, or the row's place: 类/款/项 in a code tree, 部门/单位/项目/指标 elsewhere; blank for other rows."""
    if row.is_total:
        return "合计"
    if row.code:
        return LEVEL_NAMES[len(row.code)]
    return ROW_LEVELS.get(table.slug, {}).get(row.level, "")


def row_columns(table: OfficialTable) -> list[str]:
    """The columns each official table's CSV adds so that rows can be told apart when summing:
    the level, and the 支出 side's code in the two-sided tables (which print names only)."""
    if table.slug not in SLUGS:
        return []
    if table.code_scheme and not any(c.key == "code" for c in table.columns):
        return ["支出·科目编码", "支出·级次"]
    return ["级次"]


def row_cells(table: OfficialTable, row: Row) -> list[str]:
    added = row_columns(table)
    return ([row.code] if len(added) == 2 else []) + [level_label(table, row)] if added else []


def table_csv(table: OfficialTable, unit: AmountUnit, extra: dict | None = None) -> str:
    """UTF-8 with a byte-order mark, so that Excel shows the Chinese right. Summing the rows of
    one level (级次: 类, 款 or 项) gives the total without counting anything twice."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column_label(c) for c in table.columns] + row_columns(table))
    for row in table.rows:
        values = {**row.cells, **(extra or {})}
        cells = [cell_text(values.get(c.key), c.kind, unit) for c in table.columns]
        writer.writerow(
            [csv_text(text) if c.kind == "text" else text for c, text in zip(table.columns, cells)]
            + row_cells(table, row)
        )
    return "\ufeff" + out.getvalue()


def merge_columns(columns: list[Column], more: list[Column]) -> None:
    """Add the columns `columns` lacks, each after the column it follows in `more`: the union of
    several budgets' versions of one table (基本支出 split into 人员/公用 or not)."""
    keys = [column.key for column in columns]
    for position, column in enumerate(more):
        if column.key not in keys:
            at = keys.index(more[position - 1].key) + 1 if position else 0
            columns.insert(at, column)
            keys.insert(at, column.key)


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
