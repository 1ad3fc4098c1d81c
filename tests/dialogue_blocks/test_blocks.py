"""Each participation block renders in the admin, in its preview and on the page."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.phases import Step
from dialogue_blocks.blocks import EarlierContributionsBlock
from dialogue_blocks.blocks.sources import BY_HEADING, BY_ID, step_block_choices
from dialogue_blocks.counters import change_status
from dialogue_blocks.models import Contribution, Municipality, Network
from tests.factories import PhasePageFactory
from tests.participation import (
    QUESTION_ID,
    make_participant,
    question_block,
    support_by,
)

pytestmark = pytest.mark.django_db


def test_editor_finds_the_participation_blocks_in_the_page_editor(admin_client, phase):
    html = admin_client.get(f"/beheer/pages/{phase.pk}/edit/").text
    # Block definitions travel as JSON, where non-ASCII letters are escaped.
    for label in ("Open vraag", "Idee\\u00ebn en zorgen", "Uit een eerdere stap"):
        assert label in html


def test_blocks_render_in_the_admin_preview(phase):
    response = phase.make_preview_request()
    html = (
        response.render().content.decode()
        if hasattr(response, "render")
        else (response.content.decode())
    )
    assert "Wat gaat goed?" in html
    assert "Ideeën" in html and "Legitimiteit" in html


def test_themes_are_snippets_editors_manage(admin_client, dialogue, themes):
    listing = admin_client.get("/beheer/snippets/dialogue_blocks/theme/").text
    assert "Legitimiteit" in listing and "Slagkracht" in listing


@pytest.fixture
def earlier_phase(dialogue):
    now = timezone.now()
    return PhasePageFactory(
        parent=dialogue,
        step=Step.VINDEN,
        opens_at=now - timedelta(days=20),
        closes_at=now - timedelta(days=10),
        body=json.dumps([question_block()]),
    )


def earlier_block_value(source, top=None):
    block = EarlierContributionsBlock()
    return block, block.to_python(
        {
            "heading": "Wat u eerder zei",
            "source_page": source.pk,
            "block_id": QUESTION_ID,
            "top": top,
        }
    )


def test_earlier_block_must_point_at_a_block_of_that_page(earlier_phase):
    block, value = earlier_block_value(earlier_phase)
    assert block.clean(value)
    value["block_id"] = "99999999-9999-4999-8999-999999999999"
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "geen beschikbare keuze" in str(error.value.block_errors["block_id"])


def test_referring_blocks_offer_each_steps_blocks_by_kind_and_heading(
    dialogue, earlier_phase, phase
):
    by_id = dict(step_block_choices(("question", "idea_board"), BY_ID))
    group = f"{dialogue.title} · stap {earlier_phase.step}. {earlier_phase.title}"
    assert by_id[group] == [(QUESTION_ID, "Open vraag: Wat gaat goed?")]
    later = f"{dialogue.title} · stap {phase.step}. {phase.title}"
    assert [label for _, label in by_id[later]] == [
        "Open vraag: Wat gaat goed?",
        "Ideeën en zorgen: Ideeën",
    ]
    by_heading = dict(step_block_choices(("idea_board",), BY_HEADING))
    assert by_heading == {later: [("Ideeën", "Ideeën en zorgen: Ideeën")]}


def test_earlier_block_shows_the_most_supported_read_only(
    client, dialogue, earlier_phase, phase
):
    texts = ["Weinig steun", "Veel steun", "Middelmatig", "Nog niet gepubliceerd"]
    supporters = [make_participant(dialogue, n) for n in range(5)]
    for count, text in zip([1, 5, 3, 4], texts, strict=True):
        contribution = Contribution.objects.create(
            phase=earlier_phase,
            block_id=QUESTION_ID,
            text=text,
            status="gepubliceerd",
        )
        support_by(contribution, supporters[:count])
    # Taken back to the queue after it was supported: off the list, support and all.
    change_status(contribution, "wacht")
    _, value = earlier_block_value(earlier_phase, top=2)
    phase.body.append(("earlier_contributions", value))
    phase.save_revision().publish()
    html = client.get(phase.url).text
    assert "De 2 meest gesteunde bijdragen" in html
    assert html.index("Veel steun") < html.index("Middelmatig")
    assert "Weinig steun" not in html and "Nog niet gepubliceerd" not in html
    earlier_section = html[html.index("Wat u eerder zei") :]
    assert "support-button" not in earlier_section.split("</section>")[0]


def test_my_contributions_lists_status_of_each(participant_client, dialogue, phase):
    participant = make_participant(dialogue)  # the signed-in participant
    for status in ("wacht", "gepubliceerd", "afgewezen"):
        Contribution.objects.create(
            participant=participant,
            phase=phase,
            block_id=QUESTION_ID,
            text=f"Tekst {status}",
            status=status,
        )
    html = participant_client.get(dialogue.url + "mijn-bijdragen/").text
    for label in ("wacht op moderatie", "gepubliceerd", "afgewezen"):
        assert label in html
    # All three can be edited or withdrawn from here; the rejected one is sent
    # again when edited.
    assert html.count("/bewerken/") == 3 and html.count("/intrekken/") == 3
    assert "Aanpassen en opnieuw insturen" in html


def test_staff_edit_a_networks_members(admin_client):
    network = Network.objects.get(code="P10")
    ede = Municipality.objects.get(name="Ede")
    edit_url = f"/beheer/snippets/dialogue_blocks/network/edit/{network.pk}/"
    assert "Ede" in admin_client.get(edit_url).text
    response = admin_client.post(
        edit_url,
        {
            "code": "P10",
            "name": network.name,
            "description": network.description,
            "members_reference_date": "2026-11-01",
            "members": [ede.pk],
        },
    )
    assert response.status_code == 302
    assert list(network.members.all()) == [ede]
    assert str(Network.objects.get(pk=network.pk).members_reference_date) == (
        "2026-11-01"
    )
