import re

import pytest
from django.core import mail

from dialogue_blocks.models import Municipality, Province
from invitations.models import Invitee
from tests.captcha import solved
from tests.factories import DialoguePageFactory, LandingPageFactory, PhasePageFactory

LINK_PATTERN = re.compile(
    r"https?://[^\s\"<>]+/(?:deelnemen|aanmelding-bevestigen)/[^\s\"<>/]+/"
)


@pytest.fixture
def dialogue(home_page):
    dialogue = DialoguePageFactory(
        parent=home_page, slug="regio", title="Dialoog Regio"
    )
    PhasePageFactory(parent=dialogue)
    return dialogue


@pytest.fixture
def utrecht_landing(dialogue):
    return LandingPageFactory(
        parent=dialogue,
        slug="afdeling-utrecht",
        province=Province.objects.get(name="Utrecht"),
    )


@pytest.fixture
def utrecht():
    return Municipality.objects.get(name="Utrecht")


REGISTER_ROLES = ("burgemeester", "gemeentesecretaris", "griffier")


@pytest.fixture
def register(dialogue):
    """A realistic register: the mayor, secretary and clerk of every municipality
    in the province of Utrecht (Utrecht city's clerk is the `invitee`)."""
    municipalities = Municipality.objects.filter(
        province__name="Utrecht", is_active=True
    )
    return Invitee.objects.bulk_create(
        Invitee(
            dialogue=dialogue,
            name=f"{role} van {municipality}",
            email=f"{role}@{municipality.cbs_code.lower()}.example",
            role=role,
            municipality=municipality,
        )
        for municipality in municipalities
        for role in REGISTER_ROLES
        if (municipality.name, role) != ("Utrecht", "griffier")
    )


@pytest.fixture
def invitee(dialogue, utrecht, register):
    return Invitee.objects.create(
        dialogue=dialogue,
        name="Anna de Griffier",
        email="anna.griffier@utrecht.example",
        role="griffier",
        municipality=utrecht,
        organisation="Gemeente Utrecht",
        invitation_round="eerste ronde",
    )


def link_path_in_last_mail() -> str:
    """The path of the personal link in the most recent e-mail."""
    url = LINK_PATTERN.search(mail.outbox[-1].body).group(0)
    return "/" + url.split("/", 3)[3]


def join_with_link(client, link: str, data: dict | None = None, **headers):
    """Open the e-mailed link and confirm, as a browser does (GET, then POST).

    `data` is whatever else a client might post; the confirmation ignores it.
    """
    opened = client.get(link, **headers)
    return client.post(opened["Location"], data or {}, **headers)


def sign_up_data(**overrides) -> dict:
    data = {
        "email": "nieuw@zeist.example",
        "role": "raadslid",
        "municipality": "Zeist",
        "consent": "on",
        **solved(),
    }
    return {**data, **overrides}


def lost_link_data(email: str) -> dict:
    return {"email": email, **solved()}
