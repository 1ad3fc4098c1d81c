from django import template
from django.db.models import Case, Value, When

from dialogue_blocks import session
from dialogue_blocks.models import Municipality

register = template.Library()


@register.inclusion_tag(
    "invitations/includes/participation_status.html", takes_context=True
)
def participation_status(context):
    """Whether the visitor takes part, and as what, on every page."""
    request = context.get("request")
    if request is None:
        return {}
    dialogue = dialogue_of(context.get("page"))
    participant = (
        session.participant_for(request, dialogue)
        if dialogue is not None
        else session.any_participant(request)
    )
    if dialogue is None and participant is not None:
        dialogue = participant.dialogue  # read along (any_participant)
    return {"request": request, "participant": participant, "dialogue": dialogue}


def dialogue_of(page):
    """The dialogue a page belongs to, if it is a dialogue page or one beneath it."""
    specific = getattr(page, "specific", None)
    return specific.dialogue_page() if hasattr(specific, "dialogue_page") else None


@register.inclusion_tag(
    "invitations/includes/municipality_list.html", takes_context=True
)
def municipality_list(context):
    """The datalist behind every municipality field: searchable without script.

    On a landing page the municipalities it speaks to (its province's or its
    network's) come first, so the list opens on the names most likely meant.
    """
    municipalities = Municipality.objects.filter(is_active=True)
    audience = getattr(context.get("page"), "audience_municipalities", None)
    if audience is not None:
        in_audience = When(pk__in=audience().values("pk"), then=Value(0))
        municipalities = municipalities.alias(
            outside_audience=Case(in_audience, default=Value(1))
        ).order_by("outside_audience", "name")
    return {"names": municipalities.values_list("name", flat=True)}
