"""Suggestions ("Wie moet er meedoen?") turned into invitees by staff.

Participants name organisations, networks, roles or functions on step 1; staff
read the published ones here and add the people they find to the register.
The register's new rows point at nothing on the participation side, and the
suggestion keeps only how many invitees it became (HandledSuggestion) and,
from then on, no author (dialogue_blocks.services.mark_suggestion_handled).
"""

from django.db import transaction
from django.db.models import F

from dialogue_blocks import services as participation
from dialogue_blocks.models import Contribution, ContributionKind, ContributionStatus

from .models import Invitee

DEFAULT_ROUND = "suggesties van deelnemers"


def published_suggestions(dialogue=None):
    """Every published suggestion, those not yet handled first, most supported first."""
    suggestions = Contribution.objects.filter(
        kind=ContributionKind.SUGGESTION,
        parent=None,
        status=ContributionStatus.PUBLISHED,
    )
    if dialogue is not None:
        suggestions = suggestions.filter(phase__path__startswith=dialogue.path)
    return suggestions.select_related("phase", "handled").order_by(
        F("handled").asc(nulls_first=True), "-support_count", "-created_at", "-pk"
    )


@transaction.atomic
def add_invitees(suggestion: Contribution, dialogue, people: list[dict]) -> int:
    """Add these people to the dialogue's register as not yet invited; how many.

    `people` are cleaned rows of the form (name, email, role, municipality,
    organisation, invitation_round). The suggestion is locked so that two
    staff members adding at once count both.
    """
    locked = Contribution.objects.select_for_update().filter(pk=suggestion.pk)
    list(locked.values_list("pk", flat=True))
    Invitee.objects.bulk_create(
        Invitee(dialogue=dialogue, **person) for person in people
    )
    participation.mark_suggestion_handled(suggestion, len(people))
    return len(people)
