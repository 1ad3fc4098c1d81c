"""Communications staff read the demo's report, build its PDF and download it
in Chromium; the report page has no accessibility violations at 1280 and
320 px. Visitors do not find it before it is published.
"""

import pytest
from playwright.sync_api import Page, expect

from cms import demo_content as content
from cms.demo import DEMO_STAFF_PASSWORD, DEMO_STAFF_USERNAME
from cms.phases import Step
from tests.browser.test_editor_journey import log_in

from .test_contribution_journeys import VIEWPORTS, check_small_screen

pytestmark = pytest.mark.browser

REPORT_PATH = f"/{content.DIALOGUE_SLUG}/rapport/"


def test_staff_build_and_download_the_report_as_pdf(
    demo_site: str, dialogue, page: Page, axe, screenshot
):
    response = page.goto(demo_site + REPORT_PATH)
    assert response.status == 404  # not published yet

    log_in(page, demo_site, DEMO_STAFF_USERNAME, DEMO_STAFF_PASSWORD)
    page.goto(demo_site + REPORT_PATH)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rapport")
    for step in Step:
        expect(
            page.get_by_role("heading", name=f"Stap {step.value}. ", exact=False)
        ).to_have_count(1)
    for viewport in VIEWPORTS.values():
        page.set_viewport_size(viewport)
        axe(page)
        check_small_screen(page, viewport)

    page.set_viewport_size({"width": 375, "height": 800})
    page.get_by_role("button", name="Maak PDF van het rapport").click()
    # Built by the task (immediately here): the message and the download show
    # without scrolling.
    message = page.get_by_text("Het rapport als PDF is klaar om te downloaden.")
    expect(message).to_be_visible()
    download_link = page.get_by_role("link", name="Download PDF van het rapport")
    expect(download_link).to_be_in_viewport()
    screenshot(page, "report-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "report-1280")

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"rapport-{dialogue.slug}-")
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read(5) == b"%PDF-"
