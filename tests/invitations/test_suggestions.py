"""Staff turn a published suggestion into invitees in the register, and
nothing links those invitees to the participant who made the suggestion."""

import json
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from cms.phases import Step
from dialogue_blocks import counters, services
from dialogue_blocks.models import HandledSuggestion, Municipality
from invitations import mailings, suggestions
from invitations.models import Invitee, Mailing
from invitations.suggestions import DEFAULT_ROUND
from tests.dialogue_blocks.test_suggestions import SUGGESTIONS_ID, suggestions_block
from tests.factories import PhasePageFactory, staff
from tests.participation import make_participant

pytestmark = pytest.mark.django_db

LIST = reverse("invitations_suggestions")
PEOPLE = [
    ("Anna Jansen", "anna@odru.example", "ambtenaar", "Utrecht"),
    ("Bert de Vries", "bert@odru.example", "anders", ""),
]


@pytest.fixture
def suggestion(dialogue):
    now = timezone.now()
    vinden = PhasePageFactory(
        parent=dialogue,
        step=Step.VINDEN,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7),
        body=json.dumps([suggestions_block()]),
    )
    author = make_participant(dialogue, 7)
    suggestion = services.create_contribution(
        author,
        vinden,
        SUGGESTIONS_ID,
        "Zij voeren de regionale taken uit.",
        kind="suggestie",
        title="Omgevingsdienst regio Utrecht",
    )
    counters.change_status(suggestion, "gepubliceerd")
    return suggestion


@pytest.fixture
def communications(client):
    client.force_login(staff("communicatie", "Communicatie"))
    return client


def add_url(suggestion) -> str:
    return reverse("invitations_suggestion_add", args=[suggestion.pk])


def form_data(people, invitation_round=DEFAULT_ROUND, rows=3) -> dict:
    data = {
        "genodigde-TOTAL_FORMS": str(rows),
        "genodigde-INITIAL_FORMS": "0",
        "genodigde-MIN_NUM_FORMS": "1",
        "genodigde-MAX_NUM_FORMS": "1000",
        "invitation_round": invitation_round,
    }
    for n in range(rows):
        name, email, role, municipality = (
            people[n] if n < len(people) else ("", "", "", "")
        )
        data |= {
            f"genodigde-{n}-name": name,
            f"genodigde-{n}-email": email,
            f"genodigde-{n}-role": role,
            f"genodigde-{n}-municipality": municipality,
            f"genodigde-{n}-organisation": "Omgevingsdienst regio Utrecht",
        }
    return data


def test_staff_see_published_suggestions_and_the_form_starts_from_one(
    communications, suggestion
):
    listing = communications.get(LIST).text
    assert "Omgevingsdienst regio Utrecht" in listing
    assert "Zij voeren de regionale taken uit." in listing
    # Every dialogue has a Vinden: the row names its dialogue.
    dialogue_title = suggestion.phase.get_parent().title
    assert re.search(rf"<td>{re.escape(dialogue_title)}<span", listing)
    form = communications.get(add_url(suggestion)).text
    assert form.count('value="Omgevingsdienst regio Utrecht"') == 3
    assert f'value="{DEFAULT_ROUND}"' in form


def test_a_waiting_suggestion_is_not_listed_for_staff(communications, suggestion):
    counters.change_status(suggestion, "wacht")
    assert "Omgevingsdienst regio Utrecht" not in communications.get(LIST).text
    assert communications.get(add_url(suggestion)).status_code == 404


def test_staff_add_invitees_and_the_suggestion_is_marked_handled(
    communications, suggestion, dialogue
):
    response = communications.post(add_url(suggestion), form_data(PEOPLE))
    assert response.status_code == 302
    invitees = Invitee.objects.order_by("name")
    assert [(i.name, i.email, i.role, i.status) for i in invitees] == [
        ("Anna Jansen", "anna@odru.example", "ambtenaar", "nieuw"),
        ("Bert de Vries", "bert@odru.example", "anders", "nieuw"),
    ]
    assert {i.organisation for i in invitees} == {"Omgevingsdienst regio Utrecht"}
    assert {i.invitation_round for i in invitees} == {DEFAULT_ROUND}
    assert invitees[0].municipality == Municipality.objects.get(
        name="Utrecht", is_active=True
    )
    assert HandledSuggestion.objects.get(contribution=suggestion).invitee_count == 2
    listing = communications.get(LIST).text
    assert "Omgezet in 2 genodigden" in listing
    assert "2 genodigden toegevoegd aan het register" in listing
    assert "Uitnodiging versturen" in listing
    # Adding more later counts on.
    communications.post(
        add_url(suggestion), form_data([("Carla", "carla@odru.example", "anders", "")])
    )
    assert HandledSuggestion.objects.get(contribution=suggestion).invitee_count == 3


def test_the_mailing_link_invites_exactly_the_new_people(
    communications, suggestion, dialogue
):
    Invitee.objects.create(
        dialogue=dialogue, name="Eerder", email="eerder@x.example", role="griffier"
    )
    communications.post(add_url(suggestion), form_data(PEOPLE))
    fields = mailings.invitation_for_round(dialogue, DEFAULT_ROUND)
    page = communications.get(reverse("invitations_mailing_modeladmin_create"), fields)
    assert f'value="{DEFAULT_ROUND}"' in page.text
    mailing = Mailing.objects.create(
        dialogue=dialogue,
        kind=fields["kind"],
        subject=fields["subject"],
        body=fields["body"],
        audience=fields["audience"],
        invitation_round=DEFAULT_ROUND,
    )
    assert sorted(r.email for r in mailings.recipients(mailing)) == [
        "anna@odru.example",
        "bert@odru.example",
    ]


def test_no_invitee_is_linkable_to_the_suggestion_s_author(communications, suggestion):
    author = suggestion.participant
    communications.post(add_url(suggestion), form_data(PEOPLE))
    traces = {author.id, author.email_hash, author.session_token}
    for invitee in Invitee.objects.all():
        assert not traces & {str(v) for v in model_to_dict(invitee).values()}
    # And the participation side holds nothing of the invitees.
    people = {value for person in PEOPLE for value in person[:2]}
    for row in (suggestion, HandledSuggestion.objects.get()):
        values = " ".join(str(v) for v in model_to_dict(row).values())
        assert not any(value in values for value in people)


def test_someone_without_the_register_permission_is_refused(client, suggestion):
    client.force_login(staff("moderator", "Moderatoren"))
    # Wagtail answers a refused admin view with a way back to the dashboard.
    for response in (
        client.get(LIST),
        client.post(add_url(suggestion), form_data(PEOPLE)),
    ):
        assert response.status_code == 302 and response["Location"] == "/beheer/"
    assert "Suggesties" not in client.get("/beheer/").text
    assert not Invitee.objects.exists()
    assert not HandledSuggestion.objects.exists()


def test_errors_are_dutch_next_to_the_field_and_nothing_is_lost(
    communications, suggestion, dialogue
):
    Invitee.objects.create(
        dialogue=dialogue, name="Al", email="al@odru.example", role="griffier"
    )
    people = [
        ("Anna Jansen", "anna@", "", "Utrecht"),
        ("", "al@odru.example", "anders", "Nergenshuizen"),
    ]
    response = communications.post(add_url(suggestion), form_data(people))
    text = response.text
    assert response.status_code == 200
    assert "Dit is geen geldig e-mailadres (zoals naam@gemeente.nl)." in text
    assert "Kies de rol." in text
    assert "Vul de naam in." in text
    assert "Dit adres staat al in het register." in text
    assert "Nergenshuizen" in text  # an unknown municipality, with its message
    assert 'value="Anna Jansen"' in text  # nothing typed is lost
    assert not Invitee.objects.exclude(name="Al").exists()
    assert not HandledSuggestion.objects.exists()


def test_an_empty_form_asks_for_one_person(communications, suggestion):
    response = communications.post(add_url(suggestion), form_data([]))
    assert "Vul de naam in." in response.text
    assert not Invitee.objects.exists()


def test_an_address_added_meanwhile_adds_no_one(suggestion, dialogue):
    """The form checked the register; someone added one of its people since."""
    Invitee.objects.create(
        dialogue=dialogue, name="Anna", email="anna@odru.example", role="griffier"
    )
    people = [
        {
            "name": name,
            "email": email,
            "role": role,
            "organisation": "",
            "municipality": None,
            "invitation_round": "",
        }
        for name, email, role, _municipality in PEOPLE
    ]
    with pytest.raises(suggestions.AlreadyInRegister) as refused:
        suggestions.add_invitees(suggestion, dialogue, people)
    assert refused.value.emails == {"anna@odru.example"}
    assert Invitee.objects.count() == 1
    assert not HandledSuggestion.objects.exists()
    suggestion.refresh_from_db()
    assert suggestion.participant is not None


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row versions (xmin) are PostgreSQL's; CI runs this on PostgreSQL",
)
def test_the_register_and_the_handled_mark_are_written_apart(
    communications, suggestion
):
    communications.post(add_url(suggestion), form_data(PEOPLE))

    def writers(table: str) -> set[int]:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT xmin::text::bigint FROM {table}")  # noqa: S608
            return {row[0] for row in cursor.fetchall()}

    assert writers("invitations_invitee")
    assert not writers("invitations_invitee") & writers(
        HandledSuggestion._meta.db_table
    )
    # The suggestion keeps its author, who still finds it in 'Mijn bijdragen'.
    suggestion.refresh_from_db()
    assert suggestion.participant is not None
