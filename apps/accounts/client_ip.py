"""The address a sign-in came from, for django-axes' lockout by (account, address).

Behind nginx every request arrives from nginx's address; nginx appends the
address it saw to X-Forwarded-For, so the last entry is the client's when (and
only when) the request came from a trusted front (TRUSTED_PROXIES). Anyone else
could write any X-Forwarded-For, so theirs is ignored."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote in settings.TRUSTED_PROXIES and forwarded.strip():
        return forwarded.split(",")[-1].strip()[:45] or remote
    return remote
