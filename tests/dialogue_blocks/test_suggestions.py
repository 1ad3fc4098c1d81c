"""'Wie moet er meedoen?': suggestions are moderated contributions, shown
without their author."""

import json
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.phases import Step
from dialogue_blocks.models import Contribution
from insights.exports import DialogueExport
from insights.report import build_report
from moderation import services as moderation
from moderation.models import ModerationSettings
from tests.factories import PhasePageFactory, staff
from tests.participation import sign_in

pytestmark = pytest.mark.django_db

SUGGESTIONS_ID = str(uuid.UUID("88888888-8888-4888-8888-888888888888"))
NAME = "Omgevingsdiensten"
REASON = "Zij voeren de regionale taken uit."


def suggestions_block() -> dict:
    value = {
        "heading": "Wie moet er meedoen?",
        "intro": "",
        "max_length": 500,
        "reactions": False,
    }
    return {"type": "suggestions", "value": value, "id": SUGGESTIONS_ID}


@pytest.fixture
def vinden(dialogue):
    now = timezone.now()
    return PhasePageFactory(
        parent=dialogue,
        step=Step.VINDEN,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7),
        body=json.dumps([suggestions_block()]),
    )


@pytest.fixture
def pre_moderated(dialogue):
    dialogue.moderation_mode = "pre"
    dialogue.save_revision().publish()


@pytest.fixture
def moderator():
    return staff("moderator", "Moderatoren")


def suggest(client, participant, page, title=NAME, text=REASON):
    sign_in(client, participant)
    return client.post(
        f"{page.url}bijdragen/{SUGGESTIONS_ID}/", {"title": title, "text": text}
    )


def public_page(client_class, page) -> str:
    return client_class().get(page.url).text


def test_a_suggestion_waits_for_a_moderator_and_is_not_public(
    client, participant, vinden, pre_moderated
):
    response = suggest(client, participant, vinden)
    assert response.status_code == 302
    stored = Contribution.objects.get()
    assert (stored.kind, stored.title, stored.text, stored.status) == (
        "suggestie",
        NAME,
        REASON,
        "wacht",
    )
    assert NAME not in public_page(client.__class__, vinden)
    # Its author sees it in place, waiting.
    own = client.get(vinden.url).text
    assert NAME in own and "wacht op moderatie" in own


def test_a_published_suggestion_is_shown_without_its_author(
    client, participant, vinden, pre_moderated, moderator
):
    suggest(client, participant, vinden)
    moderation.approve(Contribution.objects.get(), moderator)
    html = public_page(client.__class__, vinden)
    assert NAME in html and REASON in html
    assert "Suggesties (1)" in html
    for trace in (participant.id, participant.id[:8], participant.session_token):
        assert trace not in html
    assert participant.email_hash not in html


def test_a_rejected_suggestion_is_not_shown(
    client, participant, vinden, pre_moderated, moderator
):
    suggest(client, participant, vinden)
    moderation.reject(Contribution.objects.get(), moderator, "onderwerp")
    html = public_page(client.__class__, vinden)
    assert NAME not in html
    assert "Nog geen suggesties" in html


def test_the_suggested_name_is_held_back_like_any_text(client, participant, vinden):
    settings = ModerationSettings.load()
    settings.held_words = "sukkels"
    settings.save()
    suggest(client, participant, vinden, title="De sukkels van de provincie")
    stored = Contribution.objects.get()
    assert stored.status == "wacht"
    assert "sukkels" in stored.hold_reason


def test_a_suggestion_without_name_or_reason_is_refused_next_to_the_fields(
    client, participant, vinden
):
    response = suggest(client, participant, vinden, title="  ", text=REASON)
    assert "Schrijf wie er volgens u moet meedoen." in response.text
    assert f"{REASON}</textarea>" in response.text  # nothing typed is lost
    response = suggest(client, participant, vinden, title=NAME, text="")
    assert "Schrijf kort waarom zij moeten meedoen." in response.text
    assert f'value="{NAME}"' in response.text
    assert not Contribution.objects.exists()


def test_a_closed_step_takes_no_suggestion(client, participant, vinden):
    vinden.closes_at = timezone.now() - timedelta(hours=1)
    vinden.save_revision().publish()
    suggest(client, participant, vinden)
    assert not Contribution.objects.exists()


def test_the_report_quotes_a_suggestion_with_its_name(
    client, participant, vinden, dialogue
):
    suggest(client, participant, vinden)  # post-moderated: published at once
    step = build_report(dialogue).steps[Step.VINDEN - 1]
    assert [(q.kind, q.text) for q in step.quotes] == [
        ("suggestie", f"{NAME}: {REASON}")
    ]


def test_the_staff_export_has_a_suggestion_with_its_name(
    client, participant, vinden, dialogue
):
    suggest(client, participant, vinden)
    [row] = list(DialogueExport(dialogue).contribution_rows())
    assert f"{NAME}: {REASON}" in row
