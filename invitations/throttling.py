"""Limits on link e-mails that hold without the client's cooperation.

Counted in the shared cache (alias "limits"; Redis beyond one machine), with an
atomic increment, per address and per dialogue: never per IP address (a whole
town hall shares one) and never in the client's cookie (a fresh cookie jar
would reset it). The address is kept only as a keyed hash, and every count
expires with its window.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import caches

from dialogue_blocks.anonymity import normalise_email

WINDOW_SECONDS = 3600

TOO_MANY_REQUESTS = (
    "Voor dit e-mailadres is het afgelopen uur al vaak een link aangevraagd. Kijk "
    "in uw inbox (en uw map met ongewenste e-mail) of probeer het over een uur "
    "opnieuw."
)
SITE_BUSY = (
    "Er worden op dit moment erg veel links aangevraagd. Probeer het over een uur "
    "opnieuw."
)


def within_limit(key: str, limit: int) -> bool:
    """Count one more in this window; whether the count is still within the limit."""
    cache = caches["limits"]
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= limit


def address_key(dialogue, email: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"{dialogue.pk}:{normalise_email(email)}".encode(),
        hashlib.sha256,
    ).hexdigest()
    return f"link-mails:address:{digest}"


def link_mail_refusal(dialogue, email: str) -> str | None:
    """Why no link may be mailed for this address now, or None.

    The answer is the same for known and unknown addresses.
    """
    if not within_limit(
        address_key(dialogue, email), settings.LINK_REQUESTS_PER_ADDRESS_PER_HOUR
    ):
        return TOO_MANY_REQUESTS
    if not within_limit(
        f"link-mails:dialogue:{dialogue.pk}", settings.LINK_MAILS_PER_DIALOGUE_PER_HOUR
    ):
        return SITE_BUSY
    return None
