"""Uploads kept between preview and confirmation, where every app server sees
them (the database), for their uploader only, and deleted once confirmed or
once UPLOAD_KEEP_HOURS old (on each new upload, and by `clean_uploads`)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.http import Http404
from django.utils import timezone

from .models import PendingUpload


def delete_expired() -> int:
    cutoff = timezone.now() - timedelta(hours=settings.UPLOAD_KEEP_HOURS)
    return PendingUpload.objects.filter(created_at__lt=cutoff).delete()[0]


def keep(user, kind: str, content: bytes, options: dict | None = None) -> str:
    delete_expired()
    token = secrets.token_urlsafe(16)
    PendingUpload.objects.create(token=token, kind=kind, user=user, content=content, options=options or {})
    return token


def fetch(user, kind: str, token: str) -> PendingUpload:
    """This user's upload, or 404 (another user's token is as good as none)."""
    cutoff = timezone.now() - timedelta(hours=settings.UPLOAD_KEEP_HOURS)
    found = PendingUpload.objects.filter(token=token, kind=kind, user=user, created_at__gte=cutoff).first()
    if found is None:
        raise Http404("没有这次上传，或它已经导入、已过期")
    return found


def discard(upload: PendingUpload) -> None:
    upload.delete()
