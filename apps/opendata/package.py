"""A year's published budgets as a Frictionless Data Package: datapackage.json
and one CSV per resource, in a zip, written row by row (tables spooled to disk)
so that memory stays flat however many budgets the year has. OpenSpending-style
tools load it as it is."""

import csv
import io
import json
import time
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from apps.budgets.models import TableSet
from apps.budgets.official import TABLE_SETS

from .resources import KEY, LINE_ITEMS, Resource, budgets_of
from .tables import SpooledTable


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


def write_table(archive: zipfile.ZipFile, table_set: str, slug: str, year: int) -> dict:
    """One official table of one province's set, for every published budget of the year in that set."""
    table = SpooledTable.of(budgets_of(year).filter(table_set=table_set), slug)
    name = f"table-{table_set}-{slug}"
    path = f"data/{name}.csv"
    fields = table.fields()
    write_csv(archive, path, [field["name"] for field in fields], table.rows())
    schema = {
        "fields": fields,
        "missingValues": [""],
        "foreignKeys": [{"fields": KEY, "reference": {"resource": "budgets", "fields": KEY}}],
    }
    label = TableSet(table_set).label.split("（")[0]
    return descriptor(path, name, f"公开表：{table.name}（{label}，全部已公开部门）", schema)


def write_data_package(year: int, stream: BinaryIO) -> None:
    """The zip: datapackage.json beside data/*.csv, for a year with at least one published budget."""
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        resources = [write_line_items(archive, resource, year) for resource in LINE_ITEMS]
        table_sets = budgets_of(year).order_by("table_set").values_list("table_set", flat=True).distinct()
        for table_set in table_sets:
            resources += [write_table(archive, table_set, slug, year) for slug in TABLE_SETS[table_set][0]]
        package = {
            "profile": "tabular-data-package",
            "name": f"department-budgets-{year}",
            "title": f"{year}年已公开的部门预算",
            "description": (
                f"{year}年全部已公开部门预算：收入、按功能分类和经济分类的支出、“三公”经费、项目及其绩效指标"
                "（每条存储的明细一行），以及由明细计算的公开表（按各省的表格式，每张表一个资源）。金额单位为元，精确到分；"
                "科目编码为文本；空白表示来源未给出，而非 0。"
            ),
            "resources": resources,
        }
        archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
