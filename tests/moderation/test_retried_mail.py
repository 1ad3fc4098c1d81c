"""Mail sent by a task survives a provider outage: it is tried again, later."""

import pytest
from anymail.exceptions import AnymailAPIError
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms import retrying
from invitations.tasks import send_invitation_mail
from moderation.models import ModeratorNotice
from moderation.notifications import notify_moderators
from tests.invitations.conftest import lost_link_data
from tests.providers import REFUSING_PROVIDER, RefusingProvider

from .test_notifications_and_health import post

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def refusing_provider(settings):
    settings.EMAIL_BACKEND = REFUSING_PROVIDER
    RefusingProvider.attempts = 0
    return RefusingProvider


@pytest.fixture
def pending_item(participant_client, phase, dialogue, moderator):
    dialogue.moderation_mode = "pre"
    dialogue.save()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
    ):
        post(participant_client, phase, "Wacht op moderatie")
    ModeratorNotice.objects.all().delete()  # not told yet: the next run mails


def test_a_moderator_notice_the_provider_refused_is_queued_again_a_minute_on(
    pending_item, refusing_provider
):
    with override_settings(TASKS=DATABASE_TASKS):
        before = timezone.now()
        notify_moderators.call()
        again = DBTaskResult.objects.get(task_path__endswith="notify_moderators")
    assert again.args_kwargs["kwargs"] == {"attempt": 2}
    wait = (again.run_after - before).total_seconds()
    assert 60 <= wait < 70


def test_the_last_attempt_fails_the_task_and_queues_nothing(
    dialogue, refusing_provider, home_page
):
    from invitations.models import Invitee

    invitee = Invitee.objects.create(
        dialogue=dialogue, name="Bo", email="bo@zeist.example", role="griffier"
    )
    with override_settings(TASKS=DATABASE_TASKS):
        with pytest.raises(AnymailAPIError):
            send_invitation_mail.call(invitee.pk, attempt=retrying.MAX_ATTEMPTS)
        assert not DBTaskResult.objects.filter(
            task_path__endswith="send_invitation_mail"
        ).exists()


def test_a_lost_link_mail_is_tried_until_the_last_attempt(
    client, dialogue, refusing_provider
):
    from invitations.models import Invitee

    Invitee.objects.create(
        dialogue=dialogue, name="Bo", email="bo@zeist.example", role="griffier"
    )
    response = client.post(
        f"{dialogue.url}link-kwijt/", lost_link_data("bo@zeist.example")
    )
    assert response.status_code == 200
    assert refusing_provider.attempts == retrying.MAX_ATTEMPTS
    assert not mail.outbox
