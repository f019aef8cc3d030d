"""Every reconciliation check passes on the seed, and each fails, naming both
sides and the difference, when one stored line is changed by 0.01."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from apps.budgets.checks import run_checks
from apps.budgets.models import EconomicLine, FunctionLine, RevenueLine, ThreePublicLine
from apps.projects.models import Indicator, ProjectFunding
from apps.reference.models import ClassificationCode

CENT = Decimal("0.01")


def test_the_seed_passes_every_check(seed_budget):
    results = run_checks(seed_budget)
    assert len(results) >= 20
    assert [str(r) for r in results if not r.passed] == []


def add_cent(queryset, **lookup):
    line = queryset.get(**lookup)
    line.amount += CENT
    line.save()


MUTATIONS = {
    "revenue": (
        lambda: add_cent(RevenueLine.objects, source="general"),
        [
            "收支预算总表：收入总计 = 支出合计",
            "财政拨款收支预算总表：收入总计 = 支出总计",
            "一般公共预算拨款收入 = 一般公共预算支出表合计",
        ],
    ),
    "personnel by economic code": (
        lambda: add_cent(EconomicLine.objects, code__code="30101"),
        [
            "基本支出 = 人员经费 + 公用经费",
            "人员经费：按功能分类 = 按经济分类",
        ],
    ),
    "public by economic code": (
        lambda: add_cent(EconomicLine.objects, code__code="30201"),
        [
            "基本支出 = 人员经费 + 公用经费",
            "公用经费：按功能分类 = 按经济分类",
        ],
    ),
    "project funding": (
        lambda: add_cent(ProjectFunding.objects, project__name="培训费"),
        [
            "项目支出表合计 = 支出预算总表项目支出",
            "项目支出（科目 2050803）：项目合计 = 支出预算总表",
        ],
    ),
}


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_a_cent_off_fails_the_checks_that_see_it(seed_budget, mutation):
    change, expected_failures = MUTATIONS[mutation]
    change()
    failures = [r for r in run_checks(seed_budget) if not r.passed]
    assert [r.name for r in failures] == expected_failures
    assert {abs(r.difference) for r in failures} == {CENT}
    assert all("差额" in str(r) and "0.01" in str(r) for r in failures)


def test_a_function_line_off_by_a_cent_breaks_totals_and_its_view(seed_budget):
    line = FunctionLine.objects.get(budget=seed_budget, code__code="2010301", nature="personnel")
    line.amount -= CENT
    line.save()
    failures = {r.name: r for r in run_checks(seed_budget) if not r.passed}
    assert failures["人员经费：按功能分类 = 按经济分类"].difference == -CENT
    assert failures["收支预算总表：收入总计 = 支出合计"].difference == CENT


def test_weights_must_sum_to_100(seed_budget):
    indicator = Indicator.objects.filter(project__name="课题研究经费").first()
    indicator.weight += CENT
    indicator.save()
    failures = [r for r in run_checks(seed_budget) if not r.passed]
    assert [r.name for r in failures] == ["绩效指标权重之和 = 100（课题研究经费（绍兴市信访局本级））"]
    assert failures[0].left == Decimal("100.01")


def test_reception_below_its_basic_line_fails(seed_budget):
    # 三公 公务接待费 164,110.00 must cover at least the basic 30217 line of 22,000.00.
    ThreePublicLine.objects.filter(budget=seed_budget).delete()
    ThreePublicLine.objects.create(budget=seed_budget, unit_id=1, category="reception", amount=Decimal("21999.99"))
    failures = [r for r in run_checks(seed_budget) if not r.passed]
    assert [(r.name, r.difference) for r in failures] == [("“三公”经费表公务接待费 ≥ 基本支出 30217", -CENT)]


def test_lines_must_sit_on_leaf_codes_of_the_budget_year(seed_budget):
    line = FunctionLine.objects.get(budget=seed_budget, code__code="2210202")
    line.code = ClassificationCode.objects.get(scheme="function", year=2021, code="22102")  # a 款 with children
    line.save()
    failures = [str(r) for r in run_checks(seed_budget) if not r.passed]
    assert len(failures) == 1
    assert "22102" in failures[0] and "298.80" in failures[0] and "末级科目" in failures[0]


def test_check_budget_command(seed_budget, capsys):
    call_command("check_budget", "205", "2021")
    assert "27 项校验，0 项不符" in capsys.readouterr().out

    add_cent(RevenueLine.objects, source="general")
    with pytest.raises(SystemExit) as exit_info:
        call_command("check_budget", "205", "2021")
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert out.count("[不符]") == 3
    assert "收入总计 25,258,772.18 = 支出合计（含结转下年） 25,258,772.17，差额 0.01" in out
