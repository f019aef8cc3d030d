"""make bench: every target of issue 12 measured in one run, written to bench/RESULTS.md.

On each database (SQLite, PostgreSQL) it builds the seed-only database, the
generated city and a small city, measures each page's server time with the page cache
off on all three, then loads the city's servers with wrk and times the exports against pandas. The
knobs (size, seconds, databases, reuse) are described in bench/harness.py."""

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import (  # noqa: E402
    DATABASES,
    DEPARTMENTS,
    PG_PREFIX,
    PY,
    REUSE,
    ROOT,
    ROUNDS,
    RUNS,
    SECONDS,
    SMALL_DEPARTMENTS,
    WORK,
    WORKERS,
    YEAR,
    YEARS,
    log,
    run,
)
from bench.load import throughput  # noqa: E402
from bench.report import write_report  # noqa: E402

# The generated databases' departments, each over YEARS years; the seed's database generates none.
GENERATED = {"small": SMALL_DEPARTMENTS, "city": DEPARTMENTS}
# Every export on SQLite; on PostgreSQL only the two the workbook target compares.
EXPORTS = {
    "sqlite": ["budget-xlsx", "year-xlsx", "pandas-xlsx", "pandas-xlsxwriter", "year-csv", "pandas-csv"],
    "postgresql": ["year-xlsx", "pandas-xlsx"],
}


def ensure_tools() -> None:
    if not shutil.which("wrk"):
        run("apt-get", "update", "-qq", capture=False)
        run("apt-get", "install", "-y", "-q", "wrk", capture=False)
    if not (WORK / "datasette/bin/gunicorn").exists():  # its own venv: it pins its own dependencies
        run(sys.executable, "-m", "venv", str(WORK / "datasette"))
        run(str(WORK / "datasette/bin/pip"), "install", "-q", "datasette==0.65.5", "gunicorn==27.0.1", capture=False)


def database_url(kind: str, size: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{WORK / f'{size}.sqlite3'}"
    return f"postgres://postgres@127.0.0.1:5432/{PG_PREFIX}_{size}"


def create(kind: str, size: str) -> None:
    if kind == "sqlite":
        (WORK / f"{size}.sqlite3").unlink(missing_ok=True)
        return
    name = f"{PG_PREFIX}_{size}"
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)


def generate(env: dict, departments: int) -> float:
    started = time.perf_counter()
    sizes = ["--departments", str(departments), "--years", str(YEARS), "--seed", "1"]
    run(PY, "manage.py", "generate_city", *sizes, env=env, capture=False)
    return round(time.perf_counter() - started, 1)


def prepare(kind: str, size: str) -> tuple[str, float | None]:
    """The database's URL, migrated and loaded (the seed; for a city, generated too), and the
    generation time. With BENCH_REUSE=1 a database a previous run built at this size is kept."""
    url, marker = database_url(kind, size), WORK / f"{kind}-{size}.json"
    wanted = {"departments": GENERATED[size], "years": YEARS} if size in GENERATED else {}
    env = {"DATABASE_URL": url}
    if REUSE and marker.exists() and json.loads(marker.read_text())["size"] == wanted:
        log(f"{kind} {size}: reusing the database of a previous run")
        run(PY, "manage.py", "migrate", "--noinput", "-v0", env=env)
        return url, json.loads(marker.read_text())["generated"]
    marker.unlink(missing_ok=True)
    create(kind, size)
    run(PY, "manage.py", "migrate", "--noinput", "-v0", env=env)
    run(PY, "manage.py", "load_seed", "-v0", env=env)
    generated = generate(env, GENERATED[size]) if size in GENERATED else None
    marker.write_text(json.dumps({"size": wanted, "generated": generated}))
    return url, generated


def pages(url: str, *department: str) -> dict:
    return json.loads(run(PY, "bench/pages.py", str(RUNS), str(YEAR), *department, env={"DATABASE_URL": url}))


def exports(kind: str, url: str) -> dict:
    results, env = {}, {"DATABASE_URL": url}
    for mode in EXPORTS[kind]:
        out = WORK / f"{kind}-{mode}.{'csv' if mode.endswith('csv') else 'xlsx'}"
        results[mode] = json.loads(run(PY, "bench/exports.py", mode, str(YEAR), str(out), env=env))
        results[mode]["bytes"] = out.stat().st_size
        log(f"{kind} export {results[mode]}")
    if "budget-xlsx" in results:
        workbook = str(WORK / f"{kind}-budget-xlsx.xlsx")
        results["import"] = json.loads(run(PY, "bench/exports.py", "import", str(YEAR), workbook, env=env))
    return results


def best_round(kept: dict | None, measured: dict) -> dict:
    """`measured`, each page's figures replaced by `kept`'s where its p50 was lower."""
    if kept is not None:
        for name, page in kept["pages"].items():
            if page["p50_ms"] < measured["pages"][name]["p50_ms"]:
                measured["pages"][name] = page
    return measured


def measure(kind: str) -> dict:
    """Everything measured on one kind of database."""
    log(f"{kind}: preparing the seed, the small city and the city")
    seed_url, _ = prepare(kind, "seed")
    small_url, _ = prepare(kind, "small")
    city_url, generated = prepare(kind, "city")
    seed = small = city = None
    for _ in range(ROUNDS):
        seed = best_round(seed, pages(seed_url))
        small = best_round(small, pages(small_url, seed["department"]))
        city = best_round(city, pages(city_url, seed["department"]))
    for size, measured in (("seed", seed), ("small", small), ("city", city)):
        log(f"{kind} {size}: {measured['pages']}")
    urls = {name: page["url"] for name, page in city["pages"].items()}
    sqlite_file = WORK / "city.sqlite3" if kind == "sqlite" else None
    return {
        "pages": {"seed": seed["pages"], "small": small["pages"], "city": city["pages"]},
        "department": city["department"],
        "generation": generated,
        "load": throughput(city_url, urls, city["budget_id"], sqlite_file),
        "exports": exports(kind, city_url),
    }


def machine() -> str:
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), platform.processor())
    memory = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    speed = f"sum(range(10**6)) in {python_speed():.1f} ms"
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory / 1024 / 1024:.0f} GiB; {platform.platform()}; "
        f"Python {platform.python_version()}, {speed}"
    )


def python_speed() -> float:
    """The best of five timings of one pure-Python loop, in ms: machines of one kind differ by up to
    twice in it, and page times with it, so runs on two machines compare through this figure."""
    import timeit

    return min(timeit.repeat("sum(range(10**6))", number=10, repeat=5)) / 10 * 1000


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    ensure_tools()
    started = time.perf_counter()
    results = {
        "machine": machine(),
        "departments": DEPARTMENTS,
        "small_departments": SMALL_DEPARTMENTS,
        "years": YEARS,
        "seconds": SECONDS,
        "runs": RUNS,
        "rounds": ROUNDS,
        "workers": WORKERS,
        "databases": {kind: measure(kind) for kind in DATABASES},
    }
    results["minutes"] = round((time.perf_counter() - started) / 60, 1)
    (ROOT / "bench/results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    write_report(results, ROOT / "bench/RESULTS.md")
    log(f"written bench/RESULTS.md after {results['minutes']} minutes")


if __name__ == "__main__":
    main()
