"""The two staff roles as groups, with the permissions each needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

BUDGET_DATA = [
    ("budgets", "budget"), ("budgets", "budgetnarrative"), ("budgets", "functionpurpose"),
    ("budgets", "revenueline"), ("budgets", "functionline"), ("budgets", "economicline"),
    ("budgets", "threepublicline"), ("projects", "project"), ("projects", "projectfunding"),
    ("projects", "indicator"),
]  # fmt: skip
REFERENCE = [("reference", "department"), ("reference", "unit"), ("reference", "classificationcode"), ("reference", "glossaryterm")]


def codenames(models, actions):
    return [(app, f"{action}_{model}") for app, model in models for action in actions]


ROLES = {
    "部门填报员": codenames(BUDGET_DATA, ["view", "add", "change", "delete"])
    + codenames(REFERENCE, ["view"])
    + [("budgets", "submit_budget")],
    "财政审核员": codenames(BUDGET_DATA + REFERENCE, ["view"])
    + [("budgets", "publish_budget"), ("budgets", "restore_budget"), ("budgets", "view_statuschange")],
}


def create_roles(apps, schema_editor):
    # Permissions are normally made after migrating; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in permissions]
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("budgets", "0002_alter_budget_options_historicalbudget_and_more"),
        ("projects", "0002_historicalindicator_historicalproject_and_more"),
        ("reference", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
