"""Real-browser journeys: the system Chromium against pytest-django's live server.

The live server runs in a database that is flushed after every test, which also
removes the Locale, root page, HomePage and Site the migrations created. The
``demo_site`` fixture puts the page tree back with the whole demo on it
(tests.demo_snapshot: built once per process on PostgreSQL, then copied back).
"""

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from playwright.sync_api import Page as BrowserPage
from playwright.sync_api import Request, expect

from cms import demo_content
from cms.models import DialoguePage
from dialogue_blocks.models import Municipality
from dialogue_blocks.services import find_participant
from invitations.models import Invitee
from invitations.services import send_invitation
from tests.demo_snapshot import demo_database

from .chromium import system_chromium

SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """The system Chromium where there is one, else Playwright's own download."""
    args = {**browser_type_launch_args, "args": CHROMIUM_ARGS}
    executable = system_chromium()
    if executable:
        args["executable_path"] = executable
    return args


@pytest.fixture
def demo_site(live_server, transactional_db) -> str:
    """The whole demo (with the staff account) on the live server; its base URL."""
    demo_database()
    return live_server.url


@pytest.fixture
def axe() -> Callable[[BrowserPage], None]:
    """Run axe-core on the page as it is now and fail on any violation."""
    runner = Axe()

    def check(page: BrowserPage) -> None:
        # The page at rest: a message fading in has colours it never keeps. An
        # animation cancelled meanwhile (a resize restarts transitions) rejects
        # its promise with AbortError; it is at rest all the same.
        page.evaluate(
            "() => Promise.all(document.getAnimations()"
            ".map(a => a.finished.catch(() => null)))"
        )
        violations = runner.run(page).response["violations"]
        if not violations:
            return
        lines = [f"axe-core found {len(violations)} violation(s) on {page.url}:"]
        for violation in violations:
            lines.append(
                f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            )
            for node in violation["nodes"]:
                target = " ".join(str(part) for part in node["target"])
                lines.append(f"    at {target}: {node['html'][:120]}")
        pytest.fail("\n".join(lines), pytrace=False)

    return check


@pytest.fixture
def request_hosts(page: BrowserPage) -> Iterator[set[str]]:
    """The host:port of every request the page makes from now on."""
    hosts: set[str] = set()

    def remember(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"http", "https", "ws", "wss"}:
            hosts.add(parts.netloc)

    page.on("request", remember)
    yield hosts
    page.remove_listener("request", remember)


# Reports every Content-Security-Policy violation in any frame of the page.
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI}`
    + ` (${event.sourceFile || "page"}:${event.lineNumber})`
  );
}, true);
"""
POLICY_CONSOLE_WORDS = ("Content Security Policy", "Permissions-Policy")


@pytest.fixture
def csp_violations(page: BrowserPage) -> list[str]:
    """Every CSP violation (event or console error) the page has from now on.

    Console errors catch what happens before a document's listener exists and
    errors in the Permissions-Policy header itself.
    """
    found: list[str] = []

    def report(violation: str) -> None:
        found.append(violation)

    page.expose_function("reportCspViolation", report)
    page.add_init_script(CSP_LISTENER)

    def console(message) -> None:
        if any(word in message.text for word in POLICY_CONSOLE_WORDS):
            found.append(f"console on {page.url}: {message.text}")

    page.on("console", console)
    return found


@pytest.fixture
def screenshot() -> Callable[[BrowserPage, str], Path]:
    """Save a screenshot for people to look at; nothing asserts on it. The whole
    page, or (full_page=False) what the visitor sees without scrolling."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def save(page: BrowserPage, name: str, full_page: bool = True) -> Path:
        path = SCREENSHOT_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save


# Joining, shared by the journeys that need a participant.

INVITEE_EMAIL = "anna.griffier@utrecht.example"


def link_path_in_mail_to(address: str) -> str:
    """The path of the personal link in the last e-mail sent to this address.

    The live server runs in this process, so its locmem outbox is ours. The link
    names the Site's host (localhost:80), so only its path is opened, on the
    live server.
    """
    sent = [message for message in mail.outbox if address in message.to]
    assert sent, f"no e-mail was sent to {address}"
    found = re.search(
        r"https?://[^\s\"<>]+/(?:deelnemen|aanmelding-bevestigen)/[^\s\"<>/]+/",
        sent[-1].body,
    )
    assert found, f"the last e-mail to {address} holds no personal link"
    return urlsplit(found.group(0)).path


@pytest.fixture
def dialogue(demo_site: str):
    """The demo's dialogue page, as stored now."""
    return DialoguePage.objects.get(slug=demo_content.DIALOGUE_SLUG)


@pytest.fixture
def invite(dialogue) -> Callable:
    """Put a person in the stakeholder register and send their invitation."""

    def create(
        email: str = INVITEE_EMAIL,
        role: str = "griffier",
        municipality: str = "Utrecht",
        name: str = "Anna de Griffier",
    ) -> Invitee:
        invitee = Invitee.objects.create(
            dialogue=dialogue,
            name=name,
            email=email,
            role=role,
            municipality=Municipality.objects.get(name=municipality, is_active=True),
        )
        send_invitation(invitee)
        return invitee

    return create


@pytest.fixture
def join_by_invitation(demo_site: str, dialogue, invite) -> Callable:
    """Invite someone and let them join in this browser page, as a person would.

    Returns the Participant the confirmation made.
    """

    def join(page: BrowserPage, **invitee_fields):
        invitee = invite(**invitee_fields)
        page.goto(demo_site + link_path_in_mail_to(invitee.email))
        page.get_by_role("button", name="Ja, ik doe mee").click()
        expect(page.get_by_role("region", name="Uw deelname")).to_contain_text(
            "U doet mee als"
        )
        participant = find_participant(dialogue, invitee.email)
        assert participant is not None, "joining made no participant"
        return participant

    return join
