"""Agencies move from cms to accounts, the lowest layer that needs them (staff roles and
representatives are scoped to an agency). The table stays where it is in this step; only
Django's model state moves. 0004 then renames the table."""

import django.db.models.deletion
import modelsearch.index
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles_representatives_notifications"),
        ("cms", "0005_site_settings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Agency",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=255, unique=True, verbose_name="name")),
                        ("acronym", models.CharField(blank=True, max_length=30, verbose_name="acronym")),
                        ("slug", models.SlugField(max_length=60, unique=True, verbose_name="slug")),
                        ("level", models.CharField(choices=[("national", "National"), ("province", "Province"), ("regency", "Regency / city")], max_length=20, verbose_name="level")),
                        ("website", models.URLField(blank=True, verbose_name="website")),
                        ("email", models.EmailField(blank=True, max_length=254, verbose_name="contact email")),
                        ("phone", models.CharField(blank=True, max_length=40, verbose_name="contact phone")),
                        ("address", models.TextField(blank=True, verbose_name="address")),
                    ],
                    options={
                        "verbose_name": "agency",
                        "verbose_name_plural": "agencies",
                        "ordering": ["name"],
                        "db_table": "cms_agency",
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.AlterField(
                    model_name="roleassignment",
                    name="agency",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="role_assignments", to="accounts.agency", verbose_name="agency"),
                ),
                migrations.AlterField(
                    model_name="agencyrepresentative",
                    name="agency",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="representatives", to="accounts.agency", verbose_name="agency"),
                ),
            ],
            database_operations=[],
        ),
    ]
