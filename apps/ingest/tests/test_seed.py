"""The seed disclosure ingests to the budget it was taken from, to the cent."""

from decimal import Decimal

from apps.budgets.checks import run_checks
from apps.ingest.pipeline import read_disclosure
from apps.ingest.report import NoteKind
from apps.ingest.services import ingest_write

from .conftest import contents, printed


def test_seed_text_ingests_to_the_fixtures_tables(seed_text, seed_copy):
    ingest = read_disclosure(seed_text, "disclosure_205_2021.txt")
    assert ingest.report.problems == []
    budget = ingest_write(ingest)
    assert budget.status == "draft"
    assert printed(budget) == seed_copy["tables"]
    assert all(check.passed for check in run_checks(budget))
    assert ingest.report.compared > 200 and not ingest.report.failing_checks


def test_seed_text_gives_the_fixtures_narrative_units_purposes_and_project_codes(seed_text, seed_copy):
    budget = ingest_write(read_disclosure(seed_text))
    ingested = contents(budget)
    for key in ("purposes", "units", "projects"):
        assert ingested[key] == seed_copy[key], key
    narrative, expected = ingested["narrative"], seed_copy["narrative"]
    # Not derivable exactly: 公务接待费 is compared by a percentage only, and the fixture's
    # 机关运行经费 was derived from the rounded 万元 figures (117.10 − 8.27) rather than the table's.
    assert narrative.pop("prior_reception") is None and expected.pop("prior_reception") == Decimal("180000.00")
    assert narrative.pop("prior_running_cost") == Decimal("1088267.50")
    assert expected.pop("prior_running_cost") == Decimal("1088300.00")
    assert narrative == expected


def test_the_misplaced_indicator_row_is_fixed_by_the_weights_and_reported(seed_text, db):
    report = read_disclosure(seed_text).report
    [fix] = [note for note in report.notes if note.kind is NoteKind.FIXED]
    assert fix.line.number == 468 and fix.line.page == 1
    assert "督查次数" in fix.text and "改属“积案化解专班专项经费”" in fix.text
    assert "积案化解专班专项经费 70→100、设备更新经费 130→100" in fix.text


def test_the_narratives_health_figure_differs_from_the_tables_and_both_are_shown(seed_text, db):
    report = read_disclosure(seed_text).report
    differing = {(c.topic, c.narrative, c.tables) for c in report.differing}
    assert differing == {
        (f"{prefix}·卫生健康支出", "47.38 万元", "表 473,856.00 元 = 47.39 万元")
        for prefix in ("支出功能分类", "财政拨款支出", "一般公共预算")
    }
    assert len(report.comparisons) > 60
