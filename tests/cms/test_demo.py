"""`manage.py load_demo` builds the dialogue of the brief and can run again safely."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from cms.demo import DEMO_STAFF_PASSWORD, DEMO_STAFF_USERNAME
from cms.models import DialoguePage, LandingPage, PhasePage, SiteFooter
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


def test_loading_the_demo_twice_creates_nothing_new(demo):
    pages_before = Page.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert Page.objects.count() == pages_before
    assert PhasePage.objects.count() == 7
    assert get_user_model().objects.filter(username=DEMO_STAFF_USERNAME).count() == 1


def test_demo_without_debug_creates_no_staff_account(home_page, settings):
    settings.DEBUG = False
    call_command("load_demo", stdout=StringIO())
    assert not get_user_model().objects.filter(username=DEMO_STAFF_USERNAME).exists()
