"""An upload waiting between its preview and its confirmation."""

from django.conf import settings
from django.db import models


class PendingUpload(models.Model):
    """Kept in the database, so that the confirmation may reach any app server;
    deleted when confirmed, and after UPLOAD_KEEP_HOURS (uploads.py)."""

    class Kind(models.TextChoices):
        WORKBOOK = "workbook", "Excel 工作簿"
        DISCLOSURE = "disclosure", "公开文件"

    token = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content = models.BinaryField()
    options = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "待确认的上传"
        verbose_name_plural = "待确认的上传"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"
