"""make bench: every measurement of issue 6 in one run, written to bench/RESULTS.md.

Builds a seed-only and a generated city database on SQLite and on PostgreSQL,
measures server time per page, throughput under load, exports against pandas,
and import and generation times. BENCH_DEPARTMENTS (default 2000), BENCH_YEARS
(5) and BENCH_SECONDS (30 per load run) size it; BENCH_WORK is the scratch folder."""

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import PY, ROOT, SECONDS, WORK, log, run  # noqa: E402
from bench.load import throughput  # noqa: E402
from bench.report import write_report  # noqa: E402

DEPARTMENTS = int(os.environ.get("BENCH_DEPARTMENTS", "2000"))
YEARS = int(os.environ.get("BENCH_YEARS", "5"))


def ensure_tools() -> None:
    missing = [p for p in ("wrk", "nginx") if not shutil.which(p) and not Path(f"/usr/sbin/{p}").exists()]
    if missing:
        run("apt-get", "install", "-y", "-q", *missing, capture=False)
    if not (WORK / "datasette/bin/datasette").exists():  # its own venv: it pins its own dependencies
        run(sys.executable, "-m", "venv", str(WORK / "datasette"))
        run(str(WORK / "datasette/bin/pip"), "install", "-q", "datasette==0.65.5", capture=False)


def database(kind: str, size: str) -> str:
    if kind == "sqlite":
        path = WORK / f"{size}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    name = f"bench_{size}"
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def prepare(url: str, city: bool) -> float | None:
    """Migrate, load the seed and, for the city, generate it; returns the generation time."""
    env = {"DATABASE_URL": url}
    run(PY, "manage.py", "migrate", "--noinput", "-v0", env=env)
    run(PY, "manage.py", "load_seed", "-v0", env=env)
    if not city:
        return None
    started = time.perf_counter()
    run(
        PY,
        "manage.py",
        "generate_city",
        "--departments",
        str(DEPARTMENTS),
        "--years",
        str(YEARS),
        "--seed",
        "1",
        env=env,
        capture=False,
    )
    return time.perf_counter() - started


def exports(url: str, year: int) -> dict:
    results, env = {}, {"DATABASE_URL": url}
    modes = [
        ("budget-xlsx", "xlsx"),
        ("year-xlsx", "xlsx"),
        ("pandas-xlsx", "xlsx"),
        ("year-csv", "csv"),
        ("pandas-csv", "csv"),
    ]
    for mode, suffix in modes:
        out = WORK / f"{mode}.{suffix}"
        results[mode] = json.loads(run(PY, "bench/exports.py", mode, str(year), str(out), env=env))
        results[mode]["bytes"] = out.stat().st_size
        log(f"export {results[mode]}")
    results["import"] = json.loads(
        run(PY, "bench/exports.py", "import", str(year), str(WORK / "budget-xlsx.xlsx"), env=env)
    )
    return results


def machine() -> str:
    lines = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), platform.processor())
    memory = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return f"{cpu}, {os.cpu_count()} cores, {memory / 1024 / 1024:.0f} GiB; {platform.platform()}; Python {platform.python_version()}"


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    ensure_tools()
    results = {
        "machine": machine(),
        "departments": DEPARTMENTS,
        "years": YEARS,
        "seconds": SECONDS,
        "pages": {},
        "generation": {},
    }
    for kind in ("sqlite", "postgresql"):
        for size in ("seed", "city"):
            url = database(kind, size)
            log(f"{kind} {size}: preparing")
            generated = prepare(url, city=size == "city")
            if generated is not None:
                results["generation"][kind] = round(generated, 1)
            measured = json.loads(run(PY, "bench/pages.py", "20", env={"DATABASE_URL": url}))
            results["pages"][f"{kind} {size}"] = measured["pages"]
            log(f"{kind} {size}: {measured['pages']}")
            if kind == "sqlite" and size == "city":
                pages = {name: measured["pages"][name]["url"] for name in ("budget", "code")}
                results["throughput"] = throughput(url, WORK / "city.sqlite3", pages, measured["budget_id"])
                results["exports"] = exports(url, 2021)
    (WORK / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    write_report(results, ROOT / "bench/RESULTS.md")
    log("written bench/RESULTS.md")


if __name__ == "__main__":
    main()
