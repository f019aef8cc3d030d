"""The small disclosure ingests cleanly; the hard cases are variants of it."""

from apps.budgets.checks import run_checks
from apps.ingest.pipeline import read_disclosure
from apps.ingest.services import ingest_write

from .small import disclosure


def test_the_small_disclosure_ingests_cleanly(db):
    ingest = read_disclosure(disclosure())
    assert [str(p) for p in ingest.report.problems] == []
    budget = ingest_write(ingest)
    assert budget.department.name == "测试局" and budget.department.code == "901"
    assert [c for c in run_checks(budget) if not c.passed] == []
