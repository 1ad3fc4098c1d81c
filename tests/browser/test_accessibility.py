"""Every page type meets WCAG 2.1 AA as far as axe-core can tell, wide and at 320 px.

Each page is also checked for what axe does not assert: Dutch as the page language,
exactly one h1, no horizontal scrolling on a small screen, and no request to any
host but the site itself (no external CDN, fonts or trackers).
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from cms import demo_content as content

pytestmark = pytest.mark.browser

DIALOGUE = f"/{content.DIALOGUE_SLUG}/"

PAGES = {
    "home": "/",
    "dialogue": DIALOGUE,
    "phase-open": f"{DIALOGUE}verkennen/",
    "landing-province": f"{DIALOGUE}afdeling-utrecht/",
    "landing-network": f"{DIALOGUE}netwerk-g4/",
    "standard-privacy": "/privacy/",
    "standard-accessibility": "/toegankelijkheid/",
    "search-results": "/zoeken/?q=samenwerking",
    "search-empty-query": "/zoeken/?q=",
}

VIEWPORTS = {
    "wide": {"width": 1280, "height": 900},
    "narrow": {"width": 320, "height": 640},
}


def check_page_is_the_intended_state(page: Page, name: str) -> None:
    """Guard against axe passing on an error page or an empty state by accident."""
    if name == "search-results":
        expect(page.locator(".search-results li").first).to_be_visible()
    elif name == "search-empty-query":
        expect(page.locator(".field__error")).to_be_visible()
        expect(page.locator("#id_q")).to_have_attribute("aria-invalid", "true")
    else:
        expect(page.locator("main")).not_to_be_empty()


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
@pytest.mark.parametrize("page_name", PAGES)
def test_page_has_no_accessibility_violations(
    demo_site: str,
    page: Page,
    request_hosts: set[str],
    axe,
    screenshot,
    page_name: str,
    viewport: dict,
):
    path = PAGES[page_name]
    page.set_viewport_size(viewport)

    response = page.goto(demo_site + path)  # waits for the load event
    assert response is not None, f"{path} gave no response"
    assert response.ok, f"{path} answered {response.status}"
    check_page_is_the_intended_state(page, page_name)
    screenshot(page, f"{page_name}-{viewport['width']}")

    own_host = urlsplit(demo_site).netloc
    assert own_host in request_hosts, "the page's own requests were not recorded"
    assert request_hosts == {own_host}, (
        f"{path} loaded from other hosts: {sorted(request_hosts - {own_host})}"
    )

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_have_count(1)

    if viewport["width"] <= 320:
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= viewport["width"], (
            f"{path} scrolls sideways at {viewport['width']} px: "
            f"the document is {scroll_width} px wide"
        )

    axe(page)
