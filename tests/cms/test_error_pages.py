"""While the database is away a page says so in Dutch; a bug stays a plain 500."""

from unittest import mock

import pytest
from django.db import IntegrityError, OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


def answer_when_the_page_raises(phase, error):
    client = Client(raise_request_exception=False)
    with mock.patch("cms.models.PhasePage.get_context", side_effect=error):
        return client.get(phase.url)


def test_database_outage_answers_a_dutch_503_without_traceback(phase):
    response = answer_when_the_page_raises(
        phase, OperationalError("connection refused")
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "De dialoog is even niet bereikbaar" in html
    assert "niets is half bewaard" in html
    assert "Traceback" not in html and "connection refused" not in html


def test_a_constraint_violation_is_a_500_not_an_outage(phase):
    response = answer_when_the_page_raises(phase, IntegrityError("duplicate key"))
    assert response.status_code == 500
    assert "duplicate key" not in response.content.decode()
