"""Every moderation action, each recorded in Wagtail's log with who, when and why.

`action_refusal` is the one rule for which action a contribution's state allows:
the admin's buttons, its action views and these services all ask it. Log entries
for a contribution carry "Bijdrage <pk>" as their label, never the text.
"""

from django.db import transaction
from django.utils import timezone

from dialogue_blocks.counters import change_status
from dialogue_blocks.models import (
    Contribution,
    ContributionStatus,
    Flag,
    Participant,
    RejectionReason,
)
from dialogue_blocks.services import new_reaction

from .audit import log_contribution
from .holds import flags_reason
from .models import BlockReason, FacilitatorProfile
from .notifications import notify_moderators
from .versions import forget_earlier_version

WITHDRAWN_REFUSAL = (
    "De auteur heeft deze bijdrage ingetrokken; u kunt haar alleen nog bekijken."
)


class ActionRefused(Exception):
    """The contribution's state does not allow this action; str() is the reason."""


def has_open_flags(contribution: Contribution) -> bool:
    return contribution.flags.filter(resolved_at__isnull=True).exists()


def action_refusal(action: str, contribution: Contribution) -> str | None:
    """Why `action` is not allowed on the contribution now (Dutch), or None.

    Actions: approve, reject, hide, restore, resolve_flags, reply, block, unblock.
    """
    status = contribution.status
    if status == ContributionStatus.WITHDRAWN:
        return WITHDRAWN_REFUSAL
    if action == "approve":
        if status != ContributionStatus.PENDING:
            return "Alleen een bijdrage die wacht op moderatie kunt u goedkeuren."
    elif action == "reject":
        if status not in (ContributionStatus.PENDING, ContributionStatus.PUBLISHED):
            return "Alleen een wachtende of gepubliceerde bijdrage kunt u afwijzen."
    elif action == "hide":
        if status != ContributionStatus.PUBLISHED:
            return "Alleen een gepubliceerde bijdrage kunt u verbergen."
    elif action == "restore":
        if status not in (ContributionStatus.HIDDEN, ContributionStatus.REJECTED):
            return "Alleen een verborgen of afgewezen bijdrage kunt u terugzetten."
    elif action == "resolve_flags":
        if not has_open_flags(contribution):
            return "Deze bijdrage heeft geen open meldingen."
    elif action == "reply":
        if contribution.parent_id is not None:
            return "Op een reactie kunt u niet reageren; reageer op de bijdrage zelf."
        if contribution.facilitator_name:
            return "Op een bijdrage van een gespreksleider kunt u niet reageren."
        if status != ContributionStatus.PUBLISHED:
            return "Alleen op een gepubliceerde bijdrage kunt u reageren."
    elif action in ("block", "unblock"):
        return author_refusal(action, contribution)
    else:
        return "Deze actie bestaat niet."
    return None


def author_refusal(action: str, contribution: Contribution) -> str | None:
    """Blocking and unblocking act on the author, so the author must be there."""
    if contribution.participant_id is None:
        return "Deze bijdrage hoort bij geen deelnemer (meer)."
    blocked = contribution.participant.is_blocked
    if action == "block" and blocked:
        return "Deze deelnemer is al geblokkeerd."
    if action == "unblock" and not blocked:
        return "Deze deelnemer is niet geblokkeerd."
    return None


def ensure_allowed(action: str, contribution: Contribution) -> None:
    """Re-read the state (locking the row where the database can) and check it.

    Raises ActionRefused, so no caller can bypass `action_refusal`.
    """
    if contribution.pk is not None:
        rows = Contribution.objects.filter(pk=contribution.pk)
        if transaction.get_connection().in_atomic_block:
            rows = rows.select_for_update()
        current = rows.values("status", "parent_id", "participant_id").first()
        if current is None:
            raise ActionRefused("Deze bijdrage bestaat niet meer.")
        for name, value in current.items():
            setattr(contribution, name, value)
    refusal = action_refusal(action, contribution)
    if refusal:
        raise ActionRefused(refusal)


def set_status(contribution: Contribution, status: str, **fields) -> None:
    """Through the participation side's one status change, so counters follow.

    Every status a moderator sets is a decision on the text as it is now, so
    the version before the author's last change is no longer needed.
    """
    change_status(contribution, status, **fields)
    forget_earlier_version(contribution)


def resolve_open_flags(contribution: Contribution) -> int:
    return contribution.flags.filter(resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )


@transaction.atomic
def approve(contribution: Contribution, user) -> None:
    ensure_allowed("approve", contribution)
    set_status(contribution, ContributionStatus.PUBLISHED, hold_reason="")
    resolve_open_flags(contribution)
    log_contribution(contribution, "moderation.approve", user=user)


@transaction.atomic
def reject(contribution: Contribution, user, reason: str, note: str = "") -> None:
    ensure_allowed("reject", contribution)
    set_status(
        contribution,
        ContributionStatus.REJECTED,
        rejection_reason=reason,
        rejection_note=note,
    )
    resolve_open_flags(contribution)
    label = RejectionReason(reason).label
    log_contribution(
        contribution,
        "moderation.reject",
        user=user,
        data={"reason": label, "note": note},
    )


@transaction.atomic
def hide(contribution: Contribution, user, reason: str) -> None:
    ensure_allowed("hide", contribution)
    set_status(contribution, ContributionStatus.HIDDEN)
    log_contribution(
        contribution,
        "moderation.hide",
        user=user,
        data={"reason": RejectionReason(reason).label},
    )


@transaction.atomic
def restore(contribution: Contribution, user) -> None:
    ensure_allowed("restore", contribution)
    set_status(
        contribution,
        ContributionStatus.PUBLISHED,
        hold_reason="",
        rejection_reason="",
        rejection_note="",
    )
    resolve_open_flags(contribution)
    log_contribution(contribution, "moderation.restore", user=user)


@transaction.atomic
def resolve_flags(contribution: Contribution, user) -> None:
    """The reports were unfounded: the contribution stays as it is."""
    ensure_allowed("resolve_flags", contribution)
    count = resolve_open_flags(contribution)
    log_contribution(
        contribution, "moderation.resolve_flags", user=user, data={"count": count}
    )


def for_each_waiting(contributions, act) -> tuple[int, int]:
    """Act on the contributions that still wait; (done, skipped).

    The bulk page lists waiting contributions only; one that was approved,
    rejected or withdrawn meanwhile is skipped rather than overruled.
    """
    done = skipped = 0
    for contribution in contributions:
        if contribution.status != ContributionStatus.PENDING:
            skipped += 1
            continue
        try:
            act(contribution)
        except ActionRefused:
            skipped += 1
        else:
            done += 1
    return done, skipped


def approve_many(contributions, user) -> tuple[int, int]:
    """Approve those that still wait: (approved, skipped)."""
    return for_each_waiting(contributions, lambda item: approve(item, user))


def reject_many(contributions, user, reason: str, note: str = "") -> tuple[int, int]:
    """Reject those that still wait: (rejected, skipped)."""
    return for_each_waiting(
        contributions, lambda item: reject(item, user, reason, note)
    )


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
            hold_reason=flags_reason(open_flags),
        )
        notify_moderators.enqueue()
    return created


BLOCKED_NOTE = "De deelnemer is geblokkeerd."


@transaction.atomic
def block_author(contribution: Contribution, user, reason: str, note: str = "") -> int:
    """No new contributions from this contribution's author; what waits is rejected.

    Logged on the contribution the moderator blocked from (its history and the
    audit log say who, when and why); each rejected text logs its rejection.
    Returns how many waiting contributions were rejected.
    """
    ensure_allowed("block", contribution)
    participant = contribution.participant
    participant.is_blocked = True
    participant.save(update_fields=["is_blocked"])
    waiting = list(participant.contributions.filter(status=ContributionStatus.PENDING))
    for item in waiting:
        set_status(
            item,
            ContributionStatus.REJECTED,
            rejection_reason=RejectionReason.OTHER,
            rejection_note=BLOCKED_NOTE,
        )
        log_contribution(
            item,
            "moderation.reject",
            user=user,
            data={"reason": RejectionReason.OTHER.label, "note": BLOCKED_NOTE},
        )
    log_contribution(
        contribution,
        "moderation.block",
        user=user,
        data={
            "reason": BlockReason(reason).label,
            "note": note,
            "rejected": len(waiting),
        },
    )
    return len(waiting)


def waiting_count(participant: Participant) -> int:
    """How many contributions blocking would reject: the ones that wait."""
    return participant.contributions.filter(status=ContributionStatus.PENDING).count()


@transaction.atomic
def unblock_author(contribution: Contribution, user) -> None:
    """The author may contribute again; what blocking rejected stays rejected.

    Its author can rewrite a rejected text and send it again, as after any
    rejection.
    """
    ensure_allowed("unblock", contribution)
    participant = contribution.participant
    participant.is_blocked = False
    participant.save(update_fields=["is_blocked"])
    log_contribution(contribution, "moderation.unblock", user=user)


def save_display_name(user, display_name: str) -> FacilitatorProfile:
    profile, _ = FacilitatorProfile.objects.update_or_create(
        user=user, defaults={"display_name": display_name}
    )
    return profile


@transaction.atomic
def facilitator_reply(parent: Contribution, user, text: str) -> Contribution:
    """A reply labelled 'Gespreksleider' with the facilitator's chosen name.

    Only under a published top-level contribution: raises ActionRefused (its
    str() is a Dutch reason) otherwise; ask `action_refusal("reply", parent)`
    first to show the reason without trying.
    """
    ensure_allowed("reply", parent)
    reply = new_reaction(
        parent,
        text,
        participant=None,
        status=ContributionStatus.PUBLISHED,
        facilitator_name=user.facilitator.display_name,
    )
    log_contribution(reply, "moderation.reply", user=user)
    return reply
