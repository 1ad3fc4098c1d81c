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


DOT_VOTE_ID = str(uuid.UUID("33333333-3333-4333-8333-333333333333"))
POLL_ID = str(uuid.UUID("44444444-4444-4444-8444-444444444444"))
POLL_OPTIONS = {
    "55555555-5555-4555-8555-000000000001": "Eens per maand",
    "55555555-5555-4555-8555-000000000002": "Eens per kwartaal",
    "55555555-5555-4555-8555-000000000003": "Eens per jaar",
}


def dot_vote_block(budget=5, max_per_option=3, visibility="altijd") -> dict:
    value = {
        "heading": "Wat is het belangrijkst?",
        "intro": "",
        "themes": [],
        "budget": budget,
        "max_per_option": max_per_option,
        "results_visibility": visibility,
    }
    return {"type": "dot_vote", "value": value, "id": DOT_VOTE_ID}


def poll_block(kind="enkel", visibility="altijd") -> dict:
    value = {
        "question": "Hoe vaak wilt u overleg?",
        "intro": "",
        "kind": kind,
        "options": [
            {"type": "item", "value": label, "id": key}
            for key, label in POLL_OPTIONS.items()
        ],
        "scale_low": "helemaal oneens",
        "scale_high": "helemaal eens",
        "results_visibility": visibility,
    }
    return {"type": "poll", "value": value, "id": POLL_ID}


def dot_votes(themes, *points) -> dict:
    """The POST of a dot vote form: points per theme, in the themes' order."""
    return {f"stippen-{theme.pk}": n for theme, n in zip(themes, points, strict=False)}
