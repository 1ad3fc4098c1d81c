"""No moderation screen shows who wrote something: markers placed, never found."""

import pytest
from django.core import mail

from dialogue_blocks.models import Contribution
from invitations.models import Invitee
from invitations.services import send_invitation
from tests.invitations.conftest import LINK_PATTERN, join_with_link
from tests.participation import QUESTION_ID

from .conftest import FLAGS, QUEUE

pytestmark = pytest.mark.django_db

NAME = "Gerrit-Jan Herkenbaar"
EMAIL = "gerrit.herkenbaar@marker.example"
IP = "203.0.113.99"
AGENT = "MarkerBrowser/9.9"


@pytest.fixture
def marked_contribution(client, dialogue, phase):
    dialogue.moderation_mode = "pre"
    dialogue.save()
    invitee = Invitee.objects.create(
        dialogue=dialogue, name=NAME, email=EMAIL, role="burgemeester"
    )
    send_invitation(invitee)
    link = LINK_PATTERN.search(mail.outbox[-1].body).group(0)
    link = "/" + link.split("/", 3)[3]
    headers = {"REMOTE_ADDR": IP, "HTTP_USER_AGENT": AGENT}
    join_with_link(
        client, link, {"role": "burgemeester", "municipality": "Zeist"}, **headers
    )
    client.post(
        f"{phase.url}bijdragen/{QUESTION_ID}/",
        {"text": "Een eerlijke mening"},
        **headers,
    )
    contribution = Contribution.objects.get()
    contribution.flags.create(participant=contribution.participant, reason="anders")
    return contribution


def test_no_moderation_screen_shows_the_author(admin_client, marked_contribution):
    pk = marked_contribution.pk
    screens = [
        QUEUE,
        f"{QUEUE}?status__exact=wacht",
        f"{QUEUE}inspect/{pk}/",
        f"{QUEUE}approve/{pk}/",
        f"{QUEUE}reject/{pk}/",
        f"{QUEUE}block/{pk}/",
        f"{QUEUE}bulk/",
        FLAGS,
        "/beheer/",
    ]
    for url in screens:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "Een eerlijke mening" in html or url in (FLAGS, "/beheer/"), url
        for marker in (NAME, "Herkenbaar", EMAIL, "marker.example", IP, AGENT, "Zeist"):
            assert marker not in html, (url, marker)
