"""Suggestions ("Wie moet er meedoen?") turned into invitees by staff.

Participants name organisations, networks, roles or functions on step 1; staff
read the published ones here and add the people they find to the register.
The register's new rows point at nothing on the participation side, and the
suggestion keeps only how many invitees it became (HandledSuggestion, written
in a transaction of its own by dialogue_blocks.services.mark_suggestion_handled).
"""

from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Length, Substr
from wagtail.models import Page

from dialogue_blocks import services as participation
from dialogue_blocks.models import Contribution, ContributionKind, ContributionStatus

from .models import Invitee

DEFAULT_ROUND = "suggesties van deelnemers"


def published_suggestions():
    """Every published suggestion, those not yet handled first, most supported first."""
    suggestions = Contribution.objects.filter(
        kind=ContributionKind.SUGGESTION,
        parent=None,
        status=ContributionStatus.PUBLISHED,
    )
    # The list covers every dialogue, whose steps share their names: each row
    # names its dialogue, the step's parent in the page tree.
    parent_path = Substr(
        OuterRef("phase__path"), 1, Length(OuterRef("phase__path")) - Page.steplen
    )
    dialogue_title = Subquery(Page.objects.filter(path=parent_path).values("title")[:1])
    return (
        suggestions.select_related("phase", "handled")
        .annotate(dialogue_title=dialogue_title)
        .order_by(
            F("handled").asc(nulls_first=True), "-support_count", "-created_at", "-pk"
        )
    )


class AlreadyInRegister(Exception):  # noqa: N818 - a refusal, as staff read it
    """Someone else added one of these addresses since the form was checked."""

    def __init__(self, emails: set[str]):
        super().__init__("Al in het register.")
        self.emails = emails


def add_invitees(suggestion: Contribution, dialogue, people: list[dict]) -> int:
    """Add these people to the dialogue's register as not yet invited; how many.

    `people` are cleaned rows of the form (name, email, role, municipality,
    organisation, invitation_round), their addresses normalised. The form
    checked the register; it is checked again here, with the dialogue locked
    as an import locks it. An invitee added by hand meanwhile (the admin's
    form takes no lock) makes the insert fail on the unique constraint; either
    way nothing is added and the addresses now taken are named.
    """
    try:
        added = add_once(dialogue, people)
    except IntegrityError:
        raise AlreadyInRegister(taken(dialogue, people)) from None
    participation.mark_suggestion_handled(suggestion, added)
    return added


@transaction.atomic
def add_once(dialogue, people: list[dict]) -> int:
    list(Page.objects.select_for_update().filter(pk=dialogue.pk).values("pk"))
    already = taken(dialogue, people)
    if already:
        raise AlreadyInRegister(already)
    Invitee.objects.bulk_create(
        Invitee(dialogue=dialogue, **person) for person in people
    )
    return len(people)


def taken(dialogue, people: list[dict]) -> set[str]:
    emails = [person["email"] for person in people]
    return set(
        Invitee.objects.filter(dialogue=dialogue, email__in=emails).values_list(
            "email", flat=True
        )
    )
