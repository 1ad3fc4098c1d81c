"""A participant answers the demo's statements one at a time, goes back and
changes one, and sees what connects and what divides the groups, on Voorkeuren
and through Resultaten on Voortzetten, with no accessibility violations at 1280
and 320 px.
"""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cms import demo_content as content
from cms.models import PhasePage
from cms.phases import Step
from dialogue_blocks.models import Contribution, ContributionStatus, Vote

from .test_contribution_journeys import VIEWPORTS, block_id_of, check_small_screen

pytestmark = pytest.mark.browser

VOORKEUREN_PATH = f"/{content.DIALOGUE_SLUG}/{Step.VOORKEUREN.slug}/"
VOORTZETTEN_PATH = f"/{content.DIALOGUE_SLUG}/{Step.VOORTZETTEN.slug}/"
FIRST, SECOND = content.STATEMENTS[0][0], content.STATEMENTS[1][0]


@pytest.fixture
def open_voorkeuren(dialogue) -> PhasePage:
    """Step 5 (upcoming in the demo) opened yesterday and stays open for a week."""
    phase = PhasePage.objects.get(step=Step.VOORKEUREN)
    now = timezone.now()
    phase.opens_at = now - timedelta(days=1)
    phase.closes_at = now + timedelta(days=7)
    phase.save_revision().publish()
    return PhasePage.objects.get(step=Step.VOORKEUREN)


def test_participant_answers_statements_changes_one_and_sees_consensus(
    demo_site: str,
    page: Page,
    open_voorkeuren: PhasePage,
    join_by_invitation,
    axe,
    screenshot,
):
    me = join_by_invitation(page)
    block_id = block_id_of(open_voorkeuren, "statements")
    page.goto(demo_site + VOORKEUREN_PATH)
    block = page.locator(f"#blok-{block_id}")
    expect(block.locator(".statement-form__progress")).to_have_text("Stelling 1 van 12")
    expect(block.locator(".statement-form__statement")).to_have_text(FIRST)

    # Saving without a choice: the error sits by the answers.
    block.get_by_role("button", name="Antwoord opslaan").click()
    block = page.locator(f"#blok-{block_id}")
    expect(block.locator(".field__error")).to_contain_text(
        "Kies eens, oneens of weet niet."
    )

    block.get_by_role("radio", name="Eens", exact=True).check()
    block.get_by_role("button", name="Antwoord opslaan").click()
    block = page.locator(f"#blok-{block_id}")
    expect(block.locator(".placed-messages")).to_contain_text(
        "Uw antwoord is opgeslagen."
    )
    expect(block.locator(".statement-form__progress")).to_have_text("Stelling 2 van 12")
    expect(block.locator(".statement-form__statement")).to_have_text(SECOND)
    block.get_by_role("radio", name="Oneens", exact=True).check()
    block.get_by_role("button", name="Antwoord opslaan").click()
    block = page.locator(f"#blok-{block_id}")
    expect(block.locator(".statement-form__progress")).to_have_text("Stelling 3 van 12")

    # Back to the second one, and changing the answer.
    block.get_by_role("link", name="Vorige stelling").click()
    block = page.locator(f"#blok-{block_id}")
    expect(block.locator(".statement-form__progress")).to_have_text("Stelling 2 van 12")
    expect(block.get_by_role("radio", name="Oneens", exact=True)).to_be_checked()
    block.get_by_role("radio", name="Weet niet", exact=True).check()
    block.get_by_role("button", name="Antwoord opslaan").click()
    block = page.locator(f"#blok-{block_id}")
    expect(block.locator(".statement-form__progress")).to_have_text("Stelling 3 van 12")
    statements = next(
        child for child in open_voorkeuren.body if child.block_type == "statements"
    ).value.statement_options(open_voorkeuren.dialogue_page(), block_id)
    answers = dict(
        Vote.objects.filter(
            ballot__participant=me,
            ballot__block_id__in=[statement.key for statement in statements[:3]],
        ).values_list("ballot__block_id", "option")
    )
    answers = [answers.get(uuid.UUID(s.key)) for s in statements[:3]]
    assert answers == ["eens", "weet_niet", None]

    results = block.locator(".statement-results")
    expect(results.get_by_role("heading", name="Wat ons verbindt")).to_be_visible()
    expect(results.get_by_role("heading", name="Waar we verschillen")).to_be_visible()
    expect(results).to_contain_text("groepsbrede overeenstemming")
    expect(results).to_contain_text("raadslid")

    for name, viewport in {**VIEWPORTS, "phone": {"width": 375, "height": 800}}.items():
        page.set_viewport_size(viewport)
        page.goto(demo_site + VOORKEUREN_PATH)
        block = page.locator(f"#blok-{block_id}")
        expect(block.locator(".statement-table")).to_be_visible()
        block.screenshot(
            path=str(
                screenshot(page, f"statements-{name}").with_name(
                    f"statements-block-{viewport['width']}.png"
                )
            )
        )
        check_small_screen(page, viewport)
        if name != "phone":
            axe(page)
        page.goto(demo_site + VOORTZETTEN_PATH)
        expect(page.get_by_role("heading", name="Wat ons verbindt")).to_be_visible()
        screenshot(page, f"statement-results-{viewport['width']}")
        check_small_screen(page, viewport)
        if name != "phone":
            axe(page)


def test_participant_proposes_a_statement_and_sees_it_wait_for_moderation(
    demo_site: str,
    page: Page,
    open_voorkeuren: PhasePage,
    join_by_invitation,
    axe,
    screenshot,
):
    join_by_invitation(page)
    block_id = block_id_of(open_voorkeuren, "statements")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_site + VOORKEUREN_PATH)
    proposal = page.locator(f"#blok-{block_id}-voorstel")
    proposal.get_by_role("button", name="Stelling voorstellen").click()
    proposal = page.locator(f"#blok-{block_id}-voorstel")
    expect(proposal.locator(".field__error")).to_contain_text("Schrijf eerst iets")

    text = "Samenwerken in de regio vraagt om een eigen budget."
    proposal.get_by_label("Uw stelling").fill(text)
    proposal.get_by_role("button", name="Stelling voorstellen").click()
    proposal = page.locator(f"#blok-{block_id}-voorstel")
    message = proposal.locator(".message--placed")
    expect(message).to_contain_text("Uw stelling wacht op moderatie")
    expect(message).to_be_in_viewport(ratio=1)
    expect(proposal.locator(".statement-proposal__list")).to_contain_text(text)
    assert Contribution.objects.get(text=text).status == ContributionStatus.PENDING
    screenshot(page, "statement-proposal-375", full_page=False)
    for viewport in VIEWPORTS.values():
        page.set_viewport_size(viewport)
        page.goto(demo_site + VOORKEUREN_PATH + f"#blok-{block_id}-voorstel")
        screenshot(page, f"statement-proposal-{viewport['width']}", full_page=False)
        check_small_screen(page, viewport)
        axe(page)
