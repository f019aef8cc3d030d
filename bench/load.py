"""Throughput under load for the budget page and a code page: the app uncached
and cached, a bare Django view with the same bytes, Datasette on the same
SQLite file answering the equivalent roll-up, nginx serving the saved HTML, and
nginx in front of the app (pages revalidated with the app). One run, so ratios compare."""

import subprocess
import urllib.parse
from pathlib import Path

from .harness import PY, ROOT, WORK, fetch, log, start, stop, wait_for, wrk

# The budget page's central roll-up (expenditure by 类/款/项 and nature) and the code
# page's comparison (each department's amount under 30217 公务接待费), as one SQL query each.
BUDGET_SQL = """
select substr(c.code, 1, n.len) as code, sum(l.amount) as total,
       sum(case when l.nature = 'personnel' then l.amount end) as personnel,
       sum(case when l.nature = 'public' then l.amount end) as public,
       sum(case when l.nature = 'project' then l.amount end) as project
from budgets_functionline l join reference_classificationcode c on c.id = l.code_id
     join (select 3 as len union all select 5 union all select 7) n on length(c.code) >= n.len
where l.budget_id = :budget group by 1 order by 1"""
CODE_SQL = """
select d.code, d.name, sum(l.amount) as total
from budgets_economicline l join budgets_budget b on b.id = l.budget_id join reference_department d on d.id = b.department_id
     join reference_classificationcode c on c.id = l.code_id
where b.year = :year and b.status = 'published' and c.code like :prefix group by d.id order by total desc"""


def gunicorn(
    url: str, port: int, cache_seconds: int, app: str = "budgetsite.wsgi:application", **env
) -> subprocess.Popen:
    return start(
        [PY, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", app],
        env={
            "DATABASE_URL": url,
            "BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": "2",
            "PUBLIC_CACHE_SECONDS": str(cache_seconds),
            **env,
        },
    )


def nginx(listen: int, app: str, static_root: Path, name: str) -> subprocess.Popen:
    run_dir = WORK / f"nginx-{name}"
    (run_dir / "cache").mkdir(parents=True, exist_ok=True)
    conf = (ROOT / "deploy/nginx.conf").read_text()
    for placeholder, value in {
        "__RUN__": str(run_dir),
        "__APP__": app,
        "__LISTEN__": f"127.0.0.1:{listen}",
        "__STATIC__": str(static_root),
    }.items():
        conf = conf.replace(placeholder, value)
    (run_dir / "nginx.conf").write_text(conf)
    return start(["nginx", "-c", str(run_dir / "nginx.conf"), "-g", "daemon off;"])


def static_nginx(listen: int, root: Path) -> subprocess.Popen:
    run_dir = WORK / "nginx-static"
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "nginx.conf").write_text(f"""
worker_processes auto; pid {run_dir}/nginx.pid; error_log {run_dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{ access_log off; sendfile on; client_body_temp_path {run_dir}/body; proxy_temp_path {run_dir}/proxy;
  fastcgi_temp_path {run_dir}/fcgi; uwsgi_temp_path {run_dir}/uwsgi; scgi_temp_path {run_dir}/scgi;
  server {{ listen 127.0.0.1:{listen}; location / {{ root {root}; default_type text/html; try_files $uri $uri/index.html =404; }} }} }}
""")
    return start(["nginx", "-c", str(run_dir / "nginx.conf"), "-g", "daemon off;"])


def datasette_url(port: int, sql: str, **params) -> str:
    return f"http://127.0.0.1:{port}/city.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array", **params})


def throughput(url: str, sqlite_file: Path, pages: dict[str, str], budget_id: int) -> dict:
    """requests/second for each way of serving each page."""
    results = {}
    saved = WORK / "static"
    servers = {"uncached": gunicorn(url, 8301, 0), "cached": gunicorn(url, 8302, 300)}
    try:
        for server in (8301, 8302):
            wait_for(f"http://127.0.0.1:{server}/")
        for name, path in pages.items():
            page = fetch(f"http://127.0.0.1:8301{path}")
            (saved / path.strip("/")).mkdir(parents=True, exist_ok=True)
            (saved / path.strip("/") / "index.html").write_bytes(page)
            (WORK / f"bare-{name}.html").write_bytes(page)
        servers["datasette"] = start(
            [
                str(WORK / "datasette/bin/datasette"),
                "serve",
                str(sqlite_file),
                "-p",
                "8304",
                "--setting",
                "sql_time_limit_ms",
                "20000",
                "--immutable",
                str(sqlite_file),
            ]
        )
        servers["static"] = static_nginx(8305, saved)
        servers["front"] = nginx(8306, "127.0.0.1:8302", ROOT / "static", "front")
        for port in (8304, 8305, 8306):
            wait_for(f"http://127.0.0.1:{port}/")
        sql = {
            "budget": datasette_url(8304, BUDGET_SQL, budget=budget_id),
            "code": datasette_url(8304, CODE_SQL, year=2021, prefix="30217%"),
        }
        for name, path in pages.items():
            bare = gunicorn(
                url, 8303, 0, "bench.bare_wsgi:application", BENCH_BARE_FILE=str(WORK / f"bare-{name}.html")
            )
            wait_for("http://127.0.0.1:8303/")
            targets = {
                "uncached": f"http://127.0.0.1:8301{path}",
                "cached": f"http://127.0.0.1:8302{path}",
                "bare Django": "http://127.0.0.1:8303/",
                "Datasette": sql[name],
                "nginx static": f"http://127.0.0.1:8305{path}",
                "nginx front": f"http://127.0.0.1:8306{path}",
            }
            for label, target in targets.items():
                fetch(target)  # warm caches
                results[f"{name} · {label}"] = wrk(target)
                log(f"{name} · {label}: {results[f'{name} · {label}']}")
            stop(bare)
    finally:
        for process in servers.values():
            stop(process)
    return results
