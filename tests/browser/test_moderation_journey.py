"""A moderator runs moderation from the admin alone, and the page follows."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, expect

from cms.demo import DEMO_MODERATOR_USERNAME, DEMO_STAFF_PASSWORD
from cms.phases import Step
from dialogue_blocks.models import Contribution, ContributionStatus

from .test_editor_journey import log_in

pytestmark = pytest.mark.browser

VERKENNEN = "/regionale-samenwerking/verkennen/"
MODERATOR = (DEMO_MODERATOR_USERNAME, DEMO_STAFF_PASSWORD)


@pytest.fixture
def moderator(demo_site):
    """The demo's moderator account, only in the group Moderatoren."""
    user = get_user_model().objects.get(username=DEMO_MODERATOR_USERNAME)
    assert list(user.groups.values_list("name", flat=True)) == ["Moderatoren"]
    return user


def new_page(browser: Browser):
    return browser.new_context(viewport={"width": 1280, "height": 900}).new_page()


def test_moderator_approves_a_waiting_answer_and_it_appears(
    browser, demo_site, join_by_invitation, moderator
):
    participant_page = new_page(browser)
    join_by_invitation(participant_page)
    participant_page.goto(demo_site + VERKENNEN)
    first_question = participant_page.locator("section.participation-block").first
    first_question.get_by_label("Uw antwoord").fill("Gedeelde griffies werken goed.")
    first_question.get_by_role("button", name="Plaats antwoord").click()
    expect(participant_page.get_by_text("wacht op moderatie").first).to_be_visible()

    visitor = new_page(browser)
    visitor.goto(demo_site + VERKENNEN)
    expect(visitor.get_by_text("Gedeelde griffies werken goed.")).to_have_count(0)

    admin = new_page(browser)
    log_in(admin, demo_site, *MODERATOR)
    admin.goto(demo_site + "/beheer/dialogue_blocks/contribution/?status__exact=wacht")
    row = admin.get_by_role("row").filter(has_text="Gedeelde griffies werken goed.")
    row.get_by_role("link", name="Beoordelen").click()
    admin.get_by_role("link", name="Goedkeuren").click()
    admin.get_by_role("button", name="Keur goed en publiceer").click()
    expect(admin.get_by_text("De bijdrage is goedgekeurd")).to_be_visible()
    expect(admin.get_by_text("· moderator · Goedgekeurd")).to_be_visible()  # history

    visitor.reload()
    expect(visitor.get_by_text("Gedeelde griffies werken goed.")).to_be_visible()


def test_three_reports_take_a_contribution_away_until_it_is_reviewed(
    browser, demo_site, join_by_invitation, moderator
):
    # On the page the reporters open: the demo's other steps hold ideas too.
    target = Contribution.objects.filter(
        phase__step=Step.VERKENNEN,
        status=ContributionStatus.PUBLISHED,
        parent__isnull=True,
    ).first()
    for number in range(3):
        page = new_page(browser)
        join_by_invitation(page, email=f"melder-{number}@gemeente.example")
        page.goto(demo_site + VERKENNEN)
        article = page.locator(f"#bijdrage-{target.pk}")
        article.get_by_role("link", name="Meld ongepast").click()
        page.get_by_label("kwetsend of persoonlijke aanval").check()
        page.get_by_role("button", name="Verstuur melding").click()
        expect(page.get_by_text("Dank u voor uw melding")).to_be_visible()

    visitor = new_page(browser)
    visitor.goto(demo_site + VERKENNEN)
    expect(visitor.locator(f"#bijdrage-{target.pk}")).to_have_count(0)

    admin = new_page(browser)
    log_in(admin, demo_site, *MODERATOR)
    admin.goto(demo_site + "/beheer/dialogue_blocks/flaggedcontribution/")
    row = admin.get_by_role("row").filter(has_text=target.text[:40])
    expect(row).to_contain_text("3")
    row.get_by_role("link", name="Beoordelen").click()
    expect(admin.get_by_text("3 meldingen van deelnemers")).to_be_visible()
    admin.get_by_role("link", name="Goedkeuren").click()
    admin.get_by_role("button", name="Keur goed en publiceer").click()

    visitor.reload()
    expect(visitor.locator(f"#bijdrage-{target.pk}")).to_be_visible()


def test_bulk_page_selects_all_in_place_and_a_phone_folds_the_filters(
    page, demo_site, moderator, csp_violations
):
    waiting = Contribution.objects.filter(parent__isnull=True)[:3]
    Contribution.objects.filter(pk__in=[c.pk for c in waiting]).update(
        status=ContributionStatus.PENDING
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, demo_site, *MODERATOR)
    # The three, and what the demo itself has waiting (a suggestion on Vinden).
    pending = Contribution.objects.filter(status=ContributionStatus.PENDING).count()
    page.goto(demo_site + "/beheer/dialogue_blocks/contribution/bulk/")
    boxes = page.locator('input[name="selected"]')
    expect(boxes).to_have_count(pending)
    page.get_by_role("button", name="Alles selecteren").click()
    expect(page).not_to_have_url(re.compile("alles=1"))  # ticked in place
    for index in range(3):
        expect(boxes.nth(index)).to_be_checked()
    toggle = page.get_by_role("button", name="Niets selecteren")
    toggle.click()
    expect(boxes.first).not_to_be_checked()

    queue = demo_site + "/beheer/dialogue_blocks/contribution/"
    page.goto(queue)
    expect(page.get_by_role("link", name="wacht op moderatie")).to_be_visible()
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(queue)
    expect(page.get_by_role("link", name="wacht op moderatie")).to_be_hidden()
    page.get_by_text("Filter", exact=True).click()
    expect(page.get_by_role("link", name="wacht op moderatie")).to_be_visible()
    assert csp_violations == []
