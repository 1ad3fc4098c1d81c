"""The audit's attacks, run by someone who can read the database (PostgreSQL).

Row versions: PostgreSQL stamps every row with the id of the transaction that
wrote it (`xmin`, readable with SELECT). Attributes: the register (role,
municipality, status) and the participants (role and group attributes) can be
joined. For every participant, each attack gives a set of candidate people or
municipalities; a participant is linked when the true one is among fewer than
m candidates. The fixture is a register of mayors, secretaries and clerks of
sixty municipalities plus council members who sign up; a hundred people join
over four batches, and a few more after the last one (the batch window).
"""

import random
from collections import defaultdict

import pytest
from django.db import connection

from dialogue_blocks.anonymity import municipality_attributes
from dialogue_blocks.models import (
    Contribution,
    Municipality,
    MunicipalityTurnout,
    Participant,
)
from invitations import derivation, services
from invitations.models import AccessLink, Invitee, SignUp
from tests.factories import DialoguePageFactory, PhasePageFactory
from tests.page_tree import rebuild_page_tree

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row versions (xmin) are PostgreSQL's; CI runs these on PostgreSQL",
    ),
]

UNIQUE_ROLES = ("burgemeester", "gemeentesecretaris", "griffier")
BLOCK_ID = "6f1c7c53-9b5e-4c52-9d2a-7a0e1f1f0a01"


class World:
    """What the test knows and the attacker does not: who is which participant."""

    def __init__(self):
        home_page = rebuild_page_tree()
        self.rng = random.Random(2026)
        self.dialogue = DialoguePageFactory(parent=home_page, slug="regio")
        self.phase = PhasePageFactory(parent=self.dialogue)
        self.m = self.dialogue.m_threshold
        self.truth: dict[str, tuple[str, int]] = {}  # participant → (email, muni)
        municipalities = list(Municipality.objects.filter(is_active=True))
        self.rng.shuffle(municipalities)
        self.invited_in = municipalities[:60]
        self.signing_up_from = municipalities[60:90]
        for municipality in self.invited_in:
            for role in UNIQUE_ROLES:
                Invitee.objects.create(
                    dialogue=self.dialogue,
                    name=f"{role.title()} van {municipality}",
                    email=f"{role}@{municipality.cbs_code.lower()}.example",
                    role=role,
                    municipality=municipality,
                )
        # The invitation round: every link is made (and mailed) before anyone joins.
        self.links = {
            invitee.email: self.link_for(invitee)
            for invitee in Invitee.objects.filter(dialogue=self.dialogue)
        }

    def link_for(self, invitee) -> int:
        services.create_access_link(invitee)
        return AccessLink.objects.get(invitee=invitee).pk

    def join_invitee(self, invitee: Invitee) -> None:
        participant, _ = services.confirm_link(self.dialogue, self.links[invitee.email])
        self.truth[participant.pk] = (invitee.email, invitee.municipality_id)
        self.contribute(participant)

    def sign_up(self, municipality) -> None:
        email = f"raadslid@{municipality.cbs_code.lower()}.example"
        registration = services.Registration(
            self.dialogue, email, "raadslid", municipality
        )
        token = services.sign_up_token(registration)
        participant, _ = services.confirm_sign_up(self.dialogue, token)
        self.truth[participant.pk] = (email, municipality.pk)
        self.contribute(participant)

    def contribute(self, participant) -> None:
        if self.rng.random() < 0.5:
            Contribution.objects.create(
                participant=participant,
                phase=self.phase,
                block_id=BLOCK_ID,
                text="Samen sterker in de regio.",
                status="gepubliceerd",
            )

    def run(self, joins_per_batch=(25, 25, 25, 25), after_last_batch=7) -> None:
        invitees = list(Invitee.objects.filter(dialogue=self.dialogue))
        self.rng.shuffle(invitees)
        sign_ups = list(self.signing_up_from)
        for batch_size in (*joins_per_batch, after_last_batch):
            for _ in range(batch_size):
                if sign_ups and self.rng.random() < 0.25:
                    self.sign_up(sign_ups.pop())
                else:
                    self.join_invitee(invitees.pop())
            if batch_size != after_last_batch:
                assert derivation.derive_participation(self.dialogue) is not None


@pytest.fixture
def world() -> World:
    world = World()
    world.run()
    return world


def row_versions(model) -> dict:
    """The attacker's first query: every row's writing transaction."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, xmin::text::bigint FROM {model._meta.db_table}")  # noqa: S608
        return {str(row_id): xmin for row_id, xmin in cursor.fetchall()}


def people_by_row_version() -> dict[int, set]:
    """Transaction id → the people (addresses) whose register rows it wrote."""
    people = defaultdict(set)
    for model in (Invitee, SignUp):
        emails = {
            str(pk): email for pk, email in model.objects.values_list("pk", "email")
        }
        for pk, xmin in row_versions(model).items():
            people[xmin].add(emails[pk])
    link_versions = row_versions(AccessLink)
    for link in AccessLink.objects.select_related("invitee", "sign_up"):
        if link.invitee or link.sign_up:  # a pending sign-up's is ciphertext
            people[link_versions[str(link.pk)]].add(link.record.email)
    return people


def near(versions: dict[int, set], xmin: int) -> set:
    """Everything written by the same transaction or the one just before or after."""
    return (
        versions.get(xmin, set())
        | versions.get(xmin - 1, set())
        | versions.get(xmin + 1, set())
    )


def assert_not_linked(world: World, candidates_of) -> int:
    """No participant's true person is among fewer than m candidates; how many
    participants the attack narrowed down at all (for the reader of a failure)."""
    narrowed = 0
    for participant_id, truth in world.truth.items():
        candidates = candidates_of(participant_id)
        if truth in candidates or truth[0] in candidates or truth[1] in candidates:
            assert len(candidates) >= world.m, (participant_id, len(candidates))
            narrowed += 1
    return narrowed


def row_version_candidates() -> dict:
    """Per participant: people and municipalities its row version lines up with."""
    people = people_by_row_version()
    turnout = defaultdict(set)
    municipality_of = dict(
        MunicipalityTurnout.objects.values_list("pk", "municipality_id")
    )
    for pk, xmin in row_versions(MunicipalityTurnout).items():
        turnout[xmin].add(municipality_of[int(pk)])
    return {
        pk: near(people, xmin) | near(turnout, xmin)
        for pk, xmin in row_versions(Participant).items()
    }


def consistent(participant: Participant, role: str, attributes) -> bool:
    """Whether a register record could be this participant, by what is stored."""
    return (
        (not participant.role or participant.role == role)
        and (
            participant.province_id is None
            or participant.province_id == attributes.province_id
        )
        and (
            not participant.size_class
            or participant.size_class == attributes.size_class
        )
        and (
            participant.network_codes is None
            or tuple(participant.network_codes) == attributes.network_codes
        )
    )


def register_rows(only_participants: bool) -> list[tuple[str, str, int]]:
    rows = []
    invitees = Invitee.objects.all()
    if only_participants:
        invitees = invitees.filter(status="deelnemer")
    rows += invitees.values_list("email", "role", "municipality_id")
    rows += SignUp.objects.values_list("email", "role", "municipality_id")
    return rows


def attribute_candidates(only_participants: bool) -> dict:
    """Per participant: the register's people its stored attributes fit."""
    finest = municipality_attributes()
    rows = register_rows(only_participants)
    return {
        participant.pk: {
            email
            for email, role, municipality_id in rows
            if consistent(participant, role, finest[municipality_id])
        }
        for participant in Participant.objects.all()
    }


def test_a_database_reader_links_no_participant_while_the_dialogue_runs(world):
    # Some joined since the last batch: the register knows nothing of them yet.
    waiting = Participant.objects.filter(batched=False).count()
    assert 0 < waiting < world.dialogue.k_threshold
    by_version = row_version_candidates()
    assert_not_linked(world, by_version.__getitem__)
    for only_participants in (False, True):
        by_attributes = attribute_candidates(only_participants)
        narrowed = assert_not_linked(world, by_attributes.__getitem__)
        assert narrowed > 0  # the attack ran against real candidates


def test_after_sealing_nothing_links_even_with_the_turnout(world):
    world.dialogue.refresh_from_db()
    services.seal_dialogue(world.dialogue)
    assert not Invitee.objects.exists() and not SignUp.objects.exists()

    finest = municipality_attributes()
    counted = set(
        MunicipalityTurnout.objects.filter(participant_count__gt=0).values_list(
            "municipality_id", flat=True
        )
    )
    participants = {p.pk: p for p in Participant.objects.all()}
    unique = {
        pk: truth
        for pk, truth in world.truth.items()
        if participants[pk].role in UNIQUE_ROLES
    }
    world.truth = unique  # one of each per municipality: a municipality is a name

    def municipalities(pk):
        participant = participants[pk]
        return {
            municipality_id
            for municipality_id in counted
            if consistent(participant, participant.role, finest[municipality_id])
        }

    assert_not_linked(world, municipalities)
    versions = set(row_versions(Participant).values())
    assert len(versions) == 1  # sealing wrote every participant row at once
