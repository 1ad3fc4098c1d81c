"""The video providers editors may embed, and how an embed reaches the page.

One list decides three things: which URLs the video block accepts, which oEmbed
endpoints Wagtail asks (settings.WAGTAILEMBEDS_FINDERS) and which origins the
Content-Security-Policy lets frames come from (settings.CONTENT_SECURITY_POLICY).

A page never loads the provider by itself: the block shows a placeholder with a
link, and only a visitor's click (static/js/embeds.js) puts the player's frame
in. The provider's own HTML is not rendered: its iframe address is taken out,
checked against the list and pointed at the provider's privacy-friendly player
(YouTube without cookies, Vimeo with "do not track").

Plain data and the standard library only: the settings import this module.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from wagtail.embeds import oembed_providers


@dataclass(frozen=True)
class EmbedProvider:
    name: str
    oembed: dict
    # Hosts of the player address in the provider's oEmbed HTML.
    player_hosts: tuple[str, ...]
    # The host the page's frame loads instead, and what it adds to the query.
    frame_host: str
    extra_query: tuple[tuple[str, str], ...] = ()

    @property
    def frame_origin(self) -> str:
        return f"https://{self.frame_host}"

    def accepts(self, url: str) -> bool:
        return any(re.match(pattern, url) for pattern in self.oembed["urls"])

    def frame_src(self, player_src: str) -> str | None:
        """The iframe address to use for the provider's player address, if it is one."""
        parts = urlsplit(player_src)
        if parts.scheme != "https" or parts.hostname not in self.player_hosts:
            return None
        query = dict(parse_qsl(parts.query)) | dict(self.extra_query)
        return urlunsplit(("https", self.frame_host, parts.path, urlencode(query), ""))


YOUTUBE = EmbedProvider(
    name="YouTube",
    oembed=oembed_providers.youtube,
    player_hosts=("www.youtube.com", "youtube.com", "www.youtube-nocookie.com"),
    frame_host="www.youtube-nocookie.com",
)
VIMEO = EmbedProvider(
    name="Vimeo",
    oembed=oembed_providers.vimeo,
    player_hosts=("player.vimeo.com",),
    frame_host="player.vimeo.com",
    extra_query=(("dnt", "1"),),
)
PROVIDERS = (YOUTUBE, VIMEO)
PROVIDER_NAMES = " of ".join(provider.name for provider in PROVIDERS)
FRAME_ORIGINS = tuple(provider.frame_origin for provider in PROVIDERS)
EMBED_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [provider.oembed for provider in PROVIDERS],
    }
]

# The shape of the placeholder and player, from the provider's width and height.
SHAPES = {"breed": 16 / 9, "klassiek": 4 / 3, "vierkant": 1.0, "staand": 9 / 16}


def provider_for(url: str) -> EmbedProvider | None:
    return next((p for p in PROVIDERS if p.accepts(url)), None)


class _FirstIframeSrc(HTMLParser):
    def __init__(self):
        super().__init__()
        self.src: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "iframe" and self.src is None:
            self.src = dict(attrs).get("src")


@dataclass(frozen=True)
class Frame:
    """What the page needs to offer a video: the player's address and shape."""

    provider: str
    src: str
    shape: str


def frame_for(url: str, html: str, width: int | None, height: int | None):
    """The player frame for a stored embed, or None when it is not an allowed one."""
    provider = provider_for(url)
    if provider is None:
        return None
    parser = _FirstIframeSrc()
    parser.feed(html or "")
    src = provider.frame_src(parser.src or "")
    if src is None:
        return None
    ratio = (width / height) if width and height else SHAPES["breed"]
    shape = min(SHAPES, key=lambda name: abs(SHAPES[name] - ratio))
    return Frame(provider=provider.name, src=src, shape=shape)
