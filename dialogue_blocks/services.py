"""State changes of the pseudonymous side: participants and their contributions."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from moderation.audit import forget_log_entries
from moderation.holds import hold_reason
from moderation.notifications import notify_moderators

from .anonymity import email_hash
from .models import (
    Contribution,
    ContributionKind,
    ContributionStatus,
    Municipality,
    MunicipalityTurnout,
    Participant,
    Role,
    Source,
    Support,
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
        network_codes=sorted(municipality.networks.values_list("code", flat=True)),
    )
    count_turnout(dialogue, municipality)
    return participant, True


def count_turnout(dialogue, municipality: Municipality) -> None:
    """One more participant from this municipality, in a table of all of them.

    The rows for every municipality are made together at the first join, so
    their order tells nothing about who joined when.
    """
    row = MunicipalityTurnout.objects.filter(
        dialogue=dialogue, municipality=municipality
    )
    if not row.exists():
        MunicipalityTurnout.objects.bulk_create(
            (
                MunicipalityTurnout(dialogue=dialogue, municipality=each)
                for each in Municipality.objects.order_by("cbs_code")
            ),
            ignore_conflicts=True,
        )
    row.update(participant_count=F("participant_count") + 1)


def participant_data(participant: Participant) -> dict:
    """Everything stored about a participant, for their own download."""
    return {
        "dialoog": participant.dialogue.title,
        "deelnemer": {
            "rol": participant.get_role_display(),
            "provincie": str(participant.province) if participant.province else None,
            "grootteklasse": participant.get_size_class_display(),
            "netwerken": participant.network_codes,
            "bron": participant.get_source_display(),
            "deelnemer_sinds": participant.joined_on.isoformat(),
        },
        "bijdragen": [
            {
                "stap": contribution.phase.title,
                "tekst": contribution.text,
                "status": contribution.get_status_display(),
                "datum": contribution.created_on.isoformat(),
                "soort": contribution.get_kind_display(),
            }
            for contribution in participant.contributions.select_related("phase")
        ],
    }


@transaction.atomic
def erase_participant(participant: Participant, keep_contributions: bool) -> None:
    """Delete the profile; published contributions stay unlinked or go too.

    A text others reacted to becomes an empty, withdrawn shell instead, so
    their reactions are not erased with it. The moderation log forgets them.
    """
    erased = Contribution.objects.filter(participant=participant)
    if keep_contributions:
        erased = erased.exclude(status=ContributionStatus.PUBLISHED)
    erased_ids = list(erased.values_list("pk", flat=True))
    answered = erased.filter(reactions__isnull=False).exclude(
        reactions__participant=participant
    )
    answered.update(text="", status=ContributionStatus.WITHDRAWN, participant=None)
    erased.delete()
    forget_log_entries(erased_ids)
    # What is kept loses its author through the foreign key's SET_NULL.
    participant.delete()


DUPLICATE_WINDOW = timedelta(minutes=1)


def moderation_of(dialogue, text: str) -> dict:
    """Status for a new or changed text, and why it is held if it is.

    Pre-moderation holds every text; post-moderation publishes it unless an
    automatic hold (word list, too many links) applies.
    """
    reason = hold_reason(text)
    if reason or dialogue.moderation_mode == "pre":
        return {"status": ContributionStatus.PENDING, "hold_reason": reason}
    return {"status": ContributionStatus.PUBLISHED, "hold_reason": ""}


def tell_moderators_if_waiting(contribution: Contribution) -> Contribution:
    if contribution.status == ContributionStatus.PENDING:
        notify_moderators.enqueue()
    return contribution


def recent_duplicate(participant, phase, block_id, text, parent=None):
    """The same text by the same participant within a minute: a double submit."""
    return Contribution.objects.filter(
        participant=participant,
        phase=phase,
        block_id=block_id,
        parent=parent,
        text=text,
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()


def create_contribution(
    participant: Participant,
    phase,
    block_id: str,
    text: str,
    kind: ContributionKind = ContributionKind.ANSWER,
    theme=None,
) -> Contribution:
    duplicate = recent_duplicate(participant, phase, block_id, text)
    if duplicate is not None:
        return duplicate
    contribution = Contribution.objects.create(
        participant=participant,
        phase=phase,
        block_id=block_id,
        kind=kind,
        theme=theme,
        text=text,
        **moderation_of(participant.dialogue, text),
    )
    return tell_moderators_if_waiting(contribution)


def reaction_refusal(parent: Contribution, block_value) -> str | None:
    """Reactions go one level deep, on published contributions, where allowed."""
    if parent.parent_id is not None:
        return "Op een reactie kunt u niet reageren; reageer op de bijdrage zelf."
    if parent.status != ContributionStatus.PUBLISHED:
        return "Op deze bijdrage kunt u (nog) niet reageren."
    if not block_value.get("reactions", True):
        return "Bij deze vraag staan reacties uit."
    return None


def new_reaction(parent: Contribution, text: str, **fields) -> Contribution:
    """A reaction sits where its parent sits: same step, block and theme."""
    return Contribution.objects.create(
        phase=parent.phase,
        block_id=parent.block_id,
        kind=ContributionKind.REACTION,
        theme=parent.theme,
        parent=parent,
        text=text,
        **fields,
    )


def create_reaction(participant: Participant, parent: Contribution, text: str):
    duplicate = recent_duplicate(
        participant, parent.phase, parent.block_id, text, parent=parent
    )
    if duplicate is not None:
        return duplicate
    reaction = new_reaction(
        parent,
        text,
        participant=participant,
        **moderation_of(participant.dialogue, text),
    )
    return tell_moderators_if_waiting(reaction)


def posted_message(contribution: Contribution) -> str:
    noun = "reactie" if contribution.parent_id else "bijdrage"
    if contribution.status == ContributionStatus.PENDING:
        return (
            f"Dank u. Uw {noun} wacht op moderatie en verschijnt na goedkeuring. "
            "U ziet de status in ‘Mijn bijdragen’."
        )
    return f"Dank u. Uw {noun} staat op de pagina."


def support_refusal(participant: Participant, contribution: Contribution):
    """Support is for someone else's published contribution."""
    if contribution.status != ContributionStatus.PUBLISHED:
        return "Alleen gepubliceerde bijdragen kunt u steunen."
    if contribution.participant_id == participant.pk:
        return "Uw eigen bijdrage kunt u niet steunen."
    return None


def toggle_support(participant: Participant, contribution: Contribution) -> bool:
    """Support once; a second press withdraws it. True when supported now."""
    support, created = Support.objects.get_or_create(
        participant=participant, contribution=contribution
    )
    if not created:
        support.delete()
    return created


def edit_refusal(contribution: Contribution) -> str | None:
    """Own contributions change while the step is open, unless withdrawn or hidden.

    A rejected one may be rewritten and sent again; a moderator then looks again.
    """
    if not contribution.phase.accepts_contributions():
        return "Deze stap is gesloten; uw bijdrage kunt u niet meer wijzigen."
    if contribution.status in (
        ContributionStatus.WITHDRAWN,
        ContributionStatus.HIDDEN,
    ):
        return "Deze bijdrage kunt u niet meer wijzigen."
    return None


def edit_contribution(contribution: Contribution, text: str) -> None:
    """A changed text is checked again where moderators check new ones.

    One that reports took off the page stays off until a moderator looked, and
    one a moderator rejected waits for a moderator again, whatever the mode.
    """
    moderation = moderation_of(contribution.participant.dialogue, text)
    held = contribution.status == ContributionStatus.PENDING and bool(
        contribution.hold_reason
    )
    if held or contribution.status == ContributionStatus.REJECTED:
        moderation = {
            "status": ContributionStatus.PENDING,
            "hold_reason": moderation["hold_reason"] or contribution.hold_reason,
        }
    contribution.text = text
    contribution.edited_at = timezone.now()
    contribution.status = moderation["status"]
    contribution.hold_reason = moderation["hold_reason"]
    # A text sent again answers the rejection; the log keeps why it was rejected.
    contribution.rejection_reason = contribution.rejection_note = ""
    contribution.save(
        update_fields=[
            "text",
            "edited_at",
            "status",
            "hold_reason",
            "rejection_reason",
            "rejection_note",
        ]
    )
    tell_moderators_if_waiting(contribution)


def edited_message(contribution: Contribution, was_rejected: bool = False) -> str:
    if was_rejected:
        return "Uw aangepaste bijdrage is opnieuw ingestuurd en wacht op moderatie."
    if contribution.status == ContributionStatus.PENDING:
        return "Uw wijziging is opgeslagen en wacht op moderatie."
    return "Uw wijziging is opgeslagen."


def withdraw_contribution(contribution: Contribution) -> None:
    contribution.status = ContributionStatus.WITHDRAWN
    contribution.save(update_fields=["status"])
