from django import template

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
    return {
        "request": request,
        "participant": participant,
        "dialogue": participant.dialogue if participant else dialogue,
    }


def dialogue_of(page):
    """The dialogue a page belongs to, if it is a dialogue page or one beneath it."""
    specific = getattr(page, "specific", None)
    return specific.dialogue_page() if hasattr(specific, "dialogue_page") else None


@register.inclusion_tag("invitations/includes/municipality_list.html")
def municipality_list():
    """The datalist behind every municipality field: searchable without script."""
    names = Municipality.objects.filter(is_active=True).values_list("name", flat=True)
    return {"names": names}
