from django.db import migrations, models

MODELS = ("government", "department", "unit", "classificationcode", "glossaryterm")


def never_edited(apps, schema_editor):
    """Adding an auto_now column stamps every row with now; rows that exist were not edited."""
    for name in MODELS:
        apps.get_model("reference", name).objects.update(updated_at=None)


class Migration(migrations.Migration):
    """When a reference row was last edited (blank until then: fixtures load raw)."""

    dependencies = [("reference", "0005_unit_code_unique_per_department")]

    operations = [
        *(
            migrations.AddField(
                model_name=name,
                name="updated_at",
                field=models.DateTimeField(auto_now=True, db_index=True, null=True, verbose_name="修改时间"),
            )
            for name in MODELS
        ),
        migrations.RunPython(never_edited, migrations.RunPython.noop),
    ]
