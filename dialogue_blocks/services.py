"""State changes of the pseudonymous side: participants, contributions and votes."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from moderation.audit import forget_log_entries, log_contribution
from moderation.holds import flag_hold_reason, hold_reason
from moderation.notifications import notify_moderators
from moderation.versions import keep_earlier_version

from . import counters
from .anonymity import StoredAttributes, email_hash
from .item_rows import votes_of
from .models import (
    Ballot,
    Contribution,
    ContributionKind,
    ContributionStatus,
    HandledSuggestion,
    Participant,
    RoadmapLink,
    Support,
    Vote,
    moderated_text,
)


def find_participant(dialogue, email: str) -> Participant | None:
    return Participant.objects.filter(
        dialogue=dialogue, email_hash=email_hash(dialogue, email)
    ).first()


def join_dialogue(
    dialogue, email: str, attributes: StoredAttributes
) -> tuple[Participant, bool]:
    """The participant behind this address; created the first time.

    Creating a participant writes the participant and nothing else: no register
    status, no counter (those follow in batches, invitations.derivation), so no
    other row carries its row version. `attributes` are what the participant
    may store of role and municipality (dialogue_blocks.anonymity): never the
    municipality itself, since role plus municipality is often a name.
    """
    pseudonym = email_hash(dialogue, email)
    existing = Participant.objects.filter(dialogue=dialogue, email_hash=pseudonym)
    if existing.exists():
        return existing.get(), False
    participant = Participant(dialogue=dialogue, email_hash=pseudonym)
    attributes.apply_to(participant)
    try:
        with transaction.atomic():
            participant.save(force_insert=True)
    except IntegrityError:
        # Two links of one person were used at the same moment; the other won.
        return existing.get(), False
    return participant, True


def participant_data(participant: Participant) -> dict:
    """Everything stored about a participant, for their own download."""
    contributions = participant.contributions.select_related("phase", "theme")
    return {
        "dialoog": participant.dialogue.title,
        "deelnemer": {
            "rol": participant.get_role_display() or None,
            "provincie": str(participant.province) if participant.province else None,
            "grootteklasse": participant.get_size_class_display() or None,
            "netwerken": participant.network_codes,
            "verwerkt_in_register": participant.batched,
            "geblokkeerd": participant.is_blocked,
        },
        "bijdragen": [
            {
                "stap": contribution.phase.title,
                "soort": contribution.kind_label,
                "thema": str(contribution.theme) if contribution.theme else None,
                "reactie_op": contribution.parent_id,
                "tekst": contribution.text,
                "status": contribution.get_status_display(),
                "datum": contribution.created_on.isoformat(),
                "bewerkt": (
                    timezone.localdate(contribution.edited_at).isoformat()
                    if contribution.edited_at
                    else None
                ),
                "reden_van_afwijzing": contribution.get_rejection_reason_display()
                or None,
                "toelichting_moderator": contribution.rejection_note or None,
                "id": contribution.pk,
            }
            for contribution in contributions
        ],
        "steun": [
            {"bijdrage": support.contribution_id, "tekst": support.contribution.text}
            for support in participant.supports.select_related("contribution")
        ],
        "stemmen": [
            {
                "stap": vote.ballot.phase.title,
                "blok": str(vote.ballot.block_id),
                "keuze": vote.option,
                "punten": vote.points,
            }
            for vote in Vote.objects.filter(ballot__participant=participant)
            .select_related("ballot__phase")
            .order_by("ballot_id", "option")
        ],
        "meldingen": [
            {
                "bijdrage": flag.contribution_id,
                "reden": flag.get_reason_display(),
                "toelichting": flag.note,
                "datum": timezone.localdate(flag.created_at).isoformat(),
                "afgehandeld": flag.resolved_at is not None,
            }
            for flag in participant.flags.all()
        ],
    }


@transaction.atomic
def erase_participant(participant: Participant, keep_contributions: bool) -> None:
    """Delete the profile; published contributions stay unlinked or go too.

    A text others reacted to becomes an empty, withdrawn shell instead, so
    their reactions are not erased with it. The moderation log forgets them.
    """
    counters.drop_supports(Support.objects.filter(participant=participant))
    counters.drop_ballots(Ballot.objects.filter(participant=participant))
    erased = Contribution.objects.filter(participant=participant)
    if keep_contributions:
        erased = erased.exclude(status=ContributionStatus.PUBLISHED)
    erased_ids = list(erased.values_list("pk", flat=True))
    answered = erased.filter(reactions__isnull=False).exclude(
        reactions__participant=participant
    )
    counters.uncount(answered)
    answered.update(text="", status=ContributionStatus.WITHDRAWN, participant=None)
    counters.uncount(erased)
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
    """The same text by the same participant within a minute: a double submit.

    The participant's row is locked first, so that of two identical posts at
    once the second waits, then finds the first (the guard reads, then writes).
    """
    Participant.objects.select_for_update(no_key=True).filter(
        pk=participant.pk
    ).values_list("pk").get()
    return Contribution.objects.filter(
        participant=participant,
        phase=phase,
        block_id=block_id,
        parent=parent,
        text=text,
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()


@transaction.atomic
def create_contribution(
    participant: Participant,
    phase,
    block_id: str,
    text: str,
    kind: ContributionKind = ContributionKind.ANSWER,
    theme=None,
    title: str = "",
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
        title=title,
        text=text,
        **moderation_of(participant.dialogue, moderated_text(title, text)),
    )
    counters.count_new(contribution)
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
    reaction = Contribution.objects.create(
        phase=parent.phase,
        block_id=parent.block_id,
        kind=ContributionKind.REACTION,
        theme=parent.theme,
        parent=parent,
        text=text,
        **fields,
    )
    counters.count_new(reaction)
    return reaction


@transaction.atomic
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


class SupportRefused(Exception):
    """The contribution cannot be supported (any more); str() says why, in Dutch."""


@transaction.atomic
def support(participant: Participant, contribution: Contribution) -> bool:
    """Back a contribution once; True if this press added the support.

    The contribution's row is locked first, so that of twenty presses at once
    one adds the support and the others find it: no unique-key error (whose
    message would pair a pseudonym with a contribution) and no double count.
    """
    current = (
        Contribution.objects.select_for_update(no_key=True)
        .only("status", "participant_id")
        .get(pk=contribution.pk)
    )
    refusal = support_refusal(participant, current)
    if refusal:
        raise SupportRefused(refusal)
    backing = Support.objects.filter(participant=participant, contribution=current)
    if backing.exists():
        return False
    Support.objects.create(participant=participant, contribution=current)
    counters.add_support(current.pk, +1)
    return True


@transaction.atomic
def withdraw_support(participant: Participant, contribution: Contribution) -> bool:
    """Take a support back; True if there was one. Pressing twice changes nothing."""
    withdrawn, _ = Support.objects.filter(
        participant=participant, contribution=contribution
    ).delete()
    if withdrawn:
        counters.add_support(contribution.pk, -withdrawn)
    return bool(withdrawn)


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
    if is_answered_statement(contribution):
        return (
            "Op deze stelling kunnen anderen al hebben geantwoord; u kunt hem niet "
            "meer wijzigen, wel intrekken."
        )
    return None


def is_answered_statement(contribution: Contribution) -> bool:
    """A published proposed statement: its answers are for the text they read."""
    return (
        contribution.kind == ContributionKind.STATEMENT
        and contribution.status == ContributionStatus.PUBLISHED
    )


RESENT = "opnieuw ingestuurd na afwijzing"


@transaction.atomic
def edit_contribution(contribution: Contribution, text: str) -> None:
    """A changed text is checked again as a new one would be.

    The hold reason is worked out again for the new text, so a word its author
    took out no longer holds it. Open reports still do (they are about the
    contribution, not its wording), and a text a moderator rejected waits for a
    moderator again, whatever the mode. The moderator compares the new text with
    the one kept by moderation.versions.
    """
    dialogue = contribution.participant.dialogue
    moderation = moderation_of(dialogue, moderated_text(contribution.title, text))
    reported = flag_hold_reason(contribution, dialogue)
    if reported or contribution.status == ContributionStatus.REJECTED:
        moderation = {
            "status": ContributionStatus.PENDING,
            "hold_reason": moderation["hold_reason"] or reported or RESENT,
        }
    changed = text != contribution.text
    if changed:
        keep_earlier_version(contribution)
    # A text sent again answers the rejection; the log keeps why it was rejected.
    counters.change_status(
        contribution,
        moderation["status"],
        text=text,
        edited_at=timezone.now(),
        hold_reason=moderation["hold_reason"],
        rejection_reason="",
        rejection_note="",
    )
    if changed:
        log_contribution(contribution, "contribution.edit")
    tell_moderators_if_waiting(contribution)


def edited_message(contribution: Contribution, was_rejected: bool = False) -> str:
    if was_rejected:
        return "Uw aangepaste bijdrage is opnieuw ingestuurd en wacht op moderatie."
    if contribution.status == ContributionStatus.PENDING:
        return "Uw wijziging is opgeslagen en wacht op moderatie."
    return "Uw wijziging is opgeslagen."


@transaction.atomic
def withdraw_contribution(contribution: Contribution) -> None:
    counters.change_status(contribution, ContributionStatus.WITHDRAWN)


# Votes: dot voting and polls share one ballot per participant per block.


class VoteRefused(Exception):
    """The vote does not fit the block's rules; str() says why, in Dutch."""


def over_budget_message(total: int, budget: int) -> str:
    return (
        f"U heeft {total} stippen verdeeld, maar u heeft er {budget}. "
        f"Haal er {total - budget} weg en sla opnieuw op."
    )


def locked_ballot(participant, phase, block_id: str, budget: int) -> Ballot:
    """The participant's ballot in this block, made at the first vote, row locked.

    The lock serialises one participant's votes in one block, so that the
    points read as "before" are the ones the change replaces.
    """
    key = {"participant": participant, "phase": phase, "block_id": block_id}
    Ballot.objects.bulk_create(
        [Ballot(**key, budget=budget, spent=0)], ignore_conflicts=True
    )
    return Ballot.objects.select_for_update().get(**key)


@transaction.atomic
def cast_vote(
    participant: Participant,
    phase,
    block_id: str,
    points: dict[str, int],
    *,
    budget: int,
    max_per_option: int,
    options,
) -> dict[str, int]:
    """Replace the participant's points in this block by `points` (option → n).

    Checked here first (the form checks the same, to show the error by the
    field); then the database: `spent` rises only through a conditional update
    that matches no row if the new total would pass the ballot's budget, and
    the CHECK constraint refuses any write that would. Empty `points` withdraws
    the vote. Returns the points now stored.
    """
    points = {str(option): n for option, n in points.items() if n}
    if set(points) - {str(option) for option in options}:
        raise VoteRefused("Deze keuze staat niet (meer) in de stemming.")
    if any(n < 0 or n > max_per_option for n in points.values()):
        raise VoteRefused(f"Per keuze kunt u hoogstens {max_per_option} geven.")
    total = sum(points.values())
    if total > budget:
        raise VoteRefused(over_budget_message(total, budget))
    ballot = locked_ballot(participant, phase, block_id, budget)
    before = dict(ballot.votes.values_list("option", "points"))
    if ballot.budget != budget:
        # The editor changed the budget; the ballot follows where its points fit.
        Ballot.objects.filter(pk=ballot.pk, spent__lte=budget).update(budget=budget)
    delta = total - sum(before.values())
    within_budget = Ballot.objects.filter(pk=ballot.pk, spent__lte=F("budget") - delta)
    if not within_budget.update(spent=F("spent") + delta):
        raise VoteRefused(over_budget_message(total, budget))
    for option in set(before) | set(points):
        old, new = before.get(option, 0), points.get(option, 0)
        if old == new:
            continue
        votes = Vote.objects.filter(ballot=ballot, option=option)
        if not new:
            votes.delete()
        elif not old:
            Vote.objects.create(ballot=ballot, option=option, points=new)
        else:
            votes.update(points=new)
    counters.count_votes(phase.pk, ballot.block_id, before, points, participant)
    return points


def withdraw_vote(participant: Participant, phase, block_id: str) -> bool:
    """Take every point back; True if there were any. Twice changes nothing."""
    with transaction.atomic():
        ballot = (
            Ballot.objects.select_for_update()
            .filter(participant=participant, phase=phase, block_id=block_id)
            .first()
        )
        if ballot is None or not ballot.spent:
            return False
        before = dict(ballot.votes.values_list("option", "points"))
        ballot.votes.all().delete()
        Ballot.objects.filter(pk=ballot.pk).update(spent=0)
        counters.count_votes(phase.pk, ballot.block_id, before, {}, participant)
        return True


def own_votes(participant: Participant | None, phase, block_id: str) -> dict[str, int]:
    """The participant's points in this block (option → points): one query."""
    if participant is None:
        return {}
    return {
        option: points
        for _, option, points in votes_of(participant.pk, phase.pk, [block_id])
    }


@transaction.atomic
def set_roadmap_links(phase, block_id, milestone_id, offered, chosen) -> None:
    """Link exactly `chosen` of the `offered` contributions to the milestone.

    Links to contributions that were not offered stay as they are: a form shows
    a bounded choice, and what it did not show it cannot have unticked.
    """
    links = RoadmapLink.objects.filter(
        phase=phase, block_id=block_id, milestone_id=milestone_id
    )
    chosen_pks = {contribution.pk for contribution in chosen}
    offered_pks = {contribution.pk for contribution in offered}
    links.filter(contribution__in=offered_pks - chosen_pks).delete()
    RoadmapLink.objects.bulk_create(
        [
            RoadmapLink(
                phase=phase,
                block_id=block_id,
                milestone_id=milestone_id,
                contribution_id=pk,
            )
            for pk in chosen_pks
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def mark_suggestion_handled(suggestion: Contribution, invitee_count: int) -> None:
    """Count the invitees staff made of a suggestion.

    Its own transaction, after the one that added the invitees: the
    participation side and the register share no transaction. The suggestion
    keeps its author, as every contribution does: the invitees are the people
    it names, not its author, and taking the author off at a moment staff
    choose would move the dashboard's "bijdragen" per group by one, which
    says more about the author than the page does.
    """
    handled, created = HandledSuggestion.objects.select_for_update().get_or_create(
        contribution=suggestion, defaults={"invitee_count": invitee_count}
    )
    if not created:
        handled.invitee_count = F("invitee_count") + invitee_count
        handled.handled_on = timezone.localdate()
        handled.save(update_fields=["invitee_count", "handled_on"])
