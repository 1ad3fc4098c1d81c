"""State changes of the pseudonymous side: participants and their contributions."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .anonymity import email_hash
from .models import (
    Contribution,
    ContributionStatus,
    Municipality,
    MunicipalityTurnout,
    Participant,
    Role,
    Source,
)


def find_participant(dialogue, email: str) -> Participant | None:
    return Participant.objects.filter(
        dialogue=dialogue, email_hash=email_hash(dialogue, email)
    ).first()


@transaction.atomic
def join_dialogue(
    dialogue,
    email: str,
    role: Role,
    municipality: Municipality,
    source: Source,
    source_page=None,
) -> tuple[Participant, bool]:
    """The participant behind this address; created (and counted) the first time.

    The municipality only decides the groups and the turnout count; it is not
    stored with the participant, since role plus municipality is often a name.
    """
    existing = find_participant(dialogue, email)
    if existing is not None:
        return existing, False
    participant = Participant.objects.create(
        dialogue=dialogue,
        email_hash=email_hash(dialogue, email),
        role=role,
        province_id=municipality.province_id,
        size_class=municipality.size_class,
        source=source,
        source_page=source_page,
        joined_on=timezone.localdate(),
    )
    participant.networks.set(municipality.networks.all())
    count_turnout(dialogue, municipality)
    return participant, True


def count_turnout(dialogue, municipality: Municipality) -> None:
    turnout, _ = MunicipalityTurnout.objects.get_or_create(
        dialogue=dialogue, municipality=municipality
    )
    MunicipalityTurnout.objects.filter(pk=turnout.pk).update(
        participant_count=F("participant_count") + 1
    )


def participant_data(participant: Participant) -> dict:
    """Everything stored about a participant, for their own download."""
    return {
        "dialoog": participant.dialogue.title,
        "deelnemer": {
            "rol": participant.get_role_display(),
            "provincie": str(participant.province) if participant.province else None,
            "grootteklasse": participant.get_size_class_display(),
            "netwerken": [network.code for network in participant.networks.all()],
            "bron": participant.get_source_display(),
            "deelnemer_sinds": participant.joined_on.isoformat(),
        },
        "bijdragen": [
            {
                "stap": contribution.phase.title,
                "tekst": contribution.text,
                "status": contribution.get_status_display(),
                "datum": contribution.created_on.isoformat(),
            }
            for contribution in participant.contributions.select_related("phase")
        ],
    }


@transaction.atomic
def erase_participant(participant: Participant, keep_contributions: bool) -> None:
    """Delete the profile; published contributions stay unlinked or go too."""
    contributions = Contribution.objects.filter(participant=participant)
    if keep_contributions:
        contributions = contributions.exclude(status=ContributionStatus.PUBLISHED)
    contributions.delete()
    # What is kept loses its author through the foreign key's SET_NULL.
    participant.delete()
