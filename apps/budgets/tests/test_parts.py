"""The per-model details kept outside budgets/parts.py cover every part it declares: a part added there and
forgotten here fails."""

from django.contrib import admin

from apps.budgets.admin import BudgetAdmin
from apps.budgets.completeness import TABLE_CONTENTS
from apps.budgets.parts import BUDGET_ROWS, LINES, PROJECT_ROWS
from apps.projects.admin import ProjectAdmin
from apps.projects.models import Project


def test_the_workspace_edits_every_part_of_a_budget():
    """A project has a page of its own, with its fundings and indicators; each money line can also be browsed
    across budgets."""
    assert {inline.model for inline in BudgetAdmin.inlines} >= set(BUDGET_ROWS) - {Project}
    assert {inline.model for inline in ProjectAdmin.inlines} == set(PROJECT_ROWS)
    assert set(admin.site._registry) >= {*LINES, Project}


def test_completeness_looks_at_every_row_that_fills_a_table():
    """The official tables are filled by the money lines and the projects."""
    assert {make().query.model for make, _ in TABLE_CONTENTS.values()} == {*LINES, Project}
