"""Vinden, "Wie moet er meedoen?": a participant suggests an organisation, a
moderator publishes it, and communications staff add the people they found
there to the register and go on to invite them; axe at 1280 and 320 px."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from cms import demo_content as content
from cms.demo import DEMO_MODERATOR_USERNAME, DEMO_STAFF_PASSWORD
from cms.models import PhasePage
from cms.phases import Step
from dialogue_blocks.models import Contribution
from invitations.models import Invitee
from tests.factories import staff

from .test_contribution_journeys import check_small_screen
from .test_editor_journey import log_in

pytestmark = pytest.mark.browser

VINDEN = f"/{content.DIALOGUE_SLUG}/{Step.VINDEN.slug}/"
NAME = "Waterschappen in de regio"
REASON = "Zij beslissen mee over ruimte en water, en zitten nu niet aan tafel."


@pytest.fixture
def open_vinden(dialogue) -> PhasePage:
    phase = PhasePage.objects.get(step=Step.VINDEN)
    now = timezone.now()
    phase.opens_at = now - timedelta(days=1)
    phase.closes_at = now + timedelta(days=7)
    phase.save_revision().publish()
    return phase


def new_page(browser: Browser):
    # Reduced motion: axe must not meet the admin's message while it fades in.
    return browser.new_context(
        viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
    ).new_page()


def at_widths(page, axe, screenshot, name: str) -> None:
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        axe(page)
        check_small_screen(page, {"width": width, "height": 900})
        screenshot(page, f"{name}-{width}")


def test_a_suggestion_goes_from_participant_to_moderator_to_the_register(
    browser: Browser, demo_site, open_vinden, join_by_invitation, axe, screenshot
):
    participant = new_page(browser)
    join_by_invitation(participant)
    participant.goto(demo_site + VINDEN)
    block = participant.locator("section.participation-block").filter(
        has=participant.get_by_role("button", name="Plaats suggestie")
    )
    block.get_by_label("Wie moet er meedoen?").fill(NAME)
    block.get_by_label("Waarom?").fill(REASON)
    block.get_by_role("button", name="Plaats suggestie").click()
    mine = Contribution.objects.get(title=NAME)
    item = participant.locator(f"#bijdrage-{mine.pk}")
    expect(item).to_contain_text("wacht op moderatie")
    at_widths(participant, axe, screenshot, "vinden-eigen-suggestie")

    visitor = new_page(browser)
    visitor.goto(demo_site + VINDEN)
    expect(visitor.get_by_text(NAME)).to_have_count(0)

    moderator = new_page(browser)
    log_in(moderator, demo_site, DEMO_MODERATOR_USERNAME, DEMO_STAFF_PASSWORD)
    moderator.goto(
        demo_site + "/beheer/dialogue_blocks/contribution/?status__exact=wacht"
    )
    row = moderator.get_by_role("row").filter(has_text=NAME)
    row.get_by_role("link", name="Beoordelen").click()
    moderator.get_by_role("link", name="Goedkeuren").click()
    moderator.get_by_role("button", name="Keur goed en publiceer").click()
    expect(moderator.get_by_text("De bijdrage is goedgekeurd")).to_be_visible()

    visitor.reload()
    expect(visitor.get_by_text(NAME)).to_be_visible()
    expect(visitor.get_by_text(REASON)).to_be_visible()
    at_widths(visitor, axe, screenshot, "vinden-suggesties")

    staff("communicatie", "Communicatie")
    office = new_page(browser)
    log_in(office, demo_site, "communicatie", "geheim-wachtwoord")
    office.get_by_role("button", name="Uitnodigingen").click()
    office.get_by_role("link", name="Suggesties").click()
    row = office.get_by_role("row").filter(has_text=NAME)
    expect(row).to_be_visible()  # the list has loaded before axe reads it
    at_widths(office, axe, screenshot, "beheer-suggesties")
    office.set_viewport_size({"width": 1280, "height": 900})
    row.get_by_role("link", name="Toevoegen aan het register").click()
    first = office.get_by_role("group", name="Genodigde 1 (verplicht)")
    expect(first.get_by_label("Organisatie of functie")).to_have_value(NAME)
    first.get_by_label("Naam").fill("Wim Water")
    first.get_by_label("E-mailadres").fill("wim@")
    office.get_by_role("button", name="Toevoegen aan het register").click()
    expect(first.get_by_text("Dit is geen geldig e-mailadres")).to_be_visible()
    expect(first.get_by_text("Kies de rol.")).to_be_visible()
    expect(first.get_by_label("Naam")).to_have_value("Wim Water")
    at_widths(office, axe, screenshot, "beheer-suggestie-toevoegen")
    office.set_viewport_size({"width": 1280, "height": 900})
    first.get_by_label("E-mailadres").fill("wim@waterschap.example")
    first.get_by_label("Rol").select_option(label="anders")
    office.get_by_role("button", name="Toevoegen aan het register").click()
    expect(
        office.get_by_text("1 genodigde toegevoegd aan het register")
    ).to_be_visible()
    row = office.get_by_role("row").filter(has_text=NAME)
    expect(row).to_contain_text("Omgezet in 1 genodigde")

    invitee = Invitee.objects.get(email="wim@waterschap.example")
    assert (invitee.name, invitee.organisation) == ("Wim Water", NAME)
    mine.refresh_from_db()
    assert mine.participant is not None  # the suggestion keeps its author

    office.get_by_role("link", name="Uitnodiging versturen").click()
    expect(
        office.get_by_label("Alleen genodigden van deze uitnodigingsronde")
    ).to_have_value(invitee.invitation_round)
