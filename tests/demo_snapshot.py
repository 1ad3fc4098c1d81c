"""The whole demo for a browser journey, built once per test process on PostgreSQL.

Building the demo takes seconds, and every journey starts from it after its
database was flushed. On PostgreSQL the first journey of a process builds it and
copies every table into the schema ``demo_snapshot``; the next ones empty the
tables and copy the rows back, which takes a fraction of the build. Rows come
back with their own ids and the sequences where they were, so what a journey
sees is what a fresh build would give it, apart from the moments in it.

On SQLite (trying the suite without DATABASE_URL) every journey builds anew.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection, transaction
from wagtail.models import Site

from cms.demo import build_demo

from .page_tree import rebuild_page_tree

SCHEMA = "demo_snapshot"
_sequences: dict[str, int | None] = {}
_taken = False


def demo_database() -> None:
    """Make the database hold the whole demo, as `build_demo` leaves it."""
    if connection.vendor != "postgresql":
        build()
    elif _taken:
        restore()
    else:
        build()
        take()
    forget_cached_rows()


def build() -> None:
    rebuild_page_tree()
    build_demo(with_staff_account=True)


def public_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
    )
    return [name for (name,) in cursor.fetchall()]


def writable_columns(cursor, table: str) -> str:
    """The columns a plain INSERT may fill: not the generated ones."""
    cursor.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = %s "
        "AND is_generated = 'NEVER' ORDER BY ordinal_position",
        [table],
    )
    return ", ".join(f'"{name}"' for (name,) in cursor.fetchall())


def take() -> None:
    global _taken
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for table in public_tables(cursor):
            cursor.execute(f'CREATE TABLE {SCHEMA}."{table}" AS TABLE public."{table}"')
        cursor.execute(
            "SELECT sequencename, last_value FROM pg_sequences "
            "WHERE schemaname = 'public'"
        )
        _sequences.update(cursor.fetchall())
    _taken = True


def restore() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        tables = public_tables(cursor)
        # Rows go back table by table, so no foreign key is checked meanwhile:
        # the snapshot was consistent when it was taken.
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "TRUNCATE " + ", ".join(f'public."{t}"' for t in tables) + " CASCADE"
        )
        for table in tables:
            columns = writable_columns(cursor, table)
            # Names from the catalogue, not from input.
            cursor.execute(
                f'INSERT INTO public."{table}" ({columns}) OVERRIDING SYSTEM VALUE '  # noqa: S608
                f'SELECT {columns} FROM {SCHEMA}."{table}"'
            )
        for sequence, last_value in _sequences.items():
            # A sequence never used is set back to hand out 1 next.
            cursor.execute(
                "SELECT setval(%s, %s, %s)",
                [f'public."{sequence}"', last_value or 1, last_value is not None],
            )


def forget_cached_rows() -> None:
    """Caches that may still name rows of the previous journey's database."""
    ContentType.objects.clear_cache()
    Site.clear_site_root_paths_cache()
    for cache in caches.all():
        cache.clear()
