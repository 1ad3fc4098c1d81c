"""A participant distributes dots on the demo's Voorkeuren step, is told when
the budget is passed, changes the distribution (once with JavaScript switched
off), answers the poll and sees the results, with no accessibility violations
at 1280 and 320 px.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from cms import demo_content as content
from cms.models import PhasePage
from cms.phases import Step
from dialogue_blocks.models import Theme, Vote, VoteTally

from .test_contribution_journeys import VIEWPORTS, block_id_of, check_small_screen

pytestmark = pytest.mark.browser

VOORKEUREN_PATH = f"/{content.DIALOGUE_SLUG}/{Step.VOORKEUREN.slug}/"
FIRST_THEME, SECOND_THEME = content.THEMES[0][0], content.THEMES[1][0]


@pytest.fixture
def open_voorkeuren(dialogue) -> PhasePage:
    """Step 5 (upcoming in the demo) opened yesterday and stays open for a week."""
    phase = PhasePage.objects.get(step=Step.VOORKEUREN)
    now = timezone.now()
    phase.opens_at = now - timedelta(days=1)
    phase.closes_at = now + timedelta(days=7)
    phase.save_revision().publish()
    return PhasePage.objects.get(step=Step.VOORKEUREN)


def table_row(block, label: str):
    return block.locator(".vote-table tbody tr").filter(
        has=block.page.get_by_role("rowheader", name=label, exact=True)
    )


def tally(phase, block_id, option) -> tuple[int, int]:
    row = VoteTally.objects.get(phase=phase, block_id=block_id, option=option)
    return row.points, row.voters


def test_participant_votes_is_stopped_at_the_budget_changes_and_sees_results(
    demo_site: str,
    page: Page,
    dialogue,
    open_voorkeuren: PhasePage,
    join_by_invitation,
    axe,
    screenshot,
    browser: Browser,
):
    me = join_by_invitation(page)
    dot_id = block_id_of(open_voorkeuren, "dot_vote")
    poll_id = block_id_of(open_voorkeuren, "poll")
    first = str(Theme.objects.get(dialogue=dialogue, title=FIRST_THEME).pk)
    second = str(Theme.objects.get(dialogue=dialogue, title=SECOND_THEME).pk)
    points_before, voters_before = tally(open_voorkeuren, dot_id, first)

    page.goto(demo_site + VOORKEUREN_PATH)
    block = page.locator(f"#blok-{dot_id}")
    expect(block.get_by_role("group", name="Verdeel uw 5 stippen")).to_be_visible()
    expect(block).to_contain_text("U heeft nog niets verdeeld.")
    # Results are always shown on the demo, as an image with the numbers beside.
    expect(
        block.get_by_role("img", name="Stippen per thema", exact=True)
    ).to_be_visible()
    expect(table_row(block, FIRST_THEME)).to_contain_text(str(points_before))

    # Six dots with five to give: the error sits by the options, nothing lost.
    block.get_by_label(FIRST_THEME, exact=True).fill("3")
    block.get_by_label(SECOND_THEME, exact=True).fill("3")
    block.get_by_role("button", name="Stippen opslaan").click()
    block = page.locator(f"#blok-{dot_id}")
    expect(block.locator(".vote-form__options .field__error")).to_contain_text(
        "U heeft 6 stippen verdeeld, maar u heeft er 5. Haal er 1 weg"
    )
    expect(block.get_by_label(FIRST_THEME, exact=True)).to_have_value("3")
    expect(block.get_by_label(SECOND_THEME, exact=True)).to_have_value("3")
    assert not Vote.objects.filter(ballot__participant=me).exists()
    screenshot(page, "voting-over-budget-1280")

    block.get_by_label(SECOND_THEME, exact=True).fill("2")
    block.get_by_role("button", name="Stippen opslaan").click()
    block = page.locator(f"#blok-{dot_id}")
    expect(block.locator(".placed-messages")).to_contain_text(
        "Uw stippen zijn opgeslagen."
    )
    expect(block).to_contain_text("U heeft er nu 5 verdeeld.")
    expect(table_row(block, FIRST_THEME)).to_contain_text(str(points_before + 3))
    expect(table_row(block, FIRST_THEME)).to_contain_text(str(voters_before + 1))

    # Changing: one dot less on the first theme; the results follow.
    block.get_by_label(FIRST_THEME, exact=True).fill("2")
    block.get_by_role("button", name="Stippen opslaan").click()
    block = page.locator(f"#blok-{dot_id}")
    expect(block).to_contain_text("U heeft er nu 4 verdeeld.")
    expect(table_row(block, FIRST_THEME)).to_contain_text(str(points_before + 2))
    votes = dict(
        Vote.objects.filter(
            ballot__participant=me, ballot__block_id=dot_id
        ).values_list("option", "points")
    )
    assert votes == {first: 2, second: 2}

    # The poll: one answer, then another.
    poll = page.locator(f"#blok-{poll_id}")
    poll.get_by_role("radio", name=content.POLL_OPTIONS[0]).check()
    poll.get_by_role("button", name="Antwoord opslaan").click()
    poll = page.locator(f"#blok-{poll_id}")
    expect(poll.locator(".placed-messages")).to_contain_text(
        "Uw antwoord is opgeslagen."
    )
    poll.get_by_role("radio", name=content.POLL_OPTIONS[1]).check()
    poll.get_by_role("button", name="Antwoord opslaan").click()
    poll = page.locator(f"#blok-{poll_id}")
    expect(poll.get_by_role("radio", name=content.POLL_OPTIONS[1])).to_be_checked()
    expect(
        poll.get_by_role("img", name="Deelnemers per antwoord", exact=True)
    ).to_be_visible()
    assert (
        Vote.objects.filter(ballot__participant=me, ballot__block_id=poll_id).count()
        == 1
    )

    # Without JavaScript the same form works: a plain POST and a redirect back.
    no_script = browser.new_context(java_script_enabled=False)
    no_script.add_cookies(page.context.cookies())
    plain = no_script.new_page()
    plain.goto(demo_site + VOORKEUREN_PATH)
    plain_block = plain.locator(f"#blok-{dot_id}")
    plain_block.get_by_label(SECOND_THEME, exact=True).fill("3")
    plain_block.get_by_role("button", name="Stippen opslaan").click()
    expect(plain.locator(f"#blok-{dot_id} .placed-messages")).to_contain_text(
        "Uw stippen zijn opgeslagen."
    )
    expect(plain.locator(f"#blok-{dot_id}")).to_contain_text(
        "U heeft er nu 5 verdeeld."
    )
    no_script.close()

    for name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        page.goto(demo_site + VOORKEUREN_PATH)
        expect(page.locator(f"#blok-{dot_id} .vote-table")).to_be_visible()
        screenshot(page, f"voting-{name}-{viewport['width']}")
        check_small_screen(page, viewport)
        axe(page)
