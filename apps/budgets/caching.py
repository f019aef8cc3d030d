"""Caching what the public sees.

A published budget cannot be edited (contents change only in drafts), so a
public page changes only when some budget is published or withdrawn. One
publication version, read with a single query, keys every cached page and
its ETag: publishing anything makes every cached page and every ETag new.
Signed-in staff may see drafts, so their responses are never cached."""

import hashlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .models import Budget

# Part of every key, so that a deploy with changed templates or code starts afresh.
CODE_VERSION = "1"


def publication_version() -> tuple[str, float | None]:
    """(a value that changes with every publication or withdrawal, the time of the last change).

    Every status change saves the budget, so the newest `updated_at` moves; a new
    budget moves the largest id; published budgets cannot be deleted in the admin.
    Both maxima are index lookups, so this stays cheap however many budgets there are."""
    stats = Budget.objects.aggregate(changed=Max("updated_at"), last=Max("id"))
    changed = stats["changed"].timestamp() if stats["changed"] else None
    return f"{changed}.{stats['last']}.{CODE_VERSION}", changed


def public_cache(view: Callable) -> Callable:
    """ETag, Last-Modified and Cache-Control on public GETs, 304 for a matching
    conditional request, and the rendered response kept in the cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response
        version, latest = publication_version()
        etag = '"' + hashlib.sha256(f"{version}|{request.get_full_path()}".encode()).hexdigest()[:32] + '"'
        not_modified = get_conditional_response(request, etag=etag, last_modified=int(latest) if latest else None)
        if not_modified is not None:
            return not_modified
        response = cache.get(f"page:{etag}")
        if response is None:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if response.status_code == 200 and not response.streaming:
                cache.set(f"page:{etag}", response, settings.PUBLIC_CACHE_SECONDS)
        if response.status_code == 200:
            response["ETag"] = etag
            if latest:
                response["Last-Modified"] = http_date(latest)
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response

    return wrapper
