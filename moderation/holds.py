"""Automatic holds: a text with a listed word or too many links always waits."""

import re

from .models import ModerationSettings

LINK = re.compile(r"\bhttps?://|\bwww\.", re.IGNORECASE)


def hold_reason(text: str) -> str:
    """Why this text must wait for a moderator, or "" when it need not."""
    settings = ModerationSettings.load()
    lowered = text.lower()
    for word in settings.word_list():
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered):
            return f"bevat ‘{word}’ uit de woordenlijst"
    links = len(LINK.findall(text))
    if links > settings.max_links:
        return f"bevat {links} links (meer dan {settings.max_links})"
    return ""
