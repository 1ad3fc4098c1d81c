"""Feedback where the person is looking: next to what they just did.

A view places a message by giving it the anchor of that spot as its extra tags
(`messages.success(request, text, extra_tags="bijdrage-12")`) and redirects to
that anchor. The spot shows it with `placed_messages`. The page body renders
before the messages at the top (`messages_then_content`), so the top shows only
what no spot showed: the general messages, and any whose spot is not on the page.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def placed_messages(context, *anchor_parts) -> list:
    """The messages addressed to this anchor (e.g. `"bijdrage" 12`), marked as shown.

    Call it only where they are shown."""
    anchor = "-".join(str(part) for part in anchor_parts)
    placed = [
        message
        for message in context.get("messages", ())
        if message.extra_tags == anchor
    ]
    for message in placed:
        message.placed = True
    return placed


@register.simple_tag(takes_context=True)
def unplaced_messages(context) -> list:
    """What is left for the top of the page once the content has been rendered."""
    return [
        message
        for message in context.get("messages", ())
        if not getattr(message, "placed", False)
    ]


@register.tag
def messages_then_content(parser, token):
    """`{% messages_then_content %}…{% end… %}`: the messages, then the content.

    The content renders first, so the messages it placed are not repeated above.
    """
    nodelist = parser.parse(("endmessages_then_content",))
    parser.delete_first_token()
    return MessagesThenContentNode(nodelist)


class MessagesThenContentNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        content = self.nodelist.render(context)
        messages = context.template.engine.get_template("includes/messages.html")
        return messages.render(context) + content
