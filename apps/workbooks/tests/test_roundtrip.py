"""Export the seed, import it into an empty database, export again: every cell equal."""

from decimal import Decimal

from apps.budgets.checks import run_checks
from apps.budgets.models import Budget, FunctionLine
from apps.workbooks.reader import read_budget_workbook
from apps.workbooks.services import budget_import, import_preview

from .conftest import all_values, empty_budget_data, workbook_bytes


def test_seed_round_trip_is_lossless(seed_workbook):
    empty_budget_data()
    budget = budget_import(data=read_budget_workbook(seed_workbook))

    assert budget.status == "draft"
    assert all_values(workbook_bytes(Budget.objects.get(pk=budget.pk))) == all_values(seed_workbook)
    assert [str(r) for r in run_checks(budget) if not r.passed] == []
    assert FunctionLine.objects.get(budget=budget, code__code="2010301", nature="public").unit.code == "205001"


def test_preview_reports_everything_new_and_writes_nothing(seed_workbook):
    empty_budget_data()
    preview = import_preview(data=read_budget_workbook(seed_workbook))
    assert preview.is_new and not Budget.objects.exists()
    assert "支出 205001 2010301 行政运行 基本支出·人员支出 一般公共预算" in preview.added
    assert preview.added["收入 部门 一般公共预算拨款收入"] == "25,258,772.17"
    assert preview.failing_checks == []


def test_preview_of_a_changed_draft_lists_the_change(seed_budget, seed_workbook):
    Budget.objects.filter(pk=seed_budget.pk).update(status="draft")
    FunctionLine.objects.filter(budget=seed_budget, code__code="2210202").update(amount=Decimal("300.00"))
    preview = import_preview(data=read_budget_workbook(seed_workbook))
    assert not preview.is_new
    assert preview.changed == {"支出 部门 2210202 提租补贴 基本支出·人员支出 一般公共预算": ("300.00", "298.80")}
    assert preview.added == {} and preview.removed == {}
    assert FunctionLine.objects.get(budget=seed_budget, code__code="2210202").amount == Decimal("300.00")
