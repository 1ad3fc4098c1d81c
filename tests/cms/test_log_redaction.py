"""No log line holds an e-mail address, a link token or a pseudonym next to content.

The database tests raise the real errors PostgreSQL writes (SQLite's name no
values) and send them through the handlers the settings configure, the way
Django logs an unhandled error; gunicorn's own logs get the same filter.
"""

import io
import logging
import runpy
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, connection, transaction
from gunicorn.config import Config

from cms.log_redaction import RedactPersonalDataFilter, redact
from dialogue_blocks.models import Contribution, Municipality, Support
from invitations.models import Invitee
from tests.participation import QUESTION_ID

ADDRESS = "anna.de.griffier@utrecht.example"
GUNICORN_CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="only PostgreSQL repeats the offending values in its error messages",
)


def all_handlers() -> set[logging.Handler]:
    """Every handler that writes log lines (not pytest's capture, not NullHandlers)."""
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    return {
        handler
        for logger in loggers
        for handler in logger.handlers
        if not isinstance(handler, logging.NullHandler)
        and not type(handler).__module__.startswith("_pytest")
    }


@contextmanager
def log_output() -> Iterator[io.StringIO]:
    """What every configured stream handler writes, while the block runs."""
    output = io.StringIO()
    streams = [
        (handler, handler.setStream(output))
        for handler in all_handlers()
        if isinstance(handler, logging.StreamHandler)
    ]
    try:
        yield output
    finally:
        for handler, stream in streams:
            handler.setStream(stream)


def raised_by(create) -> IntegrityError:
    with pytest.raises(IntegrityError) as raised, transaction.atomic():
        create()
    return raised.value


def log_as_unhandled(error: Exception) -> None:
    """What Django's request handler logs for a 500 (django.core.handlers)."""
    logging.getLogger("django.request").error(
        "Internal Server Error: %s",
        "/regionale-samenwerking/deelnemen/geheim-token/",
        exc_info=(type(error), error, error.__traceback__),
    )


@pytest.fixture
def invitee(dialogue) -> Invitee:
    return Invitee.objects.create(
        dialogue=dialogue,
        name="Anna de Griffier",
        email=ADDRESS,
        role="griffier",
        municipality=Municipality.objects.get(name="Utrecht"),
    )


@needs_postgresql
@pytest.mark.django_db
def test_duplicate_invitee_error_reaches_the_log_without_the_address(dialogue, invitee):
    error = raised_by(
        lambda: Invitee.objects.create(
            dialogue=dialogue, name="Anna", email=ADDRESS, role="griffier"
        )
    )
    assert ADDRESS in str(error)  # what PostgreSQL itself says

    with log_output() as output:
        log_as_unhandled(error)

    logged = output.getvalue()
    assert "one_invitee_per_address" in logged  # still says what went wrong
    assert "Key (dialogue_id, email)=([verborgen]) already exists" in logged
    assert ADDRESS not in logged
    assert "geheim-token" not in logged


@needs_postgresql
@pytest.mark.django_db
def test_duplicate_support_error_reaches_the_log_without_the_pair(phase, participant):
    contribution = Contribution.objects.create(
        phase=phase, block_id=QUESTION_ID, text="Tekst", status="gepubliceerd"
    )
    Support.objects.create(participant=participant, contribution=contribution)
    error = raised_by(
        lambda: Support.objects.create(
            participant=participant, contribution=contribution
        )
    )
    pair = f"=({participant.pk}, {contribution.pk})"
    assert pair in str(error)

    with log_output() as output:
        log_as_unhandled(error)

    logged = output.getvalue()
    assert "support_once" in logged
    assert pair not in logged
    assert "Key (participant_id, contribution_id)=([verborgen])" in logged


@needs_postgresql
@pytest.mark.django_db
def test_failing_row_of_a_not_null_error_is_hidden(dialogue):
    error = raised_by(
        lambda: Invitee.objects.create(
            dialogue=dialogue, name=None, email=ADDRESS, role="griffier"
        )
    )
    assert "Failing row contains" in str(error) and ADDRESS in str(error)

    with log_output() as output:
        logging.getLogger("django.db.backends").error("Query failed", exc_info=error)

    logged = output.getvalue()
    assert "Failing row contains ([verborgen])" in logged
    assert ADDRESS not in logged


@pytest.mark.django_db
def test_sql_logged_by_django_db_backends_hides_addresses(dialogue):
    sql_log = logging.getLogger("django.db.backends")
    level = sql_log.level
    sql_log.setLevel(logging.DEBUG)
    connection.force_debug_cursor = True
    try:
        with log_output() as output:
            Invitee.objects.create(
                dialogue=dialogue, name="Anna", email=ADDRESS, role="griffier"
            )
    finally:
        connection.force_debug_cursor = False
        sql_log.setLevel(level)

    logged = output.getvalue()
    assert "invitations_invitee" in logged  # the INSERT was logged
    assert "[e-mailadres]" in logged
    assert ADDRESS not in logged


def test_every_configured_handler_redacts():
    handlers = all_handlers()
    assert handlers, "no logging handler is configured"
    for handler in handlers:
        assert any(isinstance(f, RedactPersonalDataFilter) for f in handler.filters), (
            f"{handler!r} writes log lines without the redaction filter"
        )


@pytest.fixture
def gunicorn_logger():
    settings = runpy.run_path(str(GUNICORN_CONF))
    config = Config()
    for name in ("accesslog", "access_log_format"):
        config.set(name, settings[name])
    config.set("errorlog", "-")
    return settings["logger_class"](config)


def test_gunicorn_logs_hide_tokens_and_addresses(gunicorn_logger):
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/regionale-samenwerking/deelnemen/geheim-token/",
        "PATH_INFO": "/regionale-samenwerking/deelnemen/geheim-token/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.7",
        "HTTP_USER_AGENT": "Browser/1.0",
    }
    response = SimpleNamespace(status="302 Found", headers=[], sent=0)
    with log_output() as output:
        gunicorn_logger.access(response, environ, environ, timedelta(seconds=1))
        gunicorn_logger.error("Error handling request for %s", ADDRESS)

    logged = output.getvalue()
    assert '"GET /regionale-samenwerking/deelnemen/[verborgen]/ HTTP/1.1" 302' in logged
    assert "Error handling request for [e-mailadres]" in logged
    for secret in ("geheim-token", ADDRESS, "192.0.2.7", "Browser/1.0"):
        assert secret not in logged
    # gunicorn's own handlers (error and access log) are among those that redact.
    assert sum(getattr(handler, "_gunicorn", False) for handler in all_handlers()) == 2
    test_every_configured_handler_redacts()


def test_redaction_keeps_what_is_not_personal():
    line = (
        "GET /zoeken/?q=samenwerking 200; "
        'duplicate key value violates unique constraint "x"\n'
        "DETAIL:  Key (dialogue_id, lower(email::text))=(3, a@b.nl) already exists."
    )
    assert redact(line) == (
        "GET /zoeken/?q=samenwerking 200; "
        'duplicate key value violates unique constraint "x"\n'
        "DETAIL:  Key (dialogue_id, lower(email::text))=([verborgen]) already exists."
    )
