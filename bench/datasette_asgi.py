"""Datasette as an ASGI app, so that gunicorn serves it with as many workers as it
serves the app (run from Datasette's own venv: it imports nothing of ours)."""

import os

from datasette.app import Datasette

app = Datasette(
    immutables=[os.environ["BENCH_SQLITE_FILE"]], settings={"sql_time_limit_ms": 20000, "max_returned_rows": 5000}
).app()
