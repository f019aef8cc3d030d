"""Knobs and small process helpers for the benchmark.

Every knob is an environment variable so that a quick trial runs the same code as
the full run: BENCH_DEPARTMENTS (2000) × BENCH_YEARS (5) size the city,
BENCH_SMALL_DEPARTMENTS (100) the small city it is compared with,
BENCH_SECONDS (30) is each wrk run, BENCH_RUNS (20) the requests per page
in-process in each of BENCH_ROUNDS (3) rounds, BENCH_DATABASES (sqlite,postgresql) which databases, BENCH_WORKERS (2)
the gunicorn workers of every server, BENCH_REUSE=1 keeps databases a previous run
built at the same size (generation takes minutes), BENCH_PG_PREFIX (bench) names the
PostgreSQL databases (two runs at once need different ones), BENCH_WORK the scratch folder."""

import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("BENCH_WORK", "/tmp/budget-bench"))
PY = str(ROOT / ".venv/bin/python")
DEPARTMENTS = int(os.environ.get("BENCH_DEPARTMENTS", "2000"))
YEARS = int(os.environ.get("BENCH_YEARS", "5"))
# Enough departments to fill every page the city fills (50 rows a page), twenty times fewer: what the pages
# cost with the content the same and only the number of departments changed.
SMALL_DEPARTMENTS = int(os.environ.get("BENCH_SMALL_DEPARTMENTS", "100"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "30"))
RUNS = int(os.environ.get("BENCH_RUNS", "20"))
# The seed and the city are measured in turn, ROUNDS times, and each page keeps its best round: a shared
# machine's slow spell then falls on one round of both databases, not on one database's only run.
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
DATABASES = [d.strip() for d in os.environ.get("BENCH_DATABASES", "sqlite,postgresql").split(",") if d.strip()]
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
REUSE = os.environ.get("BENCH_REUSE", "") == "1"
PG_PREFIX = os.environ.get("BENCH_PG_PREFIX", "bench")
YEAR = 2021  # the seed's year, and generate_city's last year: every page and export is of this year
THREADS, CONNECTIONS = 2, 32  # the wrk load


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(*args: str, env: dict | None = None, capture: bool = True) -> str:
    result = subprocess.run(
        args, cwd=ROOT, env={**os.environ, **(env or {})}, check=True, text=True, capture_output=capture
    )
    return result.stdout if capture else ""


def start(args: list[str], name: str, env: dict | None = None) -> subprocess.Popen:
    """A server; its errors go to WORK/logs/NAME.log (the access log, on stdout, would weigh on it under load)."""
    (WORK / "logs").mkdir(parents=True, exist_ok=True)
    with open(WORK / f"logs/{name}.log", "ab") as errors:
        return subprocess.Popen(
            args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=errors
        )


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=30)


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=10)
            return
        except urllib.error.HTTPError:
            return  # it answered, if not with 200
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer (see {WORK / 'logs'})")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def wrk(url: str) -> dict:
    """Requests per second, median latency and errors over SECONDS under the issue's load."""
    out = run("wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = (sum(int(n) for n in socket.groups()) if socket else 0) + (int(non_2xx.group(1)) if non_2xx else 0)
    p50 = re.search(r"^\s+50%\s+(\S+)\s*$", out, re.MULTILINE)  # the latency distribution's line
    return {"rps": rps, "errors": errors, "p50": p50.group(1) if p50 else "—"}
