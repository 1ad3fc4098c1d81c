"""Municipalities by the names people use, and network lists staff complete."""

import re

import pytest
from playwright.sync_api import Page, expect

from cms import demo_content as content
from cms.demo import DEMO_STAFF_PASSWORD, DEMO_STAFF_USERNAME
from dialogue_blocks.models import Municipality, Network
from dialogue_blocks.services import find_participant
from invitations.models import SignUp

from .conftest import link_path_in_mail_to
from .test_editor_journey import log_in
from .test_joining_journeys import fill_sign_up_form, participation_banner

pytestmark = pytest.mark.browser

LANDING_PATH = f"/{content.DIALOGUE_SLUG}/afdeling-zuid-holland/"
DEN_HAAG_EMAIL = "griffie@denhaag.example"
PHONE = {"width": 375, "height": 812}
WIDE = {"width": 1280, "height": 900}


def municipality_error(page: Page):
    return page.locator("#id_municipality_error")


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["375", "1280"])
def test_den_haag_signs_up_on_the_zuid_holland_landing_page(
    demo_site: str, page: Page, dialogue, axe, screenshot, viewport
):
    page.set_viewport_size(viewport)
    page.goto(demo_site + LANDING_PATH)
    # The datalist opens on Zuid-Holland's own 50 municipalities.
    listed = page.locator("datalist#gemeenten option").evaluate_all(
        "options => options.map(option => option.value)"
    )
    zuid_holland = Municipality.objects.filter(province__name="Zuid-Holland")
    assert set(listed[:50]) == set(zuid_holland.values_list("name", flat=True))

    fill_sign_up_form(page, DEN_HAAG_EMAIL, "griffier", "Den Hag")
    page.get_by_role("button", name="Stuur mij een link").click()

    field = page.locator("#doe-mee").get_by_label("Gemeente")
    expect(municipality_error(page)).to_have_text(
        "Fout: ‘Den Hag’ staat niet in de lijst van gemeenten. Bedoelt u 's-Gravenhage?"
    )
    expect(field).to_have_value("Den Hag")
    expect(field).to_have_attribute("aria-invalid", "true")
    # The message is announced with the field, and seen with it.
    described_by = field.get_attribute("aria-describedby") or ""
    assert "id_municipality_error" in described_by.split()
    field.scroll_into_view_if_needed()
    expect(field).to_be_in_viewport()
    expect(municipality_error(page)).to_be_in_viewport()
    axe(page)
    screenshot(page, f"sign-up-den-hag-{viewport['width']}")
    assert not SignUp.objects.exists()

    # The captcha changed with the failed attempt; the rest of the form stayed.
    expect(page.locator("#doe-mee").get_by_label("E-mailadres")).to_have_value(
        DEN_HAAG_EMAIL
    )
    fill_sign_up_form(page, DEN_HAAG_EMAIL, "griffier", "Den Haag")
    page.get_by_role("button", name="Stuur mij een link").click()

    sent = page.locator("#doe-mee .join__sent")
    expect(sent.get_by_role("heading", name="Kijk in uw e-mail")).to_be_in_viewport()
    expect(sent).to_contain_text(f"We hebben een e-mail gestuurd naar {DEN_HAAG_EMAIL}")
    axe(page)
    screenshot(page, f"sign-up-den-haag-sent-{viewport['width']}")
    assert not SignUp.objects.exists()  # nothing stored until the link is used

    page.goto(demo_site + link_path_in_mail_to(DEN_HAAG_EMAIL))
    expect(page.get_by_role("definition").nth(1)).to_have_text("'s-Gravenhage")
    page.get_by_role("button", name="Ja, ik doe mee").click()
    expect(participation_banner(page)).to_contain_text("U doet mee als griffier")
    participant = find_participant(dialogue, DEN_HAAG_EMAIL)
    assert participant.role == "griffier"
    # G4 (or any finer combination) would point at The Hague itself.
    assert participant.network_codes is None


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "375"])
def test_staff_see_that_p10_is_incomplete_and_add_members(
    demo_site: str, page: Page, screenshot, viewport
):
    page.set_viewport_size(viewport)
    log_in(page, demo_site, DEMO_STAFF_USERNAME, DEMO_STAFF_PASSWORD)
    page.goto(demo_site + "/beheer/snippets/dialogue_blocks/network/")

    p10_row = page.locator("tr", has=page.get_by_role("link", name="P10"))
    expect(p10_row).to_contain_text("onvolledig")
    expect(p10_row).to_contain_text("24 van 31 leden")
    g40_row = page.locator("tr", has=page.get_by_role("link", name="G40"))
    expect(g40_row).to_contain_text("41 van 41 leden")
    expect(g40_row).not_to_contain_text("onvolledig")
    screenshot(page, f"admin-networks-{viewport['width']}")

    p10_row.get_by_role("link", name="P10").click()
    warning = page.locator(".help-warning")
    expect(warning).to_contain_text(
        "Ledenlijst onvolledig: 24 van de 31 leden gevonden."
    )
    expect(warning).to_be_in_viewport()
    screenshot(page, f"admin-network-p10-{viewport['width']}")

    pasted = page.get_by_label("Leden toevoegen uit een lijst")
    pasted.fill("Medemblik\nAsten")
    pasted.scroll_into_view_if_needed()
    screenshot(page, f"admin-network-p10-paste-{viewport['width']}")
    page.get_by_role("button", name=re.compile("Opslaan")).first.click()

    expect(page.locator(".messages")).to_contain_text("P10")
    p10 = Network.objects.get(code="P10")
    assert p10.members.filter(name__in=["Medemblik", "Asten"]).count() == 2
    expect(
        page.locator("tr", has=page.get_by_role("link", name="P10"))
    ).to_contain_text("26 van 31 leden")
