"""Every published budget of a year in one workbook: one sheet per official
table with a department column in front, streamed with constant memory
(flat_xlsx writes it).

A table's columns can differ between budgets (another province's set prints its
own 支出预算总表; a budget whose 基本支出 is not split has no 人员/公用 columns):
each budget's table is spooled to a temporary file while their columns are
gathered, then every row is written under one header with all of them."""

import dataclasses
import pickle
import tempfile
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import BinaryIO

from apps.budgets.amounts import AmountUnit
from apps.budgets.models import Budget
from apps.budgets.official import SLUGS, Column, OfficialTable, build_table, slugs_of
from apps.budgets.official.sources import SourceBatch
from apps.budgets.published import published_budgets
from apps.reference.models import Government

from .flat_xlsx import FlatWorkbook
from .table_files import merge_columns, table_csv

DEPARTMENT = Column("department", "部门", kind="text")
SPOOL_IN_MEMORY = 1024 * 1024  # bytes a table's spool keeps in memory; beyond, it goes to disk
BATCH = 50  # budgets read together (one query a kind for each): their stored figures, some 20 MB, are in memory


def with_department(table: OfficialTable, year: int, columns: list[Column] | None = None) -> OfficialTable:
    return dataclasses.replace(
        table,
        columns=[DEPARTMENT, *(columns or table.columns)],
        title=f"{year}年部门{table.name}（全部部门）",
        rows=table.rows,
    )


def year_budgets(year: int, government: Government | None = None):
    """The year's published budgets, of one government or of all (None)."""
    found = published_budgets(government).filter(year=year)
    return found.for_budget_page().order_by("department__government__code", "department__code", "phase")


def label(budget: Budget) -> str:
    return f"{budget.department.url_key} {budget.department.name}"


def year_tables(
    year: int, slugs: Iterable[str], government: Government | None = None
) -> dict[str, tuple[list[Column], Iterator[tuple[str, OfficialTable]]]]:
    """For each slug, every column the year's budgets' tables of it have, and (department label, table)
    for each budget. A budget's tables share what they are computed from, read for a batch of budgets
    at once; they wait in a spool per table until every budget's columns are known (the header comes first)."""
    spools = {slug: tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY) for slug in slugs}
    columns: dict[str, list[Column]] = {slug: [] for slug in spools}
    budgets, names = year_budgets(year, government).iterator(chunk_size=BATCH), {}
    while batch := list(islice(budgets, BATCH)):
        read = SourceBatch(batch, names)  # the code names read once for the year
        for budget in batch:
            sources = read.sources(budget)
            for slug in (slug for slug in slugs_of(budget) if slug in spools):
                table = build_table(budget, slug, sources)
                merge_columns(columns[slug], table.columns)
                # The findings (model instances) are on no sheet or CSV: not worth pickling.
                spooled = dataclasses.replace(table, findings=[])
                pickle.dump((label(budget), spooled), spools[slug], pickle.HIGHEST_PROTOCOL)
    return {slug: (columns[slug], unspooled(spool)) for slug, spool in spools.items()}


def unspooled(spool: BinaryIO) -> Iterator[tuple[str, OfficialTable]]:
    spool.seek(0)
    with spool:
        while True:
            try:
                yield pickle.load(spool)
            except EOFError:
                return


def write_year_workbook(
    year: int, stream: BinaryIO | str, unit: AmountUnit = AmountUnit.YUAN, government: Government | None = None
) -> int:
    """Returns how many budgets it holds. Rows go to disk as they are written,
    so memory stays flat however many departments the year has."""
    workbook = FlatWorkbook(stream)
    every_table = year_tables(year, SLUGS, government)
    subtitle = f"{year}年{government.name if government else '全部'}已公开部门预算"
    for slug in SLUGS:
        columns, tables = every_table[slug]
        sheet = None
        for department, table in tables:
            table = with_department(table, year, columns)
            # One header row: rows stream to disk in order, and a tidy header suits the data's users.
            sheet = sheet or workbook.sheet(table, subtitle, unit)
            sheet.table_rows(table, unit, extra={"department": department})
    workbook.close()
    return year_budgets(year, government).count()


def year_csv_lines(year: int, slug: str, unit: AmountUnit, government: Government | None = None) -> Iterator[str]:
    """One official table for every published budget of the year, line by line
    (UTF-8 with a byte-order mark), for a streaming response."""
    yield "\ufeff"
    columns, tables = year_tables(year, [slug], government)[slug]
    header_written = False
    for department, table in tables:
        text = table_csv(with_department(table, year, columns), unit, extra={"department": department})
        lines = text.removeprefix("\ufeff").splitlines(keepends=True)
        yield from (lines if not header_written else lines[1:])
        header_written = True
