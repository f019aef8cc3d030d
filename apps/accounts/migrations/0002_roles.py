"""The two staff roles as groups, with the permissions each needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from apps.accounts.roles import ROLES, ensure_roles


def create_roles(apps, schema_editor):
    # Permissions are normally made after migrating; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


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
