"""Uploads waiting for confirmation live in the database, for their uploader
only, and are deleted once confirmed or expired."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.http import Http404
from django.utils import timezone

from apps.workbooks import uploads
from apps.workbooks.models import PendingUpload


def test_an_upload_serves_its_uploader_only(admin_user, django_user_model):
    token = uploads.keep(admin_user, PendingUpload.Kind.WORKBOOK, b"content")
    assert bytes(uploads.fetch(admin_user, PendingUpload.Kind.WORKBOOK, token).content) == b"content"
    someone = django_user_model.objects.create_user("someone", is_staff=True)
    with pytest.raises(Http404):
        uploads.fetch(someone, PendingUpload.Kind.WORKBOOK, token)
    with pytest.raises(Http404):
        uploads.fetch(admin_user, PendingUpload.Kind.DISCLOSURE, token)


def test_expired_uploads_are_deleted_by_the_next_upload_and_the_command(admin_user, settings, capsys):
    old = uploads.keep(admin_user, PendingUpload.Kind.WORKBOOK, b"old")
    PendingUpload.objects.filter(token=old).update(created_at=timezone.now() - timedelta(hours=25))
    with pytest.raises(Http404):  # expired: not served even before it is deleted
        uploads.fetch(admin_user, PendingUpload.Kind.WORKBOOK, old)
    uploads.keep(admin_user, PendingUpload.Kind.WORKBOOK, b"new")
    assert [bytes(c) for c in PendingUpload.objects.values_list("content", flat=True)] == [b"new"]
    PendingUpload.objects.update(created_at=timezone.now() - timedelta(hours=30))
    call_command("clean_uploads")
    assert "已删除 1 个过期的上传" in capsys.readouterr().out and not PendingUpload.objects.exists()
