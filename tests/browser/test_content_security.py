"""Every page keeps to its Content-Security-Policy and asks no other host for anything.

Each walk visits the page types in one kind of visit (a visitor, a participant,
an editor or moderator) and fails on any CSP violation a document reports, any
CSP or Permissions-Policy error in the console, and any request to a host other
than the site. The first test shows the listeners catch what they should.
"""

import json
from datetime import date
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Page as WagtailPage

from cms import demo_content as content
from cms.demo import (
    DEMO_MODERATOR_USERNAME,
    DEMO_STAFF_PASSWORD,
    DEMO_STAFF_USERNAME,
)
from cms.models import PhasePage, StandardPage
from cms.phases import Step
from dialogue_blocks.models import Contribution, ContributionStatus, Municipality
from dialogue_blocks.services import create_contribution
from invitations.models import SignUp

from .conftest import INVITEE_EMAIL, link_path_in_mail_to
from .failing_urls import BROKEN_PATH
from .test_editor_journey import log_in

pytestmark = pytest.mark.browser

DIALOGUE = f"/{content.DIALOGUE_SLUG}/"
PUBLIC_PAGES = {
    "home": "/",
    "dialogue": DIALOGUE,
    "phase-closed": f"{DIALOGUE}{Step.VINDEN.slug}/",
    "phase-open": f"{DIALOGUE}{Step.VERKENNEN.slug}/",
    "phase-upcoming": f"{DIALOGUE}{Step.VERRIJKEN.slug}/",
    "landing-province": f"{DIALOGUE}afdeling-utrecht/",
    "landing-network": f"{DIALOGUE}netwerk-g4/",
    "standard": "/privacy/",
    "search": "/zoeken/?q=samenwerking",
    "search-empty": "/zoeken/?q=",
    "lost-link": f"{DIALOGUE}link-kwijt/",
    "not-found": "/bestaat-niet/",
}
VIDEO_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
# What YouTube's oEmbed answers (stored, as Wagtail stores it after asking).
VIDEO_OEMBED_HTML = (
    '<iframe width="200" height="113" src="https://www.youtube.com/embed/'
    'dQw4w9WgXcQ?feature=oembed" frameborder="0" allowfullscreen '
    'title="Regionale samenwerking"></iframe>'
)


def open_page(page: Page, url: str):
    response = page.goto(url)
    assert response is not None, f"{url} gave no response"
    page.wait_for_load_state("networkidle")
    return response


def assert_kept_to_the_policy(
    base: str, violations: list[str], hosts: set[str]
) -> None:
    assert not violations, "CSP violations:\n" + "\n".join(violations)
    own_host = urlsplit(base).netloc
    assert own_host in hosts, "the page's own requests were not recorded"
    assert hosts == {own_host}, f"requests to other hosts: {hosts - {own_host}}"


def test_violations_and_other_hosts_are_caught(
    demo_site: str, page: Page, csp_violations, request_hosts
):
    """The policy is enforced in the browser, and the walks below would notice."""
    open_page(page, demo_site + "/")
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injectedRan = true";
          document.body.append(script);
          document.body.insertAdjacentHTML("beforeend", '<p style="color:red">x</p>');
        }"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.injectedRan") is None  # the inline script was refused
    assert any("script-src" in violation for violation in csp_violations)
    assert any("style-src" in violation for violation in csp_violations)


@pytest.mark.parametrize("width", [1280, 375])
def test_public_pages_keep_to_the_policy(
    demo_site: str, page: Page, csp_violations, request_hosts, screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in PUBLIC_PAGES.items():
        response = open_page(page, demo_site + path)
        policy = response.headers.get("content-security-policy", "")
        assert "default-src 'self'" in policy, f"{path} has no strict policy"
        assert "frame-ancestors 'none'" in policy
        assert response.headers.get("permissions-policy"), f"{path}: no policy"
        if width == 1280:
            screenshot(page, f"csp-{name}")
    # The sign-up form with its errors shown (the captcha image among them).
    open_page(page, demo_site + PUBLIC_PAGES["landing-province"])
    page.get_by_role("button", name="Stuur mij een link").click()
    expect(page.locator("#doe-mee .field__error").first).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert_kept_to_the_policy(demo_site, csp_violations, request_hosts)


def test_joining_and_participant_pages_keep_to_the_policy(
    demo_site: str, page: Page, csp_violations, request_hosts, dialogue, invite
):
    invite()
    link = link_path_in_mail_to(INVITEE_EMAIL)
    open_page(page, demo_site + link)
    page.get_by_role("button", name="Ja, ik doe mee").click()
    expect(page.get_by_role("region", name="Uw deelname")).to_be_visible()

    verkennen = dialogue.phases().get(slug=Step.VERKENNEN.slug).specific
    open_page(page, demo_site + verkennen.url)  # the forms of an open phase
    question = page.locator("section.participation-block").first
    question.get_by_label("Uw antwoord").fill("Samen inkopen scheelt werk.")
    question.get_by_role("button", name="Plaats antwoord").click()
    own_item = page.locator("article", has_text="Samen inkopen scheelt werk.")
    expect(own_item).to_contain_text("Uw bijdrage wacht op moderatie")
    own = Contribution.objects.get(text="Samen inkopen scheelt werk.")
    others = (
        Contribution.objects.filter(phase=verkennen, status="gepubliceerd")
        .exclude(pk=own.pk)
        .first()
    )
    for path in (
        f"{verkennen.url}bijdrage/{own.pk}/bewerken/",
        f"{verkennen.url}bijdrage/{own.pk}/intrekken/",
        f"{verkennen.url}bijdrage/{others.pk}/melden/",
        f"{DIALOGUE}mijn-bijdragen/",
        f"{DIALOGUE}mijn-gegevens/",
        link,  # the used link: "this link no longer works"
    ):
        response = open_page(page, demo_site + path)
        assert response.status < 500, f"{path} answered {response.status}"
        expect(page.locator("h1")).to_have_count(1)
    assert_kept_to_the_policy(demo_site, csp_violations, request_hosts)


def test_error_pages_keep_to_the_policy(
    demo_site: str, page: Page, csp_violations, request_hosts, settings, screenshot
):
    settings.ROOT_URLCONF = "tests.browser.failing_urls"
    response = open_page(page, demo_site + BROKEN_PATH)
    assert response.status == 500
    expect(page.get_by_role("heading", name="Er ging iets mis")).to_be_visible()
    screenshot(page, "csp-server-error")

    # A form whose session is gone: Django's own page would carry inline CSS.
    open_page(page, demo_site + PUBLIC_PAGES["landing-province"])
    page.context.clear_cookies()
    page.get_by_role("button", name="Stuur mij een link").click()
    expired = page.get_by_role("heading", name="Dit formulier is verlopen")
    expect(expired).to_be_visible()
    screenshot(page, "csp-form-expired")
    assert_kept_to_the_policy(demo_site, csp_violations, request_hosts)


@pytest.fixture
def video_page(demo_site: str) -> StandardPage:
    """A page with a YouTube video, its oEmbed answer stored as Wagtail keeps it."""
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html=VIDEO_OEMBED_HTML,
        provider_name="YouTube",
        width=200,
        height=113,
        thumbnail_url="https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg",
    )
    home = WagtailPage.objects.get(depth=2)
    body = [
        {
            "type": "embed",
            "value": {"title": "Terugblik", "embed": VIDEO_URL, "transcript": ""},
        }
    ]
    video = StandardPage(title="Terugblik", slug="terugblik", body=json.dumps(body))
    home.add_child(instance=video)
    video.save_revision().publish()
    return video


def test_video_loads_nothing_from_its_provider_until_played(
    demo_site: str,
    page: Page,
    csp_violations,
    request_hosts,
    video_page,
    screenshot,
    axe,
):
    player_requests: list[str] = []
    # The outside world: YouTube's player, answered here instead.
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: (
            player_requests.append(route.request.url),
            route.fulfill(content_type="text/html", body="<p>speler</p>"),
        ),
    )
    open_page(page, demo_site + video_page.url)
    assert_kept_to_the_policy(demo_site, csp_violations, request_hosts)
    expect(page.get_by_role("link", name="Bekijk de video op YouTube")).to_be_visible()
    screenshot(page, "csp-video-placeholder-1280")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot(page, "csp-video-placeholder-375")
    axe(page)

    page.get_by_role("button", name="Video afspelen").click()
    player = page.locator(".embed__frame iframe")
    expect(player).to_have_attribute("title", "Terugblik")
    page.wait_for_load_state("networkidle")
    assert player_requests == [
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?feature=oembed"
    ]
    screenshot(page, "csp-video-playing-375")
    assert not csp_violations, "\n".join(csp_violations)  # frame-src allows it


@pytest.fixture
def moderation_work(demo_site: str, dialogue):
    """A waiting answer, a person in the register and a sign-up, for the lists."""
    verkennen = PhasePage.objects.get(step=Step.VERKENNEN)
    question_id = next(c.id for c in verkennen.body if c.block_type == "question")
    published = Contribution.objects.filter(status=ContributionStatus.PUBLISHED)
    waiting = create_contribution(
        published.first().participant, verkennen, question_id, "Wacht op een blik."
    )
    Contribution.objects.filter(pk=waiting.pk).update(status=ContributionStatus.PENDING)
    utrecht = Municipality.objects.get(name="Utrecht", is_active=True)
    SignUp.objects.create(
        dialogue=dialogue,
        email="nieuw@zeist.example",
        role="raadslid",
        municipality=utrecht,
        source_page=dialogue,
        consented_on=date.today(),
    )
    return verkennen, waiting


def test_admin_pages_staff_use_keep_to_the_admin_policy(
    demo_site: str, page: Page, csp_violations, request_hosts, invite, moderation_work
):
    verkennen, waiting = moderation_work
    invite()
    log_in(page, demo_site, DEMO_STAFF_USERNAME, DEMO_STAFF_PASSWORD)
    queue = "/beheer/dialogue_blocks/contribution/"
    for path in (
        "/beheer/",
        f"/beheer/pages/{verkennen.get_parent().pk}/",
        queue,
        f"{queue}inspect/{waiting.pk}/",
        f"{queue}reject/{waiting.pk}/",
        "/beheer/dialogue_blocks/flaggedcontribution/",
        "/beheer/invitations/invitee/",
        "/beheer/invitations/signup/",
        "/beheer/snippets/dialogue_blocks/theme/",
        "/beheer/exports/",
    ):
        response = open_page(page, demo_site + path)
        assert response.ok, f"{path} answered {response.status}"
        assert "script-src-attr 'none'" in response.headers["content-security-policy"]

    # The page editor with its live preview, which frames the site itself.
    open_page(page, demo_site + f"/beheer/pages/{verkennen.pk}/edit/")
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe").first
    expect(preview.locator("h1")).to_contain_text("Verkennen")
    page.wait_for_load_state("networkidle")
    # A public page as staff see it: with Wagtail's user bar, under the strict policy.
    open_page(page, demo_site + verkennen.url)
    expect(page.locator("wagtail-userbar")).to_be_attached()
    assert_kept_to_the_policy(demo_site, csp_violations, request_hosts)


def test_moderator_dashboard_keeps_to_the_admin_policy(
    demo_site: str, page: Page, csp_violations, request_hosts
):
    # The demo's moderator, who may only moderate.
    log_in(page, demo_site, DEMO_MODERATOR_USERNAME, DEMO_STAFF_PASSWORD)
    expect(page.get_by_role("heading", name="Moderatie")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert_kept_to_the_policy(demo_site, csp_violations, request_hosts)
