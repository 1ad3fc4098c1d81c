"""An index for a suggestion's name in the Dutch search (search/queries.py),
PostgreSQL only: as 0006 does for the text, the expression is exactly what
SearchVector("title", config="dutch") writes, so either part uses its index."""

from django.db import migrations

INDEX = "contribution_title_dutch"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON dialogue_blocks_contribution "
    "USING gin (to_tsvector('dutch'::regconfig, COALESCE(title, ''::text)))"
)


def run_on_postgres(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("dialogue_blocks", "0011_suggestions")]

    operations = [
        migrations.RunPython(
            run_on_postgres(CREATE), run_on_postgres(f"DROP INDEX IF EXISTS {INDEX}")
        )
    ]
