"""Communications staff link a contribution to a milestone of the demo's
Routekaart, and a visitor then reads it under "Wat is er met uw inbreng
gedaan" on Voortzetten, with no accessibility violations at 1280 and 320 px.
"""

import pytest
from playwright.sync_api import Page, expect

from cms import demo_content as content
from cms.demo import DEMO_STAFF_PASSWORD, DEMO_STAFF_USERNAME
from cms.phases import Step
from dialogue_blocks.models import Contribution, ContributionStatus, Theme
from tests.browser.test_editor_journey import log_in

from .test_contribution_journeys import VIEWPORTS, check_small_screen, phase_page

pytestmark = pytest.mark.browser

ADVICE, _, _, _, _, ADVICE_THEMES = content.MILESTONES[1]
ROLE_OF_VNG = content.THEMES[ADVICE_THEMES[0]][0]
NEW_IDEA = "Een landelijk model voor de informatie aan raden over regio's."


def published_idea(dialogue) -> Contribution:
    """A new idea on the board of Verrijken, on the theme of the milestone."""
    verrijken = phase_page(Step.VERRIJKEN)
    board = next(child for child in verrijken.body if child.block_type == "idea_board")
    return Contribution.objects.create(
        phase=verrijken,
        block_id=board.id,
        kind="idee",
        theme=Theme.objects.get(dialogue=dialogue, title=ROLE_OF_VNG),
        text=NEW_IDEA,
        status=ContributionStatus.PUBLISHED,
    )


def test_staff_link_an_idea_and_visitors_see_what_was_done_with_it(
    demo_site: str, dialogue, page: Page, axe, screenshot
):
    published_idea(dialogue)
    log_in(page, demo_site, DEMO_STAFF_USERNAME, DEMO_STAFF_PASSWORD)
    page.get_by_role("link", name="Routekaart", exact=True).click()
    page.get_by_role("link", name=ADVICE).click()
    expect(page.get_by_role("heading", name=ADVICE)).to_be_visible()
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        axe(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label(NEW_IDEA, exact=False).check()
    page.get_by_role("button", name="Koppelingen bewaren").click()
    expect(
        page.get_by_text(f"De bijdragen bij ‘{ADVICE}’ zijn bewaard.")
    ).to_be_visible()
    screenshot(page, "roadmap-admin-1280")

    page.context.clear_cookies()
    for name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        page.goto(demo_site + f"/{content.DIALOGUE_SLUG}/{Step.VOORTZETTEN.slug}/")
        outcomes = page.get_by_role("region", name="Wat is er met uw inbreng gedaan")
        theme = outcomes.locator(".outcome").filter(
            has=page.get_by_role("heading", name=ROLE_OF_VNG)
        )
        expect(theme).to_contain_text(ADVICE)
        expect(theme).to_contain_text(NEW_IDEA)
        theme.get_by_role("link", name=ADVICE).click()
        expect(page.locator(".milestone:target")).to_contain_text("In uitvoering")
        axe(page)
        check_small_screen(page, viewport)
        screenshot(page, f"roadmap-{name}")
