import re
from urllib.parse import urlencode

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from dialogue_blocks import rendered_items

register = template.Library()

URL = re.compile(r"\bhttps?://[^\s<>\"']+[^\s<>\"'.,;:!?)]")


@register.filter
def contribution_text(text: str) -> str:
    """Plain text as written: escaped, line breaks kept, links never endorsed."""
    parts, position = [], 0
    for match in URL.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(
            format_html(
                '<a href="{0}" rel="nofollow ugc noopener">{0}</a>', match.group(0)
            )
        )
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts).replace("\n", "<br>"))  # noqa: S308 - escaped


def changed_query(context, dropped, setting: dict) -> str:
    """The current query string without the parameters `dropped` says, with
    `setting` set in place (new ones at the end). Built from the pairs rather
    than a copy of request.GET: a board prints twenty of these links, and
    copying a QueryDict copies it deeply."""
    params = context["request"].GET
    pairs = []
    for key, values in params.lists():
        if key in setting:
            pairs.append((key, setting[key]))
        elif not dropped(key):
            pairs += [(key, value) for value in values]
    pairs += [(key, value) for key, value in setting.items() if key not in params]
    return "?" + urlencode(pairs)


@register.simple_tag(takes_context=True)
def query_with(context, key: str, value) -> str:
    """The current query string with one parameter set: for links without script."""
    return changed_query(context, lambda name: False, {key: value})


@register.simple_tag(takes_context=True)
def query_without(context, key: str) -> str:
    """The current query string without one parameter (back to a list's start)."""
    return changed_query(context, lambda name: name == key, {})


@register.simple_tag(takes_context=True)
def sort_url(context, block_id: str, sort: str) -> str:
    """Another order for a block starts at its beginning: its pages are dropped."""
    return changed_query(
        context,
        lambda name: name.startswith(f"na-{block_id}"),
        {f"sorteer-{block_id}": sort},
    )


@register.simple_tag(takes_context=True)
def contribution_list(
    context,
    listing,
    anchor="",
    empty_text="",
    allow_reactions=False,
    max_length=None,
    read_only=False,
    show_theme=False,
) -> str:
    """A list of items with its links to more (`includes/listing.html`), kept
    as a whole where it looks alike to all (dialogue_blocks.rendered_items)."""
    return rendered_items.render_list(
        context,
        listing,
        anchor,
        empty_text,
        allow_reactions=allow_reactions,
        max_length=max_length,
        read_only=read_only,
        show_theme=show_theme,
    )


@register.simple_tag(takes_context=True)
def contribution_item(context, view, allow_reactions=None) -> str:
    """One list item (`includes/contribution.html`), kept where it looks alike
    to all (dialogue_blocks.rendered_items). Reactions offer no reactions."""
    if allow_reactions is None:
        allow_reactions = context.get("allow_reactions")
    return rendered_items.render(context, view, allow_reactions)
