"""Reads from a PostgreSQL read replica when DATABASE_REPLICA_URL is set.

The public pages read only published budgets, which do not change, so a
replica's lag is harmless there. Staff must see their own writes at once, so
the admin (and any write) stays on the primary: PrimaryForStaffMiddleware pins
those requests."""

from contextvars import ContextVar

from django.conf import settings

on_primary: ContextVar[bool] = ContextVar("on_primary", default=False)


class ReadReplicaRouter:
    def db_for_read(self, model, **hints) -> str:
        replica = settings.DATABASE_READ_REPLICA
        return "default" if on_primary.get() or not replica else replica

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica holds the same data as the primary

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == "default"


class PrimaryForStaffMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = request.method not in ("GET", "HEAD") or request.path.startswith("/" + settings.ADMIN_URL)
        token = on_primary.set(pinned or bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME)))
        try:
            return self.get_response(request)
        finally:
            on_primary.reset(token)
