"""The register learns who takes part only in batches of at least k joins.

Joining writes the participant and nothing else. Everything the register knows
about participation is derived here, periodically, in one transaction that
rewrites every row it derives at once:

- confirmed sign-ups (PendingSignUp, ciphertext) become SignUp records;
- each register record's status ("deelnemer" or not) and the participant's role
  and group attributes follow from matching keyed hashes in memory: each
  register address is hashed as joining hashed it, and no pairing is stored;
- the invited role and municipality hold: a participant's role and attributes
  are taken from the register record (after staff approved any correction),
  generalised by the reference rule and then the population rule
  (dialogue_blocks.anonymity);
- the turnout per municipality is counted from the register's municipalities,
  so a participant never needs one;
- every participant row, every register record and every turnout row of the
  dialogue is written, so that they all carry this transaction's row version
  (PostgreSQL's xmin) and none of them one that lines up with another.

A run does nothing until at least k participants have joined since the last
one; fewer wait for the next ones. Sealing runs it one last time regardless,
inside its own transaction, so nobody sees that last, smaller batch.
"""

import random
from collections import Counter
from dataclasses import replace

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from dialogue_blocks import counters
from dialogue_blocks.anonymity import (
    NOTHING_STORED,
    StoredAttributes,
    attributes_for,
    coarsest,
    email_hasher,
    generalise,
    municipality_attributes,
    reference_attributes,
)
from dialogue_blocks.models import (
    Ballot,
    DialogueSalt,
    Municipality,
    MunicipalityTurnout,
    Participant,
)

from . import ciphers
from .models import (
    AccessLink,
    Invitee,
    InviteeStatus,
    PendingSignUp,
    RegisterBatch,
    SignUp,
)


def attributes_at_join(
    dialogue, role: str, municipality, in_register: bool
) -> StoredAttributes:
    """What a new participant may store, until the next batch decides again.

    The coarser of two rules: the reference rule (m municipalities share it)
    and the register rule: among the register's records of this role, every
    stored value is shared by m records, so that joining the register to the
    participants on role and attributes leaves m people, however few of the
    reference data's municipalities the register covers. A confirmed sign-up is
    not in the register yet (`in_register` False) and counts as one more. A role
    with fewer than m records is not stored either.
    """
    if municipality is None:
        return attributes_for(role, municipality, dialogue.m_threshold)
    finest = municipality_attributes()
    by_reference = replace(
        generalise(finest, dialogue.m_threshold)[municipality.pk], role=role
    )
    register = [
        *Invitee.objects.filter(dialogue=dialogue, role=role).values_list(
            "municipality_id", flat=True
        ),
        *SignUp.objects.filter(dialogue=dialogue, role=role).values_list(
            "municipality_id", flat=True
        ),
    ]
    if not in_register:
        register.append(municipality.pk)
    members = {
        index: replace(finest[pk], role=role)
        for index, pk in enumerate(register)
        if pk in finest
    }
    stored = generalise(members, dialogue.m_threshold)
    own = replace(finest[municipality.pk], role=role)
    by_register = next(
        stored[index] for index, value in members.items() if value == own
    )
    return coarsest(by_reference, by_register)


def waiting_participants(dialogue) -> int:
    """Participants who joined since the last batch: the register knows nothing yet."""
    return Participant.objects.filter(dialogue=dialogue, batched=False).count()


def is_due(dialogue) -> bool:
    return waiting_participants(dialogue) >= dialogue.k_threshold


@transaction.atomic
def derive_participation(dialogue, force: bool = False) -> RegisterBatch | None:
    """Run one batch if at least k joined since the last (or `force`, for sealing)."""
    # One batch per dialogue at a time; joins go on meanwhile.
    DialogueSalt.objects.select_for_update().get_or_create(dialogue_id=dialogue.pk)
    participants = list(Participant.objects.filter(dialogue=dialogue))
    new = sum(not participant.batched for participant in participants)
    if not participants or (new < dialogue.k_threshold and not force):
        return None
    register_sign_ups(dialogue)
    records = [
        *Invitee.objects.filter(dialogue=dialogue).select_related("municipality"),
        *SignUp.objects.filter(dialogue=dialogue).select_related("municipality"),
    ]
    matches = match_records(dialogue, records, participants)
    update_register(dialogue, records, matches)
    update_participants(dialogue, participants, matches)
    update_turnout(dialogue, matches)
    return RegisterBatch.objects.create(
        dialogue=dialogue,
        ran_on=timezone.localdate(),
        participant_count=len(participants),
        new_participant_count=new,
    )


def register_sign_ups(dialogue) -> None:
    """Turn confirmed sign-ups into register records, in no meaningful order."""
    pending = list(PendingSignUp.objects.filter(dialogue=dialogue))
    random.shuffle(pending)
    today = timezone.localdate()
    for entry in pending:
        data = ciphers.decrypt(dialogue, ciphers.PENDING_SIGN_UP, entry.sealed_record)
        sign_up, _ = SignUp.objects.get_or_create(
            dialogue=dialogue,
            email=data["email"],
            defaults={
                "role": data["role"],
                "municipality_id": data["municipality"],
                "source_page_id": data["source_page"],
                "consented_on": today,
            },
        )
        AccessLink.objects.filter(pending_sign_up=entry).update(
            pending_sign_up=None, sign_up=sign_up
        )
        entry.delete()


def match_records(dialogue, records, participants) -> dict:
    """Register record → its participant, matched on keyed hashes, in memory only.

    An address in both lists (invited, and signed up before the invitation) is
    the invitation's: its role and municipality were entered by staff.
    """
    by_hash = {participant.email_hash: participant for participant in participants}
    pseudonym = email_hasher(dialogue)
    matches, taken = {}, set()
    for record in records:
        participant = by_hash.get(pseudonym(record.email))
        if participant is not None and participant.pk not in taken:
            matches[record] = participant
            taken.add(participant.pk)
    return matches


def derived_status(invitee: Invitee, takes_part: bool) -> str:
    if invitee.status in (InviteeStatus.UNSUBSCRIBED, InviteeStatus.UNDELIVERABLE):
        return invitee.status
    if takes_part:
        return InviteeStatus.PARTICIPANT
    return InviteeStatus.INVITED if invitee.invited_at else InviteeStatus.NOT_INVITED


def update_register(dialogue, records, matches) -> None:
    """Every register record of the dialogue is rewritten, changed or not."""
    invitees = [record for record in records if isinstance(record, Invitee)]
    for invitee in invitees:
        invitee.status = derived_status(invitee, invitee in matches)
    Invitee.objects.bulk_update(invitees, ["status"], batch_size=500)
    # A sign-up changes nothing here, but its row is written all the same.
    sign_ups = [record for record in records if isinstance(record, SignUp)]
    SignUp.objects.bulk_update(sign_ups, ["role"], batch_size=500)


def update_participants(dialogue, participants, matches) -> None:
    """Each participant's role and attributes from its register record, made safe."""
    by_reference = reference_attributes(dialogue.m_threshold)
    wanted = {each.pk: StoredAttributes.of(each) for each in participants}
    for record, participant in matches.items():
        safe = by_reference.get(record.municipality_id, NOTHING_STORED)
        wanted[participant.pk] = replace(safe, role=record.role)
    stored = generalise(wanted, dialogue.m_threshold)
    for participant in participants:
        stored[participant.pk].apply_to(participant)
        participant.batched = True
    Participant.objects.bulk_update(
        participants,
        ["role", "province", "size_class", "network_codes", "batched"],
        batch_size=500,
    )
    # The group tallies counted these participants by their attributes then.
    counters.recount_group_votes(
        Ballot.objects.filter(participant__dialogue=dialogue)
        .values_list("phase_id", flat=True)
        .distinct()
    )


def update_turnout(dialogue, matches) -> None:
    """The participants per municipality, from the register; every row rewritten."""
    counts = Counter(record.municipality_id for record in matches)
    counts.pop(None, None)  # a register record without a municipality
    existing = {
        row.municipality_id: row
        for row in MunicipalityTurnout.objects.filter(dialogue=dialogue)
    }
    rows = []
    for municipality_id in Municipality.objects.order_by("cbs_code").values_list(
        "pk", flat=True
    ):
        row = existing.get(municipality_id) or MunicipalityTurnout(
            dialogue=dialogue, municipality_id=municipality_id
        )
        row.participant_count = counts.get(municipality_id, 0)
        rows.append(row)
    MunicipalityTurnout.objects.bulk_create(
        [row for row in rows if row.pk is None], batch_size=500
    )
    MunicipalityTurnout.objects.bulk_update(
        [row for row in rows if row.pk is not None],
        ["participant_count"],
        batch_size=500,
    )


def derive_all_due() -> int:
    """For the periodic run: a batch for every dialogue that has enough new joins."""
    ran = 0
    for dialogue in apps.get_model("cms", "DialoguePage").objects.all():
        if dialogue.sealed_at is None and is_due(dialogue):
            ran += derive_participation(dialogue) is not None
    return ran
