"""Server time and query count per public page and for one API table, measured
in-process with the page cache off (run by bench/run.py with DATABASE_URL pointing
at a bench database). Usage: pages.py RUNS YEAR [DEPARTMENT] — DEPARTMENT adds its
budget page as "budget (seed department)", so that the seed and the city compare
the same page. Prints one JSON object."""

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
from django.urls import reverse  # noqa: E402

from bench.datasette import SLUG  # noqa: E402
from bench.subjects import largest_budget  # noqa: E402


def pages(department: str, year: int) -> dict[str, str]:
    return {
        "home": f"/?year={year}",
        "budget": f"/departments/{department}/{year}/",
        "code 30217": f"/subjects/economic/30217/{year}/",  # the example: who spends most on receptions
        "code 201": f"/subjects/function/201/{year}/",  # the heaviest code page: most of the year's lines
        "projects": f"/departments/{department}/{year}/projects/",
        "api table": reverse("api:table", kwargs={"department": department, "year": year, "slug": SLUG}),
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
    runs, year = int(sys.argv[1]), int(sys.argv[2])
    client = Client()
    largest = largest_budget(year)
    urls = pages(largest.department.url_key, year)
    if len(sys.argv) > 3:
        urls["budget (seed department)"] = pages(sys.argv[3], year)["budget"]
    measured = {name: measure(client, url, runs) for name, url in urls.items()}
    print(json.dumps({"budget_id": largest.pk, "department": largest.department.url_key, "pages": measured}))
