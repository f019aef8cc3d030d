"""The budget workflow: draft → submitted → published, withdrawal and return
with a reason, and restoring an earlier version. Each is one transaction and
leaves a StatusChange saying who did it and why."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from apps.budgets.checks import CheckResult, run_checks
from apps.budgets.models import Budget, Status, StatusChange

from .history import restore_contents


class WorkflowError(Exception):
    """A transition that may not happen now; `failures` lists failing checks when those are why."""

    def __init__(self, message: str, failures: list[CheckResult] | None = None):
        self.failures = failures or []
        super().__init__(message)


def change_status(budget: Budget, user, to_status: str, reason: str = "") -> None:
    StatusChange.objects.create(budget=budget, from_status=budget.status, to_status=to_status, user=user, reason=reason)
    budget.status = to_status
    budget.published_at = timezone.now() if to_status == Status.PUBLISHED else None
    budget._change_reason = f"{Status(to_status).label}{'：' + reason if reason else ''}"
    budget.save()


def require(budget: Budget, *allowed: str, action: str) -> None:
    if budget.status not in allowed:
        labels = "、".join(Status(s).label for s in allowed)
        raise WorkflowError(f"{budget}目前是“{budget.get_status_display()}”，只有{labels}的预算可以{action}。")


@transaction.atomic
def budget_submit(*, budget: Budget, user) -> None:
    require(budget, Status.DRAFT, action="提交审核")
    change_status(budget, user, Status.SUBMITTED)


@transaction.atomic
def budget_publish(*, budget: Budget, user) -> None:
    """Refused while any reconciliation check fails: the public never sees tables that disagree."""
    require(budget, Status.SUBMITTED, Status.DRAFT, action="公开")
    failures = [result for result in run_checks(budget) if not result.passed]
    if failures:
        raise WorkflowError(f"{budget}有 {len(failures)} 项校验不符，不能公开。", failures)
    change_status(budget, user, Status.PUBLISHED)


@transaction.atomic
def budget_withdraw(*, budget: Budget, user, reason: str) -> None:
    require(budget, Status.PUBLISHED, action="撤回")
    if not reason.strip():
        raise WorkflowError("撤回公开的预算必须说明原因。")
    change_status(budget, user, Status.DRAFT, reason.strip())


@transaction.atomic
def budget_return(*, budget: Budget, user, reason: str) -> None:
    require(budget, Status.SUBMITTED, action="退回修改")
    if not reason.strip():
        raise WorkflowError("退回修改必须说明原因。")
    change_status(budget, user, Status.DRAFT, reason.strip())


@transaction.atomic
def budget_restore(*, budget: Budget, user, as_of: datetime) -> None:
    """The budget's contents as they were at `as_of`, as a draft (a published
    budget is withdrawn for it, and that is recorded)."""
    restore_contents(budget, as_of)
    reason = f"恢复为 {timezone.localtime(as_of):%Y-%m-%d %H:%M:%S} 的版本"
    if budget.status != Status.DRAFT:
        change_status(budget, user, Status.DRAFT, reason)
    else:
        StatusChange.objects.create(
            budget=budget, from_status=Status.DRAFT, to_status=Status.DRAFT, user=user, reason=reason
        )
