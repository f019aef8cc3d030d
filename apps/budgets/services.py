"""The budget workflow: draft → submitted → published, withdrawal and return
with a reason, and restoring an earlier version. Each is one transaction and
leaves a StatusChange saying who did it and why.

Every transition locks the budget's row (SELECT … FOR UPDATE) and decides on
the row as it is now, not as the caller read it: an import, a withdrawal or a
second reviewer working at the same moment waits, and the checks that gate
publication run on the contents that will go public. The caller's instance
is updated to what happened, so the message it shows is the truth."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from apps.budgets.checks import CheckResult, run_checks
from apps.budgets.models import Budget, Status, StatusChange
from budgetsite.public_version import forget_on_commit

from .history import restore_contents
from .stored import forget_figures, store_figures


class WorkflowError(Exception):
    """A transition that may not happen now; `failures` lists failing checks when those are why."""

    def __init__(self, message: str, failures: list[CheckResult] | None = None):
        self.failures = failures or []
        super().__init__(message)


def locked(budget: Budget) -> Budget:
    """The budget's row as it is now, locked until the transaction ends (call inside one)."""
    return Budget.objects.select_for_update().select_related("department").get(pk=budget.pk)


def change_status(budget: Budget, user, to_status: str, reason: str = "") -> None:
    """The status change, its record, and the published figures kept or removed with it."""
    was_published = budget.status == Status.PUBLISHED
    StatusChange.objects.create(budget=budget, from_status=budget.status, to_status=to_status, user=user, reason=reason)
    budget.status = to_status
    budget.published_at = timezone.now() if to_status == Status.PUBLISHED else None
    budget._change_reason = f"{Status(to_status).label}{'：' + reason if reason else ''}"
    budget.save(update_fields=["status", "published_at", "updated_at"])
    if to_status == Status.PUBLISHED:
        store_figures(Budget.objects.filter(pk=budget.pk))
    elif was_published:
        forget_figures(budget)
    if was_published or to_status == Status.PUBLISHED:
        forget_on_commit()  # public pages change with the next request


def settle(caller: Budget, current: Budget) -> None:
    """Tell the caller's instance what the row now holds."""
    caller.status, caller.published_at, caller.updated_at = current.status, current.published_at, current.updated_at


def require(budget: Budget, *allowed: str, action: str) -> None:
    if budget.status not in allowed:
        labels = "、".join(Status(s).label for s in allowed)
        raise WorkflowError(f"{budget}目前是“{budget.get_status_display()}”，只有{labels}的预算可以{action}。")


def transition(budget: Budget, user, to_status: str, *allowed: str, action: str, reason: str = "", checked=False):
    """One status change on the locked row, refused unless the row is in an allowed status now."""
    with transaction.atomic():
        current = locked(budget)
        try:
            require(current, *allowed, action=action)
            if checked:
                failures = [result for result in run_checks(current) if not result.passed]
                if failures:
                    raise WorkflowError(f"{current}有 {len(failures)} 项校验不符，不能公开。", failures)
            change_status(current, user, to_status, reason)
        finally:
            settle(budget, current)


def budget_submit(*, budget: Budget, user) -> None:
    transition(budget, user, Status.SUBMITTED, Status.DRAFT, action="提交审核")


def budget_publish(*, budget: Budget, user) -> None:
    """Only a submitted budget, and only while every reconciliation check passes on
    its contents as locked: the public never sees tables that disagree."""
    transition(budget, user, Status.PUBLISHED, Status.SUBMITTED, action="公开", checked=True)


def budget_withdraw(*, budget: Budget, user, reason: str) -> None:
    if not reason.strip():
        raise WorkflowError("撤回公开的预算必须说明原因。")
    transition(budget, user, Status.DRAFT, Status.PUBLISHED, action="撤回", reason=reason.strip())


def budget_return(*, budget: Budget, user, reason: str) -> None:
    if not reason.strip():
        raise WorkflowError("退回修改必须说明原因。")
    transition(budget, user, Status.DRAFT, Status.SUBMITTED, action="退回修改", reason=reason.strip())


def budget_restore(*, budget: Budget, user, as_of: datetime) -> None:
    """The budget's contents as they were at `as_of`, as a draft (a published
    budget is withdrawn for it, and that is recorded)."""
    if timezone.is_naive(as_of):
        raise WorkflowError("恢复的时间须带时区。")
    with transaction.atomic():
        current = locked(budget)
        restore_contents(current, as_of)
        reason = f"恢复为 {timezone.localtime(as_of):%Y-%m-%d %H:%M:%S} 的版本"
        if current.status != Status.DRAFT:
            change_status(current, user, Status.DRAFT, reason)
        else:
            StatusChange.objects.create(
                budget=current, from_status=Status.DRAFT, to_status=Status.DRAFT, user=user, reason=reason
            )
        settle(budget, current)
