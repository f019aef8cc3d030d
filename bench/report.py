"""bench/RESULTS.md from the measurements (and bench/NOTES.md, the hand-written reading of them)."""

from datetime import date
from pathlib import Path

PAGES = ["home", "budget", "code", "code 201", "projects"]
SERVERS = ["uncached", "cached", "bare Django", "Datasette", "nginx static", "nginx front"]


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def pages_table(results: dict) -> list[str]:
    sizes = list(results["pages"])
    lines = [
        "| page | " + " | ".join(f"{s} p50 / p95 ms (queries)" for s in sizes) + " |",
        "|---" * (len(sizes) + 1) + "|",
    ]
    for page in [p for p in PAGES if p in results["pages"][sizes[0]]]:
        cells = [f"{m['p50_ms']} / {m['p95_ms']} ({m['queries']})" for m in (results["pages"][s][page] for s in sizes)]
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return lines


def latency(text: str) -> str:
    return text if text[:1].isdigit() else "—"  # an earlier harness misread a few of these


def throughput_table(load: dict) -> list[str]:
    lines = ["| page | " + " | ".join(SERVERS) + " |", "|---" * (len(SERVERS) + 1) + "|"]
    for page in ("budget", "code"):
        cells = [
            f"{load[f'{page} · {s}']['rps']:.0f} req/s ({load[f'{page} · {s}']['errors']} errors, p50 {latency(load[f'{page} · {s}']['p50'])})"
            for s in SERVERS
        ]
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return lines


def targets(results: dict) -> list[str]:
    load, exports, pages = results["throughput"], results["exports"], results["pages"]
    city_p50 = pages["sqlite city"]["budget"]["p50_ms"], pages["postgresql city"]["budget"]["p50_ms"]
    same_queries = all(
        pages[f"{k} seed"][p]["queries"] == pages[f"{k} city"][p]["queries"]
        for k in ("sqlite", "postgresql")
        for p in PAGES
        if p in pages[f"{k} seed"]
    )
    ratio = lambda a, b: load[a]["rps"] / load[b]["rps"]  # noqa: E731
    vs_datasette = ratio("budget · uncached", "budget · Datasette")
    vs_bare = ratio("budget · cached", "budget · bare Django")
    vs_static = ratio("budget · nginx front", "budget · nginx static")
    speedup = exports["pandas-xlsx"]["seconds"] / exports["year-xlsx"]["seconds"]
    errors = sum(v["errors"] for v in load.values())
    return [
        "| target | measured | |",
        "|---|---|---|",
        f"| uncached budget page p50 ≤ 30 ms at city scale | SQLite {city_p50[0]} ms, PostgreSQL {city_p50[1]} ms | {verdict(max(city_p50) <= 30)} |",
        f"| query counts the same at both sizes | {'same' if same_queries else 'differ'} | {verdict(same_queries)} |",
        f"| uncached budget page ≥ 2× Datasette's roll-up | {vs_datasette:.2f}× | {verdict(vs_datasette >= 2)} |",
        f"| cached page ≥ 50 % of the bare Django view | {vs_bare:.0%} | {verdict(vs_bare >= 0.5)} |",
        f"| nginx front ≥ 50 % of nginx static | {vs_static:.0%} | {verdict(vs_static >= 0.5)} |",
        f"| whole-year workbook ≥ 2× faster than DataFrame.to_excel | {speedup:.2f}× | {verdict(speedup >= 2)} |",
        f"| whole-year workbook peak RSS < 200 MB | {exports['year-xlsx']['peak_rss_mb']} MB | {verdict(exports['year-xlsx']['peak_rss_mb'] < 200)} |",
        f"| zero errors under load | {errors} | {verdict(errors == 0)} |",
    ]


def exports_table(exports: dict) -> list[str]:
    lines = ["| what | seconds | peak RSS MB | size MB |", "|---|---|---|---|"]
    for mode, label in [
        ("budget-xlsx", "whole budget workbook (largest department)"),
        ("year-xlsx", "whole-year workbook (ours, constant memory)"),
        ("pandas-xlsx", "the same rows, DataFrame.to_excel"),
        ("year-csv", "whole-year CSV (ours, streamed)"),
        ("pandas-csv", "the same rows, DataFrame.to_csv"),
    ]:
        e = exports[mode]
        lines.append(f"| {label} | {e['seconds']} | {e['peak_rss_mb']} | {e['bytes'] / 1e6:.1f} |")
    i = exports["import"]
    lines.append(
        f"| import of that budget workbook (read, validate, write; {i['rows']} rows) | {i['seconds']} | {i['peak_rss_mb']} | |"
    )
    return lines


def write_report(results: dict, path: Path) -> None:
    notes = path.with_name("NOTES.md")
    lines = [
        "# Benchmarks",
        "",
        f"Made by `make bench` on {date.today()}: {results['machine']}.",
        f"City: {results['departments']} departments × {results['years']} years (`generate_city --seed 1`), plus the seed.",
        "",
        "## Targets",
        *targets(results),
        "",
        "## 1. Server time per page, page cache off (in-process, 20 requests each; the largest department)",
        *pages_table(results),
        "",
        f"## 2. Throughput: gunicorn 2 workers, wrk 2 threads × 32 connections × {results['seconds']} s, SQLite city",
        *throughput_table(results["throughput"]),
        "",
        "uncached: the app with its page cache off; cached: the app with its page cache (local memory per worker);"
        " bare Django: a view returning the same bytes under the same gunicorn and middleware; Datasette: the"
        " same SQLite file answering the page's central roll-up as one SQL query; nginx static: the saved HTML;"
        " nginx front: deploy/nginx.conf with its proxy cache in front of the cached app.",
        "",
        "## 3. Exports and import (SQLite city, year 2021)",
        *exports_table(results["exports"]),
        "",
        "## 4. Generation",
        *[
            f"- {kind}: {seconds} s for {results['departments']} × {results['years']}"
            for kind, seconds in results["generation"].items()
        ],
        "",
        notes.read_text() if notes.exists() else "",
    ]
    path.write_text("\n".join(lines) + "\n")
