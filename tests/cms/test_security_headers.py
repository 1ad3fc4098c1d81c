"""The headers that limit what pages load, and the video block that keeps to them."""

import json

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from cms import embeds
from cms.blocks import VideoEmbedBlock
from cms.models import StandardPage

from .test_settings import SECRETS, manage

YOUTUBE_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
YOUTUBE_HTML = (
    '<iframe width="200" height="113" src="https://www.youtube.com/embed/'
    'dQw4w9WgXcQ?feature=oembed" frameborder="0" allowfullscreen></iframe>'
)


def policy_of(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(directive.strip().split(" ", 1) for directive in header.split(";"))


@pytest.mark.django_db
def test_public_pages_get_the_strict_policy(client, home_page):
    policy = policy_of(client.get("/"))
    for directive in ("default-src", "script-src", "style-src", "img-src"):
        assert policy[directive] == "'self'", directive
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["frame-src"] == (
        "https://www.youtube-nocookie.com https://player.vimeo.com"
    )
    assert "unsafe" not in " ".join(policy.values())


@pytest.mark.django_db
def test_admin_gets_only_its_allowances(admin_client):
    policy = policy_of(admin_client.get("/beheer/"))
    assert policy["script-src"] == "'self'"
    assert policy["script-src-elem"] == "'self' 'unsafe-inline'"
    assert policy["script-src-attr"] == "'none'"
    assert policy["style-src"] == "'self' 'unsafe-inline'"
    assert policy["connect-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_only_the_preview_may_be_framed_and_only_by_the_site(admin_client, home_page):
    preview = admin_client.get(f"/beheer/pages/{home_page.pk}/edit/preview/")
    assert preview.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert policy_of(preview)["frame-ancestors"] == "'self'"


@pytest.mark.django_db
def test_powerful_features_are_off(client, home_page):
    features = dict(
        item.strip().split("=", 1)
        for item in client.get("/").headers["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"
    assert features["fullscreen"].startswith("(self ")


@pytest.mark.django_db
def test_admin_shows_no_gravatar_and_asks_for_no_update(admin_client):
    dashboard = admin_client.get("/beheer/").text
    assert "gravatar" not in dashboard
    assert "data-w-upgrade" not in dashboard  # Wagtail's release check


def test_production_serves_the_policy():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; "
        "print('cms.security_headers.SecurityHeadersMiddleware' in settings.MIDDLEWARE,"
        " settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['default-src'])",
        **SECRETS,
    )
    assert result.stdout.split()[-2:] == ["True", "[\"'self'\"]"], result.stderr


def test_video_block_refuses_other_providers_in_dutch():
    block = VideoEmbedBlock()
    value = block.to_python(
        {"title": "Video", "embed": "https://www.dailymotion.com/video/x8abc"}
    )
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(value)
    message = str(refused.value.block_errors["embed"])
    assert "Alleen video's van YouTube of Vimeo kunnen hier." in message


@pytest.fixture
def stored_youtube_embed(db):
    return Embed.objects.create(
        url=YOUTUBE_URL,
        hash=get_embed_hash(YOUTUBE_URL),
        type="video",
        html=YOUTUBE_HTML,
        width=200,
        height=113,
    )


def test_video_block_accepts_an_allowed_provider(stored_youtube_embed):
    block = VideoEmbedBlock()
    value = block.to_python({"title": "Video", "embed": YOUTUBE_URL})
    assert block.clean(value)["embed"].url == YOUTUBE_URL


def test_video_page_holds_no_provider_html_and_no_inline_style(
    client, home_page, stored_youtube_embed
):
    body = [{"type": "embed", "value": {"title": "Terugblik", "embed": YOUTUBE_URL}}]
    page = StandardPage(title="Terugblik", slug="terugblik", body=json.dumps(body))
    home_page.add_child(instance=page)
    html = client.get(page.url).text
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ' in html
    assert "<iframe" not in html and "www.youtube.com/embed" not in html
    assert " style=" not in html
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html


@pytest.mark.parametrize(
    ("url", "player", "expected"),
    [
        (
            YOUTUBE_URL,
            "https://www.youtube.com/embed/abc?feature=oembed",
            "https://www.youtube-nocookie.com/embed/abc?feature=oembed",
        ),
        (
            "https://vimeo.com/76979871",
            "https://player.vimeo.com/video/76979871?app_id=122963",
            "https://player.vimeo.com/video/76979871?app_id=122963&dnt=1",
        ),
        # A provider's answer that points the frame elsewhere is not used.
        (YOUTUBE_URL, "https://tracker.example/embed/abc", None),
        (YOUTUBE_URL, "http://www.youtube.com/embed/abc", None),
        (
            "https://www.dailymotion.com/video/x8abc",
            "https://www.youtube.com/embed/a",
            None,
        ),
    ],
)
def test_player_frame_comes_only_from_an_allowed_origin(url, player, expected):
    frame = embeds.frame_for(url, f'<iframe src="{player}"></iframe>', 640, 360)
    assert (frame.src if frame else None) == expected


def test_player_shape_follows_the_provider_size():
    html = '<iframe src="https://player.vimeo.com/video/1"></iframe>'
    assert embeds.frame_for("https://vimeo.com/1", html, 640, 360).shape == "breed"
    assert embeds.frame_for("https://vimeo.com/1", html, 500, 500).shape == "vierkant"
    assert embeds.frame_for("https://vimeo.com/1", html, 360, 640).shape == "staand"
