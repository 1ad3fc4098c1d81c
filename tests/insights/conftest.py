"""A known dialogue for the participation figures: register, joins, a batch.

k = 5. Invited and joined, by role and province (each person from a
municipality of their own):

    raadslid      12 invited (10 Utrecht, 2 Zeeland), 10 joined (8 + 2)
    wethouder     10 invited (Gelderland), 6 joined
    griffier       8 invited (Utrecht), 5 joined
    burgemeester   6 invited (Utrecht), none joined; plus one not yet invited
                   and one who unsubscribed, both in Utrecht

After joining, 5 raadsleden and 6 wethouders write something; 7 raadsleden
and 3 griffiers vote.
"""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from dialogue_blocks import services
from dialogue_blocks.models import Ballot, Contribution, Municipality, Participant
from invitations.derivation import attributes_at_join, derive_participation
from invitations.models import Invitee, InviteeStatus
from tests.factories import DialoguePageFactory, PhasePageFactory

K = 5


def municipalities(province: str) -> list[Municipality]:
    return list(
        Municipality.objects.filter(province__name=province, is_active=True).order_by(
            "cbs_code"
        )
    )


def invite(dialogue, role, municipality, number, status=InviteeStatus.INVITED):
    return Invitee.objects.create(
        dialogue=dialogue,
        name=f"{role} {number}",
        email=f"{role}-{number}@test.invalid",
        role=role,
        municipality=municipality,
        status=status,
        invited_at=None if status == InviteeStatus.NOT_INVITED else timezone.now(),
    )


def join(dialogue, invitee) -> Participant:
    attributes = attributes_at_join(
        dialogue, invitee.role, invitee.municipality, in_register=True
    )
    participant, _ = services.join_dialogue(dialogue, invitee.email, attributes)
    return participant


@pytest.fixture
def world(home_page):
    dialogue = DialoguePageFactory(
        parent=home_page, slug="deelname", title="Dialoog Deelname", k_threshold=K
    )
    now = timezone.now()
    phase = PhasePageFactory(
        parent=dialogue,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7),
    )
    utrecht, zeeland, gelderland = (
        municipalities("Utrecht"),
        municipalities("Zeeland"),
        municipalities("Gelderland"),
    )
    register = {
        "raadslid": [
            invite(dialogue, "raadslid", m, n) for n, m in enumerate(utrecht[:10])
        ]
        + [invite(dialogue, "raadslid", m, 10 + n) for n, m in enumerate(zeeland[:2])],
        "wethouder": [
            invite(dialogue, "wethouder", m, n) for n, m in enumerate(gelderland[:10])
        ],
        "griffier": [
            invite(dialogue, "griffier", m, n) for n, m in enumerate(utrecht[10:18])
        ],
        "burgemeester": [
            invite(dialogue, "burgemeester", m, n) for n, m in enumerate(utrecht[18:24])
        ],
    }
    invite(dialogue, "burgemeester", utrecht[24], 90, InviteeStatus.NOT_INVITED)
    invite(dialogue, "burgemeester", utrecht[25], 91, InviteeStatus.UNSUBSCRIBED)
    joining = (
        register["raadslid"][:8]
        + register["raadslid"][10:]
        + register["wethouder"][:6]
        + register["griffier"][:5]
    )
    joined = {invitee.email: join(dialogue, invitee) for invitee in joining}
    assert derive_participation(dialogue) is not None
    people = {
        role: [joined[i.email] for i in invitees if i.email in joined]
        for role, invitees in register.items()
    }
    for participant in people["raadslid"][:5] + people["wethouder"]:
        Contribution.objects.create(
            participant=participant,
            phase=phase,
            block_id=uuid.uuid4(),
            text="Een bijdrage",
            status="gepubliceerd",
        )
    for participant in people["raadslid"][:7] + people["griffier"][:3]:
        Ballot.objects.create(
            participant=participant,
            phase=phase,
            block_id=uuid.uuid4(),
            budget=1,
            spent=1,
        )
    dialogue.refresh_from_db()
    return {
        "dialogue": dialogue,
        "phase": phase,
        "register": register,
        "people": people,
    }
