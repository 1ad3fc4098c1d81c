"""Joining under a double click: twenty requests at once, on PostgreSQL.

Every request gets a friendly answer (never a 500), and the database ends with
exactly what one request would have made.
"""

from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection, connections
from django.test import Client

from dialogue_blocks.models import Municipality, Participant
from invitations import services
from invitations.models import AccessLink, Invitee, PendingSignUp
from tests.factories import DialoguePageFactory, LandingPageFactory, PhasePageFactory
from tests.page_tree import rebuild_page_tree

from .conftest import link_path_in_last_mail, lost_link_data, sign_up_data

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every write, so it cannot show a race; CI runs "
        "these on PostgreSQL",
    ),
]

THREADS = 20


def at_once(request) -> list:
    """Run `request(client)` in THREADS threads released together; the responses."""
    barrier = Barrier(THREADS)

    def run(client):
        barrier.wait()
        try:
            return request(client)
        finally:
            connections.close_all()

    clients = [Client(raise_request_exception=False) for _ in range(THREADS)]
    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(run, clients))


def assert_friendly(responses) -> None:
    assert all(response.status_code < 500 for response in responses), [
        response.status_code for response in responses
    ]


@pytest.fixture
def dialogue():
    dialogue = DialoguePageFactory(parent=rebuild_page_tree(), slug="regio")
    PhasePageFactory(parent=dialogue)
    return dialogue


@pytest.fixture
def invitee(dialogue):
    invitee = Invitee.objects.create(
        dialogue=dialogue,
        name="Anna de Griffier",
        email="anna.griffier@utrecht.example",
        role="griffier",
        municipality=Municipality.objects.get(name="Utrecht"),
    )
    services.send_invitation(invitee)
    return invitee


def opened(client, link: str) -> str:
    """Open an e-mailed link: the confirmation page it leads to."""
    return client.get(link)["Location"]


def test_twenty_browsers_confirming_one_link_make_one_participant(invitee):
    link = link_path_in_last_mail()
    responses = at_once(lambda client: client.post(opened(client, link), follow=True))
    assert_friendly(responses)
    assert Participant.objects.count() == 1
    welcomed = [r for r in responses if "U doet mee als" in r.text]
    assert len(welcomed) == 1
    refused = [r for r in responses if "Deze link werkt niet meer" in r.text]
    assert len(refused) == THREADS - 1


def test_many_links_of_one_person_confirmed_at_once_make_one_participant(
    dialogue, invitee
):
    """The invitation and the sign-up links the same person asked for, all used."""
    registration = services.registration_of(invitee)
    links = [link_path_in_last_mail()] + [
        dialogue.url + f"aanmelding-bevestigen/{services.sign_up_token(registration)}/"
        for _ in range(THREADS - 1)
    ]
    barrier = Barrier(THREADS)

    def confirm(link):
        client = Client(raise_request_exception=False)
        confirmation = opened(client, link)
        barrier.wait()
        try:
            return client.post(confirmation, follow=True)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(THREADS) as pool:
        responses = list(pool.map(confirm, links))
    assert_friendly(responses)
    assert Participant.objects.count() == 1
    assert all("U doet mee als" in response.text for response in responses)


def test_twenty_sign_ups_with_one_address_mail_within_the_limit(dialogue):
    landing = LandingPageFactory(
        parent=dialogue,
        slug="afdeling-utrecht",
        province=Municipality.objects.get(name="Utrecht").province,
    )
    responses = at_once(
        lambda client: client.post(landing.url + "aanmelden/", sign_up_data())
    )
    assert_friendly(responses)
    assert len(mail.outbox) == settings.LINK_REQUESTS_PER_ADDRESS_PER_HOUR
    assert not PendingSignUp.objects.exists()  # nothing stored before the link


def test_twenty_lost_link_requests_leave_one_working_link(dialogue, invitee):
    sent_before = len(mail.outbox)
    responses = at_once(
        lambda client: client.post(
            dialogue.url + "link-kwijt/", lost_link_data(invitee.email)
        )
    )
    assert_friendly(responses)
    assert len(mail.outbox) - sent_before == settings.LINK_REQUESTS_PER_ADDRESS_PER_HOUR
    # A new link ends the older unused ones: one works, the rest never will.
    assert AccessLink.objects.filter(invitee=invitee).count() == 1


def test_twenty_browsers_confirming_one_sign_up_make_one_participant(dialogue):
    registration = services.Registration(
        dialogue,
        "nieuw@zeist.example",
        "raadslid",
        Municipality.objects.get(name="Zeist"),
    )
    link = (
        dialogue.url + f"aanmelding-bevestigen/{services.sign_up_token(registration)}/"
    )
    responses = at_once(lambda client: client.post(opened(client, link), follow=True))
    assert_friendly(responses)
    assert Participant.objects.count() == 1
    assert PendingSignUp.objects.count() == 1
    assert sum("U doet mee als" in response.text for response in responses) == 1
