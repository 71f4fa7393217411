"""The agency table takes this app's name now that every reference points here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_agency_from_cms"),
        ("cms", "0006_agency_moved_to_accounts"),
    ]

    operations = [
        migrations.AlterModelTable(name="agency", table=None),
    ]
