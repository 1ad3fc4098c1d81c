"""Moderators hear about waiting items in batches; the dashboard shows queue health."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from moderation.dashboard import queue_health
from tests.participation import QUESTION_ID

from .conftest import user_in

pytestmark = pytest.mark.django_db

ANYMAIL_TEST = "anymail.backends.test.EmailBackend"


def post(client, phase, text):
    return client.post(f"{phase.url}bijdragen/{QUESTION_ID}/", {"text": text})


@pytest.fixture
def pre_moderated(dialogue):
    dialogue.moderation_mode = "pre"
    dialogue.save()
    return dialogue


@override_settings(EMAIL_BACKEND=ANYMAIL_TEST)
def test_moderators_get_one_mail_per_quarter_hour(
    participant_client, phase, pre_moderated, moderator, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    user_in("Moderatoren", "tweede")
    post(participant_client, phase, "Eerste wachtende bijdrage")
    post(participant_client, phase, "Tweede wachtende bijdrage")
    assert sorted(m.to[0] for m in mail.outbox) == [
        "moderator@vng.example",
        "tweede@vng.example",
    ]
    time_machine.shift(timedelta(minutes=14))
    post(participant_client, phase, "Derde, binnen het kwartier")
    assert len(mail.outbox) == 2
    time_machine.shift(timedelta(minutes=2))
    post(participant_client, phase, "Vierde, na het kwartier")
    assert len(mail.outbox) == 4
    latest = mail.outbox[-1]
    # The batch tells about everything that waits, including what came meanwhile.
    for text in ("Eerste", "Derde, binnen het kwartier", "Vierde, na het kwartier"):
        assert text in latest.body
    assert latest.subject == "4 bijdragen wachten op moderatie"
    assert "/beheer/dialogue_blocks/contribution/" in latest.body
    assert latest.anymail_test_params["tags"] == ["moderatie"]


@override_settings(EMAIL_BACKEND=ANYMAIL_TEST)
def test_moderation_mail_holds_no_participant_data(
    participant_client, phase, pre_moderated, moderator, participant
):
    post(participant_client, phase, "Een wachtende bijdrage")
    body = mail.outbox[0].body
    assert participant.pk not in body
    assert "raadslid" not in body and "Utrecht" not in body


def test_published_contributions_notify_nobody(participant_client, phase, moderator):
    post(participant_client, phase, "Direct gepubliceerd")
    assert not mail.outbox


def test_throttled_moderator_gets_a_deferred_run_where_the_backend_can(
    participant_client, phase, pre_moderated, moderator
):
    from django_tasks_db.models import DBTaskResult

    post(participant_client, phase, "Eerste")
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ):
        from moderation.notifications import notify_moderators

        notify_moderators.call()
        deferred = DBTaskResult.objects.get()
    assert deferred.run_after > timezone.now() + timedelta(minutes=14)


def test_queue_health_turns_red_after_the_service_level(answer, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    answer("Wacht")
    assert queue_health()["breached"] is False
    time_machine.shift(timedelta(hours=4, minutes=1))
    health = queue_health()
    assert health["breached"] is True
    assert health["pending"] == 1 and health["oldest_age_hours"] == 4.0


def test_dashboard_shows_queue_health_to_moderators(moderator_client, answer):
    answer("Wacht", created_at=timezone.now() - timedelta(hours=5))
    html = moderator_client.get("/beheer/").text
    assert "achter op de servicenorm" in html
    assert 'data-testid="pending">1<' in html
