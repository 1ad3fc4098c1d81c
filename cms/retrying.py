"""Trying the mail provider again later: its outages must not lose a mail.

django-tasks has no retries of its own. A task that talks to the provider
catches PROVIDER_ERRORS and calls `retry` with its attempt number; after
MAX_ATTEMPTS it gives up and says so where staff look.
"""

import smtplib
import sys
from datetime import timedelta
from functools import wraps

from anymail.exceptions import AnymailError
from django.utils import timezone

PROVIDER_ERRORS = (AnymailError, smtplib.SMTPException, OSError)
MAX_ATTEMPTS = 4
FIRST_WAIT = timedelta(minutes=1)


def wait_after(attempt: int) -> timedelta:
    """1, 4, then 16 minutes: a short outage costs little, a long one no storm."""
    return FIRST_WAIT * 4 ** (attempt - 1)


def retry(task, attempt: int, /, *args, **kwargs) -> bool:
    """Queue `task` again after attempt `attempt`; False when none is left.

    Where the backend cannot defer (the immediate one), the next attempt
    runs at once.
    """
    if attempt >= MAX_ATTEMPTS:
        return False
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + wait_after(attempt))
    task.enqueue(*args, **kwargs)
    return True


def retried(function):
    """A task body that the provider's errors queue again, until the last attempt.

    Put it under @task(); the task re-enqueued is the module's attribute of the
    function's name, with `attempt` counted in its keyword arguments.
    """

    @wraps(function)
    def run(*args, attempt: int = 1, **kwargs):
        try:
            return function(*args, **kwargs)
        except PROVIDER_ERRORS:
            task = getattr(sys.modules[function.__module__], function.__name__)
            if retry(task, attempt, *args, attempt=attempt + 1, **kwargs):
                return "opnieuw in de wachtrij"
            raise

    return run
