import django.db.models.deletion
from django.db import migrations, models

# Every department that existed before governments did belongs to the site's
# own government, so that its URLs stay as they were.
HOME = {"code": "330600", "name": "绍兴市本级", "level": "city", "primary": True}


def assign_home_government(apps, schema_editor):
    Government = apps.get_model("reference", "Government")
    Department = apps.get_model("reference", "Department")
    if not Department.objects.filter(government__isnull=True).exists():
        return
    home = Government.objects.filter(primary=True).first() or Government.objects.create(**HOME)
    Department.objects.filter(government__isnull=True).update(government=home)


class Migration(migrations.Migration):
    dependencies = [("reference", "0002_government")]

    operations = [
        migrations.RunPython(assign_home_government, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="department",
            name="government",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="departments",
                to="reference.government",
                verbose_name="行政区划",
            ),
        ),
    ]
