"""Reports by participants, automatic holds, and blocking a pseudonym."""

import pytest
from wagtail.models import ModelLogEntry

from dialogue_blocks.models import Contribution, ContributionStatus, Flag
from moderation.models import ModerationSettings
from tests.participation import QUESTION_ID, make_participant, sign_in

from .conftest import FLAGS, QUEUE

pytestmark = pytest.mark.django_db


def flag_as(client, phase, dialogue, contribution, number):
    sign_in(client, make_participant(dialogue, 100 + number))
    return client.post(
        f"{phase.url}bijdrage/{contribution.pk}/melden/",
        {"reason": "kwetsend", "note": f"melding {number}"},
    )


def test_third_open_flag_takes_a_contribution_off_the_page(
    client, phase, dialogue, answer, moderator_client
):
    item = answer("Omstreden tekst", "gepubliceerd")
    for number in range(2):
        flag_as(client.__class__(), phase, dialogue, item, number)
    item.refresh_from_db()
    assert item.status == ContributionStatus.PUBLISHED
    flag_as(client.__class__(), phase, dialogue, item, 3)
    item.refresh_from_db()
    assert item.status == ContributionStatus.PENDING
    assert item.hold_reason == "3 meldingen van deelnemers"
    assert "Omstreden tekst" not in client.__class__().get(phase.url).text
    flags_list = moderator_client.get(FLAGS).text
    assert flags_list.count("Omstreden tekst") == 1  # grouped per contribution
    assert "kwetsend of persoonlijke aanval" in flags_list


def test_threshold_is_set_per_dialogue(client, phase, dialogue, answer):
    dialogue.flag_threshold = 1
    dialogue.save()
    item = answer("Tekst", "gepubliceerd")
    flag_as(client, phase, dialogue, item, 1)
    item.refresh_from_db()
    assert item.status == ContributionStatus.PENDING


def test_a_participant_flags_a_contribution_once(client, phase, dialogue, answer):
    item = answer("Tekst", "gepubliceerd")
    sign_in(client, make_participant(dialogue, 7))
    for _ in range(3):
        client.post(f"{phase.url}bijdrage/{item.pk}/melden/", {"reason": "reclame"})
    assert Flag.objects.count() == 1


def test_flag_needs_a_reason(participant_client, phase, answer, dialogue):
    item = answer("Tekst", "gepubliceerd", participant=make_participant(dialogue, 9))
    response = participant_client.post(f"{phase.url}bijdrage/{item.pk}/melden/", {})
    assert "Kies wat er mis is." in response.text
    assert not Flag.objects.exists()


def test_resolving_flags_keeps_the_contribution(
    client, phase, dialogue, answer, moderator_client
):
    item = answer("Onterecht gemeld", "gepubliceerd")
    flag_as(client, phase, dialogue, item, 1)
    assert "Onterecht gemeld" in moderator_client.get(FLAGS).text
    moderator_client.post(f"{QUEUE}resolve_flags/{item.pk}/")
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()
    assert "Onterecht gemeld" not in moderator_client.get(FLAGS).text
    item.refresh_from_db()
    assert item.status == ContributionStatus.PUBLISHED


def post(client, phase, text):
    client.post(f"{phase.url}bijdragen/{QUESTION_ID}/", {"text": text})
    return Contribution.objects.get(text=text)


def test_word_list_holds_a_text_even_in_post_moderation(
    participant_client, phase, moderator_client
):
    settings = ModerationSettings.load()
    settings.held_words = "oplichter\nzakkenvuller"
    settings.save()
    held = post(participant_client, phase, "Die wethouder is een Zakkenvuller!")
    assert held.status == ContributionStatus.PENDING
    assert "zakkenvuller" in held.hold_reason
    assert "uit de woordenlijst" in moderator_client.get(QUEUE).text
    fine = post(participant_client, phase, "Een zakkenvullerij bestaat niet.")
    assert fine.status == ContributionStatus.PUBLISHED  # whole words only


def test_more_than_two_links_hold_a_text(participant_client, phase):
    two = post(participant_client, phase, "Zie https://a.nl en https://b.nl")
    three = post(participant_client, phase, "https://a.nl https://b.nl www.c.nl")
    assert two.status == ContributionStatus.PUBLISHED
    assert three.status == ContributionStatus.PENDING
    assert three.hold_reason == "bevat 3 links (meer dan 2)"


def test_blocking_rejects_waiting_items_and_stops_new_ones(
    moderator_client, participant_client, participant, answer, phase
):
    waiting = answer("Wacht nog")
    published = answer("Al gepubliceerd", "gepubliceerd")
    moderator_client.post(f"{QUEUE}block/{published.pk}/", {"reason": "reclame"})
    participant.refresh_from_db()
    waiting.refresh_from_db()
    published.refresh_from_db()
    assert participant.is_blocked
    assert waiting.status == ContributionStatus.REJECTED
    assert published.status == ContributionStatus.PUBLISHED
    participant_client.post(f"{phase.url}bijdragen/{QUESTION_ID}/", {"text": "Nieuw"})
    assert not Contribution.objects.filter(text="Nieuw").exists()
    assert ModelLogEntry.objects.for_instance(published).get().action == (
        "moderation.block"
    )
    assert ModelLogEntry.objects.for_instance(waiting).get().action == (
        "moderation.reject"
    )
