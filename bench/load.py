"""Throughput under the issue's wrk load (gunicorn with BENCH_WORKERS workers for
every server): the uncached code pages (errors), the cached page against a bare
Django view returning the same bytes, and, on SQLite, one API table uncached
against Datasette answering the same rows from the same file."""

import os
import secrets
import subprocess
from pathlib import Path

from . import datasette
from .harness import PY, WORK, WORKERS, YEAR, fetch, log, start, stop, wait_for, wrk

UNCACHED, CACHED, BARE, DATASETTE = 8301, 8302, 8303, 8304
SECRET_KEY = secrets.token_urlsafe(50)  # the app refuses to serve without DEBUG on the development default
CODE_PAGES = ("code 30217", "code 201")
CACHED_PAGES = ("budget", "code 30217")
# The cached app as deployed (docs/deploy.md): pages and the publication version in Redis, shared by its
# workers; its own database number, emptied before each run (the seed's version is the same on both).
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")


def gunicorn(
    url: str, port: int, cache_seconds: int, app: str = "budgetsite.wsgi:application", **env
) -> subprocess.Popen:
    return start(
        [PY, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", app],
        f"gunicorn-{port}",
        env={
            "SECRET_KEY": SECRET_KEY,
            "DATABASE_URL": url,
            "BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": str(WORKERS),
            "PUBLIC_CACHE_SECONDS": str(cache_seconds),
            **env,
        },
    )


def measured(results: dict, name: str, target: str) -> None:
    fetch(target)  # warm up: the worker's first request, the page cache
    results[name] = wrk(target)
    log(f"{name}: {results[name]}")


def against_bare(db_url: str, pages: dict[str, str], results: dict) -> None:
    """Each cached page, then the bare view serving the bytes that page served."""
    for name in CACHED_PAGES:
        target = f"http://127.0.0.1:{CACHED}{pages[name]}"
        measured(results, f"{name} · cached", target)
        saved = WORK / f"bare-{name.replace(' ', '-')}.html"
        saved.write_bytes(fetch(target))
        bare = gunicorn(db_url, BARE, 0, "bench.bare_wsgi:application", BENCH_BARE_FILE=str(saved))
        try:
            wait_for(f"http://127.0.0.1:{BARE}/")
            measured(results, f"{name} · bare Django", f"http://127.0.0.1:{BARE}/")
        finally:
            stop(bare)


def against_datasette(pages: dict[str, str], sqlite_file: Path, budget_id: int, results: dict) -> dict:
    """The API table uncached and Datasette's equivalent query; returns whether they answer the same rows."""
    server = datasette.serve(sqlite_file, DATASETTE)
    try:
        query = datasette.query_url(DATASETTE, sqlite_file, budget_id, YEAR)
        wait_for(f"http://127.0.0.1:{DATASETTE}/")
        api = f"http://127.0.0.1:{UNCACHED}{pages['api table']}"
        rows = datasette.same_rows(api, query)
        log(f"API table against Datasette: {rows}")
        measured(results, "api table · uncached", api)
        measured(results, "api table · Datasette", query)
    finally:
        stop(server)
    return rows


def throughput(db_url: str, pages: dict[str, str], budget_id: int, sqlite_file: Path | None) -> dict:
    """requests/second, p50 latency and errors of each measured way of serving; on SQLite also
    `datasette_rows`, the check that the API and Datasette compared the same rows."""
    results: dict = {}
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, capture_output=True)
    servers = [gunicorn(db_url, UNCACHED, 0), gunicorn(db_url, CACHED, 300, REDIS_URL=REDIS_URL)]
    try:
        for port in (UNCACHED, CACHED):
            wait_for(f"http://127.0.0.1:{port}/")
        for name in CODE_PAGES:
            measured(results, f"{name} · uncached", f"http://127.0.0.1:{UNCACHED}{pages[name]}")
        against_bare(db_url, pages, results)
        if sqlite_file:
            results["datasette_rows"] = against_datasette(pages, sqlite_file, budget_id, results)
    finally:
        for server in servers:
            stop(server)
    return results
