"""Every moderation action, each recorded in Wagtail's log with who, when and why."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from dialogue_blocks.models import (
    Contribution,
    ContributionStatus,
    Flag,
    Participant,
    RejectionReason,
)
from dialogue_blocks.services import new_reaction

from .models import FacilitatorProfile
from .notifications import notify_moderators


def set_status(contribution: Contribution, status: str, **fields) -> None:
    contribution.status = status
    for name, value in fields.items():
        setattr(contribution, name, value)
    contribution.save(update_fields=["status", *fields])


def resolve_open_flags(contribution: Contribution) -> int:
    return contribution.flags.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )


@transaction.atomic
def approve(contribution: Contribution, user) -> None:
    set_status(contribution, ContributionStatus.PUBLISHED, hold_reason="")
    resolve_open_flags(contribution)
    log(contribution, "moderation.approve", user=user)


@transaction.atomic
def reject(contribution: Contribution, user, reason: str, note: str = "") -> None:
    set_status(
        contribution,
        ContributionStatus.REJECTED,
        rejection_reason=reason,
        rejection_note=note,
    )
    resolve_open_flags(contribution)
    label = RejectionReason(reason).label
    log(
        contribution,
        "moderation.reject",
        user=user,
        data={"reason": label, "note": note},
    )


@transaction.atomic
def hide(contribution: Contribution, user) -> None:
    set_status(contribution, ContributionStatus.HIDDEN)
    log(contribution, "moderation.hide", user=user)


@transaction.atomic
def restore(contribution: Contribution, user) -> None:
    set_status(
        contribution,
        ContributionStatus.PUBLISHED,
        hold_reason="",
        rejection_reason="",
        rejection_note="",
    )
    resolve_open_flags(contribution)
    log(contribution, "moderation.restore", user=user)


def resolve_flags(contribution: Contribution, user) -> None:
    """The reports were unfounded: the contribution stays as it is."""
    count = resolve_open_flags(contribution)
    log(contribution, "moderation.resolve_flags", user=user, data={"count": count})


def approve_many(contributions, user) -> int:
    for contribution in contributions:
        approve(contribution, user)
    return len(contributions)


def reject_many(contributions, user, reason: str, note: str = "") -> int:
    for contribution in contributions:
        reject(contribution, user, reason, note)
    return len(contributions)


@transaction.atomic
def flag(contribution: Contribution, participant: Participant, reason, note="") -> bool:
    """A participant reports a contribution; enough open reports put it on hold.

    Returns False when this participant had reported it already.
    """
    _, created = Flag.objects.get_or_create(
        contribution=contribution,
        participant=participant,
        defaults={"reason": reason, "note": note},
    )
    open_flags = contribution.flags.filter(resolved_at__isnull=True).count()
    threshold = participant.dialogue.flag_threshold
    if (
        created
        and contribution.status == ContributionStatus.PUBLISHED
        and open_flags >= threshold
    ):
        set_status(
            contribution,
            ContributionStatus.PENDING,
            hold_reason=f"{open_flags} meldingen van deelnemers",
        )
        notify_moderators.enqueue()
    return created


@transaction.atomic
def block_participant(participant: Participant, user) -> int:
    """No new contributions from this pseudonym; what still waits is rejected."""
    participant.is_blocked = True
    participant.save(update_fields=["is_blocked"])
    waiting = list(participant.contributions.filter(status=ContributionStatus.PENDING))
    for contribution in waiting:
        set_status(
            contribution,
            ContributionStatus.REJECTED,
            rejection_reason=RejectionReason.OTHER,
            rejection_note="De deelnemer is geblokkeerd.",
        )
    log(participant, "moderation.block", user=user, data={"rejected": len(waiting)})
    return len(waiting)


def save_display_name(user, display_name: str) -> FacilitatorProfile:
    profile, _ = FacilitatorProfile.objects.update_or_create(
        user=user, defaults={"display_name": display_name}
    )
    return profile


@transaction.atomic
def facilitator_reply(parent: Contribution, user, text: str) -> Contribution:
    """A reply labelled 'Gespreksleider' with the facilitator's chosen name."""
    reply = new_reaction(
        parent,
        text,
        participant=None,
        status=ContributionStatus.PUBLISHED,
        facilitator_name=user.facilitator.display_name,
    )
    log(reply, "moderation.reply", user=user)
    return reply
