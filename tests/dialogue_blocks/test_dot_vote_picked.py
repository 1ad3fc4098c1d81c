"""A dot vote over contributions the editor picks one by one: the chooser lists
published text without authors, the vote offers the picks in the editor's
order while they stay published, and only this dialogue's."""

import json
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.blocks.struct_block import StructBlockValidationError

from dialogue_blocks.blocks import DotVoteBlock
from dialogue_blocks.models import Contribution
from tests.dialogue_blocks.test_voting import (
    client_of,
    earlier_answers,  # noqa: F401 - a fixture
    stored,
    vote_url,
    voting_phase,
)
from tests.factories import DialoguePageFactory, PhasePageFactory
from tests.participation import dot_vote_block, make_participant

pytestmark = pytest.mark.django_db


def picked_dot_vote(*contributions) -> dict:
    block = dot_vote_block()
    block["value"].update(
        source="gekozen",
        picked=[
            {"type": "item", "value": contribution.pk, "id": str(uuid.uuid4())}
            for contribution in contributions
        ],
    )
    return block


@pytest.fixture
def elsewhere(home_page):
    """A published contribution of another dialogue."""
    other = DialoguePageFactory(parent=home_page, slug="elders", title="Elders")
    phase = PhasePageFactory(parent=other)
    return Contribution.objects.create(
        participant=make_participant(other, 900),
        phase=phase,
        block_id=uuid.uuid4(),
        text="Van een andere dialoog",
        status="gepubliceerd",
    )


def test_the_vote_offers_the_picks_in_order_while_published_and_ours(
    dialogue,
    earlier_answers,  # noqa: F811 - the fixture imported above
    elsewhere,
):
    _, answers = earlier_answers
    rejected = Contribution.objects.get(status="afgewezen")
    phase = voting_phase(dialogue, picked_dot_vote(answers[2], rejected, answers[0]))
    voter = make_participant(dialogue, 1)
    voter_client = client_of(voter)
    page = voter_client.get(phase.url).text
    start = page.index('class="form vote-form"')
    form = page[start : page.index("</form>", start)]
    assert form.index("Antwoord met 2 steun") < form.index("Antwoord met 0 steun")
    assert "Afgewezen" not in form
    assert "per bijdrage geeft u er hoogstens" in form
    voter_client.post(
        vote_url(phase),
        {f"stippen-{answers[0].pk}": 2, f"stippen-{elsewhere.pk}": 1},
    )
    assert stored(voter) == {str(answers[0].pk): 2}  # not the other dialogue's
    answers[2].status = "verborgen"
    answers[2].save()
    form = voter_client.get(phase.url).text
    assert "Antwoord met 2 steun" not in form


def test_the_editor_picks_at_least_two(earlier_answers):  # noqa: F811
    _, answers = earlier_answers
    block = DotVoteBlock()
    block.clean(block.to_python(picked_dot_vote(*answers[:2])["value"]))
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(picked_dot_vote(answers[0])["value"]))
    assert "ten minste 2 bijdragen" in str(error.value.block_errors["picked"])


def test_the_chooser_lists_published_text_and_nothing_of_its_author(
    admin_client,
    earlier_answers,  # noqa: F811
):
    _, answers = earlier_answers
    page = admin_client.get(reverse("bijdrage_kiezen:choose")).content.decode()
    assert "Kies een gepubliceerde bijdrage" in page
    assert "Antwoord met 9 steun" in page
    assert "Afgewezen, maar veel steun" not in page
    assert answers[0].participant_id not in page
    assert page.index("Antwoord met 9 steun") < page.index("Antwoord met 0 steun")


def test_the_chooser_hands_out_no_text_that_is_not_published(
    admin_client,
    earlier_answers,  # noqa: F811 - the fixture imported above
):
    _, answers = earlier_answers
    rejected = Contribution.objects.get(status="afgewezen")
    chosen = reverse("bijdrage_kiezen:chosen", args=[rejected.pk])
    assert admin_client.get(chosen).status_code == 404
    several = admin_client.get(
        reverse("bijdrage_kiezen:chosen_multiple"),
        {"id": [rejected.pk, answers[1].pk]},
    ).content.decode()
    assert "Antwoord met 5 steun" in several and "Afgewezen" not in several


def test_picking_one_contribution_twice_is_refused(earlier_answers):  # noqa: F811
    _, answers = earlier_answers
    block = DotVoteBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(picked_dot_vote(answers[0], answers[0])["value"]))
    assert "twee keer" in str(error.value.block_errors["picked"])


def test_a_pick_from_another_dialogue_is_refused_when_the_page_is_saved(
    dialogue,
    earlier_answers,  # noqa: F811 - the fixture imported above
    elsewhere,
):
    from cms.models import foreign_pick_errors

    _, answers = earlier_answers
    phase = voting_phase(dialogue, picked_dot_vote(answers[0], answers[1]))
    assert foreign_pick_errors(phase.body, dialogue) == []
    phase.body = json.dumps([picked_dot_vote(answers[0], elsewhere)])
    (error,) = foreign_pick_errors(phase.body, dialogue)
    assert "uit een andere dialoog" in error
    with pytest.raises(ValidationError):
        phase.full_clean()


def test_the_editor_finds_a_contribution_by_a_word_of_its_text(
    admin_client,
    earlier_answers,  # noqa: F811 - the fixture imported above
):
    page = admin_client.get(reverse("bijdrage_kiezen:choose"), {"q": "2 steun"})
    text = page.content.decode()
    assert "Zoek in de tekst" in text
    assert "Antwoord met 2 steun" in text and "Antwoord met 9 steun" not in text
