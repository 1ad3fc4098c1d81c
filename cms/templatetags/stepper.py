"""`{% stepper %}`: the seven steps, kept under what they show.

The stepper prints every step twice (the compact and the full list), with a
link and dates each: about two milliseconds on every phase page. It looks the
same to everyone on the same page, for as long as no step opens or closes
and no step's page changes its address or dates, and all of that is in the
key it is kept under (StepperItem.shown, dialogue_blocks.rendered_items).
"""

from django import template

from dialogue_blocks.rendered_items import kept

register = template.Library()

TEMPLATE = "includes/stepper.html"


@register.simple_tag(takes_context=True)
def stepper(context, now_line=True) -> str:
    """`now_line=False` leaves out the line with the current step."""
    items = context["stepper"]
    request = context.get("request")
    shown = tuple(item.shown(request) for item in items)
    return kept(context, TEMPLATE, {"stepper": items}, {"now_line": now_line}, shown)
