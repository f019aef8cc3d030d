"""The budget workspace's fixtures: a 2022 draft, its codes, one user per role."""

from apps.budgets.tests.conftest import codes_2022, draft, users  # noqa: F401
