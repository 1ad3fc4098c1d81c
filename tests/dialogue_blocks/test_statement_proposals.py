"""Statements participants propose: moderated like contributions, then answered
like the editor's, without their author, in a list that stays bounded."""

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import ModerationMode
from dialogue_blocks import services
from dialogue_blocks.blocks.statements import MAX_STATEMENTS, proposal_key
from dialogue_blocks.models import Contribution, ContributionStatus, Vote
from moderation import services as moderation
from tests.dialogue_blocks.test_statements import (
    BLOCK_ID,
    S1,
    TEXTS,
    statements_block,
    url,
)
from tests.dialogue_blocks.test_voting import client_of, voting_phase
from tests.participation import make_participant

pytestmark = pytest.mark.django_db

PROPOSAL = "Kleine gemeenten moeten een eigen stem krijgen in de regio."


def with_proposals() -> dict:
    block = statements_block()
    block["value"]["proposals"] = True
    return block


@pytest.fixture
def pre_moderated(dialogue):
    dialogue.moderation_mode = ModerationMode.PRE
    dialogue.k_threshold = 2
    dialogue.save()
    return dialogue


@pytest.fixture
def phase(pre_moderated):
    return voting_phase(pre_moderated, with_proposals())


def propose(client, phase, text=PROPOSAL):
    return client.post(url(phase), {"text": text, "voorstel": "1"})


def moderator():
    return get_user_model().objects.get_or_create(
        username="moderator", defaults={"is_staff": True}
    )[0]


def test_a_proposal_waits_for_moderation_and_then_joins_the_statements(
    phase, pre_moderated
):
    author = make_participant(pre_moderated, 1)
    client = client_of(author)
    response = propose(client, phase)
    assert response["Location"].endswith(f"#blok-{BLOCK_ID}-voorstel")
    page = client.get(phase.url).text
    assert "Uw stelling wacht op moderatie" in page
    assert "Uw voorstel dat op moderatie wacht:" in page and PROPOSAL in page
    other = client_of(make_participant(pre_moderated, 2))
    assert PROPOSAL not in other.get(phase.url).text
    assert "Stelling 1 van 3" in other.get(phase.url).text

    moderation.approve(Contribution.objects.get(text=PROPOSAL), moderator())
    page = other.get(f"{phase.url}?stelling-{BLOCK_ID}=4").text
    assert "Stelling 4 van 4" in page and PROPOSAL in page


def test_a_published_proposal_is_answered_like_the_editors_statements(
    phase, pre_moderated
):
    author = make_participant(pre_moderated, 1)
    proposal = services.create_contribution(
        author, phase, BLOCK_ID, PROPOSAL, kind="stelling"
    )
    moderation.approve(proposal, moderator())
    key = proposal_key(BLOCK_ID, proposal.pk)
    voter = client_of(make_participant(pre_moderated, 2))
    voter.post(url(phase), {"stelling": key, "antwoord": "eens"})
    assert list(Vote.objects.values_list("ballot__block_id", "option")) == [
        (uuid.UUID(key), "eens")
    ]
    # Its author can no longer change the text others answered; withdrawing can.
    assert services.edit_refusal(proposal).startswith("Op deze stelling kunnen")


def test_a_hidden_or_withdrawn_proposal_leaves_the_statements(phase, pre_moderated):
    author = make_participant(pre_moderated, 1)
    viewer = client_of(make_participant(pre_moderated, 2))
    hidden, withdrawn = (
        services.create_contribution(author, phase, BLOCK_ID, text, kind="stelling")
        for text in ("Weg met de regio!", "De regio is te groot.")
    )
    for proposal in (hidden, withdrawn):
        moderation.approve(proposal, moderator())
    assert "Stelling 1 van 5" in viewer.get(phase.url).text
    moderation.hide(hidden, moderator(), reason="persoonlijk")
    services.withdraw_contribution(withdrawn)
    page = viewer.get(phase.url).text
    assert "Weg met de regio!" not in page and "De regio is te groot." not in page
    assert "Stelling 1 van 3" in page


def test_a_proposal_stays_when_its_author_erases_their_profile(phase, pre_moderated):
    author = make_participant(pre_moderated, 1)
    proposal = services.create_contribution(
        author, phase, BLOCK_ID, PROPOSAL, kind="stelling"
    )
    moderation.approve(proposal, moderator())
    Contribution.objects.filter(pk=proposal.pk).update(participant=None)
    page = client_of(make_participant(pre_moderated, 2)).get(
        f"{phase.url}?stelling-{BLOCK_ID}=4"
    )
    assert "Stelling 4 van 4" in page.text and PROPOSAL in page.text


def test_an_empty_or_too_long_proposal_gets_its_message_beside_the_field(
    phase, pre_moderated
):
    client = client_of(make_participant(pre_moderated, 1))
    response = propose(client, phase, "")
    assert response.status_code == 200
    page = response.content.decode()
    field = page[page.index('id="blok-' + BLOCK_ID + '-voorstel"') :]
    assert "Schrijf eerst iets" in field[: field.index("</form>")]
    too_long = "x" * 301
    page = propose(client, phase, too_long).content.decode()
    assert too_long in page  # what was typed stays
    assert not Contribution.objects.exists()


def test_without_the_editors_consent_no_proposal_is_taken(pre_moderated):
    phase = voting_phase(pre_moderated, statements_block())
    client = client_of(make_participant(pre_moderated, 1))
    assert "Een stelling voorstellen" not in client.get(phase.url).text
    propose(client, phase)
    assert not Contribution.objects.exists()


def test_proposals_keep_the_list_bounded_and_the_page_cost_flat(phase, pre_moderated):
    author = make_participant(pre_moderated, 1)
    viewer = client_of(make_participant(pre_moderated, 2))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            viewer.get(phase.url)
        return len(captured)

    Contribution.objects.create(
        participant=author,
        phase=phase,
        block_id=BLOCK_ID,
        kind="stelling",
        text="Voorstel 0",
        status=ContributionStatus.PUBLISHED,
    )
    viewer.get(phase.url)  # the first request also reads the site and session
    few = queries()

    def add_proposals(numbers) -> None:
        Contribution.objects.bulk_create(
            Contribution(
                participant=author,
                phase=phase,
                block_id=BLOCK_ID,
                kind="stelling",
                text=f"Voorstel {n}",
                status=ContributionStatus.PUBLISHED,
            )
            for n in numbers
        )

    add_proposals(range(1, 30))
    assert queries() == few
    add_proposals(range(30, 60))
    page = viewer.get(phase.url).text
    assert f"Stelling 1 van {MAX_STATEMENTS}" in page
    assert TEXTS[S1] in page  # the editor's statements come first
    assert "Voorstel 59" not in page
    # A full list takes no more proposals, and says so.
    assert "een nieuwe stelling past er niet meer bij" in page
    assert "Stelling voorstellen" not in page
    propose(viewer, phase, "Nog eentje.")
    assert not Contribution.objects.filter(text="Nog eentje.").exists()
