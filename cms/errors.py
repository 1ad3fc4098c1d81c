"""Error pages that need nothing from the database, which may be what failed."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.defaults import server_error as django_server_error

RETRY_AFTER_SECONDS = 30


def database_unavailable(error: BaseException | None) -> bool:
    """The database could not be reached or dropped the connection.

    Other database errors (a violated constraint, bad SQL) are bugs, not an
    outage: they stay a 500.
    """
    return isinstance(error, OperationalError | InterfaceError)


def server_error(request, *args, **kwargs):
    """A Dutch 503 while the database is away (the request wrote nothing), else 500.

    Every change a request makes is one transaction, so a request that failed
    on the database left nothing half-written; the page says so. Rendered from
    a standalone template without context processors, which would query.
    """
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return django_server_error(request, *args, **kwargs)
