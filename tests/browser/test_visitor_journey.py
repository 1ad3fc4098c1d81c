"""A visitor finds the open step of the dialogue, by mouse and by keyboard."""

import re

import pytest
from playwright.sync_api import Page, expect

from cms import demo_content as content
from cms.phases import Step

pytestmark = pytest.mark.browser

DIALOGUE_PATH = f"/{content.DIALOGUE_SLUG}/"
# The demo's schedule: steps 1-2 have closed, 3 is open today, 4-7 open later.
EXPECTED_STATUSES = [
    "Gesloten",
    "Gesloten",
    "Open",
    "Binnenkort",
    "Binnenkort",
    "Binnenkort",
    "Binnenkort",
]


def phase_title(step: Step) -> str:
    return content.PHASES[step][0]


def test_visitor_reaches_open_phase_through_stepper(demo_site: str, page: Page):
    page.goto(demo_site + "/")
    page.locator("main").get_by_role("link", name=content.DIALOGUE_TITLE).click()

    expect(page).to_have_url(demo_site + DIALOGUE_PATH)
    expect(page.locator("h1")).to_have_text(content.DIALOGUE_TITLE)

    steps = page.locator("nav.stepper li")
    expect(steps).to_have_count(7)
    for position, step in enumerate(Step):
        expect(steps.nth(position)).to_contain_text(step.label)
        expect(steps.nth(position).locator(".status")).to_contain_text(
            EXPECTED_STATUSES[position]
        )
    current = page.locator('nav.stepper li[aria-current="step"]')
    expect(current).to_have_count(1)
    expect(current).to_contain_text("Verkennen")
    expect(current.locator(".status")).to_contain_text("Open")

    current.get_by_role("link").click()

    expect(page).to_have_url(demo_site + f"{DIALOGUE_PATH}{Step.VERKENNEN.slug}/")
    expect(page.locator("h1")).to_have_text(phase_title(Step.VERKENNEN))
    expect(page.locator(".phase-meta .status")).to_have_text("Open")

    page.get_by_role("link", name=re.compile("Volgende stap")).click()

    expect(page).to_have_url(demo_site + f"{DIALOGUE_PATH}{Step.VERRIJKEN.slug}/")
    expect(page.locator("h1")).to_have_text(phase_title(Step.VERRIJKEN))
    expect(page.locator(".phase-meta .status")).to_have_text("Binnenkort")
    expect(page.locator("nav.stepper a[aria-current='page']")).to_contain_text(
        "Verrijken"
    )


@pytest.mark.parametrize(
    "path",
    ["/", DIALOGUE_PATH, f"{DIALOGUE_PATH}{Step.VERKENNEN.slug}/"],
    ids=["home", "dialogue", "phase"],
)
def test_first_tab_focuses_skip_link_that_moves_focus_to_main(
    demo_site: str, page: Page, path: str
):
    page.goto(demo_site + path)

    page.keyboard.press("Tab")
    skip_link = page.locator(".skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()


def test_stepper_links_are_reached_by_tab_with_visible_focus(
    demo_site: str, page: Page
):
    page.goto(demo_site + DIALOGUE_PATH)
    stepper_links = page.locator("nav.stepper a")
    expect(stepper_links).to_have_count(7)
    expected = stepper_links.evaluate_all("links => links.map(link => link.href)")

    reached = []
    # Generous upper bound: header, search, menu, breadcrumbs, then the stepper.
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || !el.closest("nav.stepper")) return null;
                const style = getComputedStyle(el);
                return {
                    href: el.href,
                    outline: style.outlineStyle,
                    outlineWidth: style.outlineWidth,
                    boxShadow: style.boxShadow,
                };
            }"""
        )
        if focused is None:
            if reached:
                break
            continue
        has_outline = focused["outline"] != "none" and focused["outlineWidth"] != "0px"
        assert has_outline or focused["boxShadow"] != "none", (
            f"stepper link {focused['href']} has no visible focus style: {focused}"
        )
        reached.append(focused["href"])

    assert reached == expected
