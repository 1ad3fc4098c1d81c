"""Communications staff download an export of the demo dialogue in the admin."""

import pytest
from playwright.sync_api import Page, expect

from cms.demo import DEMO_STAFF_PASSWORD, DEMO_STAFF_USERNAME
from tests.browser.test_editor_journey import log_in

pytestmark = pytest.mark.browser


def test_staff_download_contributions_as_csv_from_the_exports_page(
    demo_site: str, dialogue, page: Page, axe, screenshot
):
    log_in(page, demo_site, DEMO_STAFF_USERNAME, DEMO_STAFF_PASSWORD)
    page.get_by_role("link", name="Exports").click()
    expect(page.get_by_role("heading", name="Exports")).to_be_visible()
    # The demo holds one dialogue: it is chosen already.
    expect(page.get_by_label("Dialoog", exact=True)).to_have_value(str(dialogue.pk))

    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        axe(page)
    page.set_viewport_size({"width": 375, "height": 900})
    screenshot(page, "exports-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "exports-1280")

    page.get_by_label("Bijdragen (CSV)").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Downloaden").click()
    download = download_info.value
    assert download.suggested_filename.startswith(f"bijdragen-{dialogue.slug}-")
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read(40).startswith(b"\xef\xbb\xbfnummer;stap;blok;soort;")
