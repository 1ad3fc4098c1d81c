"""Editors change the dialogue in the Wagtail admin; visitors see what they publish."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import Browser, Page, expect

from cms import demo_content as content
from cms.demo import DEMO_STAFF_PASSWORD, DEMO_STAFF_USERNAME
from cms.models import LandingPage, PhasePage
from cms.phases import Step

pytestmark = pytest.mark.browser

DIALOGUE_PATH = f"/{content.DIALOGUE_SLUG}/"
PHASE_PATH = f"{DIALOGUE_PATH}{Step.VERKENNEN.slug}/"
NEW_SUMMARY = "Deze week verkennen we samen de knelpunten in de regio (bijgewerkt)."
DEPARTMENT_PASSWORD = "afdeling-utrecht-2026"


def log_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(base_url + "/beheer/login/")
    page.locator('input[name="username"]').fill(username)
    page.locator('input[name="password"]').fill(password)
    page.locator('form button[type="submit"]').click()
    # Logged in: the admin's main menu (with its account section) is there.
    expect(page).not_to_have_url(re.compile(r"/beheer/login/"))
    expect(page.locator("#wagtail-sidebar")).to_be_attached()


def edit_url(base_url: str, page_id: int) -> str:
    return f"{base_url}/beheer/pages/{page_id}/edit/"


def test_editor_publishes_new_summary_that_visitors_see(
    demo_site: str, page: Page, browser: Browser
):
    phase = PhasePage.objects.get(step=Step.VERKENNEN)
    assert phase.summary != NEW_SUMMARY

    log_in(page, demo_site, DEMO_STAFF_USERNAME, DEMO_STAFF_PASSWORD)
    page.goto(edit_url(demo_site, phase.pk))
    summary = page.locator('textarea[name="summary"]')
    expect(summary).to_have_value(phase.summary)
    summary.fill(NEW_SUMMARY)

    # "Publiceren" sits in the footer's "Meer acties" dropdown, after "Bewaar concept".
    actions = page.get_by_role("navigation", name=re.compile("Acties|Actions"))
    more = re.compile("Meer acties|More actions")
    actions.get_by_role("button", name=more).click()
    publish = actions.locator('button[name="action-publish"]')
    expect(publish).to_be_visible()
    publish.click()

    # Wagtail confirms and leaves the edit view; the change is live.
    expect(page).not_to_have_url(edit_url(demo_site, phase.pk))
    expect(page.locator(".messages")).to_contain_text(phase.title)
    phase.refresh_from_db()
    assert phase.summary == NEW_SUMMARY
    assert phase.live and not phase.has_unpublished_changes

    visitor_context = browser.new_context()
    try:
        visitor = visitor_context.new_page()
        visitor.goto(demo_site + PHASE_PATH)
        expect(visitor.locator("h1")).to_have_text(phase.title)
        expect(visitor.locator(".hero .lead")).to_have_text(NEW_SUMMARY)
        expect(visitor.locator("#wagtail-userbar, wagtail-userbar")).to_have_count(0)

        visitor.goto(demo_site + DIALOGUE_PATH)
        expect(visitor.locator(".current-step")).to_contain_text(NEW_SUMMARY)
    finally:
        visitor_context.close()


@pytest.fixture
def department_editor(demo_site: str):
    """A member of the Utrecht department's group: no superuser, no staff."""
    user = get_user_model().objects.create_user(
        username="afdeling-utrecht", password=DEPARTMENT_PASSWORD
    )
    user.groups.add(Group.objects.get(name="Afdeling Utrecht"))
    return user


def test_department_editor_edits_only_own_landing_page(
    demo_site: str, page: Page, department_editor
):
    utrecht = LandingPage.objects.get(slug="afdeling-utrecht")
    gelderland = LandingPage.objects.get(slug="afdeling-gelderland")

    log_in(page, demo_site, department_editor.username, DEPARTMENT_PASSWORD)

    page.goto(edit_url(demo_site, utrecht.pk))
    expect(page).to_have_url(edit_url(demo_site, utrecht.pk))
    expect(page.locator("form#page-edit-form")).to_be_visible()
    expect(page.locator('textarea[name="intro"]')).to_have_value(utrecht.intro)
    expect(page.locator('button[name="action-publish"]')).to_be_attached()

    page.goto(edit_url(demo_site, gelderland.pk))
    # Wagtail refuses: back to the dashboard, with a message, and no edit form.
    expect(page).to_have_url(demo_site + "/beheer/")
    expect(page.locator(".messages")).to_contain_text(
        re.compile("geen toegang|do not have permission")
    )
    expect(page.locator("form#page-edit-form")).to_have_count(0)
    expect(page.get_by_text(gelderland.intro)).to_have_count(0)
