"""Index the terms of the Indonesian analysis pipeline (search.analysis) instead of letting each
engine analyse raw text its own way: two term columns, filled here for every indexed comment;
PostgreSQL's tsvector is regenerated from them (``simple`` configuration: the terms are final),
SQLite's FTS5 table rewritten with them."""

from django.db import migrations, models

POSTGRES = [
    "DROP INDEX IF EXISTS indexed_search_vector",
    "ALTER TABLE rembuk_search_indexedcomment DROP COLUMN IF EXISTS search_vector",
    """ALTER TABLE rembuk_search_indexedcomment ADD COLUMN search_vector tsvector
       GENERATED ALWAYS AS (
         setweight(to_tsvector('simple', coalesce(body_terms, '')), 'A') ||
         setweight(to_tsvector('simple', coalesce(proposed_wording_terms, '')), 'B')
       ) STORED""",
    "CREATE INDEX indexed_search_vector ON rembuk_search_indexedcomment USING gin (search_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS indexed_search_vector",
    "ALTER TABLE rembuk_search_indexedcomment DROP COLUMN IF EXISTS search_vector",
    """ALTER TABLE rembuk_search_indexedcomment ADD COLUMN search_vector tsvector
       GENERATED ALWAYS AS (
         setweight(to_tsvector('indonesian', coalesce(body, '')), 'A') ||
         setweight(to_tsvector('indonesian', coalesce(proposed_wording, '')), 'B')
       ) STORED""",
    "CREATE INDEX indexed_search_vector ON rembuk_search_indexedcomment USING gin (search_vector)",
]
BATCH = 2000


def fill_terms(apps, schema_editor):
    from search.analysis import default_pipeline

    pipeline = default_pipeline()
    IndexedComment = apps.get_model("rembuk_search", "IndexedComment")
    connection = schema_editor.connection
    rows = IndexedComment.objects.order_by("comment_id").only("body", "proposed_wording")
    last = 0
    while True:
        batch = list(rows.filter(comment_id__gt=last)[:BATCH])
        if not batch:
            break
        for row in batch:
            row.body_terms = " ".join(pipeline.terms(row.body))
            row.proposed_wording_terms = " ".join(pipeline.terms(row.proposed_wording))
        IndexedComment.objects.bulk_update(batch, ["body_terms", "proposed_wording_terms"])
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.executemany(
                    "DELETE FROM rembuk_search_fts WHERE rowid = %s",
                    [(row.comment_id,) for row in batch],
                )
                cursor.executemany(
                    "INSERT INTO rembuk_search_fts (rowid, stems) VALUES (%s, %s)",
                    [(row.comment_id, f"{row.body_terms} {row.proposed_wording_terms}")
                     for row in batch],
                )  # fmt: skip
        last = batch[-1].comment_id


def postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("rembuk_search", "0003_facet_indexes")]
    operations = [
        migrations.AddField(
            model_name="indexedcomment",
            name="body_terms",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="indexedcomment",
            name="proposed_wording_terms",
            field=models.TextField(blank=True, default=""),
        ),
        # The old generated column goes first: filling the terms would recompute it per row.
        migrations.RunPython(postgres(POSTGRES[:2]), migrations.RunPython.noop),
        migrations.RunPython(fill_terms, migrations.RunPython.noop),
        migrations.RunPython(postgres(POSTGRES[2:]), postgres(POSTGRES_REVERSE)),
    ]
