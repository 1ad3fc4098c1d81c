"""A dialogue's steps as the stepper reads them, without compiling a query.

Every phase page shows the stepper and the links to the previous and next
step, so it reads the dialogue's published steps each time. Through the
ORM (a live, child-of, ordered, deferred PageQuerySet) that cost about a
millisecond, most of it building and compiling the query. The SELECT is
written once per backend and the pages are built from its rows as the ORM
builds them (`Model.from_db`), with every other column deferred.
"""

from functools import lru_cache

from django.db import DEFAULT_DB_ALIAS, connection

from dialogue_blocks.item_rows import converted, fetched

# What build_stepper and neighbours read of a step, what its address is made
# of (Page.get_url), and the summary the dialogue page shows of its current step.
STEPPER_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "title",
    "live",
    "content_type_id",
    "step",
    "opens_at",
    "closes_at",
    "summary",
)


def columns_of(model) -> list[tuple[str, object, str]]:
    """(table, model, field name) of the stepper's fields and the parent link,
    in the order of the model's concrete fields, as Model.from_db takes them."""
    wanted = {model._meta.get_field(name) for name in STEPPER_FIELDS}
    wanted.add(model._meta.pk)  # page_ptr: the same value as id
    return [
        (field.model._meta.db_table, field.model, field.name)
        for field in model._meta.concrete_fields
        if field in wanted
    ]


@lru_cache(maxsize=4)
def steps_sql(model, vendor: str) -> str:
    quote = connection.ops.quote_name
    page = model._meta.pk.related_model._meta.db_table
    step = model._meta.db_table

    def written(table, each, name):
        return f"{quote(table)}.{quote(each._meta.get_field(name).column)}"

    columns = ", ".join(written(*each) for each in columns_of(model))
    page_id = written(page, model._meta.pk.related_model, "id")
    parent_link = written(step, model, model._meta.pk.name)
    return (
        f"SELECT {columns} FROM {quote(page)} "  # noqa: S608 - names only
        f"JOIN {quote(step)} ON {parent_link} = {page_id} "
        f"WHERE {written(page, model, 'live')} = %s "
        f"AND {written(page, model, 'depth')} = %s "
        f"AND {written(page, model, 'path')} LIKE %s "
        f"ORDER BY {written(step, model, 'step')}, {page_id}"
    )


def live_steps(model, dialogue) -> list:
    """The dialogue's published steps (pages of `model`) in their order, with
    only the stepper's fields read."""
    columns = columns_of(model)
    rows = fetched(
        steps_sql(model, connection.vendor),
        [True, dialogue.depth + 1, f"{dialogue.path}%"],
    )
    rows = converted(rows, [(None, each, name) for _, each, name in columns])
    names = [each._meta.get_field(name).attname for _, each, name in columns]
    return [model.from_db(DEFAULT_DB_ALIAS, names, row) for row in rows]
