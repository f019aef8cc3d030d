"""One export (or import) measured in its own process: wall time and peak RSS.
Usage: python bench/exports.py MODE YEAR OUT — prints one JSON object."""

import io
import json
import os
import resource
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budgetsite.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402

django.setup()

import openpyxl  # noqa: E402
from django.db import transaction  # noqa: E402

from apps.budgets.amounts import AmountUnit  # noqa: E402
from apps.budgets.models import Budget  # noqa: E402
from apps.budgets.official import SLUGS, build_table  # noqa: E402
from apps.workbooks.writer import write_budget_workbook  # noqa: E402
from apps.workbooks.year import write_year_workbook, year_budgets, year_csv_lines  # noqa: E402


def year_frames(year: int) -> dict:
    """The same rows as the year workbook, as one DataFrame per table."""
    import pandas as pd  # only here: its import alone would weigh on our modes' peak RSS

    frames = {}
    for slug in SLUGS:
        rows, columns = [], None
        for budget in year_budgets(year).iterator(chunk_size=200):
            table = build_table(budget, slug)
            columns = columns or ["部门"] + [c.label for c in table.columns]
            label = f"{budget.department.code} {budget.department.name}"
            rows += [[label] + [row.cells.get(c.key) for c in table.columns] for row in table.rows]
        frames[slug] = pd.DataFrame(rows, columns=columns)
    return frames


def run(mode: str, year: int, out: str) -> dict:
    if mode == "year-xlsx":
        return {"budgets": write_year_workbook(year, out)}
    if mode == "year-csv":
        with open(out, "w", encoding="utf-8") as file:
            for slug in SLUGS:
                file.writelines(year_csv_lines(year, slug, AmountUnit.YUAN))
        return {}
    if mode == "pandas-xlsx":
        import pandas as pd

        with pd.ExcelWriter(out, engine="openpyxl") as writer:
            for slug, frame in year_frames(year).items():
                frame.to_excel(writer, sheet_name=slug, index=False)
        return {}
    if mode == "pandas-csv":
        with open(out, "w", encoding="utf-8") as file:
            for frame in year_frames(year).values():
                frame.to_csv(file, index=False)
        return {}
    biggest = Budget.objects.published().filter(year=year).for_home_page().order_by("-total").first()
    if mode == "budget-xlsx":
        write_budget_workbook(biggest, out)
        return {"department": biggest.department.code}
    raise SystemExit(f"unknown mode {mode}")


def as_new_phase(path: str) -> bytes:
    """The exported workbook as a 调整预算, so that importing it makes a new draft."""
    book = openpyxl.load_workbook(path)
    next(row for row in book["基本信息"].iter_rows() if row[0].value == "阶段")[1].value = "调整预算"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def timed_import(content: bytes) -> dict:
    """Read, validate and write in one transaction, then roll it back."""
    from apps.workbooks.reader import read_budget_workbook
    from apps.workbooks.services import budget_import

    with transaction.atomic():
        budget = budget_import(data=read_budget_workbook(content))
        rows = budget.functionlines.count() + budget.economiclines.count() + budget.projects.count()
        transaction.set_rollback(True)
    return {"rows": rows}


if __name__ == "__main__":
    mode, year, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    content = as_new_phase(out) if mode == "import" else None
    started = time.perf_counter()
    extra = timed_import(content) if mode == "import" else run(mode, year, out)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "seconds": round(seconds, 2), "peak_rss_mb": round(peak_mb, 1), **extra}))
