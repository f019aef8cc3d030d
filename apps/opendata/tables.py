"""An official table for every budget of a year as one resource. Its columns can
differ between budgets (a budget whose 基本支出 is not split into 人员/公用 prints
基本支出 alone), so rows are spooled to a temporary file while the columns of every
budget's table are gathered, and the CSV is written from the union."""

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from django.db.models import QuerySet

from apps.budgets.amounts import AmountUnit
from apps.budgets.official import Column, OfficialTable, build_table
from apps.workbooks.table_files import cell_text, column_label, level_label, merge_columns

from .resources import OWNER, code, owner

SPOOL_IN_MEMORY = 8 * 1024 * 1024  # bytes; beyond, the spool goes to disk

PLACE_FIELDS = [
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
    described = {"name": column.key, "title": column_label(column)}
    if column.kind == "money":
        return described | {"type": "number", "unit": "元", "description": "金额，单位：元，精确到分；空白表示无此项"}
    if column.key == "code":
        return described | code("code", column_label(column), required=False)
    return described | {"type": "number" if column.kind == "number" else "string"}


def two_sided(table: OfficialTable) -> bool:
    """收支预算总表 and 财政拨款收支预算总表: names only; the codes and levels belong to the 支出 side."""
    return bool(table.code_scheme) and not any(column.key == "code" for column in table.columns)


@dataclass
class SpooledTable:
    name: str = ""
    columns: list[Column] = field(default_factory=list)
    two_sided: bool = False
    spool: IO[str] = field(default_factory=lambda: tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY, "w+"))

    @classmethod
    def of(cls, budgets: QuerySet, slug: str) -> "SpooledTable":
        found = cls()
        budgets = budgets.for_budget_page().select_related("department__government")
        for budget in budgets.order_by("department__government__name", "department__code", "phase").iterator(200):
            found.add(build_table(budget, slug), owner(budget))
        return found

    def add(self, table: OfficialTable, budget_owner: list[str]) -> None:
        self.name = self.name or table.name
        self.two_sided = self.two_sided or two_sided(table)
        merge_columns(self.columns, table.columns)
        for number, row in enumerate(table.rows, start=1):
            place = [str(number), str(row.level), level_label(table, row), "true" if row.is_total else "false"]
            cells = {c.key: cell_text(row.cells.get(c.key), c.kind, AmountUnit.YUAN) for c in table.columns}
            self.spool.write(json.dumps([budget_owner, place, row.code, cells], ensure_ascii=False) + "\n")

    def fields(self) -> list[dict]:
        """The owner, the row's place, then the table's own columns; a two-sided table gets the
        支出 side's code as a column of its own."""
        own = [column_field(column) for column in self.columns]
        place = PLACE_FIELDS
        if self.two_sided:
            own.insert(0, code("code", "支出·科目编码", required=False))
            place = [described | {"title": "支出·" + described["title"]} for described in PLACE_FIELDS]
        return [*OWNER, *place, *own]

    def rows(self) -> Iterator[list[str]]:
        self.spool.seek(0)
        for line in self.spool:
            budget_owner, place, row_code, cells = json.loads(line)
            code_cell = [row_code] if self.two_sided else []
            yield [*budget_owner, *place, *code_cell, *(cells.get(c.key, "") for c in self.columns)]
        self.spool.close()
