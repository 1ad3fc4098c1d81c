"""Flag notes and moderators' texts follow the input rules that contributions do.

A moderator reads flag notes, a participant reads rejection notes, everyone reads a
facilitator's name and reply: a bidi override or control character in any of them
would make other text on that screen run backwards or vanish.
"""

import pytest

from dialogue_blocks.models import Contribution, Flag
from moderation.models import FacilitatorProfile
from tests.participation import make_participant, sign_in

from .conftest import QUEUE

pytestmark = pytest.mark.django_db

# A right-to-left override, a bell, an escape and a zero-width space around text.
HOSTILE = "\u200b\u202eNiet \x07netjes\x1b[0m\u2066 geschreven\u2069\u200b"
CLEAN = "Niet netjes[0m geschreven"
# One character as a person sees it, seven code points.
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"


def flag(client, phase, contribution, note):
    return client.post(
        f"{phase.url}bijdrage/{contribution.pk}/melden/",
        {"reason": "anders", "note": note},
    )


@pytest.fixture
def published(answer, dialogue):
    author = make_participant(dialogue, 50)
    return answer("Een gepubliceerde tekst", "gepubliceerd", participant=author)


def test_flag_note_loses_control_and_override_characters(
    participant_client, phase, published
):
    flag(participant_client, phase, published, HOSTILE)
    assert Flag.objects.get().note == CLEAN


def test_flag_note_is_counted_as_a_person_counts(participant_client, phase, published):
    flag(participant_client, phase, published, FAMILY * 300)
    assert Flag.objects.get().note == FAMILY * 300


def test_too_long_flag_note_keeps_the_text_and_says_how_much_too_long(
    participant_client, phase, published
):
    response = flag(participant_client, phase, published, "a" * 302)
    assert "het maximum is 300. Maak hem 2 tekens korter." in response.text
    assert "a" * 302 in response.text  # nothing typed is lost
    assert not Flag.objects.exists()


def test_blank_flag_note_is_stored_as_no_note(participant_client, phase, published):
    flag(participant_client, phase, published, " \u200b\u202e ")
    assert Flag.objects.get().note == ""


def test_flag_note_of_others_is_shown_clean_to_the_moderator(
    client, phase, dialogue, published, moderator_client
):
    reporter = client.__class__()
    sign_in(reporter, make_participant(dialogue, 51))
    flag(reporter, phase, published, HOSTILE)
    inspect = moderator_client.get(f"{QUEUE}inspect/{published.pk}/").text
    assert CLEAN in inspect
    assert "\u202e" not in inspect and "\x07" not in inspect


def test_rejection_note_loses_control_and_override_characters(moderator_client, answer):
    waiting = answer("Wacht op moderatie")
    moderator_client.post(
        f"{QUEUE}reject/{waiting.pk}/", {"reason": "onderwerp", "note": HOSTILE}
    )
    waiting.refresh_from_db()
    assert waiting.status == "afgewezen"
    assert waiting.rejection_note == CLEAN


def test_too_long_rejection_note_is_refused_with_the_count(moderator_client, answer):
    waiting = answer("Wacht op moderatie")
    response = moderator_client.post(
        f"{QUEUE}reject/{waiting.pk}/", {"reason": "onderwerp", "note": "b" * 501}
    )
    assert "Maak hem 1 tekens korter." in response.text
    waiting.refresh_from_db()
    assert waiting.status == "wacht"


def test_facilitator_name_and_reply_follow_the_rules(
    moderator_client, moderator, answer, phase
):
    parent = answer("Een vraag aan de VNG", "gepubliceerd")
    moderator_client.post(
        f"{QUEUE}reply/{parent.pk}/",
        {"display_name": "\u202eMarieke,\n\tVNG\x07", "text": HOSTILE},
    )
    reply = Contribution.objects.get(parent=parent)
    assert reply.facilitator_name == "Marieke, VNG"
    assert reply.text == CLEAN
    assert FacilitatorProfile.objects.get(user=moderator).display_name == (
        "Marieke, VNG"
    )


def test_facilitator_name_of_only_invisible_characters_is_refused(
    moderator_client, answer
):
    parent = answer("Een vraag", "gepubliceerd")
    response = moderator_client.post(
        f"{QUEUE}reply/{parent.pk}/",
        {"display_name": "\u200b\u202e\u2060", "text": "Dank u."},
    )
    assert "Kies de naam waarmee u reageert." in response.text
    assert not Contribution.objects.filter(parent=parent).exists()


def test_facilitator_name_too_long_to_store_is_refused_in_dutch(
    moderator_client, answer
):
    parent = answer("Een vraag", "gepubliceerd")
    response = moderator_client.post(
        f"{QUEUE}reply/{parent.pk}/",
        {"display_name": FAMILY * 20, "text": "Dank u."},
    )
    assert "te lang om op te slaan" in response.text
    assert not Contribution.objects.filter(parent=parent).exists()
