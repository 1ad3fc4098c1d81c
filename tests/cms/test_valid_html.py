"""Every public page type and every participant page is valid HTML.

The pages are rendered from the demo, in the states people meet them (a form
with errors, a list with one's own waiting text, a sign-up just sent), and
checked in one run of the Nu Html Checker (vnu, the W3C validator), which
`make test` installs from package.json and runs on the system's Java.
"""

import json
import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client

from cms import demo_content as content
from cms.models import DialoguePage, PhasePage
from cms.permissions import MODERATORS_GROUP
from cms.phases import Step
from dialogue_blocks.models import Contribution, ContributionStatus, Municipality
from dialogue_blocks.services import create_contribution, find_participant
from invitations.models import Invitee
from invitations.services import send_invitation
from tests.captcha import solved
from tests.participation import make_participant

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]
VNU_JAR = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
DIALOGUE = f"/{content.DIALOGUE_SLUG}/"
LANDING = f"{DIALOGUE}afdeling-utrecht/"
SIGN_UP = {
    "email": "nieuw@zeist.example",
    "role": "raadslid",
    "municipality": "Zeist",
    "consent": "on",
}


@pytest.fixture
def demo(home_page, settings):
    settings.DEBUG = True  # with the demo's staff accounts
    call_command("load_demo", stdout=StringIO())
    return DialoguePage.objects.get(slug=content.DIALOGUE_SLUG)


def block_id(phase: PhasePage, block_type: str) -> str:
    return next(child.id for child in phase.body if child.block_type == block_type)


def html_of(response) -> str:
    assert response.status_code in (200, 404, 410), response.status_code
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def public_pages(client: Client, demo) -> dict[str, str]:
    phases = {phase.step: phase.specific for phase in demo.phases()}
    pages = {
        "home": client.get("/"),
        "dialogue": client.get(DIALOGUE),
        "phase-open": client.get(phases[Step.VERKENNEN].url),
        "phase-upcoming-board": client.get(phases[Step.VERRIJKEN].url),
        "phase-closed": client.get(phases[Step.VINDEN].url),
        "phase-voting-results": client.get(phases[Step.VOORKEUREN].url),
        "landing-province": client.get(LANDING),
        "landing-network": client.get(f"{DIALOGUE}netwerk-g4/"),
        "privacy": client.get("/privacy/"),
        "accessibility": client.get("/toegankelijkheid/"),
        "search-results": client.get("/zoeken/?q=samenwerking"),
        "search-empty": client.get("/zoeken/?q="),
        "not-found": client.get("/bestaat-niet/"),
        "sign-up-errors": client.post(f"{LANDING}aanmelden/", {}),
        "lost-link": client.get(f"{DIALOGUE}link-kwijt/"),
        "lost-link-sent": client.post(
            f"{DIALOGUE}link-kwijt/", {"email": "iemand@gemeente.example"}
        ),
        "link-unusable": client.get(f"{DIALOGUE}link-werkt-niet/"),
    }
    client.post(f"{LANDING}aanmelden/", {**SIGN_UP, **solved()})
    pages["sign-up-sent"] = client.get(LANDING)
    return {name: html_of(response) for name, response in pages.items()}


def invited_participant(client: Client, demo):
    invitee = Invitee.objects.create(
        dialogue=demo,
        name="Anna de Griffier",
        email="anna@utrecht.example",
        role="griffier",
        municipality=Municipality.objects.get(name="Utrecht"),
    )
    send_invitation(invitee)
    link = re.search(r"https?://[^/\s]+(/\S+/deelnemen/\S+/)", mail.outbox[-1].body)
    client.get(link.group(1))
    confirmation = html_of(client.get(f"{DIALOGUE}bevestig-deelname/"))
    client.post(
        f"{DIALOGUE}bevestig-deelname/",
        {"role": "griffier", "municipality": "Utrecht"},
    )
    return find_participant(demo, invitee.email), confirmation


def participant_pages(client: Client, demo) -> dict[str, str]:
    participant, confirmation = invited_participant(client, demo)
    verkennen = demo.phases().get(step=Step.VERKENNEN).specific
    question = block_id(verkennen, "question")
    waiting = create_contribution(participant, verkennen, question, "Het wacht nog.")
    others = Contribution.objects.filter(
        phase=verkennen, status=ContributionStatus.PUBLISHED, parent=None
    ).first()
    Contribution.objects.create(
        participant=participant,
        phase=verkennen,
        block_id=question,
        text="Een afgewezen tekst.",
        status=ContributionStatus.REJECTED,
        rejection_reason="herleidbaar",
    )
    Contribution.objects.create(
        participant=make_participant(demo, number=99),
        phase=verkennen,
        block_id=question,
        parent=waiting,
        kind="reactie",
        text="Een reactie erop.",
        status=ContributionStatus.PUBLISHED,
    )
    contribution = f"{verkennen.url}bijdrage/"
    pages = {
        "join-confirmation": confirmation,
        "phase-as-participant": html_of(client.get(verkennen.url)),
        "answer-errors": html_of(
            client.post(f"{verkennen.url}bijdragen/{question}/", {"text": ""})
        ),
        "reaction-errors": html_of(
            client.post(f"{contribution}{others.pk}/reageren/", {"text": ""})
        ),
        "my-contributions": html_of(client.get(f"{DIALOGUE}mijn-bijdragen/")),
        "my-data": html_of(client.get(f"{DIALOGUE}mijn-gegevens/")),
        "edit": html_of(client.get(f"{contribution}{waiting.pk}/bewerken/")),
        "withdraw": html_of(client.get(f"{contribution}{waiting.pk}/intrekken/")),
        "flag": html_of(client.get(f"{contribution}{others.pk}/melden/")),
    }
    board = demo.phases().get(step=Step.VERRIJKEN).specific
    board.opens_at, board.closes_at = verkennen.opens_at, verkennen.closes_at
    board.save_revision().publish()
    pages["board-as-participant"] = html_of(client.get(board.url))
    pages["sign-up-as-participant"] = html_of(client.get(LANDING))
    return pages


def facilitator_page(demo) -> dict[str, str]:
    moderator = get_user_model().objects.create_user("gespreksleider")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    client = Client()
    client.force_login(moderator)
    verkennen = demo.phases().get(step=Step.VERKENNEN).specific
    published = Contribution.objects.filter(
        phase=verkennen, status=ContributionStatus.PUBLISHED, parent=None
    ).first()
    url = f"{verkennen.url}bijdrage/{published.pk}/gespreksleider/"
    return {"facilitator-reply": html_of(client.get(url))}


def vnu_errors(pages: dict[str, str], folder: Path) -> list[str]:
    if shutil.which("java") is None or not VNU_JAR.exists():
        pytest.fail(
            "The HTML check needs Java 17 and vnu: run `npm ci --ignore-scripts` "
            "(make test does).",
            pytrace=False,
        )
    for name, html in pages.items():
        (folder / f"{name}.html").write_text(html)
    result = subprocess.run(  # noqa: S603
        [  # noqa: S607 - the system's Java
            "java",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            *sorted(str(path) for path in folder.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    return [
        f"{Path(message['url']).stem}:{message.get('lastLine', '?')}: "
        f"{message['message']}\n    {message.get('extract', '').strip()}"
        for message in messages
    ]


def test_every_public_and_participant_page_is_valid_html(demo, client, tmp_path):
    pages = {
        **public_pages(Client(), demo),
        **participant_pages(client, demo),
        **facilitator_page(demo),
    }
    assert len(pages) == 30
    errors = vnu_errors(pages, tmp_path)
    assert not errors, "vnu found errors:\n" + "\n".join(errors)


def test_the_check_finds_invalid_html(tmp_path):
    """The check itself can fail: a page with an error is reported."""
    broken = "<!DOCTYPE html><html lang=nl><title>x</title><p aria-label=x>y</p>"
    assert vnu_errors({"broken": broken}, tmp_path)
