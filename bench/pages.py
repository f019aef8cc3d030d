"""Server time and query count per public page, measured in-process with the
page cache off (run by bench/run.py with DATABASE_URL pointing at a bench
database). Prints one JSON object."""

import json
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budgetsite.settings")
os.environ["PUBLIC_CACHE_SECONDS"] = "0"  # uncached: every request renders
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from apps.budgets.models import Budget  # noqa: E402


def biggest_budget() -> Budget:
    """The largest department's budget of the last year: the hardest page of each kind."""
    year = Budget.objects.published().order_by("-year").values_list("year", flat=True).first()
    return Budget.objects.published().filter(year=year).for_home_page().order_by("-total").first()


def pages(biggest: Budget) -> dict[str, str]:
    code, year = biggest.department.code, biggest.year
    return {
        "home": f"/?year={year}",
        "budget": f"/departments/{code}/{year}/",
        "code": f"/subjects/economic/30217/{year}/",  # the example: who spends most on receptions
        "code 201": f"/subjects/function/201/{year}/",  # the heaviest code page: most of the year's lines
        "projects": f"/departments/{code}/{year}/projects/",
    }


def measure(client: Client, url: str, runs: int) -> dict:
    client.get(url)  # warm up: templates, connections
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    times.sort()
    return {
        "url": url,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1),
        "queries": queries,
    }


if __name__ == "__main__":
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    client = Client()
    biggest = biggest_budget()
    measured = {name: measure(client, url, runs) for name, url in pages(biggest).items()}
    print(json.dumps({"budget_id": biggest.pk, "pages": measured}))
