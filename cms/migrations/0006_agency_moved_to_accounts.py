"""Agencies now belong to accounts (see accounts 0003): pages point there, the cms model state
is dropped (the table is kept and renamed by accounts 0004), and the content type, with its
permissions and admin log entries, follows the model."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label="accounts", model="agency").exists():
        ContentType.objects.filter(app_label="cms", model="agency").delete()
    else:
        ContentType.objects.filter(app_label="cms", model="agency").update(app_label="accounts")


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="accounts", model="agency").update(app_label="cms")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0005_site_settings"),
        ("accounts", "0003_agency_from_cms"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="policypage",
                    name="agency",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="policies", to="accounts.agency", verbose_name="issuing agency"),
                ),
                migrations.AlterField(
                    model_name="newspage",
                    name="agency",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to="accounts.agency", verbose_name="agency"),
                ),
                migrations.DeleteModel(name="Agency"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
