"""The two staff roles and their permissions, kept in one place for the data
migration that creates them and for whoever must recreate them (tests that
flush the database)."""

from apps.budgets.parts import EDITED_MODELS

from .models import EDITORS, REVIEWERS

BUDGET_DATA = [(model._meta.app_label, model._meta.model_name) for model in EDITED_MODELS]
REFERENCE = [
    ("reference", "government"),
    ("reference", "department"),
    ("reference", "unit"),
    ("reference", "classificationcode"),
    ("reference", "glossaryterm"),
]


def codenames(models, actions) -> list[tuple[str, str]]:
    return [(app, f"{action}_{model}") for app, model in models for action in actions]


ROLES = {
    EDITORS: codenames(BUDGET_DATA, ["view", "add", "change", "delete"])
    + codenames(REFERENCE, ["view"])
    + [("budgets", "submit_budget")],
    REVIEWERS: codenames(BUDGET_DATA + REFERENCE, ["view"])
    + [("budgets", "publish_budget"), ("budgets", "restore_budget"), ("budgets", "view_statuschange")],
}


def ensure_roles(group_model, permission_model) -> None:
    """Create or update the groups (takes the models, so a migration can pass its historical ones).
    An early migration runs before some models exist: their permissions come with the
    later migration that calls this again."""
    for name, permissions in ROLES.items():
        group, _ = group_model.objects.get_or_create(name=name)
        existing = {
            (p.content_type.app_label, p.codename): p for p in permission_model.objects.select_related("content_type")
        }
        group.permissions.set([existing[key] for key in permissions if key in existing])
