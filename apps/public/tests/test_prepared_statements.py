"""On PostgreSQL a connection plans each statement of a public page once, then only runs it:
planning took as long as running (budgetsite/settings.py, DATABASE_PREPARED_STATEMENTS)."""

import itertools
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

PAGE = "/departments/205/2021/"


def as_sent(sql: str) -> str:
    """A statement as psycopg sends it with server-side parameters: %s numbered $1, $2 …, %% as %."""
    numbers = itertools.count(1)
    return re.sub(r"%%|%s", lambda found: "%" if found[0] == "%%" else f"${next(numbers)}", sql)


def statements_of(client, url: str) -> tuple[bytes, set[str]]:
    """The page, and every statement its rendering sent."""
    sent = set()

    def record(execute, sql, params, many, context):
        sent.add(as_sent(sql))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        return client.get(url).content, sent


def prepared_statements() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return {statement for (statement,) in cursor.fetchall()}


@pytest.mark.django_db
def test_a_page_s_statements_are_prepared_after_a_few_readers_and_give_the_same_page(client, seed_budget):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's; SQLite's driver keeps its own statement cache")
    first, sent = statements_of(client, PAGE)
    for _ in range(5):  # psycopg prepares a statement its connection has run more than 5 times
        client.get(PAGE)
    again, sent_again = statements_of(client, PAGE)
    assert sent and again == first and sent_again == sent
    assert sent - prepared_statements() == set()


def database_options(**env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "DATABASE_PREPARED_STATEMENTS"} | env
    code = "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS', {}))"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_pooler_that_cannot_keep_prepared_statements_can_turn_them_off():
    postgres = "postgres://budget@db1/budget"  # only read, never connected to
    assert "'prepare_threshold': 5" in database_options(DATABASE_URL=postgres)
    assert "prepare_threshold" not in database_options(DATABASE_URL=postgres, DATABASE_PREPARED_STATEMENTS="0")
