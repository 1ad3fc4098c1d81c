"""The HTML of a list item, kept under what it shows.

An item's markup is the costliest part of a phase page: Django's template
engine spends about half a millisecond on one, and a board shows dozens. But
most items look alike to everyone with the same rights, and change only when
what they show changes. So the HTML is kept in a per-process cache (the
"fragments" alias) under a digest of exactly what the item template prints:
the contribution's shown fields, its label, what the viewer may do with it,
its links and its reactions' own digests (ContributionView.shown).

Nothing invalidates an entry, and nothing has to: a support, an edit, a
reaction or a label that changed as more people joined makes a different key,
and the old entry is never asked for again and ages out. That is also why a
cache per process suffices.

One's own items and those still waiting are kept too: who looks is no part
of the key, only that the item is theirs, and another viewer's item never
shares its key. Not kept: an item with a reaction that came back with an
error (the viewer's own words) or with a message placed at it. Each page's
CSRF token is put into the kept HTML as it is served. The cache is memory,
never the database: it adds nothing a database reader could link.
"""

import hashlib
import secrets

from django.core.cache import caches
from django.template import Context
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

CACHE = "fragments"
TEMPLATE = "dialogue_blocks/includes/contribution.html"
# Stands in for the visitor's CSRF token in the HTML kept, and is replaced by
# it on the way out; random per process, so no text can contain it.
# That is also why the "fragments" cache must stay one per process (LocMemCache):
# HTML kept by another process would carry a stand-in this one does not know.
TOKEN_STAND_IN = secrets.token_hex(16)
STAND_IN_FIELD = (
    f'<input type="hidden" name="csrfmiddlewaretoken" value="{TOKEN_STAND_IN}">'
)


def render(context, view, allow_reactions) -> str:
    """The item as the item template renders it, from the cache when it may."""
    # Whether the page has a token, not the token: asking for it would give
    # every reader a CSRF cookie, also where the item offers no form.
    has_token = "csrf_token" in context
    item_context = {
        "view": view,
        "allow_reactions": allow_reactions,
        "read_only": context.get("read_only"),
        "show_theme": context.get("show_theme"),
        "max_length": context.get("max_length"),
        "request": context.get("request"),
        "messages": context.get("messages", ()),
        "csrf_token": TOKEN_STAND_IN if has_token else None,
    }
    key = cache_key(item_context, view) if may_keep(context, view) else None
    html = caches[CACHE].get(key) if key else None
    if html is None:
        template = context.template.engine.get_template(TEMPLATE)
        html = template.render(Context(item_context, autoescape=context.autoescape))
        if key:
            caches[CACHE].set(key, html)
    if TOKEN_STAND_IN in html:
        html = with_token(html, context["csrf_token"])
    return mark_safe(html)  # noqa: S308 - the template's output, escaped there


def with_token(html: str, token) -> str:
    """The visitor's token for the stand-in, as {% csrf_token %} prints it: no
    field where the page has none ("NOTPROVIDED"). Inside an item being
    rendered (its reactions) the token is the stand-in itself."""
    token = str(token)
    if token in ("", "NOTPROVIDED"):
        return html.replace(STAND_IN_FIELD, "")
    return html.replace(TOKEN_STAND_IN, token)


def may_keep(context, view) -> bool:
    """Not what someone just did: no form input in it, no message placed in it."""
    anchors = set(view.anchors)
    return not view.holds_form_input and not any(
        message.extra_tags in anchors for message in context.get("messages", ())
    )


def cache_key(item_context, view) -> str:
    request = item_context["request"]
    shown = (
        view.shown(),
        bool(item_context["allow_reactions"]),
        bool(item_context["read_only"]),
        bool(item_context["show_theme"]),
        item_context["max_length"],
        bool(item_context["csrf_token"]),
        # The links to more reactions keep the rest of the query string.
        request.GET.urlencode() if request is not None else "",
        get_language(),
    )
    return hashlib.blake2b(repr(shown).encode(), digest_size=20).hexdigest()
