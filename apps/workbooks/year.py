"""Every published budget of a year in one workbook: one sheet per official
table with a department column in front, streamed with constant memory."""

import dataclasses
from collections.abc import Iterator
from typing import BinaryIO

from apps.budgets.amounts import AmountUnit
from apps.budgets.models import Budget
from apps.budgets.official import SLUGS, Column, OfficialTable, build_table, slugs_of

from .table_files import table_csv
from .writer import BudgetWorkbook

DEPARTMENT = Column("department", "部门", kind="text")


def with_department(table: OfficialTable, year: int) -> OfficialTable:
    return dataclasses.replace(
        table, columns=[DEPARTMENT, *table.columns], title=f"{year}年市级部门{table.name}（全部部门）", rows=table.rows
    )


def year_budgets(year: int):
    return Budget.objects.published().filter(year=year).for_budget_page().order_by("department__code", "phase")


def write_year_workbook(year: int, stream: BinaryIO | str, unit: AmountUnit = AmountUnit.YUAN) -> int:
    """Returns how many budgets it holds. Rows go to disk as they are written,
    so memory stays flat however many departments the year has."""
    workbook = BudgetWorkbook(stream, constant_memory=True)
    for slug in SLUGS:
        sheet = row = None
        for budget in year_budgets(year).iterator(chunk_size=200):
            if slug not in slugs_of(budget):
                continue
            table = build_table(budget, slug)
            if sheet is None:
                # One header row: rows stream to disk in order, and a tidy header suits the data's users.
                sheet, row = workbook.sheet_head(
                    with_department(table, year), f"{year}年全部已公开部门预算", unit, flat=True
                )
            label = f"{budget.department.code} {budget.department.name}"
            row = workbook.table_rows(sheet, row, with_department(table, year), unit, extra={"department": label})
    workbook.close()
    return year_budgets(year).count()


def year_csv_lines(year: int, slug: str, unit: AmountUnit) -> Iterator[str]:
    """One official table for every published budget of the year, line by line
    (UTF-8 with a byte-order mark), for a streaming response."""
    yield "\ufeff"
    header_written = False
    for budget in year_budgets(year).iterator(chunk_size=200):
        if slug not in slugs_of(budget):
            continue
        table = with_department(build_table(budget, slug), year)
        label = f"{budget.department.code} {budget.department.name}"
        lines = table_csv(table, unit, extra={"department": label}).removeprefix("\ufeff").splitlines(keepends=True)
        yield from (lines if not header_written else lines[1:])
        header_written = True
