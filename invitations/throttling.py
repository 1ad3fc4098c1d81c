"""Per-session limit on link requests; the per-address limit is in services."""

from django.conf import settings
from django.utils import timezone

SESSION_KEY = "link_requests"
WINDOW_SECONDS = 3600


def recent_requests(request) -> list[float]:
    cutoff = timezone.now().timestamp() - WINDOW_SECONDS
    return [
        moment for moment in request.session.get(SESSION_KEY, []) if moment > cutoff
    ]


def session_may_request_link(request) -> bool:
    return len(recent_requests(request)) < settings.LINK_REQUESTS_PER_SESSION_PER_HOUR


def note_link_request(request) -> None:
    request.session[SESSION_KEY] = [
        *recent_requests(request),
        timezone.now().timestamp(),
    ]


TOO_MANY_REQUESTS = (
    "U heeft het afgelopen uur al vaak een link aangevraagd. Kijk in uw inbox (en "
    "uw map met ongewenste e-mail) of probeer het over een uur opnieuw."
)
