"""Where the public pages' version is kept in the cache (apps/budgets/caching.py reads it), how a
write that changes what the public sees forgets it, and the digest of the deployed code that is part
of it. Here, below every app, so that any app's admin, reference data's included, can renew the public
pages without importing the apps above it."""

import hashlib
from collections.abc import Iterator
from pathlib import Path

from django.core.cache import cache
from django.db import transaction

ROOT = Path(__file__).resolve().parent.parent
# What renders the public pages: the site's modules and templates, and the locked libraries.
RENDERING_FOLDERS = ("apps", "budgetsite", "templates")
RENDERING_SUFFIXES = {".py", ".html", ".txt"}
LOCK_FILE = "requirements.txt"


def rendering_files(root: Path) -> Iterator[Path]:
    """The files a page's bytes can depend on (tests aside), in a fixed order."""
    for folder in RENDERING_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in RENDERING_SUFFIXES and "tests" not in path.relative_to(root).parts:
                yield path
    if (root / LOCK_FILE).exists():
        yield root / LOCK_FILE


def code_digest(root: Path = ROOT) -> str:
    """A digest of every file in `rendering_files`. A deploy that changes a template, a view or a library
    starts every cached page and ETag afresh; two processes of one deploy agree on it. Nobody has to
    remember to bump a number."""
    digest = hashlib.blake2b(digest_size=8)
    for path in rendering_files(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


CODE_VERSION = code_digest()  # once a process, some 10 ms
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
