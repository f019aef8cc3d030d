"""Hostile input never gets a server error, on SQLite and on PostgreSQL.

Every URL pattern of the site (walked from the resolver, the admin's too) is
requested with a hostile value in each of its path segments, and with every
query parameter any page reads (budgetsite/params.py, plus the admin's) set to
each hostile value: unicode digits, NUL, huge and negative numbers, malformed
dates, long strings, markup. Public pages as a visitor, the admin as a superuser.
Every answer must be below 500; the count of inputs is printed for the notes."""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver

from apps.projects.models import Project
from budgetsite.params import RULES

HOSTILE = [
    "%00",
    "205%00",
    quote("²"),
    quote("２０２１"),
    "99999999999999999999",
    "-99999999999999999999",
    "-1",
    "1e999999",
    "2021-13-45T25:61:00",
    quote("2021-06-01 12:00"),
    "x" * 3000,
    quote("<img src=x onerror=alert(1)>"),
    "%FF%FE",
    quote("' OR 1=1 --"),
]
# In query strings: fewer values, every parameter (the long string and markup are covered by `q` and the path).
QUERY_HOSTILE = ["%00", quote("²"), "99999999999999999999", "-1", "1e999999", "2021-13-45T25:61:00", "x" * 3000]
ADMIN_PARAMS = ["o", "p", "q", "year", "status__exact", "department__code__exact", "_to_field"]
TOKEN = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>|\(\?P<(?P<group>[^>]+)>[^)]*\)")


def patterns(resolvers=None, prefix: str = ""):
    for entry in get_resolver().url_patterns if resolvers is None else resolvers:
        if isinstance(entry, URLResolver):
            yield from patterns(entry.url_patterns, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern)


def valid_values() -> dict[str, str]:
    project = Project.objects.filter(budget__department__code="205", budget__year=2021).first()
    return {
        "department": "205",
        "year": "2021",
        "slug": "summary",
        "fmt": "csv",
        "phase": "final",
        "scheme": "function",
        "code": "201",
        "pk": str(project.pk),
        "token": "nothing",
        "object_id": "1",
        "content_type_id": "1",
        "id": "1",
        "rest": "nothing/",
        "url": "nothing/",
        "app_label": "budgets",
        "section": "function",
    }


def url_of(pattern: str, values: dict[str, str]) -> str:
    # A segment this test has no example for gets "1": a new pattern is fuzzed all the same.
    path = TOKEN.sub(lambda m: values.get(m.group("name") or m.group("group"), "1"), pattern)
    return "/" + path.replace("^", "").replace("$", "")


def names_in(pattern: str) -> list[str]:
    return [m.group("name") or m.group("group") for m in TOKEN.finditer(pattern)]


# Whole-year files are streamed, so never cached: each request writes the year again. They read
# `unit` alone, so each parameter gets one hostile value there (and all of them together below).
STREAMED = ("years/<int:year>/export.xlsx", "years/<int:year>/tables/<slug:slug>.csv")
# Admin forms and account pages read no list parameters: their paths are fuzzed, not their queries.
FORMS = ("/add/", "password_change/", "logout/", "login/")


def requests_for(pattern: str, valid: dict[str, str]) -> list[str]:
    """The pattern with each of its segments hostile in turn, then each parameter hostile in turn."""
    urls = [url_of(pattern, {**valid, name: bad}) for name in names_in(pattern) for bad in HOSTILE]
    base = url_of(pattern, valid)
    admin = pattern.startswith("admin/")
    params = ADMIN_PARAMS if admin else [*RULES, "r", "utm_source"]
    values = QUERY_HOSTILE[:1] if pattern in STREAMED else QUERY_HOSTILE
    if not admin or not (names_in(pattern) or pattern.endswith(FORMS)):  # the admin's lists and pages
        urls += [f"{base}?{name}={bad}" for name in params for bad in values]
    urls.append(f"{base}?{'&'.join(f'{name}={HOSTILE[i % len(HOSTILE)]}' for i, name in enumerate(params))}")
    return urls


@pytest.fixture
def cached(settings):
    """The page cache on, as in production: junk parameters share entries, so the run stays short."""
    settings.PUBLIC_CACHE_SECONDS = 300


def test_no_hostile_input_gets_a_server_error(seed_budget, admin_user, cached, capsys):
    valid = valid_values()
    visitor, superuser = Client(raise_request_exception=False), Client(raise_request_exception=False)
    superuser.force_login(admin_user)
    failures, sent = [], 0
    for pattern in patterns():
        client = superuser if pattern.startswith("admin/") else visitor
        for url in requests_for(pattern, valid):
            sent += 1
            status = client.get(url).status_code
            if status >= 500:
                failures.append(f"{status} {url[:120]}")
    with capsys.disabled():
        print(f"\nfuzz: {sent} requests over {len(list(patterns()))} URL patterns, {len(failures)} server errors")
    assert failures == []
