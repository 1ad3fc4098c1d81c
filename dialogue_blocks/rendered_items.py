"""The HTML of lists and their items, kept under what they show.

An item's markup is the costliest part of a phase page: Django's template
engine spends about half a millisecond on one, and a board shows dozens. But
most items look alike to everyone with the same rights, and change only when
what they show changes. So the HTML is kept in this process's memory (`KEPT`)
under exactly what the item template prints: the contribution's shown fields,
its label, what the viewer may do with it, its links and its reactions' own
(ContributionView.shown). That tuple itself is the key, compared in full on
every hit, so two items can never share an entry the way two digests could.
A whole list is kept the same way, under its items' tuples, its count and
where it continues (BlockListing.shown): a board's ten lists then cost ten
look-ups, and an item is rendered or looked up only when its list changed.

Nothing invalidates an entry, and nothing has to: a support, an edit, a
reaction or a label that changed as more people joined makes a different key,
and the old entry is never asked for again and ages out. That is also why
memory per process suffices.

One's own items and those still waiting are kept too: who looks is no part
of the key, only that the item is theirs, and another viewer's item never
shares its key. Not kept: an item with a reaction that came back with an
error (the viewer's own words) or with a message placed at it, nor the list
that holds it. Each page's
CSRF token is put into the kept HTML as it is served. The cache is memory,
never the database: it adds nothing a database reader could link.
"""

import dataclasses
import secrets
import threading
import uuid
from collections import OrderedDict
from datetime import date, datetime, time
from decimal import Decimal

from django.template import Context
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

ITEM_TEMPLATE = "dialogue_blocks/includes/contribution.html"
LIST_TEMPLATE = "dialogue_blocks/includes/listing.html"
QUERY = "kept_item_query"
# How a list's items render, passed on from the list to its items.
ITEM_OPTIONS = ("read_only", "show_theme", "max_length")
# Stands in for the visitor's CSRF token in the HTML kept, and is replaced by
# it on the way out; random per process, so no text can contain it. HTML kept
# by another process would carry a stand-in this one does not know: one more
# reason the items are kept in this process's memory and nowhere else.
TOKEN_STAND_IN = secrets.token_hex(16)
STAND_IN_FIELD = (
    f'<input type="hidden" name="csrfmiddlewaretoken" value="{TOKEN_STAND_IN}">'
)


# Compared with their type: 1, 1.0 and True are equal keys otherwise, and a
# SafeString prints unescaped where an equal str is escaped.
PLAIN = {str, SafeString, int, float, bool, type(None), Decimal}
PLAIN |= {date, datetime, time, uuid.UUID}


class NotPlain(Exception):
    """The value holds something other than plain values."""


def frozen(value):
    """An exact, hashable copy of plain values in dicts, lists, tuples and
    dataclasses, in their order (attributes print in the order they were
    given); NotPlain for anything else. A key made of it tells apart exactly
    what prints differently."""
    kind = type(value)
    if kind is dict:
        return (dict, tuple((key, frozen(each)) for key, each in value.items()))
    if kind in (list, tuple):
        return (kind, tuple(frozen(each) for each in value))
    if kind in PLAIN:
        return (kind, value)
    if dataclasses.is_dataclass(kind):
        fields = dataclasses.fields(value)
        return (kind, tuple(frozen(getattr(value, each.name)) for each in fields))
    raise NotPlain(kind)


def render(context, view, allow_reactions) -> str:
    """One item, kept under what it shows."""
    options = {
        "allow_reactions": allow_reactions,
        **{name: context.get(name) for name in ITEM_OPTIONS},
    }
    return kept(
        context,
        ITEM_TEMPLATE,
        {"view": view},
        options,
        view.shown() if may_keep(context, [view]) else None,
    )


def render_list(context, listing, anchor, empty_text, **options) -> str:
    """A whole list with its links to more, kept under what its items show:
    one look-up instead of one per item."""
    options = {"anchor": anchor, "empty_text": empty_text, **options}
    # Without a listing (a block outside its page) the template says it is empty.
    items = getattr(listing, "items", None)
    keep = items is not None and may_keep(context, items)
    return kept(
        context,
        LIST_TEMPLATE,
        {"listing": listing},
        options,
        listing.shown() if keep else None,
    )


def kept(context, template_name, subject, options, shown) -> str:
    """The template rendered with only `subject`, `options` and what every
    kept fragment gets, from memory under `shown` (None: not to be kept)."""
    # Whether the page has a token, not the token: asking for it would give
    # every reader a CSRF cookie, also where the item offers no form.
    # Inside a fragment the token is the stand-in or None: None is no token.
    has_token = context.get("csrf_token") is not None
    fragment_context = {
        **subject,
        **options,
        "request": context.get("request"),
        # The page's query string (the links to more keep it), read once per
        # page; a fragment inside a fragment takes it from there.
        QUERY: context[QUERY] if QUERY in context else page_query(context),
        "messages": context.get("messages", ()),
        "csrf_token": TOKEN_STAND_IN if has_token else None,
    }
    key = None
    if shown is not None:
        key = (
            template_name,
            shown,
            tuple(options.items()),
            has_token,
            fragment_context[QUERY],
            get_language(),
        )
    html = KEPT.get(key) if key else None
    if html is None:
        template = context.template.engine.get_template(template_name)
        html = template.render(Context(fragment_context, autoescape=context.autoescape))
        if key:
            KEPT.keep(key, html)
    if TOKEN_STAND_IN in html:
        html = with_token(html, context["csrf_token"])
    return mark_safe(html)  # noqa: S308 - the template's output, escaped there


def with_token(html: str, token) -> str:
    """The visitor's token for the stand-in, as {% csrf_token %} prints it: no
    field where the page has none ("NOTPROVIDED"). Inside a fragment being
    rendered (a list's items, an item's reactions) the token is the stand-in
    itself."""
    token = str(token)
    if token in ("", "NOTPROVIDED"):
        return html.replace(STAND_IN_FIELD, "")
    return html.replace(TOKEN_STAND_IN, token)


def may_keep(context, views) -> bool:
    """Not what someone just did: no form input in them, no message placed in
    them."""
    anchors = {anchor for view in views for anchor in view.anchors}
    return not any(view.holds_form_input for view in views) and not any(
        message.extra_tags in anchors for message in context.get("messages", ())
    )


def page_query(context) -> str:
    participation = context.get("participation")
    if participation is not None:
        return participation.query
    request = context.get("request")
    query = request.GET.urlencode() if request is not None else ""
    return f"?{query}" if query else ""


class KeptHTML:
    """Kept HTML within a budget of characters; what was shown longest ago goes
    first. An entry counts twice its HTML, because its key holds the texts the
    HTML shows.

    A plain mapping under a lock rather than Django's cache: the key is the
    tuple of what a fragment shows, which a cache would have to turn into a
    string, and the HTML needs no copy on the way in and out.
    """

    def __init__(self, budget: int):
        self.budget = budget
        self.used = 0
        self.entries: OrderedDict[tuple, str] = OrderedDict()
        self.lock = threading.Lock()

    @staticmethod
    def cost(html: str) -> int:
        return 2 * len(html)

    def get(self, key: tuple) -> str | None:
        with self.lock:
            html = self.entries.get(key)
            if html is not None:
                self.entries.move_to_end(key)
            return html

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.used = 0

    def keep(self, key: tuple, html: str) -> None:
        if self.cost(html) > self.budget:
            return
        with self.lock:
            replaced = self.entries.pop(key, None)
            if replaced is not None:
                self.used -= self.cost(replaced)
            self.entries[key] = html
            self.used += self.cost(html)
            while self.used > self.budget:
                _, dropped = self.entries.popitem(last=False)
                self.used -= self.cost(dropped)


# Per process, about 32 MB: some fifty boards' worth of lists and their items
# as different viewers see them.
KEPT = KeptHTML(budget=16 * 2**20)
