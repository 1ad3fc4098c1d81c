import json
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from dialogue_blocks import services
from dialogue_blocks.models import Municipality, Source, Theme
from dialogue_blocks.session import SESSION_KEY
from tests.factories import DialoguePageFactory, PhasePageFactory

QUESTION_ID = str(uuid.UUID("11111111-1111-4111-8111-111111111111"))
BOARD_ID = str(uuid.UUID("22222222-2222-4222-8222-222222222222"))


@pytest.fixture
def dialogue(home_page):
    return DialoguePageFactory(
        parent=home_page, slug="regio", title="Dialoog Regio", moderation_mode="post"
    )


@pytest.fixture
def themes(dialogue):
    return [
        Theme.objects.create(dialogue=dialogue, title="Legitimiteit", sort_order=1),
        Theme.objects.create(dialogue=dialogue, title="Slagkracht", sort_order=2),
    ]


def question_block(max_length=1000, reactions=True, offer_themes=False) -> dict:
    value = {
        "question": "Wat gaat goed?",
        "help_text": "",
        "max_length": max_length,
        "offer_themes": offer_themes,
        "reactions": reactions,
    }
    return {"type": "question", "value": value, "id": QUESTION_ID}


def board_block() -> dict:
    value = {"heading": "Ideeën", "intro": "", "themes": [], "max_length": 500}
    return {"type": "idea_board", "value": value, "id": BOARD_ID}


@pytest.fixture
def phase(dialogue, themes):
    now = timezone.now()
    return PhasePageFactory(
        parent=dialogue,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7),
        body=json.dumps([question_block(), board_block()]),
    )


def make_participant(dialogue, number=1, role="raadslid", municipality="Utrecht"):
    participant, _ = services.join_dialogue(
        dialogue,
        f"deelnemer-{number}@test.invalid",
        role,
        Municipality.objects.get(name=municipality),
        Source.INVITATION,
    )
    return participant


def sign_in(client, participant):
    session = client.session
    session[SESSION_KEY] = {str(participant.dialogue_id): participant.pk}
    session.save()


@pytest.fixture
def participant(dialogue):
    return make_participant(dialogue)


@pytest.fixture
def participant_client(client, participant):
    sign_in(client, participant)
    return client
