"""The API's JSON of one official table against Datasette answering the same rows
from the same SQLite file: the SQL, the server, and the check that both give the
same figures (a ratio between different answers would measure nothing)."""

import json
import subprocess
import urllib.parse
from pathlib import Path

from .harness import ROOT, WORK, WORKERS, fetch, start

SLUG = "general-public-basic"  # 一般公共预算基本支出表: the economic tree of a budget's general-budget lines
# The table as apps/budgets/official/code_tables.py computes it: the 合计 row, then
# every 类 (3 digits) and 款 (5) with lines, in code order, named as that year's code
# list names them; amounts (held as whole 分) as the API prints them: yuan, two decimals, blank as null.
TABLE_SQL = """
with lines as (
  select c.code, l.amount, l.nature from budgets_economicline l join reference_classificationcode c on c.id = l.code_id
  where l.budget_id = :budget and l.source = 'general'
), prefixed as (
  select substr(code, 1, n.len) as code, amount, nature
  from lines join (select 3 as len union all select 5) n on length(lines.code) >= n.len
), rows as (
  select 0 as position, null as code, '合计' as name, sum(amount) as total,
         sum(case when nature = 'personnel' then amount end) as personnel,
         sum(case when nature = 'public' then amount end) as public
  from lines
  union all
  select 1, p.code, coalesce(k.name, ''), sum(p.amount),
         sum(case when p.nature = 'personnel' then p.amount end), sum(case when p.nature = 'public' then p.amount end)
  from prefixed p left join reference_classificationcode k on k.scheme = 'economic' and k.year = :year and k.code = p.code
  group by p.code
)
select code, name, case when total is not null then printf('%.2f', total / 100.0) end as total,
       case when personnel is not null then printf('%.2f', personnel / 100.0) end as personnel,
       case when public is not null then printf('%.2f', public / 100.0) end as public
from rows order by position, code"""
COLUMNS = ("code", "name", "total", "personnel", "public")


def serve(sqlite_file: Path, port: int) -> subprocess.Popen:
    """Datasette under gunicorn with the app's number of workers (uvicorn's worker: Datasette is ASGI)."""
    return start(
        [
            str(WORK / "datasette/bin/gunicorn"),
            "-w",
            str(WORKERS),
            "-k",
            "uvicorn.workers.UvicornWorker",
            "--pythonpath",
            str(ROOT),
            "-b",
            f"127.0.0.1:{port}",
            "bench.datasette_asgi:app",
        ],
        "datasette",
        env={"BENCH_SQLITE_FILE": str(sqlite_file)},
    )


def query_url(port: int, sqlite_file: Path, budget_id: int, year: int) -> str:
    query = {"sql": TABLE_SQL, "_shape": "array", "budget": budget_id, "year": year}
    return f"http://127.0.0.1:{port}/{sqlite_file.stem}.json?" + urllib.parse.urlencode(query)


def api_rows(body: bytes) -> list[tuple]:
    return [tuple(row["cells"].get(c) for c in COLUMNS) for row in json.loads(body)["rows"]]


def datasette_rows(body: bytes) -> list[tuple]:
    # A name the code list lacks is '' here and null in the API, which prints every blank as null.
    return [tuple(row[c] if row[c] != "" else None for c in COLUMNS) for row in json.loads(body)]


def same_rows(api_url: str, datasette_url: str) -> dict:
    """How many rows each answers, and whether they are the same rows with the same figures."""
    ours, theirs = api_rows(fetch(api_url)), datasette_rows(fetch(datasette_url))
    return {"rows": len(ours), "datasette_rows": len(theirs), "same": ours == theirs}
