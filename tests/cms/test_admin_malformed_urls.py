"""Malformed admin URLs give 404 or are ignored, never a server error.

The walk is generic: every filter and sort parameter a staff list offers (read
from the list page itself) gets hostile values, and every admin route that takes
a record's key as text gets keys that cannot be one.
"""

import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from cms.phases import Step
from dialogue_blocks.models import Contribution, Flag, Municipality
from invitations.models import Invitee, SignUp
from tests.factories import PhasePageFactory
from tests.participation import QUESTION_ID, make_participant

pytestmark = pytest.mark.django_db

BAD_VALUES = [
    "abc",
    "9" * 40,
    "-1",
    "",
    "\x00",
    "1,abc",
    "💥" * 50,
]
# Parameters no list declares: lookups of their own if passed to the query.
UNDECLARED = ["participant__id", "flags__participant__id", "bogus", "email__gt"]
BAD_KEYS = ["abc", "not-a-uuid", "9" * 40, "-1", "1.0", quote("\x00")]

LIST_VIEWS = {
    "moderation-queue": "/beheer/dialogue_blocks/contribution/",
    "flags": "/beheer/dialogue_blocks/flaggedcontribution/",
    "invitees": "/beheer/invitations/invitee/",
    "sign-ups": "/beheer/invitations/signup/",
    "themes": "/beheer/snippets/dialogue_blocks/theme/",
    "networks": "/beheer/snippets/dialogue_blocks/network/",
    "page-explorer": "/beheer/pages/",
    "users": "/beheer/users/",
    "site-history": "/beheer/reports/site-history/",
    "documents": "/beheer/documents/",
    "images": "/beheer/images/",
    "redirects": "/beheer/redirects/",
}


class QueryParameterNames(HTMLParser):
    """Names of the parameters a page's links and GET forms send."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self.in_get_form = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "?" in (attributes.get("href") or ""):
            query = urlsplit(attributes["href"]).query
            self.names.update(name for name, _ in parse_qsl(query, True))
        elif tag == "form":
            self.in_get_form = (attributes.get("method") or "get").lower() == "get"
        elif (
            tag in {"input", "select"}
            and self.in_get_form
            and attributes.get("name")
            and attributes.get("type") != "hidden"
        ):
            self.names.add(attributes["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_get_form = False


def parameters_offered(html: str) -> set[str]:
    parser = QueryParameterNames()
    parser.feed(html)
    return parser.names


@pytest.fixture
def staff_client(admin_user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


@pytest.fixture
def listed_data(phase, dialogue, participant):
    """Enough of everything the lists show that every filter offers choices."""
    PhasePageFactory(parent=dialogue, step=Step.VERRIJKEN)
    other = make_participant(dialogue, 2)
    Contribution.objects.create(
        phase=phase,
        block_id=QUESTION_ID,
        participant=participant,
        text="Tekst van de eerste",
        status="wacht",
    )
    theirs = Contribution.objects.create(
        phase=phase,
        block_id=QUESTION_ID,
        participant=other,
        text="Tekst van de tweede",
        status="gepubliceerd",
    )
    Flag.objects.create(contribution=theirs, participant=participant, reason="reclame")
    utrecht = Municipality.objects.get(name="Utrecht")
    Invitee.objects.create(
        dialogue=dialogue,
        name="Anna",
        email="anna@example.nl",
        role="griffier",
        municipality=utrecht,
    )
    SignUp.objects.create(
        dialogue=dialogue,
        email="bob@example.nl",
        role="raadslid",
        municipality=utrecht,
        source_page=dialogue,
        consented_on=date.today(),
    )
    return participant, other


@pytest.mark.parametrize("name", LIST_VIEWS)
def test_list_filters_with_bad_values_never_fail(staff_client, listed_data, name):
    url = LIST_VIEWS[name]
    page = staff_client.get(url)
    assert page.status_code == 200
    names = parameters_offered(page.text) | set(UNDECLARED) | {"o", "p", "q"}
    failures = []
    for parameter in sorted(names):
        for value in BAD_VALUES:
            response = staff_client.get(url, {parameter: value})
            if response.status_code >= 500:
                failures.append(f"?{parameter}={value[:20]!r}")
    assert not failures, f"{url} answered 500 for: {', '.join(failures)}"


def test_the_walk_reads_the_queue_filters_from_the_page(staff_client, listed_data):
    names = parameters_offered(staff_client.get(LIST_VIEWS["moderation-queue"]).text)
    assert {
        "status__exact",
        "dialoog",
        "phase__page_ptr__exact",
        "kind__exact",
    } <= names


def test_undeclared_lookups_are_ignored_not_applied(staff_client, listed_data):
    participant, other = listed_data
    for lookup in ("participant__id", "flags__participant__id"):
        listing = staff_client.get(
            LIST_VIEWS["moderation-queue"], {lookup: participant.pk}
        ).text
        # Filtering by a pseudonym would link its contributions: both stay listed.
        assert "Tekst van de eerste" in listing and "Tekst van de tweede" in listing


def test_a_bad_filter_value_lists_as_if_unfiltered(staff_client, listed_data):
    for parameter in ("dialoog", "phase__page_ptr__exact", "phase__id__exact"):
        listing = staff_client.get(LIST_VIEWS["moderation-queue"], {parameter: "abc"})
        assert listing.status_code == 200
        assert "Tekst van de eerste" in listing.text
        assert "Tekst van de tweede" in listing.text


def test_a_good_filter_value_still_filters(staff_client, listed_data, phase):
    listing = staff_client.get(
        LIST_VIEWS["moderation-queue"], {"status__exact": "gepubliceerd"}
    ).text
    assert "Tekst van de tweede" in listing
    assert "Tekst van de eerste" not in listing


def routes_keyed_by_text(patterns=None, prefix=""):
    """Admin routes whose one parameter is a record's key, taken as any text."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from routes_keyed_by_text(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and route.startswith("beheer/"):
            keys = re.findall(r"\(\?P<instance_pk>[^)]*\)|<str:pk>", route)
            if len(keys) == 1 and route.count("<") == 1:
                yield route, keys[0]


ADMIN_KEYED_ROUTES = sorted(routes_keyed_by_text())


def test_the_walk_finds_every_modeladmin_action():
    routes = [route for route, _ in ADMIN_KEYED_ROUTES]
    for action in ("inspect", "approve", "reply", "block", "send_invitation"):
        assert any(f"/{action}/" in route for route in routes), action
    assert "beheer/invitations/signup/inspect/(?P<instance_pk>[-\\w]+)/" in routes


@pytest.mark.parametrize(("route", "key"), ADMIN_KEYED_ROUTES)
def test_record_routes_with_bad_keys_are_not_found(
    staff_client, listed_data, route, key
):
    failures = []
    for bad in BAD_KEYS:
        response = staff_client.get("/" + route.replace(key, bad))
        if response.status_code != 404:
            failures.append(f"{bad[:20]!r} → {response.status_code}")
    assert not failures, f"/{route}: {', '.join(failures)}"
