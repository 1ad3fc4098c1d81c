"""Stand-ins for the outside world's mail provider (never for our own code)."""

from anymail.backends.test import EmailBackend as AnymailTestBackend
from anymail.exceptions import AnymailAPIError

REFUSING_PROVIDER = "tests.providers.RefusingProvider"


class RefusingProvider(AnymailTestBackend):
    """The provider's API, down: every send fails as anymail reports it."""

    attempts = 0

    def send_messages(self, email_messages):
        RefusingProvider.attempts += 1
        raise AnymailAPIError("503 Service Unavailable")
