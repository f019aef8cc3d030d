"""Caching what the public sees.

A published budget cannot be edited (contents change only in drafts), so a
public page changes only when some budget is published or withdrawn, when
reference data it shows (a government's, department's, unit's, code's or
glossary term's name) is edited, or when a deploy changes the code that renders
it (budgetsite/public_version.CODE_VERSION, a digest of that code). One version,
read with a single query, stamps every cached page and keys its ETag: any of
these makes every cached page stale and every ETag new, while saving a draft
(which the public never sees) changes nothing.
Pages are kept under their path and the cleaned parameters their view reads
(budgetsite/params.py), so `?r=random` shares the entry of the bare page, each with
the version it was rendered under. With a shared cache (Redis) each app process also keeps the pages
it served last (PUBLIC_LOCAL_PAGES_MB): a hit then asks the shared cache only for the version, a few
bytes, where a page is some 100 kB; a page of an older version is never served from either.

The version itself is kept in the cache, so a hit asks the database nothing: every write that
changes what the public sees forgets it when its transaction commits (the workflow, the seed and
the generator, reference edits in the admin), and PUBLIC_VERSION_SECONDS bounds how long any other
write (a unit renamed by a draft's import, an edit in a shell) can go unseen.

Responses say `Cache-Control: public, no-cache`: a browser or a proxy (nginx,
deploy/nginx.conf) may keep the page but asks again every time with its ETag,
and a 304 costs one query, so a withdrawal is visible on the very next request.
Signed-in staff may see drafts, so their responses are never cached."""

import hashlib
import pickle
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache, wraps

from cachetools import LRUCache
from django.conf import settings
from django.core.cache import cache as shared
from django.db import connection
from django.db.models import Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date

from apps.reference.models import ClassificationCode, Department, GlossaryTerm, Government, Unit
from budgetsite.params import clean_request
from budgetsite.public_version import CODE_VERSION, VERSION_KEY

from .models import Budget, Status, StatusChange

# What public pages show besides budgets: a rename of any of these is a new version.
REFERENCE_MODELS = (Government, Department, Unit, ClassificationCode, GlossaryTerm)


def publication_version() -> tuple[str, float | None]:
    """(a value that changes with every publication or withdrawal, the time of the last one).

    A publication or withdrawal through the workflow leaves a StatusChange; budgets
    written as published by the generator or the seed move the newest `published_at`.
    Each figure is an index lookup (the newest status change by primary key, the newest
    `published_at` and each reference table's newest edit on their indexes), so the one
    query costs the same with ten budgets or ten thousand, whatever drafts do."""
    sql, params = version_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        stats = dict(zip(names, cursor.fetchone() or [None] * len(names)))  # no codes: no row, nothing known
    renamed = [as_moment(stats[f"ref_{model.__name__}"]) for model in REFERENCE_MODELS]
    published, changed_at = as_moment(stats["published"]), as_moment(stats["changed_at"])
    moments = [moment for moment in (published, changed_at, *renamed) if moment]
    latest = max(moments).timestamp() if moments else None
    reference = max((moment for moment in renamed if moment), default=None)
    stamp = published and published.timestamp()
    return f"{stamp}.{stats['change']}.{reference and reference.timestamp()}.{CODE_VERSION}", latest


@cache
def version_sql() -> tuple[str, tuple]:
    """The version's query, compiled once: Django takes some 3 ms to compile its eight subqueries
    (on every public request without a shared cache), the database a few microseconds to answer it."""
    newest = StatusChange.objects.filter(Q(from_status=Status.PUBLISHED) | Q(to_status=Status.PUBLISHED))
    newest = newest.order_by("-pk")
    # The subqueries stand on one row of the national code lists, which migrate loads before any
    # budget can exist: a whole table would repeat the same values for every row.
    one_row = ClassificationCode.objects.filter(pk=Subquery(ClassificationCode.objects.order_by("pk").values("pk")[:1]))
    figures = one_row.values(
        published=Subquery(newest_edit(Budget, "published_at")),
        change=Subquery(newest.values("pk")[:1]),
        changed_at=Subquery(newest.values("at")[:1]),
        **{f"ref_{model.__name__}": Subquery(newest_edit(model)) for model in REFERENCE_MODELS},
    )
    return figures.query.sql_with_params()


def as_moment(value: datetime | str | None) -> datetime | None:
    """A moment as the raw query gives it: aware from PostgreSQL; in UTC but naive from SQLite, as a
    datetime where the column's type reaches the driver and as text where it does not."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return value.replace(tzinfo=UTC) if value and value.tzinfo is None else value


def current_version(cached: tuple[str, float | None] | None = None) -> tuple[str, float | None]:
    """The publication version: as the cache held it (`cached`), else asked of the database and kept."""
    if cached is None:
        cached = publication_version()
        shared.set(VERSION_KEY, cached, settings.PUBLIC_VERSION_SECONDS)
    return cached


class LocalPages:
    """The pages this process served last, up to `megabytes`, each with the version it was rendered under."""

    def __init__(self, megabytes: int):
        self.pages = LRUCache(maxsize=megabytes * 1024 * 1024, getsizeof=lambda entry: len(entry[1]))
        self.lock = threading.Lock()  # a threaded server shares it between requests

    def get(self, address: str, version: str) -> HttpResponse | None:
        with self.lock:
            found = self.pages.get(address)
        # A new response each time: middleware adds this request's headers to it.
        return pickle.loads(found[1]) if found and found[0] == version else None

    def keep(self, address: str, version: str, response: HttpResponse) -> None:
        if not self.pages.maxsize:
            return  # PUBLIC_LOCAL_PAGES_MB=0: a cache in this process's memory needs no second copy
        kept = pickle.dumps(response, pickle.HIGHEST_PROTOCOL)
        if len(kept) <= self.pages.maxsize:  # larger than the whole allowance: not kept at all
            with self.lock:
                self.pages[address] = (version, kept)

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()


@cache
def local_pages(megabytes: int) -> LocalPages:
    return LocalPages(megabytes)


def newest_edit(model, field: str = "updated_at") -> QuerySet:
    """The latest moment in an indexed date column of a table: a reference table's latest edit."""
    # Rows without one are left out: PostgreSQL sorts NULL first in a descending order.
    return model.objects.filter(**{f"{field}__isnull": False}).order_by(f"-{field}").values(field)[:1]


def page_address(request: HttpRequest) -> str:
    """The page's cache key: its path and the cleaned parameters its view reads."""
    return "page:" + hashlib.sha256(f"{request.path}|{request.GET.urlencode()}".encode()).hexdigest()[:32]


def page_etag(version: str, address: str) -> str:
    return '"' + hashlib.sha256(f"{version}|{address}".encode()).hexdigest()[:32] + '"'


def validators(latest: float | None) -> int | None:
    """Last-Modified in whole seconds, only once the second of the last change is over: a second
    change within that second would carry the same date and a client's If-Modified-Since would
    get a stale 304. Until then only the ETag answers conditional requests."""
    if latest is None or time.time() - latest < 1:
        return None
    return int(latest)


def public_cache(view: Callable) -> Callable:
    """Cleaned parameters, ETag, Last-Modified and Cache-Control on public GETs,
    304 for a matching conditional request, and the rendered response kept in the cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        clean_request(request)
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response
        address = page_address(request)
        version, latest = current_version(shared.get(VERSION_KEY))
        etag, last_modified = page_etag(version, address), validators(latest)
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            patch_cache_control(not_modified, public=True, no_cache=True)
            return not_modified
        response = page(address, version, view, request, *args, **kwargs)
        if response.status_code == 200:
            response["ETag"] = etag
            if last_modified:
                response["Last-Modified"] = http_date(last_modified)
            patch_cache_control(response, public=True, no_cache=True)
        return response

    return wrapper


def page(address: str, version: str, view: Callable, request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """The page as rendered under this version: from this process's pages, else from the shared
    cache, else rendered now (and kept in both)."""
    local = local_pages(settings.PUBLIC_LOCAL_PAGES_MB)
    response = local.get(address, version)
    if response is not None:
        return response
    rendered_under, response = shared.get(address, (None, None))
    if rendered_under != version:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        if response.status_code != 200 or response.streaming:
            return response
        shared.set(address, (version, response), settings.PUBLIC_CACHE_SECONDS)
    local.keep(address, version, response)
    return response
