"""In development, links in e-mails name the address the server is reached on."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from cms.settings import dev
from tests.captcha import solved
from tests.participation import QUESTION_ID

pytestmark = pytest.mark.django_db

DEV_MIDDLEWARE = "cms.dev_server.FollowServedAddressMiddleware"
SERVED_AT = {"HTTP_HOST": "127.0.0.1:8123"}


@pytest.fixture
def dev_server(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, DEV_MIDDLEWARE]


def test_development_settings_follow_the_served_address():
    assert DEV_MIDDLEWARE in dev.MIDDLEWARE


def test_sign_up_link_names_the_served_host_and_port(client, dialogue, dev_server):
    client.get(dialogue.url, **SERVED_AT)
    client.post(
        f"{dialogue.url}aanmelden/",
        {
            "email": "nieuw@zeist.example",
            "role": "raadslid",
            "municipality": "Zeist",
            "consent": "on",
            **solved(),
        },
        **SERVED_AT,
    )
    (sent,) = mail.outbox
    assert "http://127.0.0.1:8123/regio/aanmelding-bevestigen/" in sent.body
    assert ":8000" not in sent.body


def test_moderation_mail_links_to_the_served_admin(
    client, participant_client, phase, dev_server
):
    dialogue = phase.dialogue_page()
    dialogue.moderation_mode = "pre"
    dialogue.save()
    moderator = get_user_model().objects.create_user(
        "moderator", email="moderator@vng.example", password="x"
    )
    moderator.groups.add(Group.objects.get(name="Moderatoren"))

    participant_client.post(
        f"{phase.url}bijdragen/{QUESTION_ID}/",
        {"text": "Een wachtend antwoord"},
        **SERVED_AT,
    )
    (sent,) = mail.outbox
    assert "http://127.0.0.1:8123/beheer/dialogue_blocks/contribution/" in sent.body
