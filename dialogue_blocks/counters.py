"""Counters a page shows without counting rows, kept in the transaction of a change.

Four counters: a contribution's supports (`support_count`), its published
reactions (`reaction_count`), per block, theme and kind how many published
top-level contributions it lists (`ListingTally`), and per voting block and
option the points given and by how many participants (`VoteTally`). Every
change of what they count goes through a function here, in the same
transaction as the change, so a reader never sees a counter and rows that
disagree. Loaders that insert rows in bulk (demo, benchmark data) call
`recount` (`recount_votes`) afterwards; `mismatches` (`vote_mismatches`) finds
a counter that disagrees with its rows, for tests and the load test's check.
"""

from collections import Counter

from django.apps import apps as installed_apps
from django.db import transaction
from django.db.models import Count, F, Q

from .models import (
    WHOLE_BLOCK,
    Contribution,
    ContributionStatus,
    GroupVoteTally,
    ListingTally,
    Participant,
    Vote,
    VoteTally,
    groups_of,
)

COUNTED = ContributionStatus.PUBLISHED
# What a counter needs to know of a contribution to find the counter it feeds.
COUNTER_FIELDS = (
    "pk",
    "status",
    "parent_id",
    "phase_id",
    "block_id",
    "theme_id",
    "kind",
)


def tally_key(row: dict) -> dict:
    return {
        "phase_id": row["phase_id"],
        "block_id": row["block_id"],
        "theme_key": row["theme_id"] or 0,
        "kind": row["kind"],
    }


def add_to_tally(row: dict, delta: int) -> None:
    """Move a block's total; the row is made at the first contribution it counts."""
    key = tally_key(row)
    tallies = ListingTally.objects.filter(**key)
    if not tallies.update(published=F("published") + delta) and delta > 0:
        # Made empty and then raised, so that two first contributions arriving at
        # once both count: the second insert waits and does nothing.
        ListingTally.objects.bulk_create(
            [ListingTally(**key, published=0)], ignore_conflicts=True
        )
        tallies.update(published=F("published") + delta)


def count(row: dict, delta: int) -> None:
    """A contribution enters (+1) or leaves (-1) what its counter counts."""
    if row["parent_id"] is None:
        add_to_tally(row, delta)
    else:
        Contribution.objects.filter(pk=row["parent_id"]).update(
            reaction_count=F("reaction_count") + delta
        )


def row_of(contribution: Contribution) -> dict:
    return {
        "pk": contribution.pk,
        "status": contribution.status,
        "parent_id": contribution.parent_id,
        "phase_id": contribution.phase_id,
        "block_id": contribution.block_id,
        "theme_id": contribution.theme_id,
        "kind": contribution.kind,
    }


def count_new(contribution: Contribution) -> None:
    """A contribution was just created: count it if it is published."""
    if contribution.status == COUNTED:
        count(row_of(contribution), +1)


@transaction.atomic
def change_status(contribution: Contribution, status: str, **fields) -> None:
    """The one way a contribution's status changes; the counters follow.

    The stored status is read under a row lock, not taken from the object, so
    that two changes at once (a moderator and the author) count once each.
    """
    before = (
        Contribution.objects.select_for_update(no_key=True)
        .filter(pk=contribution.pk)
        .values(*COUNTER_FIELDS)
        .get()
    )
    contribution.status = status
    for name, value in fields.items():
        setattr(contribution, name, value)
    contribution.save(update_fields=["status", *fields])
    was_counted, is_counted = before["status"] == COUNTED, status == COUNTED
    if was_counted != is_counted:
        count(before, +1 if is_counted else -1)


def uncount(contributions) -> None:
    """These contributions are about to be deleted or withdrawn in bulk."""
    rows = Contribution.objects.select_for_update(no_key=True).filter(
        pk__in=contributions.values("pk"), status=COUNTED
    )
    for row in rows.values(*COUNTER_FIELDS):
        count(row, -1)


def add_support(contribution_id: int, delta: int) -> None:
    Contribution.objects.filter(pk=contribution_id).update(
        support_count=F("support_count") + delta
    )


def drop_supports(supports) -> None:
    """Delete these supports and lower the counts of what they backed."""
    locked = supports.select_for_update().values_list("contribution_id", flat=True)
    backed = Counter(locked)
    supports.delete()
    for contribution_id, number in backed.items():
        add_support(contribution_id, -number)


def fold_theme(theme) -> None:
    """A theme is deleted: its contributions lose their theme, and so does the count."""
    for tally in ListingTally.objects.select_for_update().filter(theme_key=theme.pk):
        add_to_tally(
            {
                "phase_id": tally.phase_id,
                "block_id": tally.block_id,
                "theme_id": None,
                "kind": tally.kind,
            },
            tally.published,
        )
        tally.delete()


def true_counts(phase_ids, apps=installed_apps) -> tuple[dict, dict]:
    """What the counters should say: per contribution, and per tally key."""
    model = apps.get_model("dialogue_blocks", "Contribution")
    rows = model.objects.filter(phase_id__in=phase_ids).order_by()
    per_contribution = {
        row["pk"]: (row["supports"], row["reactions"])
        for row in rows.values("pk").annotate(
            supports=Count("supports", distinct=True),
            reactions=Count(
                "reactions", filter=Q(reactions__status=COUNTED), distinct=True
            ),
        )
    }
    per_key = {}
    for row in (
        rows.filter(parent__isnull=True, status=COUNTED)
        .values("phase_id", "block_id", "theme_id", "kind")
        .annotate(n=Count("pk"))
    ):
        key = tuple(tally_key(row).values())
        per_key[key] = per_key.get(key, 0) + row["n"]
    return per_contribution, per_key


def recount(phase_ids, apps=installed_apps) -> None:
    """Set every counter of these phases from their rows (after bulk inserts)."""
    contribution_model = apps.get_model("dialogue_blocks", "Contribution")
    tally_model = apps.get_model("dialogue_blocks", "ListingTally")
    per_contribution, per_key = true_counts(phase_ids, apps)
    with transaction.atomic():
        changed = []
        for contribution in contribution_model.objects.filter(
            pk__in=list(per_contribution)
        ).only("pk", "support_count", "reaction_count"):
            supports, reactions = per_contribution[contribution.pk]
            if (contribution.support_count, contribution.reaction_count) != (
                supports,
                reactions,
            ):
                contribution.support_count = supports
                contribution.reaction_count = reactions
                changed.append(contribution)
        contribution_model.objects.bulk_update(
            changed, ["support_count", "reaction_count"], batch_size=500
        )
        tally_model.objects.filter(phase_id__in=phase_ids).delete()
        tally_model.objects.bulk_create(
            tally_model(
                phase_id=phase_id,
                block_id=block_id,
                theme_key=theme_key,
                kind=kind,
                published=published,
            )
            for (phase_id, block_id, theme_key, kind), published in per_key.items()
        )


def mismatches(phase_ids) -> list[str]:
    """Every counter of these phases that disagrees with its rows (empty: all right)."""
    per_contribution, per_key = true_counts(phase_ids)
    found = []
    for pk, supports, reactions in Contribution.objects.filter(
        phase_id__in=phase_ids
    ).values_list("pk", "support_count", "reaction_count"):
        if (supports, reactions) != per_contribution[pk]:
            found.append(
                f"contribution {pk}: counters {(supports, reactions)}, "
                f"rows {per_contribution[pk]}"
            )
    stored = {
        (t.phase_id, t.block_id, t.theme_key, t.kind): t.published
        for t in ListingTally.objects.filter(phase_id__in=phase_ids)
    }
    for key in set(stored) | set(per_key):
        if stored.get(key, 0) != per_key.get(key, 0):
            found.append(
                f"tally {key}: {stored.get(key, 0)}, rows {per_key.get(key, 0)}"
            )
    return found


# Votes (dialogue_blocks.models.Ballot, Vote, VoteTally).


def add_to_vote_tally(phase_id, block_id, option: str, points: int, voters: int):
    """Move one option's totals; its row is made at the first vote it counts."""
    key = {"phase_id": phase_id, "block_id": block_id, "option": option}
    change = {"points": F("points") + points, "voters": F("voters") + voters}
    tallies = VoteTally.objects.filter(**key)
    if not tallies.update(**change):
        # As add_to_tally: made empty, then raised, so two first votes both count.
        VoteTally.objects.bulk_create([VoteTally(**key)], ignore_conflicts=True)
        tallies.update(**change)


def add_to_group_tally(phase_id, block_id, group: tuple, option: str, voters: int):
    """Move one group's count of an option; its row is made at the first vote."""
    dimension, name = group
    key = {
        "phase_id": phase_id,
        "block_id": block_id,
        "dimension": dimension,
        "group": name,
        "option": option,
    }
    tallies = GroupVoteTally.objects.filter(**key)
    if not tallies.update(voters=F("voters") + voters):
        GroupVoteTally.objects.bulk_create(
            [GroupVoteTally(**key)], ignore_conflicts=True
        )
        tallies.update(voters=F("voters") + voters)


def count_group_votes(phase_id, block_id, participant, before: dict, after: dict):
    """The participant's groups follow their ballot: who chose which option."""
    changes = {
        option: (option in after) - (option in before)
        for option in set(before) | set(after)
    }
    changes[WHOLE_BLOCK] = bool(after) - bool(before)
    for group in groups_of(participant):
        for option, delta in changes.items():
            if delta:
                add_to_group_tally(phase_id, block_id, group, option, delta)


def count_votes(
    phase_id, block_id, before: dict, after: dict, participant=None
) -> None:
    """A ballot went from `before` to `after` (option → points); totals follow.

    With the participant, their groups' tallies (GroupVoteTally) follow too.
    """
    if participant is not None:
        count_group_votes(phase_id, block_id, participant, before, after)
    for option in set(before) | set(after):
        old, new = before.get(option, 0), after.get(option, 0)
        if old != new:
            add_to_vote_tally(
                phase_id, block_id, option, new - old, (new > 0) - (old > 0)
            )
    old, new = sum(before.values()), sum(after.values())
    if old != new:
        add_to_vote_tally(
            phase_id, block_id, WHOLE_BLOCK, new - old, (new > 0) - (old > 0)
        )


def drop_ballots(ballots) -> None:
    """These ballots are about to be deleted: their points leave the totals."""
    for ballot in ballots.select_related("participant").select_for_update(of=("self",)):
        before = dict(ballot.votes.values_list("option", "points"))
        count_votes(ballot.phase_id, ballot.block_id, before, {}, ballot.participant)


def true_vote_counts(phase_ids) -> dict[tuple, tuple[int, int]]:
    """What the vote tallies should say: (phase, block, option) → (points, voters)."""
    totals: dict[tuple, list[int]] = {}
    votes = Vote.objects.filter(ballot__phase_id__in=phase_ids).values_list(
        "ballot_id", "ballot__phase_id", "ballot__block_id", "option", "points"
    )
    ballots: dict[int, tuple] = {}
    for ballot_id, phase_id, block_id, option, points in votes.order_by():
        for key in ((phase_id, block_id, option), (phase_id, block_id, WHOLE_BLOCK)):
            totals.setdefault(key, [0, 0])[0] += points
        totals[phase_id, block_id, option][1] += 1
        ballots[ballot_id] = (phase_id, block_id, WHOLE_BLOCK)
    for key in ballots.values():
        totals[key][1] += 1
    return {key: tuple(value) for key, value in totals.items()}


def true_group_counts(phase_ids) -> dict[tuple, int]:
    """What the group tallies should say: (phase, block, dimension, group, option)."""
    participants = {
        participant.pk: groups_of(participant)
        for participant in Participant.objects.filter(
            ballots__phase_id__in=phase_ids
        ).distinct()
    }
    totals: Counter = Counter()
    ballots = set()
    votes = Vote.objects.filter(ballot__phase_id__in=phase_ids).values_list(
        "ballot_id",
        "ballot__participant_id",
        "ballot__phase_id",
        "ballot__block_id",
        "option",
    )
    for ballot_id, participant_id, phase_id, block_id, option in votes.order_by():
        for dimension, group in participants[participant_id]:
            totals[phase_id, block_id, dimension, group, option] += 1
            if ballot_id not in ballots:
                totals[phase_id, block_id, dimension, group, WHOLE_BLOCK] += 1
        ballots.add(ballot_id)
    return dict(totals)


def recount_group_votes(phase_ids) -> None:
    """Set every group tally of these phases from the votes and stored attributes.

    After bulk inserts, and after the derivation changed stored attributes.
    """
    with transaction.atomic():
        GroupVoteTally.objects.filter(phase_id__in=phase_ids).delete()
        GroupVoteTally.objects.bulk_create(
            GroupVoteTally(
                phase_id=phase_id,
                block_id=block_id,
                dimension=dimension,
                group=group,
                option=option,
                voters=voters,
            )
            for (phase_id, block_id, dimension, group, option), voters in (
                true_group_counts(phase_ids).items()
            )
        )


def recount_votes(phase_ids) -> None:
    """Set every vote tally of these phases from the votes (after bulk inserts)."""
    recount_group_votes(phase_ids)
    with transaction.atomic():
        VoteTally.objects.filter(phase_id__in=phase_ids).delete()
        VoteTally.objects.bulk_create(
            VoteTally(
                phase_id=phase_id,
                block_id=block_id,
                option=option,
                points=points,
                voters=voters,
            )
            for (phase_id, block_id, option), (points, voters) in true_vote_counts(
                phase_ids
            ).items()
        )


def vote_mismatches(phase_ids) -> list[str]:
    """Every vote tally and group tally of these phases that disagrees with the
    votes."""
    expected = true_vote_counts(phase_ids)
    stored = {
        (t.phase_id, t.block_id, t.option): (t.points, t.voters)
        for t in VoteTally.objects.filter(phase_id__in=phase_ids)
    }
    found = [
        f"vote tally {key}: {stored.get(key, (0, 0))}, votes {expected.get(key)}"
        for key in set(stored) | set(expected)
        if stored.get(key, (0, 0)) != expected.get(key, (0, 0))
    ]
    expected_groups = true_group_counts(phase_ids)
    stored_groups = {
        (t.phase_id, t.block_id, t.dimension, t.group, t.option): t.voters
        for t in GroupVoteTally.objects.filter(phase_id__in=phase_ids)
    }
    return found + [
        f"group tally {key}: {stored_groups.get(key, 0)}, "
        f"votes {expected_groups.get(key, 0)}"
        for key in set(stored_groups) | set(expected_groups)
        if stored_groups.get(key, 0) != expected_groups.get(key, 0)
    ]
