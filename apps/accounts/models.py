from django.conf import settings
from django.db import models

from apps.reference.models import Department

EDITORS = "部门填报员"
REVIEWERS = "财政审核员"


class DepartmentMember(models.Model):
    """A user who enters and edits the budgets of this department."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships"
    )
    department = models.ForeignKey(Department, verbose_name="部门", on_delete=models.CASCADE, related_name="members")

    class Meta:
        verbose_name = "部门成员"
        verbose_name_plural = "部门成员"
        constraints = [models.UniqueConstraint(fields=["user", "department"], name="one_membership_per_department")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.department}"
