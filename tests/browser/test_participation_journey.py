"""Staff see who takes part and send a reminder; visitors see who takes part."""

import pytest
from playwright.sync_api import Page, expect

from cms.demo import DEMO_STAFF_PASSWORD, DEMO_STAFF_USERNAME
from cms.phases import Step
from tests.browser.test_editor_journey import log_in

pytestmark = pytest.mark.browser


def look(page: Page, axe, screenshot, name: str) -> None:
    """No axe violation at 1280 and 320 px; screenshots at 1280 and 375 px."""
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        axe(page)
    for width in (375, 1280):
        # Tall, because the admin scrolls inside its own frame, not the page.
        page.set_viewport_size({"width": width, "height": 6000})
        screenshot(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_staff_see_participation_per_group_and_remind_an_under_represented_one(
    demo_site: str, dialogue, page: Page, axe, screenshot
):
    log_in(page, demo_site, DEMO_STAFF_USERNAME, DEMO_STAFF_PASSWORD)
    page.get_by_role("link", name="Deelname").click()
    expect(
        page.get_by_role("heading", name=f"Overzicht van {dialogue.title}")
    ).to_be_visible()
    expect(page.get_by_role("table", name="Deelname per provincie")).to_be_visible()
    expect(page.get_by_role("table", name="Dekking per provincie")).to_be_visible()
    look(page, axe, screenshot, "deelname")

    page.get_by_role("link", name="Streefwaarden per provincie aanpassen").click()
    expect(
        page.get_by_role("heading", name="Streefwaarden per provincie")
    ).to_be_visible()
    look(page, axe, screenshot, "streefwaarden")
    page.get_by_role("link", name="Terug naar Deelname").click()

    # The demo's mayors, secretaries and clerks are most of the register but few
    # of the participants: their role is flagged, with a reminder.
    under = page.locator(".participation-dashboard__under li").filter(
        has_text="Rol: burgemeester"
    )
    under.get_by_role("link", name="Stuur herinnering").click()
    # A new mailing, filled in: a reminder to the group's invitees not yet joined.
    expect(page.get_by_role("textbox", name="Onderwerp")).to_have_value(
        "Herinnering: doe mee aan {dialoog}"
    )
    expect(
        page.get_by_label("genodigden: uitgenodigd, nog geen deelnemer")
    ).to_be_checked()
    expect(
        page.get_by_role("checkbox", name="burgemeester", exact=True)
    ).to_be_checked()


def test_visitors_see_who_takes_part_on_the_step_and_their_landing_page(
    demo_site: str, dialogue, page: Page, axe, screenshot
):
    step = dialogue.phases().get(step=Step.VERZAMELEN)
    page.goto(demo_site + step.url)
    expect(
        page.get_by_role("heading", name="Deelname Wie doen er mee?")
    ).to_be_visible()
    expect(
        page.get_by_role("img", name="Aandeel deelnemers per provincie")
    ).to_be_visible()
    look(page, axe, screenshot, "deelname-blok")

    page.goto(demo_site + dialogue.url + "afdeling-utrecht/")
    expect(page.get_by_role("heading", name="Deelname uit Utrecht")).to_be_visible()
    look(page, axe, screenshot, "landingspagina-deelname")
