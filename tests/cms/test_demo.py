"""`manage.py load_demo` builds the dialogue of the brief and can run again safely."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from cms.demo import (
    DEMO_FACILITATOR_NAME,
    DEMO_MODERATOR_USERNAME,
    DEMO_STAFF_PASSWORD,
    DEMO_STAFF_USERNAME,
)
from cms.models import DialoguePage, LandingPage, PhasePage, SiteFooter, StandardPage
from cms.permissions import COMMUNICATIONS_GROUP
from cms.phases import PhaseStatus, Step

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(home_page, settings):
    settings.DEBUG = True  # the demo staff account exists only in development
    call_command("load_demo", stdout=StringIO())
    return DialoguePage.objects.get(slug="regionale-samenwerking")


def test_demo_dialogue_has_seven_phases_with_one_open(demo, client):
    phases = list(demo.phases())
    assert [phase.slug for phase in phases] == [step.slug for step in Step]
    statuses = [phase.status() for phase in phases]
    assert statuses.count(PhaseStatus.OPEN) == 1
    assert PhaseStatus.CLOSED in statuses and PhaseStatus.UPCOMING in statuses
    assert demo.url == "/regionale-samenwerking/"
    assert client.get("/regionale-samenwerking/verkennen/").status_code == 200


def test_demo_has_every_department_and_network_landing_page(demo):
    landing = LandingPage.objects.child_of(demo).live()
    assert landing.filter(province__isnull=False).count() == 12
    assert set(
        landing.filter(network__isnull=False).values_list("network__code", flat=True)
    ) == {"G4", "G40", "M50", "P10", "K80"}


def test_demo_links_the_statements_in_every_footer(demo, client):
    footer = SiteFooter.objects.get()
    assert footer.privacy_page.url == "/privacy/"
    assert footer.accessibility_page.url == "/toegankelijkheid/"
    html = client.get("/regionale-samenwerking/").text
    assert 'href="/privacy/"' in html and 'href="/toegankelijkheid/"' in html


def test_demo_staff_account_can_log_in(demo, client):
    assert client.login(username=DEMO_STAFF_USERNAME, password=DEMO_STAFF_PASSWORD)
    assert client.get("/beheer/").status_code == 200


def test_demo_moderator_moderates_but_edits_no_page(demo, client):
    moderator = get_user_model().objects.get(username=DEMO_MODERATOR_USERNAME)
    assert not moderator.is_superuser
    assert moderator.facilitator.display_name == DEMO_FACILITATOR_NAME
    assert client.login(username=DEMO_MODERATOR_USERNAME, password=DEMO_STAFF_PASSWORD)
    assert client.get("/beheer/dialogue_blocks/contribution/").status_code == 200
    phase = PhasePage.objects.get(slug="verkennen")
    assert client.get(f"/beheer/pages/{phase.pk}/edit/").status_code in (302, 403)


def test_demo_loaded_weeks_later_still_has_an_open_block(demo, time_machine):
    time_machine.move_to(timezone.now() + timedelta(days=120))
    assert not any(phase.accepts_contributions() for phase in demo.phases())

    call_command("load_demo", stdout=StringIO())

    phases = {phase.step: phase.specific for phase in demo.phases()}
    assert phases[Step.VERKENNEN].accepts_contributions()
    assert [phase.status() for phase in phases.values()].count(PhaseStatus.OPEN) == 1
    assert phases[Step.VINDEN].status() == PhaseStatus.CLOSED
    assert phases[Step.VOORTZETTEN].status() == PhaseStatus.UPCOMING


def test_loading_the_demo_twice_creates_nothing_new(demo):
    pages_before = Page.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Page.objects.count() == pages_before
    assert PhasePage.objects.count() == 7
    assert get_user_model().objects.filter(username=DEMO_STAFF_USERNAME).count() == 1


def test_demo_without_debug_creates_no_staff_account(home_page, settings):
    settings.DEBUG = False
    call_command("load_demo", stdout=StringIO())
    assert (
        not get_user_model()
        .objects.filter(username__in=[DEMO_STAFF_USERNAME, DEMO_MODERATOR_USERNAME])
        .exists()
    )


def statement_text(client, path: str) -> str:
    return client.get(path).text


def test_privacy_statement_says_what_the_law_asks(demo, client):
    html = statement_text(client, "/privacy/")
    assert "Vereniging van Nederlandse Gemeenten (VNG), Nassaulaan 12" in html
    assert "verwerkingsverantwoordelijke" in html
    assert "functionaris gegevensbescherming" in html.lower()
    assert "artikel 6, lid 1, onder f AVG" in html  # invitations
    assert "artikel 6, lid 1, onder a AVG" in html  # sign-ups: consent
    retention = html.split("Hoe lang we gegevens bewaren", 1)[1].split("<h2", 1)[0]
    for record in (
        "Uitnodigingslijst",
        "Aanmeldingen",
        "Persoonlijke links",
        "Deelnemersprofiel",
        "Bijdragen",
    ):
        assert record in retention
    assert "Autoriteit Persoonsgegevens" in html


def test_accessibility_statement_follows_the_national_model(demo, client):
    html = statement_text(client, "/toegankelijkheid/")
    assert "voldoet gedeeltelijk" in html and "status B" in html
    assert "opgesteld op 1 december 2026" in html
    assert "Bekende problemen" in html
    assert "Nationale ombudsman" in html
    # Nothing a visitor would not know: no names of test tools.
    for tool in ("axe", "Playwright", "Chromium", "pytest"):
        assert tool.lower() not in html.lower()


def test_staff_edit_both_statements(demo, client):
    communications = get_user_model().objects.create_user("communicatie")
    communications.groups.add(Group.objects.get(name=COMMUNICATIONS_GROUP))
    client.force_login(communications)
    for slug in ("privacy", "toegankelijkheid"):
        statement = StandardPage.objects.get(slug=slug)
        assert client.get(f"/beheer/pages/{statement.pk}/edit/").status_code == 200


def test_demo_voorkeuren_has_a_dot_vote_and_a_poll_with_results(demo, client):
    from dialogue_blocks import counters
    from dialogue_blocks.models import VoteTally

    phase = PhasePage.objects.get(step=Step.VOORKEUREN)
    assert [
        child.block_type
        for child in phase.body
        if child.block_type in ("dot_vote", "poll")
    ] == ["dot_vote", "poll"]
    assert VoteTally.objects.filter(phase=phase).exists()
    assert counters.vote_mismatches([phase.pk]) == []
    page = client.get(phase.url).text
    assert page.count('role="img"') == 2
    assert "36 deelnemers hebben gestemd." in page
    assert "30 deelnemers hebben gestemd." in page
    assert "minder dan 10" in page  # the poll's least chosen answer


def test_demo_statements_show_what_connects_and_what_divides(demo, client):
    from dialogue_blocks import counters

    phase = PhasePage.objects.get(step=Step.VOORKEUREN)
    block = next(child for child in phase.body if child.block_type == "statements")
    assert len(block.value.statement_options(phase.dialogue_page(), block.id)) == 12
    assert counters.vote_mismatches([phase.pk]) == []
    page = client.get(phase.url).text
    results = page[page.index(f'id="blok-{block.id}-uitslag"') :]
    common = results[results.index("Wat ons verbindt") : results.index("Waar we")]
    divided = results[results.index("Waar we verschillen") :]
    assert common.count("<li>") >= 2 and divided.count("<li>") >= 2
    assert "raadslid" in divided and "ambtenaar" in divided
    continuation = PhasePage.objects.get(step=Step.VOORTZETTEN)
    page = client.get(continuation.url).text
    assert "Wat de stellingen lieten zien" in page
    assert "Wat ons verbindt" in page
