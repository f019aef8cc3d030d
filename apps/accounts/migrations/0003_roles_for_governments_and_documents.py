"""The roles again, now that governments, narrative sections and findings exist."""

import importlib

from django.db import migrations

# A module name starting with a digit cannot be imported with `from … import`.
create_roles = importlib.import_module("apps.accounts.migrations.0002_roles").create_roles


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("budgets", "0004_unsplit_basic_sections_findings"),
        ("reference", "0003_department_government_required"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
