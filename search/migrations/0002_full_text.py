"""Full-text structures the ORM does not describe: on PostgreSQL a generated tsvector column in
the ``indonesian`` configuration with a GIN index, plus trigram support for similar comments; on
SQLite an FTS5 table of stems (rowid = comment id)."""

from django.db import migrations

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE rembuk_search_indexedcomment ADD COLUMN search_vector tsvector
       GENERATED ALWAYS AS (
         setweight(to_tsvector('indonesian', coalesce(body, '')), 'A') ||
         setweight(to_tsvector('indonesian', coalesce(proposed_wording, '')), 'B')
       ) STORED""",
    "CREATE INDEX indexed_search_vector ON rembuk_search_indexedcomment USING gin (search_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS indexed_search_vector",
    "ALTER TABLE rembuk_search_indexedcomment DROP COLUMN IF EXISTS search_vector",
]
SQLITE = [
    "CREATE VIRTUAL TABLE rembuk_search_fts USING fts5(stems, "
    "tokenize='unicode61 remove_diacritics 2')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS rembuk_search_fts"]


def forwards(apps, schema_editor):
    statements = {"postgresql": POSTGRES, "sqlite": SQLITE}.get(schema_editor.connection.vendor)
    for statement in statements or []:
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    statements = {"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}.get(
        schema_editor.connection.vendor
    )
    for statement in statements or []:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("rembuk_search", "0001_comment_index")]
    operations = [migrations.RunPython(forwards, backwards)]
