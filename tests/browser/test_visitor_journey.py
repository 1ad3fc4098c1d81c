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
    page.locator("main").get_by_role(
        "link", name=content.DIALOGUE_TITLE, exact=True
    ).click()

    expect(page).to_have_url(demo_site + DIALOGUE_PATH)
    expect(page.locator("h1")).to_have_text(content.DIALOGUE_TITLE)

    steps = page.locator("nav.stepper .stepper__full li")
    expect(steps).to_have_count(7)
    for position, step in enumerate(Step):
        expect(steps.nth(position)).to_contain_text(step.label)
        expect(steps.nth(position).locator(".status")).to_contain_text(
            EXPECTED_STATUSES[position]
        )
    current = page.locator('nav.stepper .stepper__full li[aria-current="step"]')
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
    expect(
        page.locator("nav.stepper .stepper__full a[aria-current='page']")
    ).to_contain_text("Verrijken")


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
    stepper_links = page.locator("nav.stepper .stepper__full a")
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


# --- Phones: the stepper, contents, the current step and the call to join ----

PHONE = {"width": 375, "height": 667}
VERKENNEN_PATH = f"{DIALOGUE_PATH}{Step.VERKENNEN.slug}/"

WORDS_BROKEN_ACROSS_LINES = """element => {
    const broken = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // A break after a hyphen ("Noord-Brabant") is a break between words.
        for (const word of node.data.matchAll(/[^\\s-]+-?/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set(
                [...range.getClientRects()].map(rect => Math.round(rect.top))
            );
            if (lines.size > 1) broken.push(word[0]);
        }
    }
    return broken;
}"""


def test_phone_shows_the_current_step_and_folds_the_seven_away(
    demo_site: str, page: Page
):
    page.set_viewport_size(PHONE)
    page.goto(demo_site + VERKENNEN_PATH)
    stepper = page.get_by_role("navigation", name="De zeven stappen van de dialoog")
    expect(stepper.locator(".stepper__now")).to_contain_text("Stap 3 van 7: Verkennen")
    expect(stepper.locator(".stepper__now .status")).to_contain_text("Open")
    # The stepper takes a strip of the screen, not two screens.
    assert stepper.bounding_box()["height"] < PHONE["height"] / 4
    all_steps = stepper.locator(".stepper__all li")
    expect(all_steps.first).to_be_hidden()

    stepper.get_by_text("Alle stappen").click()
    expect(all_steps).to_have_count(7)
    for position in range(7):
        expect(all_steps.nth(position)).to_be_visible()
    expect(stepper.locator(".stepper__full")).to_be_hidden()


def test_wide_screen_shows_all_seven_steps(demo_site: str, page: Page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site + VERKENNEN_PATH)
    stepper = page.get_by_role("navigation", name="De zeven stappen van de dialoog")
    for position in range(7):
        expect(stepper.locator(".stepper__full li").nth(position)).to_be_visible()
    expect(stepper.locator(".stepper__compact")).to_be_hidden()


def test_page_with_several_questions_has_contents_that_lead_to_each(
    demo_site: str, page: Page
):
    page.set_viewport_size(PHONE)
    page.goto(demo_site + VERKENNEN_PATH)
    contents = page.get_by_role("navigation", name="Op deze pagina")
    links = contents.get_by_role("link")
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_have_text(f"Open vraag: {content.QUESTION_WHAT_WORKS}")
    expect(links.nth(1)).to_have_text(f"Open vraag: {content.QUESTION_WHAT_CHAFES}")

    links.nth(1).click()
    question = page.get_by_role("region", name=content.QUESTION_WHAT_CHAFES)
    expect(question.get_by_role("heading", level=2)).to_be_in_viewport()


def test_page_with_one_board_has_no_contents(demo_site: str, page: Page):
    page.goto(demo_site + f"{DIALOGUE_PATH}{Step.VERRIJKEN.slug}/")
    expect(page.get_by_role("navigation", name="Op deze pagina")).to_have_count(0)


@pytest.mark.parametrize(
    "path", ["/", f"{DIALOGUE_PATH}afdeling-utrecht/"], ids=["home", "landing"]
)
def test_home_and_landing_page_show_the_current_step_and_a_call_to_join(
    demo_site: str, page: Page, path: str
):
    page.set_viewport_size(PHONE)
    page.goto(demo_site + path)
    main = page.locator("main")
    expect(main).to_contain_text(re.compile("stap 3 van 7", re.IGNORECASE))
    step_link = main.locator(f"a[href='{VERKENNEN_PATH}']").first
    expect(step_link).to_be_visible()

    main.get_by_role("link", name=re.compile("^Doe mee")).first.click()
    expect(page).to_have_url(re.compile("#doe-mee$"))
    expect(
        page.locator("#doe-mee").get_by_role("button", name="Stuur mij een link")
    ).to_be_visible()


@pytest.mark.parametrize("width", [320, 375])
def test_home_page_titles_do_not_break_inside_a_word(
    demo_site: str, page: Page, width: int
):
    page.set_viewport_size({"width": width, "height": 700})
    page.goto(demo_site + "/")
    for title in [page.locator("h1"), page.locator(".card__title")]:
        expect(title).to_be_visible()
        assert title.evaluate(WORDS_BROKEN_ACROSS_LINES) == []
