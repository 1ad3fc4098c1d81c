"""A participant adds a knelpunt on the demo's Verdiepen board, whose themes
are the three the Voorkeuren vote put on top, and sees it under its theme
with the message beside it; no accessibility violations at 1280 and 320 px.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from cms import demo_content as content
from cms.models import PhasePage
from cms.phases import Step
from dialogue_blocks.models import Contribution

from .test_contribution_journeys import VIEWPORTS, block_id_of, check_small_screen

pytestmark = pytest.mark.browser

VERDIEPEN_PATH = f"/{content.DIALOGUE_SLUG}/{Step.VERDIEPEN.slug}/"
TOP_THEME = content.THEMES[0][0]  # the demo's vote weighs it heaviest
NOT_IN_TOP = content.THEMES[3][0]
TEXT = "Regionale stukken komen zonder samenvatting voor de raad."


@pytest.fixture
def open_verdiepen(dialogue) -> PhasePage:
    phase = PhasePage.objects.get(step=Step.VERDIEPEN)
    now = timezone.now()
    phase.opens_at = now - timedelta(days=1)
    phase.closes_at = now + timedelta(days=7)
    phase.save_revision().publish()
    return PhasePage.objects.get(step=Step.VERDIEPEN)


def test_participant_adds_a_knelpunt_on_a_theme_the_vote_put_on_top(
    demo_site: str, page: Page, open_verdiepen, join_by_invitation, axe, screenshot
):
    join_by_invitation(page)
    board_id = block_id_of(open_verdiepen, "deepening_board")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_site + VERDIEPEN_PATH)
    board = page.locator(f"#blok-{board_id}")
    expect(board.get_by_role("heading", level=3, name=TOP_THEME)).to_be_visible()
    expect(board.get_by_role("heading", level=3, name=NOT_IN_TOP)).to_have_count(0)

    board.get_by_label("Knelpunt", exact=True).check()
    board.get_by_label("Thema", exact=True).select_option(label=TOP_THEME)
    board.get_by_label("Uw bijdrage").fill(TEXT)
    board.get_by_role("button", name="Plaats uw bijdrage").click()

    mine = Contribution.objects.get(text=TEXT)
    assert mine.kind == "knelpunt"
    item = page.locator(f"#bijdrage-{mine.pk}")
    expect(item).to_contain_text(TEXT)
    expect(page.locator(".message--placed").first).to_be_in_viewport()
    expect(item.locator(".contribution__text").first).to_be_in_viewport()
    # In the list of its kind, under the theme it was given.
    theme = board.locator(".theme").filter(
        has=page.get_by_role("heading", level=3, name=TOP_THEME)
    )
    expect(
        theme.locator(f".theme__column--knelpunt #bijdrage-{mine.pk}")
    ).to_have_count(1)
    screenshot(page, "verdiepen-375")
    for name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        axe(page)
        check_small_screen(page, viewport)
        screenshot(page, f"verdiepen-{name}")
