"""Money to the cent end to end, and the database's own guards."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from apps.budgets.fields import MoneyField
from apps.budgets.models import Budget, FunctionLine, RevenueLine
from apps.projects.models import Indicator


def dump() -> str:
    out = StringIO()
    call_command("dumpdata", "reference", "budgets", "projects", stdout=out)
    return out.getvalue()


def test_loading_the_seed_again_changes_nothing(seed_budget):
    before = dump()
    call_command("load_seed", verbosity=0)
    assert dump() == before
    assert Budget.objects.count() == 1


def test_the_seed_is_published_with_both_units(seed_budget):
    assert seed_budget.status == "published"
    assert [u.code for u in seed_budget.units.all()] == ["205001", "205002"]


def test_sums_are_exact_to_the_cent_beyond_float_precision(seed_budget):
    # 17 significant digits: a float (as SQLite keeps DECIMAL) cannot hold this to the cent.
    RevenueLine.objects.create(budget=seed_budget, source="other", amount=Decimal("123456789012345.67"))
    RevenueLine.objects.create(budget=seed_budget, source="business", amount=Decimal("0.01"))
    assert RevenueLine.objects.filter(budget=seed_budget).total() == Decimal("123456814271117.85")
    assert RevenueLine.objects.get(source="other").amount == Decimal("123456789012345.67")


@pytest.mark.parametrize("value,message", [("1.234", "最多两位小数"), ("abc", "不是金额"), ("NaN", "不是金额")])
def test_money_field_rejects_bad_amounts(value, message):
    with pytest.raises(ValidationError, match=message):
        MoneyField().to_python(value)


def test_money_field_reads_thousands_separators():
    assert MoneyField().to_python("25,258,772.17") == Decimal("25258772.17")


def test_negative_amounts_are_refused_by_the_database(seed_budget):
    with pytest.raises(IntegrityError), transaction.atomic():
        RevenueLine.objects.create(budget=seed_budget, source="other", amount=Decimal("-0.01"))


@pytest.mark.parametrize("unit_id", [None, 1])
def test_duplicate_lines_are_refused_with_or_without_a_unit(seed_budget, unit_id):
    line = FunctionLine.objects.get(budget=seed_budget, code__code="2210202")
    FunctionLine.objects.create(budget=seed_budget, unit_id=unit_id, code=line.code, nature="public", amount=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        FunctionLine.objects.create(budget=seed_budget, unit_id=unit_id, code=line.code, nature="public", amount=2)


def test_indicator_weight_above_100_is_refused(seed_budget):
    indicator = Indicator.objects.first()
    indicator.weight = Decimal("100.01")
    with pytest.raises(IntegrityError), transaction.atomic():
        indicator.save()
