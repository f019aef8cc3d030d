"""One export (or import) measured in its own process: wall time and peak RSS.
Usage: python bench/exports.py MODE YEAR OUT — prints one JSON object."""

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budgetsite.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from apps.budgets.amounts import AmountUnit  # noqa: E402
from apps.budgets.models import Budget, Status  # noqa: E402
from apps.budgets.official import SLUGS  # noqa: E402
from apps.workbooks.writer import write_budget_workbook  # noqa: E402
from apps.workbooks.year import write_year_workbook, year_csv_lines, year_tables  # noqa: E402
from bench.subjects import largest_budget  # noqa: E402

# openpyxl: the engine of the issue's baseline; XlsxWriter: pandas' own choice where it is installed, as here.
PANDAS_ENGINES = {"pandas-xlsx": "openpyxl", "pandas-xlsxwriter": "xlsxwriter"}


def year_frames(year: int) -> dict:
    """The same rows under the same columns as the year workbook, as one DataFrame per table it has."""
    import pandas as pd  # only here: its import alone would weigh on our modes' peak RSS

    frames = {}
    for slug, (columns, tables) in year_tables(year, SLUGS).items():
        rows = [[label] + [row.cells.get(c.key) for c in columns] for label, table in tables for row in table.rows]
        if rows:
            frames[slug] = pd.DataFrame(rows, columns=["部门"] + [c.label for c in columns])
    return frames


def run(mode: str, year: int, out: str) -> dict:
    if mode == "year-xlsx":
        return {"budgets": write_year_workbook(year, out)}
    if mode == "year-csv":
        with open(out, "w", encoding="utf-8") as file:
            for slug in SLUGS:
                file.writelines(year_csv_lines(year, slug, AmountUnit.YUAN))
        return {}
    if mode in PANDAS_ENGINES:
        import pandas as pd

        frames = year_frames(year)
        started = time.perf_counter()  # the target compares with to_excel alone, the rows already built
        with pd.ExcelWriter(out, engine=PANDAS_ENGINES[mode]) as writer:
            for slug, frame in frames.items():
                frame.to_excel(writer, sheet_name=slug, index=False)
        return {"to_excel_seconds": round(time.perf_counter() - started, 2), "rows": sum(map(len, frames.values()))}
    if mode == "pandas-csv":
        with open(out, "w", encoding="utf-8") as file:
            for frame in year_frames(year).values():
                frame.to_csv(file, index=False)
        return {}
    biggest = largest_budget(year)
    if mode == "budget-xlsx":
        write_budget_workbook(biggest, out)
        return {"department": biggest.department.code}
    raise SystemExit(f"unknown mode {mode}")


def timed_import(path: str, year: int) -> dict:
    """Read, validate and write the largest budget's workbook over that budget made a draft again, in one
    transaction rolled back (a published budget cannot be replaced; another phase would need its own sheet names)."""
    from apps.workbooks.reader import read_budget_workbook
    from apps.workbooks.services import budget_import

    content = Path(path).read_bytes()
    with transaction.atomic():
        Budget.objects.filter(pk=largest_budget(year).pk).update(status=Status.DRAFT)
        started = time.perf_counter()
        budget = budget_import(data=read_budget_workbook(content))
        seconds = time.perf_counter() - started
        rows = budget.functionlines.count() + budget.economiclines.count() + budget.projects.count()
        transaction.set_rollback(True)
    return {"seconds": round(seconds, 2), "rows": rows}


if __name__ == "__main__":
    mode, year, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    started = time.perf_counter()
    extra = timed_import(out, year) if mode == "import" else run(mode, year, out)
    seconds = round(time.perf_counter() - started, 2)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "seconds": seconds, "peak_rss_mb": round(peak_mb, 1), **extra}))
