"""Every page type renders for a visitor, with the stepper where it belongs."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.phases import Step
from dialogue_blocks.models import Network, Participant, Province
from tests.factories import (
    DialoguePageFactory,
    LandingPageFactory,
    PhasePageFactory,
    StandardPageFactory,
)
from tests.participation import (
    BOARD_ID,
    QUESTION_ID,
    board_block,
    make_participant,
    question_block,
    sign_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(home_page):
    return DialoguePageFactory(parent=home_page, title="Dialoog Regio", slug="regio")


def full_stepper(html: str) -> str:
    """The seven cards of wide screens (small screens fold the same list away)."""
    return html.split('class="stepper__full"', 1)[1].split("</nav>", 1)[0]


def phase_at(dialogue, step, days_from_now, length=7):
    opens = timezone.now() + timedelta(days=days_from_now)
    return PhasePageFactory(
        parent=dialogue, step=step, opens_at=opens, closes_at=opens + timedelta(length)
    )


def test_home_lists_its_dialogues(client, dialogue):
    response = client.get("/")
    assert response.status_code == 200
    assert 'href="/regio/"' in response.text
    assert "Dialoog Regio" in response.text


def test_dialogue_shows_all_seven_steps_and_marks_the_open_one(client, dialogue):
    phase_at(dialogue, Step.VINDEN, -20)
    phase_at(dialogue, Step.VERKENNEN, -1)
    phase_at(dialogue, Step.VERRIJKEN, 10)
    response = client.get(dialogue.url)
    assert response.status_code == 200
    html = full_stepper(response.text)
    for step in Step:
        assert step.label in html
    assert html.count('aria-current="step"') == 1
    current = html.split('aria-current="step"')[1].split("</li>")[0]
    assert "Verkennen" in current
    assert "Gesloten" in html and "Binnenkort" in html
    # Steps without a published page are shown but not linked.
    assert html.count("Nog niet gepland") == 4
    assert "Naar stap 3: Verkennen" in response.text


def test_phase_page_shows_stepper_status_and_neighbours(client, dialogue):
    first = phase_at(dialogue, Step.VINDEN, -20)
    current = phase_at(dialogue, Step.VERKENNEN, -1)
    later = phase_at(dialogue, Step.VERRIJKEN, 10)
    html = client.get(current.url).text
    assert f"<h1>{current.title}</h1>" in html
    assert "Bijdragen kan tot en met" in html
    assert f'href="{first.url}" rel="prev"' in html
    assert f'href="{later.url}" rel="next"' in html
    assert f'href="{current.url}" aria-current="page"' in html


def test_first_phase_has_no_previous_link_and_upcoming_phase_says_when(
    client, dialogue
):
    upcoming = phase_at(dialogue, Step.VINDEN, 3)
    html = client.get(upcoming.url).text
    assert 'rel="prev"' not in html and 'rel="next"' not in html
    assert "Deze stap opent op" in html


def test_closed_phase_says_it_is_closed(client, dialogue):
    closed = phase_at(dialogue, Step.VINDEN, -30)
    assert "Deze stap is gesloten" in client.get(closed.url).text


def test_unpublished_phase_is_left_out_of_the_stepper(client, dialogue):
    draft = phase_at(dialogue, Step.VINDEN, -1)
    draft.unpublish()
    html = client.get(dialogue.url).text
    assert draft.url not in html
    assert full_stepper(html).count("Nog niet gepland") == 7


def test_the_stepper_shows_only_its_own_dialogues_steps_in_order(
    client, dialogue, home_page
):
    other = DialoguePageFactory(parent=home_page, title="Dialoog Elders", slug="elders")
    theirs = phase_at(other, Step.VINDEN, -1)
    later = phase_at(dialogue, Step.VERRIJKEN, 10)
    first = phase_at(dialogue, Step.VERKENNEN, -1)
    stepper = full_stepper(client.get(first.url).text)
    assert theirs.url not in stepper
    assert stepper.index(first.url) < stepper.index(later.url)
    assert stepper.count("Nog niet gepland") == 5


def test_landing_page_names_its_audience_and_invites_to_join(client, dialogue):
    province_page = LandingPageFactory(
        parent=dialogue, province=Province.objects.get(name="Fryslân")
    )
    network_page = LandingPageFactory(
        parent=dialogue, network=Network.objects.get(code="G40")
    )
    province_html = client.get(province_page.url).text
    assert "VNG-afdeling Fryslân" in province_html
    assert 'id="doe-mee"' in province_html
    assert "Netwerk G40" in client.get(network_page.url).text
    # The dialogue page links to both landing pages.
    dialogue_html = client.get(dialogue.url).text
    assert province_page.url in dialogue_html and network_page.url in dialogue_html


def test_standard_page_renders_its_body(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="Privacyverklaring",
        body=[("heading", {"text": "Welke gegevens", "level": "h2"})],
    )
    html = client.get(page.url).text
    assert '<h2 id="welke-gegevens">Welke gegevens</h2>' in html
    assert '<html lang="nl">' in html


def test_unknown_page_gets_a_dutch_not_found_page(client, home_page):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text


def test_phase_with_several_blocks_lists_them_in_its_contents(client, dialogue):
    phase = phase_at(dialogue, Step.VERKENNEN, -1)
    assert phase.contents() == []
    phase.body = json.dumps([question_block(), board_block()])
    phase.save_revision().publish()
    phase.refresh_from_db()
    assert [(entry.kind, entry.heading) for entry in phase.contents()] == [
        ("Open vraag", "Wat gaat goed?"),
        ("Ideeën en zorgen", "Ideeën"),
    ]
    html = client.get(phase.url).text
    assert f'<a href="#blok-{QUESTION_ID}">' in html
    assert f'<a href="#blok-{BOARD_ID}">' in html


def test_landing_page_shows_the_current_step_and_a_call_to_join(client, dialogue):
    phase_at(dialogue, Step.VINDEN, -20)
    open_step = phase_at(dialogue, Step.VERKENNEN, -1)
    landing = LandingPageFactory(
        parent=dialogue, province=Province.objects.get(name="Utrecht")
    )
    html = client.get(landing.url).text
    assert "Nu: stap 3 van 7, Verkennen" in html
    assert f'href="{open_step.url}">Naar stap 3: Verkennen' in html
    assert '<a class="button" href="#doe-mee">Doe mee</a>' in html


def test_a_participant_is_not_asked_to_join_again(participant_client, dialogue):
    phase_at(dialogue, Step.VERKENNEN, -1)
    landing = LandingPageFactory(
        parent=dialogue, province=Province.objects.get(name="Utrecht")
    )
    for url in ("/", landing.url):
        html = participant_client.get(url).text
        assert 'href="#doe-mee">Doe mee' not in html
        assert 'href="/regio/#doe-mee"' not in html


def test_the_kept_stepper_follows_a_step_that_opens_and_a_page_that_moves(
    client, dialogue, time_machine
):
    """The stepper is kept once rendered (cms/templatetags/stepper.py): what
    changes its cards must show at once, in the same process."""
    time_machine.move_to(timezone.now(), tick=False)
    open_step = phase_at(dialogue, Step.VINDEN, -3, length=4)
    upcoming = phase_at(dialogue, Step.VERZAMELEN, 2)
    before = full_stepper(client.get(open_step.url).text)
    assert before.count("Binnenkort") == 1
    assert f'href="{upcoming.url}"' in before

    time_machine.move_to(timezone.now() + timedelta(days=2, hours=1), tick=False)
    opened = full_stepper(client.get(open_step.url).text)
    assert "Binnenkort" not in opened
    current = opened.split('aria-current="step"')[1].split("</li>")[0]
    assert "Verzamelen" in current

    upcoming.slug = "verzamelen-nieuw"
    upcoming.closes_at += timedelta(days=30)
    upcoming.save_revision().publish()
    upcoming.refresh_from_db()
    moved = full_stepper(client.get(open_step.url).text)
    assert 'href="/regio/verzamelen-nieuw/"' in moved
    assert f"{upcoming.last_day:%Y}" in moved and upcoming.url in moved
    assert moved != opened


def test_the_header_names_the_participant_with_their_province_or_without(
    client, dialogue
):
    phase = phase_at(dialogue, Step.VERKENNEN, -1)
    participant = make_participant(dialogue, role="griffier")
    sign_in(client, participant)
    assert (
        "U doet mee als <strong>griffier uit Utrecht</strong>"
        in client.get(phase.url).text
    )
    # Left out to keep a small group unfindable: the role alone.
    Participant.objects.filter(pk=participant.pk).update(province=None)
    assert "U doet mee als <strong>griffier</strong>" in client.get(phase.url).text
