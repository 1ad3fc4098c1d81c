"""Feedback where the person is looking: next to what they just did.

A view places a message by giving it the anchor of that spot as its extra tags
(`messages.success(request, text, extra_tags="bijdrage-12")`) and redirects to
that anchor. The spot renders it; the top of the page keeps a copy that the
stylesheet hides once a placed copy is on the page, so a message whose spot is
not shown still reaches the reader.
"""

from django import template

register = template.Library()


def messages_of(context) -> list:
    return list(context.get("messages", ()))


@register.simple_tag(takes_context=True)
def placed_messages(context, *anchor_parts) -> list:
    """The messages addressed to this anchor, e.g. `"bijdrage" 12`."""
    anchor = "-".join(str(part) for part in anchor_parts)
    return [message for message in messages_of(context) if message.extra_tags == anchor]


@register.simple_tag(takes_context=True)
def unplaced_messages(context) -> list:
    return [message for message in messages_of(context) if not message.extra_tags]


@register.simple_tag(takes_context=True)
def addressed_messages(context) -> list:
    return [message for message in messages_of(context) if message.extra_tags]
