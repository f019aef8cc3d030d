import pytest

from apps.budgets.models import Budget

from .factories import budget_2020, many_departments


@pytest.fixture
def prior_budget(seed_budget) -> Budget:
    """205's published 2020 budget, under the 2020 code tree."""
    return budget_2020()


@pytest.fixture
def other_departments(seed_budget):
    """Three more departments with published 2021 budgets."""
    return many_departments(3)
