"""The rows of the items a list shows, read with SQL written once per process.

A board shows fifty items and their reactions. Reading those through the ORM
cost more than the rest of the list: compiling the query and building a model
instance per row, per author and per theme took about 4 ms for sixty rows,
running the query half a millisecond. A list only prints a contribution and
never changes it, so its rows are plain records (`ShownItem`), read with one
SELECT written out once and converted as the ORM converts them (moments and
UUIDs on SQLite). Of the author only what the group label is made of is read
(anonymity.GroupLabels), of the theme only its title.
"""

import uuid
import weakref
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from .models import Ballot, Contribution, Participant, Support, Theme, Vote, kind_label

# Table aliases in the SELECT.
ITEM, AUTHOR, THEME = "item", "author", "theme"
# Each attribute of ShownItem, in its order, and the column it is read from.
COLUMNS = (
    (ITEM, Contribution, "pk"),
    (ITEM, Contribution, "participant_id"),
    (ITEM, Contribution, "phase_id"),
    (ITEM, Contribution, "block_id"),
    (ITEM, Contribution, "kind"),
    (ITEM, Contribution, "theme_id"),
    (ITEM, Contribution, "parent_id"),
    (ITEM, Contribution, "title"),
    (ITEM, Contribution, "text"),
    (ITEM, Contribution, "status"),
    (ITEM, Contribution, "created_at"),
    (ITEM, Contribution, "edited_at"),
    (ITEM, Contribution, "facilitator_name"),
    (ITEM, Contribution, "support_count"),
    (ITEM, Contribution, "reaction_count"),
    (THEME, Theme, "title"),
    (AUTHOR, Participant, "role"),
    (AUTHOR, Participant, "province_id"),
    (AUTHOR, Participant, "size_class"),
)
AUTHOR_COLUMNS = 3


class Author(NamedTuple):
    """What the author's group label is made of, and nothing more."""

    role: str
    province_id: int | None
    size_class: str


class ShownItem(NamedTuple):
    """A contribution as a list shows it; `author` is None once erased."""

    pk: int
    participant_id: int | None
    phase_id: int
    block_id: uuid.UUID
    kind: str
    theme_id: int | None
    parent_id: int | None
    title: str
    text: str
    status: str
    created_at: datetime
    edited_at: datetime | None
    facilitator_name: str
    support_count: int
    reaction_count: int
    theme_title: str | None
    author: Author | None
    # Whether the viewer the rows were read for supports it (False for none).
    supported: bool = False

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def created_on(self) -> date:
        return timezone.localdate(self.created_at)


def field_of(name: str, model=Contribution):
    meta = model._meta
    return meta.pk if name == "pk" else meta.get_field(name)


def column(name: str, alias: str | None = None, model=Contribution) -> str:
    quote = connection.ops.quote_name
    written = quote(field_of(name, model).column)
    return f"{quote(alias)}.{written}" if alias else written


def table(model=Contribution) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def prepared(name: str, value, model=Contribution):
    """A value as the database takes it for this column (a UUID, a moment)."""
    return field_of(name, model).get_db_prep_value(value, connection, prepared=False)


def all_prepared(name: str, values, model=Contribution) -> list:
    """Many values of one column, as `prepared`: the ids of a page's items."""
    field = field_of(name, model)
    return [field.get_db_prep_value(v, connection, prepared=False) for v in values]


def where(equalities: dict, alias: str | None = None, model=Contribution):
    """SQL for "these columns equal these values" (a list: any of them; None:
    empty), with its parameters; None when a list is empty and nothing can
    match."""
    conditions, params = [], []
    for name, value in equalities.items():
        written = column(name, alias, model)
        if isinstance(value, list | tuple | set):
            if not value:
                return None
            if connection.vendor == "postgresql":
                # One array rather than a parameter per value: the ids of a
                # page's items are sent and parsed at once.
                conditions.append(f"{written} = ANY(%s)")
                params.append(all_prepared(name, value, model))
            else:
                conditions.append(f"{written} IN ({', '.join(['%s'] * len(value))})")
                params += all_prepared(name, value, model)
        elif value is None:
            conditions.append(f"{written} IS NULL")
        else:
            conditions.append(f"{written} = %s")
            params.append(prepared(name, value, model))
    return " AND ".join(conditions), params


def fetched(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def values_where(model, names: tuple[str, ...], **equalities) -> list[tuple]:
    """These columns of the model's rows that meet the equalities (as `where`),
    their values as the ORM gives them: for the counts, supports, tallies and
    votes that go with what a page shows."""
    condition = where(equalities, model=model)
    if condition is None:
        return []
    columns = ", ".join(column(name, model=model) for name in names)
    sql, params = condition
    rows = fetched(f"SELECT {columns} FROM {table(model)} WHERE {sql}", params)  # noqa: S608 - names only
    return converted(rows, [(None, model, name) for name in names])


def order_term(name: str, model, alias: str) -> str:
    """A column to order by, as Meta.ordering names it ('-name': descending).
    Only plain field names: an expression or a lookup is refused."""
    descending = name.startswith("-")
    written = column(name.removeprefix("-"), alias, model)
    return f"{written} DESC" if descending else written


def instances_where(model, related: str | None = None, **equalities) -> list:
    """The model's rows that meet the equalities (as `where`), in its
    Meta.ordering, built as the ORM builds them from a row but without
    compiling a query: for the few rows every page reads (the signed-in
    participant, a board's themes), where compiling cost more than reading.
    `related` names a foreign key whose row is read along, as select_related
    would."""
    condition = where(equalities, alias=MAIN, model=model)
    if condition is None:
        return []
    sql, params = condition
    parts, joined = [(MAIN, model)], ""
    if related:
        other = model._meta.get_field(related).related_model
        parts.append((RELATED, other))
        joined = (
            f" LEFT JOIN {table(other)} {quoted(RELATED)} ON "
            f"{column('pk', RELATED, other)} = {column(related, MAIN, model)}"
        )
    columns = [
        (alias, each, field.attname)
        for alias, each in parts
        for field in each._meta.concrete_fields
    ]
    selected = ", ".join(column(name, alias, each) for alias, each, name in columns)
    sql = f"SELECT {selected} FROM {table(model)} {quoted(MAIN)}{joined} WHERE {sql}"  # noqa: S608 - names only
    if model._meta.ordering:
        sql += " ORDER BY " + ", ".join(
            order_term(name, model, MAIN) for name in model._meta.ordering
        )
    found = []
    for row in converted(fetched(sql, params), columns):
        instance, rest = from_row(model, row)
        if related:
            setattr(instance, related, from_row(other, rest)[0])
        found.append(instance)
    return found


# Table aliases of instances_where.
MAIN, RELATED = "main", "related"


def quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def from_row(model, row: tuple) -> tuple[object | None, tuple]:
    """The instance the row begins with (None where its key is empty, as
    after a LEFT JOIN that found nothing) and the rest of the row."""
    fields = model._meta.concrete_fields
    values, rest = row[: len(fields)], row[len(fields) :]
    if values[fields.index(model._meta.pk)] is None:
        return None, rest
    return model.from_db(DEFAULT_DB_ALIAS, [f.attname for f in fields], values), rest


def converted(rows: list[tuple], columns) -> list[tuple]:
    """Rows with each value of these (alias, model, name) columns as the ORM
    would give it: a UUID and a moment on SQLite are text until converted."""
    conversions = converters(columns)
    if not conversions:
        return rows
    # A converter gives the same for the same text, and the rows of a page
    # share much of theirs (the block's UUID): each distinct text of a column
    # is converted once, where what it gives cannot be changed afterwards.
    seen = {position: {} for position, _, _ in conversions}
    done = []
    for row in rows:
        values = list(row)
        for position, col, each in conversions:
            raw = values[position]
            value = seen[position].get(raw, raw)
            if value is raw:
                for convert in each:
                    value = convert(value, col, connection)
                if type(value) in IMMUTABLE:
                    seen[position][raw] = value
            values[position] = value
        done.append(tuple(values))
    return done


# What a converter may give that no one can change in place.
IMMUTABLE = {uuid.UUID, datetime, date, Decimal, str, int, float, bool, type(None)}


@lru_cache(maxsize=8)
def select_sql(vendor: str, for_viewer: bool) -> str:
    """The SELECT of ShownItem's columns (per backend: its quoting); for a
    viewer, whether they support each item, their id its first parameter."""
    columns = ", ".join(column(name, alias, model) for alias, model, name in COLUMNS)
    quote = connection.ops.quote_name
    supported = "0"
    if for_viewer:
        supported = (
            f"EXISTS (SELECT 1 FROM {table(Support)} WHERE "  # noqa: S608 - names only
            f"{column('contribution_id', model=Support)} = {column('pk', ITEM)} "
            f"AND {column('participant_id', model=Support)} = %s)"
        )
    return (
        f"SELECT {columns}, {supported} FROM {table()} {quote(ITEM)} "  # noqa: S608 - names only
        f"LEFT JOIN {table(Participant)} {quote(AUTHOR)} "
        f"ON {column('pk', AUTHOR, Participant)} = {column('participant_id', ITEM)} "
        f"LEFT JOIN {table(Theme)} {quote(THEME)} "
        f"ON {column('pk', THEME, Theme)} = {column('theme_id', ITEM)}"
    )


# Per database connection (one per thread) and set of columns: what the ORM
# would do to each value. Found once: they stay the same, and finding them for
# the twenty columns of an item took longer than converting a page of items.
CONVERTERS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def converters(columns) -> list[tuple[int, object, list]]:
    """Per (alias, model, name) column that needs it, what the ORM would do to
    its value."""
    known = CONVERTERS.setdefault(connections[DEFAULT_DB_ALIAS], {})
    columns = tuple(columns)
    if columns not in known:
        known[columns] = converters_found(columns)
    return known[columns]


def converters_found(columns) -> list[tuple[int, object, list]]:
    found = []
    for position, (alias, model, name) in enumerate(columns):
        col = field_of(name, model).get_col(alias)
        each = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if each:
            found.append((position, col, each))
    return found


def items_where(viewer_id: int | None = None, **equalities) -> list[ShownItem]:
    """The items whose columns meet these equalities (as `where`), with
    whether this viewer (a participant's id, or None) supports each.

    Unordered: the lists sort what they show themselves.
    """
    condition = where(equalities, alias=ITEM)
    if condition is None:
        return []
    sql, params = condition
    return items_read(sql, params, viewer_id)


def items_among(ids_sql: str, params: list, viewer_id: int | None = None):
    """The items whose ids this subquery selects, as items_where: a list's
    page is found and read in one query."""
    return items_read(f"{column('pk', ITEM)} IN ({ids_sql})", params, viewer_id)


def items_read(condition: str, params: list, viewer_id: int | None) -> list[ShownItem]:
    select = select_sql(connection.vendor, viewer_id is not None)
    if viewer_id is not None:
        params = [prepared("participant_id", viewer_id, Support), *params]
    return as_items(fetched(f"{select} WHERE {condition}", params))


# One participant's votes with the block each is in.
VOTE_COLUMNS = (
    ("ballot", Ballot, "block_id"),
    ("vote", Vote, "option"),
    ("vote", Vote, "points"),
)


def votes_of(participant_id: int, phase_id: int, block_ids) -> list[tuple]:
    """(block id, option, points) of one participant's votes in these blocks
    of a step: their ballots and votes in one query."""
    condition = where(
        {
            "participant_id": participant_id,
            "phase_id": phase_id,
            "block_id": list(block_ids),
        },
        alias="ballot",
        model=Ballot,
    )
    if condition is None:
        return []
    sql, params = condition
    quote = connection.ops.quote_name
    columns = ", ".join(
        column(name, alias, model) for alias, model, name in VOTE_COLUMNS
    )
    rows = fetched(
        f"SELECT {columns} FROM {table(Vote)} {quote('vote')} "  # noqa: S608 - names only
        f"JOIN {table(Ballot)} {quote('ballot')} "
        f"ON {column('pk', 'ballot', Ballot)} = {column('ballot_id', 'vote', Vote)} "
        f"WHERE {sql}",
        params,
    )
    return converted(rows, VOTE_COLUMNS)


def as_items(rows) -> list[ShownItem]:
    return [as_item(values) for values in converted(rows, COLUMNS)]


def as_item(values) -> ShownItem:
    *values, supported = values
    author = values[-AUTHOR_COLUMNS:]
    item = values[:-AUTHOR_COLUMNS]
    return ShownItem(
        *item,
        author=Author(*author) if values[1] else None,
        supported=bool(supported),
    )
