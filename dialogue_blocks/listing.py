"""What the participation blocks of a phase page show, reading only what they show.

However many contributions, reactions and supports a block holds, a page runs
the same queries and reads about as many rows as it shows:
- each list is a keyset page ("Meer tonen" continues after the last item shown)
  read along an index that matches it (Contribution.Meta.indexes);
- totals and support counts are counters (dialogue_blocks.counters);
- reactions are read only for the items shown, the first REACTIONS_SHOWN of each;
- the group labels come from one aggregate per page (anonymity.GroupLabels).

Per block: one query for its items (the rows whose ids a UNION of every
list's page selects; a board's columns together), one or two for their
reactions, one for its totals, and for a signed-in participant one for their
own waiting items and one for their supports among what is shown; one more to
find where a "Meer tonen" page continues. Per page: one for the group labels.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

from django.db import connection
from django.utils.formats import date_format
from django.utils.text import capfirst, slugify
from django.utils.translation import get_language

from moderation.permissions import MODERATE_PERMISSION

from .anonymity import GroupLabels
from .item_rows import (
    ShownItem,
    column,
    items_among,
    items_where,
    prepared,
    table,
    values_where,
)
from .models import (
    Contribution,
    ContributionKind,
    ContributionStatus,
    ListingTally,
)

LISTING_BLOCK_TYPES = (
    "question",
    "idea_board",
    "deepening_board",
    "earlier_contributions",
)
PAGE_SIZE = 20
# A board shows many lists side by side (two per theme): fewer items in each.
BOARD_PAGE_SIZE = 5
REACTIONS_SHOWN = 10
SORT_NEWEST = "nieuw"
SORT_SUPPORT = "steun"
# The sort keys of the listing indexes; every field of one runs the same way.
ORDERINGS = {
    SORT_NEWEST: ("created_at", "pk"),
    SORT_SUPPORT: ("support_count", "created_at", "pk"),
}
REACTION_ORDER = ("created_at", "pk")
# The item routes that lead back to the list: they keep its sorting and pages.
RETURNING = {"support", "withdraw_support", "edit", "withdraw", "react"}


@dataclass(frozen=True)
class Slice:
    """One list on the page: which rows, in which order, how many, from where on.

    `key` names its "Meer tonen" parameter (`na-<key>`, the id of the last item
    of the previous page); `rows` are equalities on columns of Contribution.
    """

    key: str
    rows: dict
    order: tuple[str, ...]
    newest_first: bool
    size: int

    @property
    def param(self) -> str:
        return f"na-{self.key}"

    def holds(self, contribution: ShownItem) -> bool:
        return all(
            getattr(contribution, name) == value for name, value in self.rows.items()
        )

    def sort_key(self, contribution: ShownItem) -> tuple:
        return tuple(getattr(contribution, name) for name in self.order)

    def ordered(self, contributions) -> list[ShownItem]:
        return sorted(contributions, key=self.sort_key, reverse=self.newest_first)

    def comes_after(self, contribution: ShownItem, cursor: tuple | None) -> bool:
        if cursor is None:
            return True
        position = self.sort_key(contribution)
        return position < cursor if self.newest_first else position > cursor

    def published_sql(self, cursor: tuple | None) -> tuple[str, list]:
        """The ids of this slice's published page, and one more to know if more.

        Written out rather than built with the ORM: a board reads a dozen
        slices per page, and compiling their querysets cost more than running
        them. The text depends only on the slice's shape, and is written once
        per shape (slice_sql); the values are parameters.
        """
        params = [
            prepared("status", ContributionStatus.PUBLISHED),
            *self.values(cursor),
        ]
        if cursor is not None:
            params.append(prepared(self.order[0], cursor[0]))
        return slice_sql(*self.shape(cursor)), params

    def shape(self, cursor: tuple | None) -> tuple:
        """What the text of its SQL depends on: slices of one shape differ in
        their values only."""
        columns = tuple((name, value is None) for name, value in self.rows.items())
        return (
            connection.vendor,
            columns,
            self.order,
            self.newest_first,
            self.size,
            cursor is not None,
        )

    def values(self, cursor: tuple | None) -> list:
        """Its equalities' values, then its cursor's, as parameters."""
        values = [prepared(n, v) for n, v in self.rows.items() if v is not None]
        if cursor is not None:
            values += [prepared(n, v) for n, v in zip(self.order, cursor, strict=True)]
        return values


@lru_cache(maxsize=256)
def slice_sql(vendor, shape, order, newest_first, size, has_cursor) -> str:
    """The SELECT of a slice's ids: `shape` names its equalities and which of
    them are IS NULL. Its conditions are those of the listing indexes'
    (models.py), so the scan is bounded by LIMIT whatever the block holds."""
    conditions = [f"{column('status')} = %s"]
    for name, is_null in shape:
        conditions.append(
            f"{column(name)} IS NULL" if is_null else f"{column(name)} = %s"
        )
    if has_cursor:
        sign = "<" if newest_first else ">"
        columns = ", ".join(column(name) for name in order)
        marks = ", ".join(["%s"] * len(order))
        conditions.append(f"({columns}) {sign} ({marks})")
        # The same bound on the first column alone, for planners (SQLite's)
        # that do not read a row comparison as a range of the index.
        conditions.append(f"{column(order[0])} {sign}= %s")
    direction = "DESC" if newest_first else "ASC"
    ordering = ", ".join(f"{column(name)} {direction}" for name in order)
    where = " AND ".join(conditions)
    # Only the model's own column names and a number are written in; every
    # value is a parameter.
    sql = f"SELECT {column('pk')} FROM {table()} WHERE {where}"  # noqa: S608
    return f"{sql} ORDER BY {ordering} LIMIT {size + 1:d}"


@lru_cache(maxsize=256)
def lateral_sql(shape: tuple, count: int) -> str:
    """The ids of the pages of `count` slices of one shape, on PostgreSQL: one
    subquery over a list of their values (LATERAL), where a UNION of a
    subquery per slice cost PostgreSQL about 2 ms of planning on a board."""
    _, columns, order, newest_first, size, has_cursor = shape
    named = [name for name, is_null in columns if not is_null]
    names = [f"v{n}" for n in range(len(named) + (len(order) if has_cursor else 0))]
    conditions = [f"{column('status')} = %s"]
    for name, is_null in columns:
        if is_null:
            conditions.append(f"{column(name)} IS NULL")
        else:
            conditions.append(f"{column(name)} = wanted.v{named.index(name)}")
    if has_cursor:
        sign = "<" if newest_first else ">"
        ours = ", ".join(column(name) for name in order)
        theirs = ", ".join(names[len(named) :])
        conditions.append(f"({ours}) {sign} ({theirs})")
    direction = "DESC" if newest_first else "ASC"
    ordering = ", ".join(f"{column(name)} {direction}" for name in order)
    row = f"({', '.join(['%s'] * len(names))})"
    pk = column("pk")
    return (
        f"SELECT picked.{pk} FROM (VALUES {', '.join([row] * count)}) "  # noqa: S608 - names only
        f"AS wanted({', '.join(names)}) CROSS JOIN LATERAL ("
        f"SELECT {pk} FROM {table()} WHERE {' AND '.join(conditions)} "
        f"ORDER BY {ordering} LIMIT {size + 1:d}) AS picked"
    )


def page_terms(slices: list[Slice], cursors: dict) -> list[tuple[str, list]]:
    """The SQL and parameters of the ids of every slice's page: per slice, or
    on PostgreSQL per shape of slice (lateral_sql)."""
    if connection.vendor != "postgresql":
        return [each.published_sql(cursors.get(each.key)) for each in slices]
    by_shape = defaultdict(list)
    for each in slices:
        by_shape[each.shape(cursors.get(each.key))].append(each)
    terms = []
    for shape, alike in by_shape.items():
        params = [v for each in alike for v in each.values(cursors.get(each.key))]
        params.append(prepared("status", ContributionStatus.PUBLISHED))
        terms.append((lateral_sql(shape, len(alike)), params))
    return terms


@lru_cache(maxsize=1024)
def spelled_out(day, pattern: str, language: str) -> str:
    """A date as the page writes it ("3 december 2026"), in the active language
    (a key of the cache only). The items of a page share a few dates, and
    spelling out a month's name goes through the translations each time."""
    return date_format(day, pattern)


class Viewer(NamedTuple):
    """What the person looking may do on this page, the same for every item.

    A tuple: it is part of every item's cache key (ContributionView.shown)."""

    can_contribute: bool = False
    signed_in: bool = False
    can_facilitate: bool = False


class ItemLinks(NamedTuple):
    """Where the actions of the page's items go: per route its address with
    `{pk}` for the item's id, and what follows it (the page's query on the
    routes that lead back). The same for every item of a page, so an item's
    key holds this and its id rather than its eight addresses."""

    patterns: tuple[tuple[str, str, str], ...] = ()

    def of(self, pk: int) -> dict[str, str]:
        return {
            name: pattern.format(pk=pk) + after
            for name, pattern, after in self.patterns
        }


@dataclass
class ContributionView:
    """One item as the viewer sees it.

    What the item template shows is worked out here, once per item: a page
    lists dozens of items, and a lookup, filter or condition in a template
    costs more than the same in Python.
    """

    contribution: ShownItem
    label: str
    supported: bool
    is_own: bool
    viewer: Viewer = Viewer()
    reaction_form: object = None
    reactions: list["ContributionView"] = field(default_factory=list)
    # Where the next reactions begin, if there are more than shown.
    more_reactions: tuple[str, int] | None = None
    links: ItemLinks = ItemLinks()

    @cached_property
    def urls(self) -> dict[str, str]:
        """The addresses of its actions, worked out only when it is rendered."""
        return self.links.of(self.contribution.pk)

    @property
    def support_count(self) -> int:
        return self.contribution.support_count

    @cached_property
    def anchor(self) -> str:
        return f"bijdrage-{self.contribution.pk}"

    @cached_property
    def noun(self) -> str:
        return "reactie" if self.contribution.parent_id else "bijdrage"

    @cached_property
    def kind_badge(self) -> tuple[str, str] | None:
        """The kind's class and label; none for plain answers, reactions and
        suggestions (a block of suggestions holds nothing else)."""
        kind = self.contribution.kind
        if kind in (
            ContributionKind.ANSWER,
            ContributionKind.REACTION,
            ContributionKind.SUGGESTION,
        ):
            return None
        return slugify(kind), capfirst(self.contribution.kind_label)

    @cached_property
    def date(self) -> str:
        return spelled_out(self.contribution.created_on, "j F Y", get_language())

    @cached_property
    def day(self) -> str:
        return spelled_out(self.contribution.created_on, "j F", get_language())

    @property
    def is_facilitator(self) -> bool:
        return bool(self.contribution.facilitator_name)

    @property
    def is_pending(self) -> bool:
        return self.contribution.status == ContributionStatus.PENDING

    @property
    def is_published(self) -> bool:
        return self.contribution.status == ContributionStatus.PUBLISHED

    @property
    def anchors(self) -> list[str]:
        """Where a message may be placed in it: the item and its reactions."""
        return [self.anchor, *(anchor for r in self.reactions for anchor in r.anchors)]

    @property
    def holds_form_input(self) -> bool:
        """A reaction written here came back with an error: the viewer's words."""
        return self.reaction_form is not None or any(
            reaction.holds_form_input for reaction in self.reactions
        )

    def shown(self) -> tuple:
        """Everything of this item the item template prints, and the viewer's
        rights that decide what it offers: the key of its kept HTML
        (rendered_items). What the template shows must be in here."""
        c = self.contribution
        return (
            c.pk,
            c.parent_id,
            c.kind,
            c.status,
            c.title,
            c.text,
            bool(c.edited_at),
            c.created_at,  # the day printed, in the site's one time zone
            c.theme_title,
            c.facilitator_name,
            c.support_count,
            c.reaction_count,
            self.label,
            self.supported,
            self.is_own,
            self.viewer,
            self.more_reactions,
            self.links,
            tuple(reaction.shown() for reaction in self.reactions),
        )

    @property
    def is_top_level(self) -> bool:
        return self.contribution.parent_id is None

    # What the viewer may do with it.

    @property
    def may_support(self) -> bool:
        """Someone else's published text: what a participant may back."""
        return self.viewer.can_contribute and self.is_published and not self.is_own

    @property
    def may_flag(self) -> bool:
        return (
            self.viewer.signed_in
            and self.is_published
            and not self.is_own
            and not self.is_facilitator
        )

    @property
    def may_reply_as_facilitator(self) -> bool:
        return self.viewer.can_facilitate and self.is_top_level and self.is_published

    @property
    def may_edit(self) -> bool:
        return self.is_own and self.viewer.can_contribute

    @property
    def may_react(self) -> bool:
        """Whether the block offers reactions is the template's to add."""
        return self.viewer.can_contribute and self.is_top_level and self.is_published


@dataclass
class BlockListing:
    items: list[ContributionView]
    total: int
    sort: str
    param: str  # the query parameter of its "Meer tonen" pages
    after: int | None = None  # where the next page continues, if there is one
    continued: bool = False  # this is a "Meer tonen" page, not the first

    @property
    def has_more(self) -> bool:
        return self.after is not None

    def shown(self) -> tuple:
        """What the list template prints: the key of its kept HTML
        (rendered_items), as ContributionView.shown is of an item's."""
        return (
            tuple(view.shown() for view in self.items),
            self.total,
            self.sort,
            self.param,
            self.after,
            self.continued,
        )


class PageParticipation:
    """Per request: who is looking, what they may do, and what each block lists."""

    def __init__(self, page, dialogue, request, participant, bound_forms=None):
        self.page = page
        self.dialogue = dialogue
        self.participant = participant
        self.params = request.GET
        self.bound_forms = bound_forms or {}
        self.accepts_contributions = page.accepts_contributions()
        self.can_facilitate = request.user.has_perm(MODERATE_PERMISSION)
        if any(child.block_type in LISTING_BLOCK_TYPES for child in page.body):
            # Loaded up front, so that a block's first contribution costs no query.
            self.labels  # noqa: B018

    @property
    def can_contribute(self) -> bool:
        return (
            self.accepts_contributions
            and self.participant is not None
            and not self.participant.is_blocked
        )

    def sort_for(self, block_id: str) -> str:
        requested = self.params.get(f"sorteer-{block_id}")
        return SORT_SUPPORT if requested == SORT_SUPPORT else SORT_NEWEST

    def after(self, param: str) -> int | None:
        value = self.params.get(param, "")
        return int(value) if value.isdigit() and len(value) < 19 else None

    @cached_property
    def query(self) -> str:
        """The query string as it is ('?…' or ''), once per page: posted along
        (and carried to the edit and withdraw pages), so that the participant
        comes back to the list sorted and extended as it was."""
        query = self.params.urlencode()
        return f"?{query}" if query else ""

    @cached_property
    def links(self) -> ItemLinks:
        return ItemLinks(
            tuple(
                (name, pattern, self.query if name in RETURNING else "")
                for name, pattern in sorted(self.page.item_url_patterns().items())
            )
        )

    @cached_property
    def labels(self) -> GroupLabels:
        return GroupLabels(self.dialogue)

    def label_of(self, contribution: ShownItem) -> str:
        if contribution.facilitator_name:
            return f"Gespreksleider · {contribution.facilitator_name}"
        return self.labels.label_for(contribution.author)

    # What a block lists.

    def listing(self, block_id: str, phase=None, sort: str = "", top: int = 0):
        """A block's contributions, newest or most supported first, a page at a time."""
        phase = phase or self.page
        sort = sort or self.sort_for(block_id)
        column = Slice(
            key=block_id,
            rows=top_level(phase, block_id),
            order=ORDERINGS[sort],
            newest_first=True,
            size=top or PAGE_SIZE,
        )
        pages = BlockReader(self, phase, block_id, [column], paged=not top)
        return pages.listing(column, sort)

    def earlier(self, phase, block_id: str, top: int | None) -> BlockListing:
        """A block of an earlier step: all, or only the `top` most supported."""
        if top:
            return self.listing(block_id, phase, sort=SORT_SUPPORT, top=top)
        return self.listing(block_id, phase)

    def board(self, block_id: str, themes, kinds) -> list["ThemeColumn"]:
        """Per theme, a list per kind of the board (`kinds`, each with a
        `key`), each a page at a time."""
        sort = self.sort_for(block_id)

        def column(theme, kind) -> Slice:
            return Slice(
                key=f"{block_id}-{theme.pk}-{slugify(kind)}",
                rows={
                    **top_level(self.page, block_id),
                    "theme_id": theme.pk,
                    "kind": kind,
                },
                order=ORDERINGS[sort],
                newest_first=True,
                size=BOARD_PAGE_SIZE,
            )

        columns = {
            (theme.pk, kind.key): column(theme, kind.key)
            for theme in themes
            for kind in kinds
        }
        pages = BlockReader(self, self.page, block_id, list(columns.values()))
        return [
            ThemeColumn(
                theme,
                lists=[
                    (kind, pages.listing(columns[theme.pk, kind.key], sort))
                    for kind in kinds
                ],
                anchor=f"blok-{block_id}-thema-{theme.pk}",
                sort=sort,
            )
            for theme in themes
        ]


def most_supported(phase, block_id: str, top: int) -> list[ShownItem]:
    """A block's `top` most supported published contributions, read along the
    listing index for "most support" as its lists are."""
    most = Slice(
        key="meeste-steun",
        rows=top_level(phase, block_id),
        order=ORDERINGS[SORT_SUPPORT],
        newest_first=True,
        size=top,
    )
    return most.ordered(read_pages([most], {}))[:top]


def top_level(phase, block_id: str) -> dict:
    return {
        "phase_id": phase.pk,
        "block_id": uuid.UUID(str(block_id)),
        "parent_id": None,
    }


class BlockReader:
    """Reads the pages of one block's slices, their reactions and totals, together."""

    def __init__(self, participation, phase, block_id, slices, paged=True):
        self.participation = participation
        self.participant = participation.participant
        self.block = {"phase_id": phase.pk, "block_id": uuid.UUID(str(block_id))}
        self.slices = slices
        self.paged = paged
        self.cursors = self.read_cursors(slices) if paged else {}
        self.shown = {each.key: self.page_of(each) for each in slices}
        self.reactions = self.read_reactions()
        self.supported = self.read_supported()
        self.totals = self.read_totals()

    def read_cursors(self, slices) -> dict[str, tuple]:
        """Where each "Meer tonen" page continues: the sort key of its last item."""
        wanted = {s.key: self.participation.after(s.param) for s in slices}
        wanted = {key: pk for key, pk in wanted.items() if pk is not None}
        if not wanted:
            return {}
        # Only the columns the pages are sorted by: a cursor is a position.
        names = ("pk", *sorted({name for s in slices for name in s.order} - {"pk"}))
        rows = values_where(Contribution, names, pk=list(wanted.values()), **self.block)
        found = {row[0]: dict(zip(names, row, strict=True)) for row in rows}
        order = {s.key: s.order for s in slices}
        return {
            key: tuple(found[pk][name] for name in order[key])
            for key, pk in wanted.items()
            if pk in found
        }

    @cached_property
    def found(self) -> list[ShownItem]:
        """The published page of every slice and the viewer's own waiting
        items, in one query."""
        return read_pages(
            self.slices,
            self.cursors,
            own_waiting_ids(self.participant),
            viewer_id=self.viewer_id,
        )

    @property
    def viewer_id(self) -> int | None:
        return None if self.participant is None else self.participant.pk

    @cached_property
    def own_waiting(self) -> list[ShownItem]:
        """The viewer's own items that still wait: shown to them alone, in place."""
        block = (self.block["phase_id"], self.block["block_id"])
        return [
            own
            for own in self.found
            if own.status == ContributionStatus.PENDING
            and (own.phase_id, own.block_id) == block
        ]

    def page_of(self, each: Slice) -> list[ShownItem]:
        """The slice's next page and one more item, if there is one."""
        return [
            c
            for c in self.published_items.get(each.key, [])
            + [own for own in self.own_waiting if each.holds(own)]
            if each.comes_after(c, self.cursors.get(each.key))
        ]

    @cached_property
    def published_items(self) -> dict[str, list[ShownItem]]:
        found = [c for c in self.found if c.status == ContributionStatus.PUBLISHED]
        # Each row is sorted once per shape of slice, not tried against every
        # slice: a board's page has ten slices and sixty rows.
        by_values = defaultdict(list)
        for shape in {tuple(each.rows) for each in self.slices}:
            for contribution in found:
                values = tuple(getattr(contribution, name) for name in shape)
                by_values[shape, values].append(contribution)
        return {
            each.key: list(by_values[tuple(each.rows), tuple(each.rows.values())])
            for each in self.slices
        }

    def read_reactions(self) -> dict[int, tuple[list, str]]:
        """The first reactions of every item shown, and where more of them begin."""
        waiting_under = {own.parent_id for own in self.own_waiting}
        parents = [
            c
            for each in self.slices
            for c in each.ordered(self.shown[each.key])[: each.size]
            if c.reaction_count or c.pk in waiting_under
        ]
        slices = {parent.pk: reactions_of(parent) for parent in parents}
        cursors = self.read_cursors(list(slices.values())) if slices else {}
        # Most items have fewer reactions than a page shows: those are read in
        # one plain query, bounded by their counters; only the rest need a
        # page of their own.
        whole = [
            p.pk
            for p in parents
            if p.reaction_count <= REACTIONS_SHOWN and slices[p.pk].key not in cursors
        ]
        published = items_where(
            self.viewer_id, parent_id=whole, status=ContributionStatus.PUBLISHED
        )
        published += read_pages(
            [slices[p.pk] for p in parents if p.reaction_count and p.pk not in whole],
            cursors,
            viewer_id=self.viewer_id,
        )
        # Grouped by parent first: matching every reaction against every item
        # shown grows with their product.
        under = defaultdict(list)
        for reaction in published + self.own_waiting:
            under[reaction.parent_id].append(reaction)
        reactions = {}
        for parent_pk, each in slices.items():
            found = each.ordered(
                [
                    r
                    for r in under[parent_pk]
                    if each.comes_after(r, cursors.get(each.key))
                ],
            )
            more = more_after(each, found)
            reactions[parent_pk] = (
                found[: each.size],
                None if more is None else (each.param, more),
            )
        return reactions

    def read_supported(self) -> set[int]:
        """What the viewer supports among what is shown: read with the rows."""
        shown = [c for items in self.shown.values() for c in items] + [
            r for found, _ in self.reactions.values() for r in found
        ]
        return {c.pk for c in shown if c.supported}

    def read_totals(self) -> dict[str, int]:
        """Published items per slice from the counters, plus the viewer's own."""
        tallies = values_where(
            ListingTally, ("theme_key", "kind", "published"), **self.block
        )
        totals = {}
        for each in self.slices:
            theme = each.rows.get("theme_id")
            kind = each.rows.get("kind")
            totals[each.key] = sum(
                published
                for theme_key, tally_kind, published in tallies
                if (theme is None or theme_key == theme)
                and (kind is None or tally_kind == kind)
            ) + sum(1 for own in self.own_waiting if each.holds(own))
        return totals

    @cached_property
    def viewer(self) -> Viewer:
        participation = self.participation
        return Viewer(
            can_contribute=participation.can_contribute,
            signed_in=self.participant is not None,
            can_facilitate=participation.can_facilitate,
        )

    def view(self, contribution: ShownItem) -> ContributionView:
        participation = self.participation
        reactions, more = self.reactions.get(contribution.pk, ([], None))
        return ContributionView(
            contribution=contribution,
            viewer=self.viewer,
            reaction_form=participation.bound_forms.get(f"reactie-{contribution.pk}"),
            label=participation.label_of(contribution),
            supported=contribution.pk in self.supported,
            is_own=self.participant is not None
            and contribution.participant_id == self.participant.pk,
            reactions=[self.view(reaction) for reaction in reactions],
            more_reactions=more,
            links=participation.links,
        )

    def listing(self, each: Slice, sort: str) -> BlockListing:
        found = each.ordered(self.shown[each.key])
        return BlockListing(
            items=[self.view(c) for c in found[: each.size]],
            total=self.totals[each.key],
            sort=sort,
            param=each.param,
            after=more_after(each, found) if self.paged else None,
            continued=each.key in self.cursors,
        )


def reactions_of(parent: ShownItem) -> Slice:
    return Slice(
        key=f"reacties-{parent.pk}",
        rows={"parent_id": parent.pk},
        order=REACTION_ORDER,
        newest_first=False,
        size=REACTIONS_SHOWN,
    )


# SQLite allows 500 terms in one compound SELECT; a page shows far fewer lists.
UNION_TERMS = 400


def read_pages(
    slices: list[Slice], cursors: dict, also=None, viewer_id: int | None = None
) -> list[ShownItem]:
    """The published page of every slice, and the items whose ids `also`
    selects (its SQL and parameters), in one query; with what the viewer
    supports, if there is one (item_rows.items_where).

    The ids come from a UNION ALL of one bounded index scan per slice (its
    LIMIT sits in a subquery, which every backend accepts inside a UNION), so
    the rows read are those shown; the rows with what they show are read with
    them (item_rows.items_among).
    """
    terms = page_terms(slices, cursors) + ([also] if also else [])
    found = []
    for start in range(0, len(terms), UNION_TERMS):
        chunk = terms[start : start + UNION_TERMS]
        union = " UNION ALL ".join(
            f"SELECT * FROM ({term}) AS slice_{number}"  # noqa: S608 - see slice_sql
            for number, (term, _) in enumerate(chunk)
        )
        params = [param for _, each in chunk for param in each]
        found += items_among(union, params, viewer_id)
    return found


def own_waiting_ids(participant) -> tuple[str, list] | None:
    """The ids of the participant's waiting items, read along their own index
    (participant, status): a person has few, and SQLite, without statistics,
    would rather scan the whole step along its phase index. Sorted into
    blocks afterwards."""
    if participant is None:
        return None
    sql = (
        f"SELECT {column('pk')} FROM {table()} "  # noqa: S608 - names only
        f"WHERE {column('participant_id')} = %s AND {column('status')} = %s"
    )
    return sql, [
        prepared("participant_id", participant.pk),
        prepared("status", ContributionStatus.PENDING),
    ]


def more_after(each: Slice, found: list[ShownItem]) -> int | None:
    """The last item of this page when there is more than one page holds."""
    return found[each.size - 1].pk if len(found) > each.size else None


@dataclass
class ThemeColumn:
    """One theme of a board: per kind (ideas, concerns; or the editor's), a
    paged listing."""

    theme: object
    lists: list[tuple[object, BlockListing]]
    anchor: str
    sort: str
