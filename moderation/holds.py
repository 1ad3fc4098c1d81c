"""Automatic holds: a text with a listed word or too many links always waits,
and so does a contribution that enough participants reported."""

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


def flags_reason(count: int) -> str:
    return f"{count} meldingen van deelnemers"


def flag_hold_reason(contribution, dialogue) -> str:
    """Why open reports keep the contribution off the page, or "" if they do not.

    Reports are about the contribution, not its wording: they hold it until a
    moderator handles them, whatever its author changes.
    """
    open_flags = contribution.flags.filter(resolved_at__isnull=True).count()
    return flags_reason(open_flags) if open_flags >= dialogue.flag_threshold else ""
