"""A database made by `migrate` alone takes real budgets: the national codes are
there, and the first government a document brings becomes the site's own."""

from pathlib import Path

import pytest
from django.conf import settings

from apps.budgets.models import Budget
from apps.reference.models import Department, Government, Unit
from apps.workbooks.reader import read_budget_workbook
from apps.workbooks.services import budget_import

SEED_WORKBOOK = Path(settings.BASE_DIR, "fixtures", "workbooks", "budget_205_2021.xlsx")

pytestmark = pytest.mark.django_db


@pytest.fixture
def migrated_only():
    """What `migrate` leaves: codes, roles, the glossary aside, no government, department or budget."""
    Budget.objects.all().delete()
    Unit.objects.all().delete()
    Department.objects.all().delete()
    Government.objects.all().delete()


def test_the_seed_workbook_imports_into_a_migrated_database(migrated_only, client):
    budget = budget_import(data=read_budget_workbook(SEED_WORKBOOK.read_bytes()))
    government = budget.department.government
    assert (government.name, government.code, government.primary) == ("绍兴市本级", "330600", True)
    assert budget.get_absolute_url() == "/departments/205/2021/"  # the first government's URLs carry the bare code


def test_a_second_government_does_not_take_the_first_ones_addresses(migrated_only):
    first = budget_import(data=read_budget_workbook(SEED_WORKBOOK.read_bytes()))
    data = read_budget_workbook(SEED_WORKBOOK.read_bytes())
    data.government = {"name": "上海市普陀区", "code": "310107", "level": Government.Level.DISTRICT}
    second = budget_import(data=data)
    assert second.department != first.department and second.department.code == first.department.code == "205"
    assert second.get_absolute_url() == "/departments/310107-205/2021/"
    assert first.get_absolute_url() == "/departments/205/2021/"


def test_the_seed_disclosure_ingests_into_a_migrated_database(migrated_only):
    from apps.ingest.services import ingest_write, read

    text = Path(settings.BASE_DIR, "fixtures", "disclosure_205_2021.txt").read_bytes()
    given = {"department": "205", "government": "绍兴市本级", "government_code": "330600", "government_level": "city"}
    ingest = read(text, "disclosure_205_2021.txt", **given)
    budget = ingest_write(ingest)
    assert str(budget) == "绍兴市信访局 2021年预算"
    assert budget.department.government.primary and budget.get_absolute_url() == "/departments/205/2021/"
