"""Communications staff mail the register from the admin; the invitee joins by it."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import Browser, expect

from cms.demo import DEMO_STAFF_PASSWORD, DEMO_STAFF_USERNAME
from dialogue_blocks.models import Municipality
from invitations.models import Invitee
from tests.worker import DATABASE_TASKS, run_worker

from .conftest import link_path_in_mail_to
from .test_editor_journey import log_in

pytestmark = pytest.mark.browser

MAILINGS = "/beheer/invitations/mailing/"
CLERK = "anna.griffier@utrecht.example"


def unsubscribe_path_in_mail_to(address: str) -> str:
    message = next(m for m in mail.outbox if m.to == [address])
    return urlsplit(
        re.search(r"https?://\S+/geen-mail-meer/\S+/", message.body)[0]
    ).path


def at_widths(page, axe, screenshot, name: str) -> None:
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        axe(page)
        screenshot(page, f"{name}-{width}")


def test_staff_send_a_mailing_and_the_invitee_joins_by_its_link(
    browser: Browser, demo_site, dialogue, axe, screenshot, settings
):
    settings.TASKS = DATABASE_TASKS  # sent by the real worker, as in production
    for name, email, municipality in [
        ("Anna de Griffier", CLERK, "Utrecht"),
        ("Gert Griffier", "griffier@zeist.example", "Zeist"),
    ]:
        Invitee.objects.create(
            dialogue=dialogue,
            name=name,
            email=email,
            role="griffier",
            municipality=Municipality.objects.get(name=municipality, is_active=True),
        )
    # Reduced motion: axe must not meet the admin's message while it fades in.
    staff = browser.new_context(
        viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
    ).new_page()
    log_in(staff, demo_site, DEMO_STAFF_USERNAME, DEMO_STAFF_PASSWORD)
    staff.goto(demo_site + MAILINGS + "create/")
    staff.get_by_role("textbox", name="Onderwerp").fill("Doe mee aan {dialoog}")
    staff.get_by_role("textbox", name="Tekst").fill(
        "Beste {naam},\n\nU bent uitgenodigd: {link}"
    )
    staff.get_by_label("genodigden: nog niet uitgenodigd").check()
    staff.get_by_label("Griffier").check()
    staff.get_by_role("button", name="Opslaan").click()
    staff.get_by_role("link", name="Controleren en versturen").click()

    expect(staff.get_by_text("2 ontvangers", exact=True)).to_be_visible()
    expect(staff.get_by_text("Beste Anna de Griffier")).to_be_visible()
    at_widths(staff, axe, screenshot, "mailing-check")
    staff.set_viewport_size({"width": 1280, "height": 900})
    staff.get_by_label("Ik heb de voorbeeldmail gecontroleerd").check()
    staff.get_by_role("button", name="Verstuur aan 2 ontvangers").click()
    expect(staff.get_by_text("in de wachtrij voor 2 ontvangers")).to_be_in_viewport()
    expect(
        staff.get_by_role("row", name="in de wachtrij 2", exact=True)
    ).to_be_visible()
    assert not mail.outbox, "the request only queues; the worker sends"
    run_worker()
    staff.reload()
    expect(staff.get_by_role("row", name="verzonden 2", exact=True)).to_be_visible()
    at_widths(staff, axe, screenshot, "mailing-progress")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [CLERK, "griffier@zeist.example"]
    )

    invitee_page = browser.new_context(
        viewport={"width": 375, "height": 800}
    ).new_page()
    invitee_page.goto(demo_site + link_path_in_mail_to(CLERK))
    invitee_page.get_by_role("button", name="Ja, ik doe mee").click()
    expect(invitee_page.get_by_role("region", name="Uw deelname")).to_contain_text(
        "U doet mee als"
    )

    invitee_page.goto(demo_site + unsubscribe_path_in_mail_to(CLERK))
    at_widths(invitee_page, axe, screenshot, "unsubscribe-ask")
    invitee_page.get_by_role("button", name="Afmelden").click()
    expect(invitee_page.get_by_role("status")).to_contain_text("geen mail meer")
    at_widths(invitee_page, axe, screenshot, "unsubscribe-done")
    assert Invitee.objects.get(email=CLERK).status == "afgemeld"

    staff.set_viewport_size({"width": 1280, "height": 900})
    staff.goto(demo_site + "/beheer/invitations/invitee/")
    staff.get_by_role("link", name="Bulkacties").click()
    staff.get_by_label("Rol").select_option("griffier")
    staff.get_by_role("button", name="Toon selectie").click()
    clerks = Invitee.objects.filter(role="griffier")
    expect(staff.locator(".register-bulk__count")).to_contain_text(
        f"{clerks.count()} genodigden in deze selectie"
    )
    at_widths(staff, axe, screenshot, "register-bulk")
    staff.get_by_label("Uitnodigingsronde instellen").check()
    staff.get_by_label("Nieuwe uitnodigingsronde").fill("tweede ronde")
    staff.get_by_label("Alle genodigden in deze selectie").check()
    staff.get_by_role("button", name="Voer de actie uit").click()
    expect(
        staff.get_by_text(f"De ronde van {clerks.count()} genodigden is ingesteld.")
    ).to_be_in_viewport()
    assert set(clerks.values_list("invitation_round", flat=True)) == {"tweede ronde"}
