"""Building blocks for tests of participation: a question, a board, participants."""

import uuid

from django.conf import settings

from dialogue_blocks import services
from dialogue_blocks.anonymity import attributes_for
from dialogue_blocks.models import Municipality
from dialogue_blocks.session import SESSION_KEY

QUESTION_ID = str(uuid.UUID("11111111-1111-4111-8111-111111111111"))
BOARD_ID = str(uuid.UUID("22222222-2222-4222-8222-222222222222"))


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


def make_participant(dialogue, number=1, role="raadslid", municipality="Utrecht"):
    """A participant outside any register: attributes by the reference rule only."""
    attributes = attributes_for(
        role, Municipality.objects.get(name=municipality), dialogue.m_threshold
    )
    participant, _ = services.join_dialogue(
        dialogue, f"deelnemer-{number}@test.invalid", attributes
    )
    return participant


def support_by(contribution, supporters) -> None:
    """Supports as participants give them, so the counters follow (tested there)."""
    for supporter in supporters:
        services.support(supporter, contribution)


def sign_in(client, participant):
    """Start a participant's session as the join flow would (tested there)."""
    session = client.session
    session[SESSION_KEY] = {str(participant.dialogue_id): participant.session_token}
    session.save()
    # A signed-cookie session is its own key: hand the client the new cookie.
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
