"""The number reader serves a threaded server: each read has its own parser, and
openpyxl itself is left as it is for everyone else in the process."""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings

from apps.workbooks.problems import WorkbookInvalid
from apps.workbooks.safety import sheet_rows

SEED = Path(settings.BASE_DIR, "fixtures", "workbooks", "budget_205_2021.xlsx").read_bytes()


def floats_workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.append([0.1, 2.5, 3])
    stream = BytesIO()
    book.save(stream)
    return stream.getvalue()


def numbers(sheets: dict) -> list:
    return [v for rows in sheets.values() for row in rows for v in row if isinstance(v, int | float | Decimal)]


def test_sixteen_threads_read_decimals_while_others_read_floats():
    expected = sheet_rows(SEED)
    assert not any(isinstance(v, float) for v in numbers(expected)) and numbers(expected)
    plain = floats_workbook()

    def ours(_) -> bool:
        return sheet_rows(SEED) == expected

    def theirs(_) -> bool:  # another library reading a workbook the ordinary way, at the same time
        book = openpyxl.load_workbook(BytesIO(plain), read_only=True)
        row = next(book.active.iter_rows(values_only=True))
        book.close()
        return row == (0.1, 2.5, 3) and isinstance(row[0], float)

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda i: (ours if i % 2 else theirs)(i), range(160)))
    assert all(results), f"{results.count(False)} of 160 reads were wrong"


def test_a_cell_far_down_is_refused_before_the_rows_are_filled(settings):
    book = openpyxl.Workbook()
    book.active["A1000000"] = 1
    stream = BytesIO()
    book.save(stream)
    settings.IMPORT_MAX_ROWS = 1000
    with pytest.raises(WorkbookInvalid, match="1,000 行的上限"):
        sheet_rows(stream.getvalue())
