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
from apps.reference.models import Government

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


def write_line_items(archive: zipfile.ZipFile, resource: Resource, year: int, government: Government | None) -> dict:
    path = f"data/{resource.name}.csv"
    write_csv(archive, path, [f["name"] for f in resource.fields], resource.rows(year, government))
    return descriptor(path, resource.name, resource.title, resource.schema())


def write_table(archive: zipfile.ZipFile, table_set: str, slug: str, year: int, government: Government | None) -> dict:
    """One official table of one province's set, for every published budget of the year in that set."""
    table = SpooledTable.of(budgets_of(year, government).filter(table_set=table_set), slug)
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


def package_name(year: int, government: Government | None) -> str:
    return f"department-budgets-{year}" + (f"-{government.url_prefix}" if government else "")


def write_data_package(year: int, stream: BinaryIO, government: Government | None = None) -> None:
    """The zip: datapackage.json beside data/*.csv, for a year in which the government (or any,
    with None) has published budgets."""
    scope = government.name if government else "全部"
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        resources = [write_line_items(archive, resource, year, government) for resource in LINE_ITEMS]
        found = budgets_of(year, government)
        for table_set in found.order_by("table_set").values_list("table_set", flat=True).distinct():
            slugs = TABLE_SETS[table_set][0]
            resources += [write_table(archive, table_set, slug, year, government) for slug in slugs]
        package = {
            "profile": "tabular-data-package",
            "name": package_name(year, government),
            "title": f"{year}年{'' if government is None else government.name}已公开的部门预算",
            "description": (
                f"{year}年{scope}已公开部门预算：收入、按功能分类和经济分类的支出、“三公”经费、项目及其绩效指标"
                "（每条存储的明细一行），以及由明细计算的公开表（按各省的表格式，每张表一个资源）。金额单位为元，精确到分；"
                "科目编码为文本；空白表示来源未给出，而非 0。"
            ),
            "resources": resources,
        }
        archive.writestr("datapackage.json", json.dumps(package, ensure_ascii=False, indent=2))
