"""Every year's national classification codes (apps/reference/data), so that a
database made by `migrate` alone knows them. Running it again changes nothing;
a later change to the data files comes with a migration of its own that calls
load_codes again (or `python manage.py load_codes`)."""

from django.db import migrations

from apps.reference.codelists import load_codes


def load(apps, schema_editor):
    load_codes(apps.get_model("reference", "ClassificationCode"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0003_department_government_required")]

    # Leaving the codes in place on the way back: budgets may point at them.
    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
