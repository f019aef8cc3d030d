import pytest
from django.core.management import call_command

from apps.budgets.models import Budget


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the seed budget; each test's changes roll back."""
    with django_db_blocker.unblock():
        call_command("load_seed", verbosity=0)


@pytest.fixture
def seed_budget(db) -> Budget:
    return Budget.objects.get(department__code="205", year=2021, phase="budget")
