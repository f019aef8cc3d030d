"""Where the public pages' version is kept in the cache (apps/budgets/caching.py reads it), and how a
write that changes what the public sees forgets it. Here, below every app, so that any app's admin,
reference data's included, can renew the public pages without importing the apps above it."""

from django.core.cache import cache
from django.db import transaction

# Changes with a deploy that changes templates or code: every key starts afresh.
CODE_VERSION = "3"
VERSION_KEY = f"publication-version:{CODE_VERSION}"


def forget_version() -> None:
    """Make the next public request read the version from the database."""
    cache.delete(VERSION_KEY)


def forget_on_commit() -> None:
    """For a write inside a transaction: forgotten once it is committed, never for a rollback."""
    transaction.on_commit(forget_version)


class RenewsPublicPages:
    """Admin mixin for rows public pages show: a saved or deleted row is seen on the next request."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        forget_on_commit()

    def delete_model(self, request, obj) -> None:
        super().delete_model(request, obj)
        forget_on_commit()

    def delete_queryset(self, request, queryset) -> None:
        super().delete_queryset(request, queryset)
        forget_on_commit()
