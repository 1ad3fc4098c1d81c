"""An index for searching contributions in Dutch (search/queries.py), PostgreSQL only.

The expression is exactly what SearchVector("text", config="dutch") writes,
so the planner can use it; SQLite has no such index and searches by substring.
"""

from django.db import migrations

INDEX = "contribution_text_dutch"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON dialogue_blocks_contribution "
            "USING gin (to_tsvector('dutch'::regconfig, COALESCE(text, ''::text)))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("dialogue_blocks", "0005_perf_counters_and_listing_indexes")]

    operations = [migrations.RunPython(create_index, drop_index)]
