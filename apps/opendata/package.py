"""A year's published budgets as a Frictionless Data Package: datapackage.json
and one CSV per resource, in a zip, written row by row so that memory stays flat
however many budgets the year has. OpenSpending-style tools load it as it is."""

import csv
import io
import json
import time
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from apps.budgets.amounts import AmountUnit
from apps.budgets.official import SLUGS, Column, OfficialTable, build_table
from apps.workbooks.table_files import cell_text, column_label, level_label

from .resources import KEY, LINE_ITEMS, OWNER, Resource, budgets_of, code, owner

TABLE_ROW_FIELDS = [
    {"name": "line", "title": "行号", "type": "integer", "description": "行在表中的顺序，从 1 起"},
    {
        "name": "level",
        "title": "层级",
        "type": "integer",
        "description": "0 合计或标题行，1 类，2 款，3 项（或部门、单位、项目、指标）",
    },
    {
        "name": "level_label",
        "title": "级次",
        "type": "string",
        "description": "合计、类、款、项，或部门、单位、项目、指标",
    },
    {"name": "is_total", "title": "合计行", "type": "boolean"},
]


def column_field(column: Column) -> dict:
    field = {"name": column.key, "title": column_label(column)}
    if column.kind == "money":
        return field | {"type": "number", "unit": "元", "description": "金额，单位：元，精确到分；空白表示无此项"}
    if column.key == "code":
        return field | code("code", column_label(column), required=False)
    return field | {"type": "number" if column.kind == "number" else "string"}


def two_sided(table: OfficialTable) -> bool:
    """收支预算总表 and 财政拨款收支预算总表: names only, the codes and levels belong to the 支出 side."""
    return bool(table.code_scheme) and not any(column.key == "code" for column in table.columns)


def table_fields(table: OfficialTable) -> list[dict]:
    """The owner, the row's place, then the table's own columns; a two-sided table gets the
    支出 side's code as a column of its own."""
    own = [column_field(column) for column in table.columns]
    place = TABLE_ROW_FIELDS
    if two_sided(table):
        own.insert(0, code("code", "支出·科目编码", required=False))
        place = [field | {"title": "支出·" + field["title"]} for field in TABLE_ROW_FIELDS]
    return [*OWNER, *place, *own]


def table_rows(table: OfficialTable, budget_owner: list[str]) -> Iterator[list[str]]:
    with_code = two_sided(table)
    for number, row in enumerate(table.rows, start=1):
        place = [str(number), str(row.level), level_label(table, row), "true" if row.is_total else "false"]
        cells = [cell_text(row.cells.get(c.key), c.kind, AmountUnit.YUAN) for c in table.columns]
        yield [*budget_owner, *place, *([row.code] if with_code else []), *cells]


def descriptor(path: str, name: str, title: str, schema: dict) -> dict:
    return {
        "name": name,
        "path": path,
        "title": title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def write_csv(archive: zipfile.ZipFile, path: str, header: list[str], rows: Iterator[list[str]]) -> None:
    entry = zipfile.ZipInfo(path, date_time=time.localtime()[:6])
    entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16  # readable once unzipped
    with archive.open(entry, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


def write_line_items(archive: zipfile.ZipFile, resource: Resource, year: int) -> dict:
    path = f"data/{resource.name}.csv"
    write_csv(archive, path, [f["name"] for f in resource.fields], resource.rows(year))
    return descriptor(path, resource.name, resource.title, resource.schema())


def write_table(archive: zipfile.ZipFile, slug: str, year: int) -> dict:
    """One official table for every published budget of the year, one budget after another."""
    budgets = budgets_of(year).for_budget_page().order_by("department__code", "phase")
    rows = (row for b in budgets.iterator(chunk_size=200) for row in table_rows(build_table(b, slug), owner(b)))
    # The header needs the table's columns (the same for every budget): the first budget's table gives them.
    sample = build_table(budgets.first(), slug)
    path = f"data/table-{slug}.csv"
    write_csv(archive, path, [f["name"] for f in table_fields(sample)], rows)
    schema = {
        "fields": table_fields(sample),
        "missingValues": [""],
        "foreignKeys": [{"fields": KEY, "reference": {"resource": "budgets", "fields": KEY}}],
    }
    return descriptor(path, f"table-{slug}", f"公开表：{sample.name}（全部已公开部门）", schema)


def write_data_package(year: int, stream: BinaryIO) -> None:
    """The zip: datapackage.json beside data/*.csv, for a year with at least one published budget."""
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        resources = [write_line_items(archive, resource, year) for resource in LINE_ITEMS]
        resources += [write_table(archive, slug, year) for slug in SLUGS]
        package = {
            "profile": "tabular-data-package",
            "name": f"department-budgets-{year}",
            "title": f"{year}年已公开的部门预算",
            "description": (
                f"{year}年全部已公开部门预算：收入、按功能分类和经济分类的支出、“三公”经费、项目及其绩效指标"
                "（每条存储的明细一行），以及由明细计算的九张公开表。金额单位为元，精确到分；"
                "科目编码为文本；空白表示来源未给出，而非 0。"
            ),
            "resources": resources,
        }
        archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
