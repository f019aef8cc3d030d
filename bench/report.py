"""bench/RESULTS.md from the measurements: issue 12's targets, met or missed on each
database, then the measurements behind them (and bench/NOTES.md, the hand-written
reading of them)."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
PAGES = ["home", "budget", "budget (seed department)", "code 30217", "code 201", "projects", "api table"]
# Each page as the seed database has it, to compare with the city's (the same URL).
SEED_PAGE = {"home": "home", "code 30217": "code 30217", "code 201": "code 201", "budget (seed department)": "budget"}
# The same pages in the small city, under the city's names: both fill them alike.
SMALL_PAGE = {page: page for page in SEED_PAGE}
SIZES = ("seed", "small", "city")
LOAD = [
    "code 30217 · uncached",
    "code 201 · uncached",
    "budget · cached",
    "budget · bare Django",
    "code 30217 · cached",
    "code 30217 · bare Django",
    "api table · uncached",
    "api table · Datasette",
]
# A target's value on one database: (what was measured, met?); None where it does not apply.
Measure = Callable[[dict], tuple[str, bool | None] | None]


def p50_at_most(page: str, limit: float) -> Measure:
    return lambda db: (f"{db['pages']['city'][page]['p50_ms']} ms", db["pages"]["city"][page]["p50_ms"] <= limit)


def city_against(size: str, of_page: dict[str, str]) -> Measure:
    """The page whose p50 moves most between the `size` database and the city (`of_page`: the city's page → its
    name there)."""

    def measure(db: dict) -> tuple[str, bool]:
        other, city = db["pages"][size], db["pages"]["city"]
        changes = {page: city[page]["p50_ms"] / other[of]["p50_ms"] - 1 for page, of in of_page.items()}
        worst = max(changes, key=lambda page: abs(changes[page]))
        text = f"worst {worst}: {other[of_page[worst]]['p50_ms']} → {city[worst]['p50_ms']} ms ({changes[worst]:+.0%})"
        return text, abs(changes[worst]) <= 0.2

    return measure


def query_counts(db: dict) -> tuple[str, None]:
    seed, small, city = (db["pages"][size] for size in SIZES)
    counts = (
        f"{page} {seed[of]['queries']}/{small[page]['queries']}/{city[page]['queries']}"
        for page, of in SEED_PAGE.items()
    )
    return ", ".join(counts), None


def against_datasette(db: dict) -> tuple[str, bool] | None:
    if "datasette_rows" not in db["load"]:
        return None
    load, rows = db["load"], db["load"]["datasette_rows"]
    ours, theirs = load["api table · uncached"]["rps"], load["api table · Datasette"]["rps"]
    text = f"{ours:.0f} / {theirs:.0f} req/s = {ours / theirs:.2f}× ({rows['rows']} rows"
    if not rows["same"]:
        return text + f"; Datasette answered {rows['datasette_rows']} rows, not the same figures: no comparison)", False
    return text + ", the same figures)", ours / theirs >= 2


def cached_vs_bare(db: dict) -> tuple[str, bool]:
    load = db["load"]
    shares = {p: load[f"{p} · cached"]["rps"] / load[f"{p} · bare Django"]["rps"] for p in ("budget", "code 30217")}
    return ", ".join(f"{page} {share:.0%}" for page, share in shares.items()), min(shares.values()) >= 0.5


def workbook_speed(db: dict) -> tuple[str, bool]:
    """Against to_excel alone, given the rows already built: how the rows are built is ours to speed up, and
    the same builder feeds both sides. The ratio with pandas' building of the rows counted is shown beside it."""
    ours, pandas = db["exports"]["year-xlsx"]["seconds"], db["exports"]["pandas-xlsx"]
    text = f"to_excel {pandas['to_excel_seconds']} s / ours {ours} s = {pandas['to_excel_seconds'] / ours:.2f}×"
    text += f" (rows built and written: {pandas['seconds']} s = {pandas['seconds'] / ours:.2f}×)"
    return text, pandas["to_excel_seconds"] / ours >= 3


def workbook_memory(db: dict) -> tuple[str, bool]:
    peak = db["exports"]["year-xlsx"]["peak_rss_mb"]
    return f"{peak} MB", peak < 200


def code_errors(db: dict) -> tuple[str, bool]:
    runs = {page: db["load"][f"{page} · uncached"] for page in ("code 30217", "code 201")}
    text = ", ".join(f"{page}: {r['errors']} errors ({r['rps']:.0f} req/s)" for page, r in runs.items())
    return text, all(r["errors"] == 0 for r in runs.values())


TARGETS: list[tuple[str, Measure]] = [
    ("budget page p50 ≤ 10 ms (page cache off, city's largest department)", p50_at_most("budget", 10)),
    ("home p50 ≤ 15 ms", p50_at_most("home", 15)),
    ("code page 30217 p50 ≤ 15 ms", p50_at_most("code 30217", 15)),
    ("code page 201 p50 ≤ 15 ms", p50_at_most("code 201", 15)),
    (
        "seed vs city p50 within 20 % (same URLs: home, code pages, the seed department's budget)",
        city_against("seed", SEED_PAGE),
    ),
    (
        "small city vs city p50 within 20 % (the same URLs, each page as full in both: only the number of departments differs)",
        city_against("small", SMALL_PAGE),
    ),
    ("queries per page, seed / small city / city", query_counts),
    ("API table JSON uncached ≥ 2× Datasette, same rows from the same SQLite file", against_datasette),
    ("cached page ≥ 50 % of a bare Django view returning the same bytes", cached_vs_bare),
    ("whole-year workbook ≥ 3× faster than DataFrame.to_excel of the same rows", workbook_speed),
    ("whole-year workbook peak RSS < 200 MB", workbook_memory),
    ("uncached code pages under wrk with 0 errors", code_errors),
]


def cell(measured: tuple[str, bool | None] | None) -> str:
    if measured is None:
        return "—"
    text, ok = measured
    return text if ok is None else f"{text}: {'met' if ok else '**missed**'}"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|---" * len(header) + "|", *("| " + " | ".join(r) + " |" for r in rows)]


def targets_table(dbs: dict) -> list[str]:
    rows = [[name, *(cell(measure(db)) for db in dbs.values())] for name, measure in TARGETS]
    return table(["target", *(NAMES[k] for k in dbs)], rows)


def pages_table(dbs: dict) -> list[str]:
    header = ["page", *(f"{NAMES[k]} {size}" for k in dbs for size in SIZES)]
    rows = []
    for page in PAGES:
        cells = []
        for db in dbs.values():
            for size in SIZES:
                m = db["pages"][size].get(page)
                cells.append(f"{m['p50_ms']} / {m['p95_ms']} ({m['queries']})" if m else "—")
        rows.append([page, *cells])
    return table(header, rows)


def load_table(dbs: dict) -> list[str]:
    def text(run: dict | None) -> str:
        return f"{run['rps']:.0f} req/s, {run['errors']} errors, p50 {run['p50']}" if run else "—"

    return table(
        ["server · page", *(NAMES[k] for k in dbs)],
        [[n, *(text(db["load"].get(n)) for db in dbs.values())] for n in LOAD],
    )


EXPORTS = [
    ("budget-xlsx", "whole budget workbook (largest department)"),
    ("year-xlsx", "whole-year workbook (ours)"),
    ("pandas-xlsx", "the same rows (built as the year workbook builds them), then DataFrame.to_excel (openpyxl)"),
    ("pandas-xlsxwriter", "the same, to_excel with XlsxWriter (pandas' default where it is installed)"),
    ("year-csv", "whole-year CSV (ours, streamed)"),
    ("pandas-csv", "the same rows, DataFrame.to_csv"),
    ("import", "import of that budget workbook over it made a draft (read, validate, write; rolled back)"),
]


def exports_table(dbs: dict) -> list[str]:
    def text(e: dict | None) -> str:
        if not e:
            return "—"
        extra = f", to_excel alone {e['to_excel_seconds']} s" if "to_excel_seconds" in e else ""
        size = f", {e['bytes'] / 1e6:.2f} MB" if "bytes" in e else ""
        return f"{e['seconds']} s{extra}, peak RSS {e['peak_rss_mb']} MB{size}"

    rows = [[label, *(text(db["exports"].get(mode)) for db in dbs.values())] for mode, label in EXPORTS]
    return table(["what", *(NAMES[k] for k in dbs)], rows)


def write_report(results: dict, path: Path) -> None:
    notes, dbs = path.with_name("NOTES.md"), results["databases"]
    size = f"{results['departments']} departments × {results['years']} years"
    lines = [
        "# Benchmarks",
        "",
        f"Made by `make bench` on {date.today()} in {results['minutes']} minutes: {results['machine']}.",
        f"City: {size} (`generate_city --seed 1`), plus the seed-only database and a small city of "
        f"{results['small_departments']} departments; every page and export of 2021.",
        "",
        "## Targets (issue 12)",
        *targets_table(dbs),
        "",
        f"## 1. Server time per page, page cache off (in-process, {results['runs']} requests each, "
        f"best of {results.get('rounds', 1)} rounds taken in turn with the seed)",
        "p50 / p95 ms (queries). budget: the largest department's (in the seed, the seed's own department);"
        " api table: its one-table JSON (bench/datasette.py names the table).",
        "",
        *pages_table(dbs),
        "",
        f"## 2. Under load: gunicorn {results['workers']} workers, wrk 2 threads × 32 connections × {results['seconds']} s, city",
        "uncached: the app with its page cache off; cached: with its page cache on Redis, as deployed; bare Django: a view returning the"
        " cached page's bytes under the same gunicorn and middleware; Datasette: under gunicorn with as many"
        " (uvicorn) workers, answering the API table's rows from the same SQLite file with one SQL query.",
        "",
        *load_table(dbs),
        "",
        "## 3. Exports and import (city, 2021)",
        *exports_table(dbs),
        "",
        "## 4. Generation",
        *[f"- {NAMES[kind]}: {db['generation']} s for {size}" for kind, db in dbs.items()],
        "",
        notes.read_text() if notes.exists() else "",
    ]
    path.write_text("\n".join(lines) + "\n")
