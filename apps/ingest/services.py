"""Ingesting a published disclosure: read it, prove it, preview it, write it
as one draft budget (all or nothing, through the Excel import's own write),
and publish it only when every reconciliation check passes."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from apps.budgets.checks import CheckResult, run_checks
from apps.budgets.models import Budget
from apps.budgets.services import budget_publish, budget_submit
from apps.workbooks.problems import Problem, WorkbookInvalid
from apps.workbooks.services import Preview, budget_import, import_preview

from .pdf import PdfError
from .proof import prove
from .reading import Ingest, read_disclosure


class DisclosureInvalid(WorkbookInvalid):
    """Every problem found, with the report that locates them (pages and lines)."""

    def __init__(self, problems: list[Problem], ingest: Ingest | None = None):
        self.ingest = ingest
        super().__init__(problems)


def read(content: bytes, filename: str = "", **given) -> Ingest:
    """The disclosure read and reported; a file that is no readable PDF or text is one problem."""
    try:
        return read_disclosure(content, filename, **given)
    except (PdfError, UnicodeDecodeError) as error:
        raise DisclosureInvalid([Problem(filename or "文件", None, "", None, str(error))]) from None


def proved_write(ingest: Ingest) -> Budget:
    """budget_import, then the proof against every table; raises (rolling back) on any problem."""
    refuse(ingest)
    with transaction.atomic():
        budget = budget_import(data=ingest.data)
        ingest.report.compared = prove(budget, ingest.parsed, ingest.units, ingest.report)
        refuse(ingest)
    return budget


def refuse(ingest: Ingest) -> None:
    if ingest.report.problems:
        raise DisclosureInvalid(ingest.report.problems, ingest)


def ingest_preview(ingest: Ingest) -> Preview:
    """The Excel import's preview of what would be written, after the proof; nothing is kept."""
    with transaction.atomic():
        try:
            proved_write(ingest)
        except WorkbookInvalid as invalid:
            raise DisclosureInvalid(invalid.problems, ingest) from None
        transaction.set_rollback(True)
    return import_preview(data=ingest.data)


def ingest_write(ingest: Ingest) -> Budget:
    """One draft budget, or nothing."""
    try:
        return proved_write(ingest)
    except DisclosureInvalid:
        raise
    except WorkbookInvalid as invalid:
        raise DisclosureInvalid(invalid.problems, ingest) from None


def publish(budget: Budget, user: AbstractBaseUser | None = None) -> list[CheckResult]:
    """Publish when every check passes; otherwise leave the budget as it is and
    return the failing checks. Uses the budget workflow when it exists."""
    failures = [result for result in run_checks(budget) if not result.passed]
    if failures:
        return failures
    with transaction.atomic():  # submitted and published at once: `--publish` is both steps, by one person
        budget_submit(budget=budget, user=user)
        budget_publish(budget=budget, user=user)
    return []
