"""The Verdiepen board: the idea board with the kinds its editor names, on
themes the editor picks or that a dot vote put on top."""

import json
import uuid

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.phases import Step
from dialogue_blocks import services
from dialogue_blocks.blocks import DeepeningBoardBlock
from dialogue_blocks.blocks.deepening import DEFAULT_KINDS
from dialogue_blocks.models import Contribution
from tests.factories import PhasePageFactory
from tests.participation import (
    DOT_VOTE_ID,
    dot_vote_block,
    make_participant,
    sign_in,
)

pytestmark = pytest.mark.django_db

DEEPENING_ID = str(uuid.UUID("77777777-7777-4777-8777-777777777777"))


def deepening_value(voorkeuren=None, top=1, kinds=DEFAULT_KINDS) -> dict:
    return {
        "heading": "Uitdiepen",
        "intro": "",
        "theme_source": "stemming" if voorkeuren else "gekozen",
        "themes": [],
        "source_page": voorkeuren.pk if voorkeuren else None,
        "source_heading": "Wat is het belangrijkst?" if voorkeuren else "",
        "top": top,
        "kinds": kinds,
        "max_length": 500,
    }


@pytest.fixture
def voorkeuren(dialogue):
    return PhasePageFactory(
        parent=dialogue, step=Step.VOORKEUREN, body=json.dumps([dot_vote_block()])
    )


def verdiepen_page(dialogue, value):
    block = {"type": "deepening_board", "value": value, "id": DEEPENING_ID}
    return PhasePageFactory(
        parent=dialogue, step=Step.VERDIEPEN, body=json.dumps([block])
    )


def vote(dialogue, voorkeuren, themes, number, points):
    voter = make_participant(dialogue, number)
    services.cast_vote(
        voter,
        voorkeuren,
        DOT_VOTE_ID,
        {str(theme.pk): n for theme, n in zip(themes, points, strict=True)},
        budget=5,
        max_per_option=3,
        options=[str(theme.pk) for theme in themes],
    )


def theme_headings(client, page, themes) -> list[str]:
    html = client.get(page.url).text
    found = [(html.find(f'-thema-{t.pk}"'), t.title) for t in themes]
    return [title for position, title in sorted(found) if position >= 0]


def test_a_participant_adds_a_knelpunt_under_a_theme(
    client, dialogue, themes, participant
):
    page = verdiepen_page(dialogue, deepening_value())
    sign_in(client, participant)
    response = client.post(
        f"{page.url}bijdragen/{DEEPENING_ID}/",
        {"kind": "knelpunt", "theme": themes[1].pk, "text": "Te weinig mandaat"},
    )
    assert response.status_code == 302
    stored = Contribution.objects.get()
    assert (stored.kind, stored.theme, stored.status) == (
        "knelpunt",
        themes[1],
        "gepubliceerd",
    )
    html = client.get(page.url).text
    column = html[html.index(f'id="blok-{DEEPENING_ID}-thema-{themes[1].pk}"') :]
    assert column.index("Knelpunten (1)") < column.index("Te weinig mandaat")
    assert column.index("Te weinig mandaat") < column.index("Oplossingen (0)")
    assert "Rol van de VNG (0)" in column


def test_a_kind_the_board_does_not_have_is_refused_next_to_the_field(
    client, dialogue, themes, participant
):
    page = verdiepen_page(dialogue, deepening_value())
    sign_in(client, participant)
    response = client.post(
        f"{page.url}bijdragen/{DEEPENING_ID}/",
        {"kind": "idee", "theme": themes[0].pk, "text": "Een idee"},
    )
    assert "Deze soort bestaat niet op dit bord. Kies er een." in response.text
    assert "Een idee</textarea>" in response.text  # nothing typed is lost
    assert not Contribution.objects.exists()


def test_the_themes_follow_the_vote_and_its_top_n(client, dialogue, themes, voorkeuren):
    legitimacy, decisiveness = themes
    page = verdiepen_page(dialogue, deepening_value(voorkeuren, top=1))
    assert theme_headings(client, page, themes) == []  # nobody voted yet
    vote(dialogue, voorkeuren, themes, 1, [1, 3])
    assert theme_headings(client, page, themes) == [decisiveness.title]
    vote(dialogue, voorkeuren, themes, 2, [3, 0])
    vote(dialogue, voorkeuren, themes, 3, [3, 0])
    assert theme_headings(client, page, themes) == [legitimacy.title]
    page.body = json.dumps(
        [
            {
                "type": "deepening_board",
                "value": deepening_value(voorkeuren, top=2),
                "id": DEEPENING_ID,
            }
        ]
    )
    page.save_revision().publish()
    assert theme_headings(client, page, themes) == [
        legitimacy.title,
        decisiveness.title,
    ]


def test_the_editor_names_each_kind_once_and_a_vote_over_themes(dialogue, voorkeuren):
    block = DeepeningBoardBlock()
    block.clean(block.to_python(deepening_value(voorkeuren)))
    twice = [{"name": "knelpunt", "heading": "A"}, {"name": "Knelpunt", "heading": "B"}]
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(deepening_value(kinds=twice)))
    assert "Geef elke soort een eigen naam." in str(error.value.block_errors["kinds"])
    reserved = [{"name": "reactie", "heading": "Reacties"}]
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(deepening_value(kinds=reserved)))
    assert "al in gebruik" in str(error.value.block_errors["kinds"])
    no_step = deepening_value(voorkeuren)
    no_step["source_page"] = None
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(no_step))
    assert "Kies de stap waar gestemd is." in str(
        error.value.block_errors["source_page"]
    )
