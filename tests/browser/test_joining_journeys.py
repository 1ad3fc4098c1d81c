"""People join the dialogue: by invitation, by signing up, with a lost link, and
leave again, taking their data with them. Every page on the way meets WCAG 2.1 AA.
"""

import json
import re
from pathlib import Path

import pytest
from captcha.models import CaptchaStore
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from cms import demo_content as content
from cms.models import LandingPage
from dialogue_blocks.models import Contribution, Participant
from dialogue_blocks.services import create_contribution, find_participant
from invitations.derivation import derive_participation
from invitations.models import Invitee, InviteeStatus, SignUp
from tests.captcha import espeak_wav, solve_in_page

from .conftest import INVITEE_EMAIL, link_path_in_mail_to

pytestmark = pytest.mark.browser

DIALOGUE_PATH = f"/{content.DIALOGUE_SLUG}/"
LANDING_PATH = f"{DIALOGUE_PATH}afdeling-utrecht/"
LOST_LINK_PATH = f"{DIALOGUE_PATH}link-kwijt/"
NEWCOMER_EMAIL = "nieuw.raadslid@zeist.example"
# Referrer policies under which a page's path (with a token) never leaves the site.
PATH_STAYS_ON_SITE = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}

VIEWPORTS = {
    "wide": {"width": 1280, "height": 900},
    "narrow": {"width": 320, "height": 640},
}


def participation_banner(page: Page):
    return page.get_by_role("region", name="Uw deelname")


def messages(page: Page):
    """The feedback on the page: at the top, or placed beside what it is about."""
    return page.locator(".messages, .placed-messages")


def fill_sign_up_form(page: Page, email: str, role: str, municipality: str) -> None:
    form = page.locator("#doe-mee form")
    form.get_by_label("E-mailadres").fill(email)
    form.get_by_label("Uw rol").select_option(label=role)
    form.get_by_label("Gemeente").fill(municipality)
    form.get_by_label(re.compile("Ik heb de privacyverklaring gelezen")).check()
    solve_in_page(form)


def test_captcha_letters_play_in_dutch_in_the_page_and_can_be_renewed(
    demo_site: str, page: Page, tmp_path: Path
):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_site + LANDING_PATH)
    form = page.locator("#doe-mee form")
    form.get_by_label("E-mailadres").fill(NEWCOMER_EMAIL)
    key = form.locator("input[name=captcha_0]")
    first_key = key.input_value()
    player = form.locator("audio.captcha__player")
    expect(player).to_have_attribute("src", f"/captcha/audio/{first_key}.wav")
    expect(page.get_by_text("Of luister naar de tekens:")).to_be_visible()

    # A person presses the player's play control; the letters play in the page.
    player.scroll_into_view_if_needed()
    height = player.bounding_box()["height"]
    player.click(position={"x": 20, "y": height / 2})
    page.wait_for_function(
        "player => player.currentTime > 0.3 || player.ended",
        arg=player.element_handle(),
    )
    assert player.evaluate("player => player.error") is None
    assert player.evaluate("player => player.duration") > 1

    # What played is espeak-ng's Dutch voice saying this captcha's letters.
    served = page.request.get(demo_site + player.get_attribute("src")).body()
    letters = CaptchaStore.objects.get(hashkey=first_key).challenge
    assert served == espeak_wav("nl", letters, tmp_path)

    # New letters in place: image, sound and key change, what was typed stays.
    image_before = form.locator(".captcha__image").get_attribute("src")
    form.get_by_role("button", name="Nieuwe afbeelding en geluid").click()
    expect(form.locator(".captcha__status")).to_have_text("Nieuwe tekens staan klaar.")
    second_key = key.input_value()
    assert second_key != first_key
    expect(player).to_have_attribute("src", f"/captcha/audio/{second_key}.wav")
    assert form.locator(".captcha__image").get_attribute("src") != image_before
    expect(form.get_by_label("E-mailadres")).to_have_value(NEWCOMER_EMAIL)

    fill_sign_up_form(page, NEWCOMER_EMAIL, "raadslid", "Zeist")
    form.get_by_role("button", name="Stuur mij een link").click()
    expect(page.locator("#doe-mee")).to_contain_text("Kijk in uw e-mail")
    assert link_path_in_mail_to(NEWCOMER_EMAIL)
    assert not SignUp.objects.filter(email=NEWCOMER_EMAIL).exists()


def test_invited_participant_confirms_and_takes_part(
    demo_site: str, page: Page, dialogue, invite
):
    invitee = invite()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [INVITEE_EMAIL]

    link = link_path_in_mail_to(INVITEE_EMAIL)
    with page.expect_response(lambda response: link in response.url) as opened:
        page.goto(demo_site + link)
    # The token is in that URL: it must never travel to another site, nor be cached.
    token_response = opened.value
    assert token_response.status < 400
    assert token_response.headers.get("referrer-policy") in PATH_STAYS_ON_SITE
    assert token_response.headers.get("cache-control") == "no-store"

    expect(page.locator("h1")).to_have_text(f"Doe mee aan {dialogue.title}")
    explainer = page.get_by_role("region", name="Wat is anoniem, en wat ziet de VNG?")
    expect(explainer).to_be_visible()
    expect(explainer).to_contain_text("Uw bijdragen zijn anoniem.")
    expect(explainer).to_contain_text("Uw gemeente wordt niet bij uw deelname bewaard")
    # Opening the link only shows the confirmation: nobody takes part yet.
    # The invited role and municipality hold; a correction goes through staff.
    expect(page.locator(".data-list")).to_contain_text("griffier")
    expect(page.locator(".data-list")).to_contain_text("Utrecht")
    expect(
        page.get_by_role("link", name="Vraag de redactie om een correctie")
    ).to_be_visible()
    assert find_participant(dialogue, INVITEE_EMAIL) is None

    page.get_by_role("button", name="Ja, ik doe mee").click()

    expect(page).to_have_url(demo_site + DIALOGUE_PATH)
    expect(messages(page)).to_contain_text(
        "Welkom! U doet mee als griffier uit Utrecht."
    )
    expect(participation_banner(page)).to_contain_text(
        "U doet mee als griffier uit Utrecht"
    )
    expect(
        participation_banner(page).get_by_role("link", name="Mijn bijdragen")
    ).to_be_visible()
    expect(
        participation_banner(page).get_by_role("link", name="Mijn gegevens")
    ).to_be_visible()
    expect(
        participation_banner(page).get_by_role("button", name="Uitloggen")
    ).to_be_visible()
    expect(page.locator("#doe-mee")).to_contain_text(
        "U doet al mee als griffier uit Utrecht"
    )

    participant = find_participant(dialogue, INVITEE_EMAIL)
    assert participant is not None
    assert (participant.role, participant.province.name) == ("griffier", "Utrecht")
    invitee.refresh_from_db()
    assert invitee.status == InviteeStatus.INVITED  # the register learns in batches


def test_newcomer_signs_up_on_landing_page_and_joins_by_mailed_link(
    demo_site: str, page: Page, dialogue
):
    page.set_viewport_size({"width": 375, "height": 667})
    landing = LandingPage.objects.get(slug="afdeling-utrecht")
    page.goto(demo_site + LANDING_PATH)
    expect(participation_banner(page)).to_contain_text("U doet nog niet mee")

    fill_sign_up_form(page, NEWCOMER_EMAIL, "raadslid", "Zeist")
    page.get_by_role("button", name="Stuur mij een link").click()

    # In place of the form, where the person is looking: what to do next.
    expect(page).to_have_url(demo_site + LANDING_PATH + "#doe-mee")
    sent = page.locator("#doe-mee .join__sent")
    expect(sent.get_by_role("heading", name="Kijk in uw e-mail")).to_be_in_viewport()
    expect(sent).to_contain_text(f"We hebben een e-mail gestuurd naar {NEWCOMER_EMAIL}")
    expect(sent.locator(".message--placed")).to_be_in_viewport(ratio=1)
    expect(page.locator("#doe-mee form")).to_have_count(0)
    page.get_by_role("link", name="Met een ander e-mailadres aanmelden").click()
    expect(page.locator("#doe-mee form")).to_be_visible()
    expect(page.locator("#doe-mee")).not_to_contain_text("Kijk in uw e-mail")
    # Signing up stores nothing and is not joining: that waits for the link.
    assert not SignUp.objects.filter(dialogue=dialogue).exists()
    assert find_participant(dialogue, NEWCOMER_EMAIL) is None

    page.goto(demo_site + link_path_in_mail_to(NEWCOMER_EMAIL))
    confirmation = page.locator(".data-list")
    expect(confirmation).to_contain_text("raadslid")
    expect(confirmation).to_contain_text("Zeist")
    page.get_by_role("button", name="Ja, ik doe mee").click()

    expect(page).to_have_url(demo_site + DIALOGUE_PATH)
    expect(participation_banner(page)).to_contain_text("U doet mee als raadslid")
    assert find_participant(dialogue, NEWCOMER_EMAIL) is not None
    dialogue.k_threshold = 1
    derive_participation(dialogue)
    sign_up = SignUp.objects.get(dialogue=dialogue, email=NEWCOMER_EMAIL)
    assert sign_up.municipality.name == "Zeist"
    assert sign_up.source_page_id == landing.pk


def test_invitee_with_lost_link_gets_a_new_one_and_used_links_stop_working(
    demo_site: str, page: Page, dialogue, join_by_invitation
):
    participant = join_by_invitation(page)
    first_link = link_path_in_mail_to(INVITEE_EMAIL)
    participants_before = Participant.objects.count()

    participation_banner(page).get_by_role("button", name="Uitloggen").click()
    expect(messages(page)).to_contain_text("U bent uitgelogd, op dit apparaat")
    expect(participation_banner(page)).to_contain_text("U doet nog niet mee")

    used = page.goto(demo_site + first_link)
    assert used is not None and used.status == 410
    expect(page.locator("h1")).to_have_text("Deze link werkt niet meer")
    expect(page.get_by_role("link", name="Stuur mij een nieuwe link")).to_be_visible()
    expect(page.get_by_role("button", name="Ja, ik doe mee")).to_have_count(0)

    page.goto(demo_site + DIALOGUE_PATH)
    page.get_by_role("link", name="Link kwijt? Vraag een nieuwe aan").click()
    expect(page).to_have_url(demo_site + LOST_LINK_PATH)
    page.get_by_label("E-mailadres").fill(INVITEE_EMAIL)
    solve_in_page(page)
    page.get_by_role("button", name="Stuur mij een nieuwe link").click()

    expect(page.locator("h1")).to_have_text("Kijk in uw e-mail")
    to_invitee = [message for message in mail.outbox if INVITEE_EMAIL in message.to]
    assert len(to_invitee) == 2, "the lost-link form sent no second e-mail"
    new_link = link_path_in_mail_to(INVITEE_EMAIL)
    assert new_link != first_link

    page.goto(demo_site + new_link)
    page.get_by_role("button", name="Ja, ik doe mee").click()

    expect(page).to_have_url(demo_site + DIALOGUE_PATH)
    expect(messages(page)).to_contain_text("Welkom terug!")
    expect(participation_banner(page)).to_contain_text(
        "U doet mee als griffier uit Utrecht"
    )
    # The same pseudonymous participant, not a second one.
    assert find_participant(dialogue, INVITEE_EMAIL).pk == participant.pk
    assert Participant.objects.count() == participants_before

    # Their own used link, on the device they are signed in on: no dead end.
    page.goto(demo_site + new_link)
    expect(page).to_have_url(demo_site + DIALOGUE_PATH)
    expect(messages(page)).to_contain_text("U doet al mee")


def test_used_link_page_mails_a_new_link_that_works(
    demo_site: str, browser: Browser, page: Page, dialogue, join_by_invitation
):
    join_by_invitation(page)
    used_link = link_path_in_mail_to(INVITEE_EMAIL)

    # Weeks later, on another device, the old invitation is clicked again.
    other_device = browser.new_context()
    try:
        later = other_device.new_page()
        used = later.goto(demo_site + used_link)
        assert used is not None and used.status == 410
        expect(later.locator("h1")).to_have_text("Deze link werkt niet meer")
        later.get_by_role("link", name="Stuur mij een nieuwe link").click()
        later.get_by_label("E-mailadres").fill(INVITEE_EMAIL)
        solve_in_page(later)
        later.get_by_role("button", name="Stuur mij een nieuwe link").click()

        expect(later.locator("h1")).to_have_text("Kijk in uw e-mail")
        new_link = link_path_in_mail_to(INVITEE_EMAIL)
        assert new_link != used_link, "no new link was mailed"
        later.goto(demo_site + new_link)
        later.get_by_role("button", name="Ja, ik doe mee").click()
        expect(participation_banner(later)).to_contain_text(
            "U doet mee als griffier uit Utrecht"
        )
    finally:
        other_device.close()


def test_participant_downloads_own_data_then_erases_it_with_contributions(
    demo_site: str, page: Page, dialogue, join_by_invitation
):
    participant = join_by_invitation(page)
    verkennen = dialogue.phases().get(slug="verkennen").specific
    question_id = next(
        child.id for child in verkennen.body if child.block_type == "question"
    )
    own = create_contribution(
        participant, verkennen, question_id, "Wij missen een vast regionaal overleg."
    )
    participants_before = Participant.objects.count()

    participation_banner(page).get_by_role("link", name="Mijn gegevens").click()
    expect(page.locator("h1")).to_have_text("Mijn gegevens")
    expect(page.locator(".data-list")).to_contain_text("griffier")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download mijn gegevens (JSON)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    with open(download.path(), encoding="utf-8") as file:
        raw = file.read()
    data = json.loads(raw)
    assert data["deelnemer"]["rol"] == "griffier"
    assert data["deelnemer"]["provincie"] == "Utrecht"
    assert [item["tekst"] for item in data["bijdragen"]] == [own.text]
    # Name and address are not part of the participation, so not in the download.
    assert INVITEE_EMAIL not in raw
    assert "@" not in raw
    assert "Anna de Griffier" not in raw

    erasure = page.locator(".danger-zone")
    erasure.get_by_label("Uw e-mailadres").fill(INVITEE_EMAIL)
    page.get_by_label("Ook verwijderen").check()
    page.get_by_label("Ik begrijp dat dit niet ongedaan kan worden.").check()
    page.get_by_role("button", name="Verwijder mijn gegevens").click()

    expect(page).to_have_url(demo_site + DIALOGUE_PATH)
    expect(messages(page)).to_contain_text("Uw gegevens zijn verwijderd.")
    expect(participation_banner(page)).to_contain_text("U doet nog niet mee")
    expect(
        participation_banner(page).get_by_role("link", name="Mijn gegevens")
    ).to_have_count(0)

    assert find_participant(dialogue, INVITEE_EMAIL) is None
    assert not Participant.objects.filter(pk=participant.pk).exists()
    assert Participant.objects.count() == participants_before - 1
    assert not Contribution.objects.filter(pk=own.pk).exists()
    assert not Invitee.objects.filter(email=INVITEE_EMAIL).exists()

    # Their own pages are gone with them.
    page.goto(demo_site + f"{DIALOGUE_PATH}mijn-gegevens/")
    expect(page).to_have_url(
        re.compile(re.escape(demo_site + DIALOGUE_PATH) + "#doe-mee$")
    )
    expect(messages(page)).to_contain_text("Doe eerst mee aan de dialoog")


# --- Accessibility of every page on the way in and out ---------------------
# Each opener brings the page into the state to check; `request` lends it the
# joining fixtures it needs.


def open_landing_page(page: Page, base: str, request) -> None:
    page.goto(base + LANDING_PATH)
    expect(page.get_by_role("button", name="Stuur mij een link")).to_be_visible()


def open_confirmation_page(page: Page, base: str, request) -> None:
    request.getfixturevalue("invite")()
    page.goto(base + link_path_in_mail_to(INVITEE_EMAIL))
    expect(page.get_by_role("button", name="Ja, ik doe mee")).to_be_visible()


def open_sign_up_errors(page: Page, base: str, request) -> None:
    page.goto(base + LANDING_PATH)
    page.get_by_role("button", name="Stuur mij een link").click()
    join = page.locator("#doe-mee")
    expect(join.get_by_label("E-mailadres")).to_have_attribute("aria-invalid", "true")
    # E-mail, role, municipality, consent and captcha each explain what is missing.
    expect(join.locator(".field__error")).to_have_count(5)


def open_sign_up_sent(page: Page, base: str, request) -> None:
    page.goto(base + LANDING_PATH)
    fill_sign_up_form(page, NEWCOMER_EMAIL, "raadslid", "Zeist")
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.get_by_role("heading", name="Kijk in uw e-mail")).to_be_in_viewport()


def open_lost_link_page(page: Page, base: str, request) -> None:
    page.goto(base + LOST_LINK_PATH)
    expect(page.get_by_role("button", name="Stuur mij een nieuwe link")).to_be_visible()


def open_my_contributions(page: Page, base: str, request) -> None:
    participant = request.getfixturevalue("join_by_invitation")(page)
    verkennen = participant.dialogue.phases().get(slug="verkennen").specific
    question_id = next(
        child.id for child in verkennen.body if child.block_type == "question"
    )
    create_contribution(participant, verkennen, question_id, "Een antwoord dat wacht.")
    page.goto(base + f"{DIALOGUE_PATH}mijn-bijdragen/")
    expect(page.locator(".my-contribution")).to_have_count(1)
    expect(page.locator(".my-contribution")).to_contain_text("wacht op moderatie")


def open_my_data(page: Page, base: str, request) -> None:
    request.getfixturevalue("join_by_invitation")(page)
    page.goto(base + f"{DIALOGUE_PATH}mijn-gegevens/")
    expect(page.get_by_role("button", name="Verwijder mijn gegevens")).to_be_visible()


JOINING_PAGES = {
    "landing-sign-up": open_landing_page,
    "join-confirmation": open_confirmation_page,
    "sign-up-errors": open_sign_up_errors,
    "sign-up-sent": open_sign_up_sent,
    "lost-link": open_lost_link_page,
    "my-contributions": open_my_contributions,
    "my-data": open_my_data,
}


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
@pytest.mark.parametrize("page_name", JOINING_PAGES)
def test_joining_page_has_no_accessibility_violations(
    demo_site: str,
    page: Page,
    axe,
    screenshot,
    request: pytest.FixtureRequest,
    page_name: str,
    viewport: dict,
):
    page.set_viewport_size(viewport)
    JOINING_PAGES[page_name](page, demo_site, request)
    screenshot(page, f"joining-{page_name}-{viewport['width']}")

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_have_count(1)
    if viewport["width"] <= 320:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= viewport["width"], (
            f"{page.url} scrolls sideways at {viewport['width']} px: "
            f"the document is {scroll_width} px wide"
        )
    axe(page)
