"""An author's change: the hold is worked out again, the moderator sees what changed."""

import pytest
from wagtail.models import ModelLogEntry

from dialogue_blocks.models import ContributionStatus, Flag
from moderation.models import EarlierVersion, ModerationSettings
from moderation.versions import word_diff
from tests.participation import make_participant

from .conftest import QUEUE

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_words():
    settings = ModerationSettings.load()
    settings.held_words = "zakkenvuller\noplichter"
    settings.save()


def edit(client, phase, item, text):
    client.post(f"{phase.url}bijdrage/{item.pk}/bewerken/", {"text": text})
    item.refresh_from_db()
    return item


def test_taking_a_held_word_out_releases_the_text(
    held_words, participant_client, phase, answer
):
    item = answer(
        "Die wethouder is een zakkenvuller.",
        hold_reason="bevat ‘zakkenvuller’ uit de woordenlijst",
    )
    edit(participant_client, phase, item, "Die wethouder let slecht op het geld.")
    assert item.status == ContributionStatus.PUBLISHED  # as a new text would be
    assert item.hold_reason == ""


def test_another_held_word_gives_the_new_reason(
    held_words, participant_client, phase, answer
):
    item = answer(
        "Die wethouder is een zakkenvuller.",
        hold_reason="bevat ‘zakkenvuller’ uit de woordenlijst",
    )
    edit(participant_client, phase, item, "Die wethouder is een oplichter.")
    assert item.status == ContributionStatus.PENDING
    assert item.hold_reason == "bevat ‘oplichter’ uit de woordenlijst"


def test_adding_a_held_word_takes_a_published_text_off_the_page(
    held_words, participant_client, phase, answer, client
):
    item = answer("Een nette tekst.", "gepubliceerd")
    edit(participant_client, phase, item, "Een nette tekst, van een oplichter.")
    assert item.status == ContributionStatus.PENDING
    assert item.hold_reason == "bevat ‘oplichter’ uit de woordenlijst"


def test_open_reports_keep_an_edited_text_held(
    participant_client, phase, answer, dialogue
):
    item = answer("Gemelde tekst", hold_reason="3 meldingen van deelnemers")
    for number in range(3):
        Flag.objects.create(
            contribution=item,
            participant=make_participant(dialogue, 60 + number),
            reason="kwetsend",
        )
    edit(participant_client, phase, item, "Iets nettere tekst")
    assert item.status == ContributionStatus.PENDING
    assert item.hold_reason == "3 meldingen van deelnemers"


def test_a_rejected_text_sent_again_says_why_it_waits(
    participant_client, phase, answer
):
    item = answer("Afgewezen tekst", "afgewezen", rejection_reason="dubbel")
    edit(participant_client, phase, item, "Herschreven tekst")
    assert item.status == ContributionStatus.PENDING
    assert item.hold_reason == "opnieuw ingestuurd na afwijzing"


def test_moderator_sees_the_earlier_version_and_the_change(
    held_words, participant_client, phase, answer, moderator_client
):
    item = answer("De regio werkt goed samen.", "gepubliceerd")
    edit(participant_client, phase, item, "De regio werkt slecht samen, oplichter.")
    html = moderator_client.get(f"{QUEUE}inspect/{item.pk}/").text
    assert "Gewijzigd door de deelnemer" in html
    assert "De regio werkt goed samen." in html  # the earlier version
    assert "Eerder: gepubliceerd" in html
    assert "Nu: wacht op moderatie, vastgehouden omdat bevat ‘oplichter’" in html
    assert "<del>goed</del><ins>slecht</ins>" in html
    assert "<del>samen.</del><ins>samen, oplichter.</ins>" in html
    assert "Tekst gewijzigd door de deelnemer" in html  # in the history
    assert "de deelnemer · Tekst gewijzigd" in html


def test_the_earlier_version_is_the_one_before_the_first_unreviewed_change(
    participant_client, phase, answer, moderator_client
):
    item = answer("Eerste versie", "gepubliceerd")
    edit(participant_client, phase, item, "Tweede versie")
    edit(participant_client, phase, item, "Derde versie")
    earlier = EarlierVersion.objects.get(contribution=item)
    assert earlier.text == "Eerste versie"
    assert earlier.status == ContributionStatus.PUBLISHED
    assert {field.name for field in EarlierVersion._meta.get_fields()} == {
        "id",
        "contribution",
        "text",
        "status",
        "hold_reason",
    }  # nothing about the author
    assert ModelLogEntry.objects.for_instance(item).count() == 2


def test_a_moderators_decision_forgets_the_earlier_version(
    participant_client, phase, answer, moderator_client, dialogue
):
    dialogue.moderation_mode = "pre"
    dialogue.save()
    item = answer("Wacht, eerste versie")
    edit(participant_client, phase, item, "Wacht, tweede versie")
    moderator_client.post(f"{QUEUE}approve/{item.pk}/")
    assert not EarlierVersion.objects.exists()
    html = moderator_client.get(f"{QUEUE}inspect/{item.pk}/").text
    assert "Gewijzigd door de deelnemer" not in html


def test_saving_the_same_text_keeps_no_version(participant_client, phase, answer):
    item = answer("Ongewijzigd", "gepubliceerd")
    edit(participant_client, phase, item, "Ongewijzigd")
    assert not EarlierVersion.objects.exists()
    assert not ModelLogEntry.objects.for_instance(item).exists()


def test_word_diff_marks_removed_and_added_words_and_escapes_them():
    assert word_diff("a b c", "a x c") == "a <del>b</del><ins>x</ins> c"
    assert word_diff("oud", "<b>nieuw</b>") == (
        "<del>oud</del><ins>&lt;b&gt;nieuw&lt;/b&gt;</ins>"
    )
