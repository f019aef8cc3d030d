"""Small process helpers for the benchmark."""

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
SECONDS = int(os.environ.get("BENCH_SECONDS", "30"))


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(*args: str, env: dict | None = None, capture: bool = True) -> str:
    result = subprocess.run(
        args, cwd=ROOT, env={**os.environ, **(env or {})}, check=True, text=True, capture_output=capture
    )
    return result.stdout if capture else ""


def start(args: list[str], env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        args, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
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
    raise RuntimeError(f"{url} did not answer")


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read()


def wrk(url: str) -> dict:
    """Requests per second, median latency and errors over SECONDS with 32 connections on 2 threads."""
    out = run("wrk", "-t2", "-c32", f"-d{SECONDS}s", "--latency", url)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = (sum(int(n) for n in socket.groups()) if socket else 0) + (int(non_2xx.group(1)) if non_2xx else 0)
    p50 = re.search(r"^\s+50%\s+(\S+)$", out, re.MULTILINE)  # the latency distribution's line
    return {"rps": rps, "errors": errors, "p50": p50.group(1) if p50 else "—"}
