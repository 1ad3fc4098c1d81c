"""PostgreSQL stops in the middle of a run: a Dutch 503, nothing half-written, and
the site recovers by itself once the database is back.

The real thing: a throwaway PostgreSQL cluster this test starts, stops and
starts again, and the site under gunicorn on it, never restarted.
"""

import json
import re

import psycopg
import pytest
import requests
from django.conf import settings
from django.contrib.sessions.backends.signed_cookies import SessionStore

from cms.bench_data import QUESTION_ID, VIEWER_HASH
from dialogue_blocks.session import SESSION_KEY
from loadtest.postgres import ThrowawayPostgres, server_binaries
from loadtest.server import Gunicorn, manage, site_environment

pytestmark = pytest.mark.skipif(
    server_binaries() is None,
    reason="needs PostgreSQL's server binaries to start and stop a cluster of its own",
)


@pytest.fixture(scope="module")
def outage_site(tmp_path_factory):
    postgres = ThrowawayPostgres().create()
    try:
        environment = site_environment(
            postgres.create_database("outage"), settings.SECRET_KEY
        )
        setup = tmp_path_factory.mktemp("outage") / "setup.json"
        manage(environment, "migrate", "--noinput", "-v0")
        manage(environment, "bench_data", "30", "--out", str(setup))
        server = Gunicorn(environment, workers=1, threads=2)
        try:
            yield postgres, server, environment, json.loads(setup.read_text()), setup
        finally:
            server.stop()
    finally:
        postgres.destroy()


def viewer_session(postgres) -> requests.Session:
    """A browser signed in as the benchmark's participant (a signed cookie)."""
    with psycopg.connect(postgres.url("outage")) as connection:
        session_token, dialogue_id = connection.execute(
            "SELECT session_token, dialogue_id FROM dialogue_blocks_participant"
            " WHERE email_hash = %s",
            [VIEWER_HASH],
        ).fetchone()
    session_store = SessionStore()
    session_store[SESSION_KEY] = {str(dialogue_id): session_token}
    session_store.save()
    browser = requests.Session()
    browser.cookies.set(settings.SESSION_COOKIE_NAME, session_store.session_key)
    return browser


def post_answer(browser, url, text):
    page = browser.get(url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    return browser.post(
        f"{url}bijdragen/{QUESTION_ID}/",
        data={"text": text, "csrfmiddlewaretoken": token.group(1) if token else ""},
        allow_redirects=False,
        timeout=30,
    )


def stored_texts(postgres, texts) -> list[str]:
    with psycopg.connect(postgres.url("outage")) as connection:
        rows = connection.execute(
            "SELECT text FROM dialogue_blocks_contribution WHERE text = ANY(%s)",
            [list(texts)],
        ).fetchall()
    return sorted(row[0] for row in rows)


def test_outage_answers_503_in_dutch_and_the_site_recovers_without_restart(
    outage_site,
):
    postgres, server, environment, described, setup = outage_site
    page = server.url + described["question_page"]
    browser = viewer_session(postgres)
    before, during, after = (
        "Geplaatst voordat de database wegviel.",
        "Verstuurd terwijl de database weg was.",
        "Geplaatst toen de database terug was.",
    )
    assert post_answer(browser, page, before).status_code == 302
    token_page = browser.get(page, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', token_page.text)

    postgres.stop()
    try:
        for response in (
            requests.get(page, timeout=30),
            browser.post(
                f"{page}bijdragen/{QUESTION_ID}/",
                data={"text": during, "csrfmiddlewaretoken": token.group(1)},
                allow_redirects=False,
                timeout=30,
            ),
        ):
            assert response.status_code == 503
            assert "De dialoog is even niet bereikbaar" in response.text
            assert "Traceback" not in response.text
            assert "psycopg" not in response.text and "connection" not in response.text
    finally:
        postgres.start()

    # The same server, not restarted: the first request after is served again.
    assert requests.get(page, timeout=30).status_code == 200
    assert post_answer(browser, page, after).status_code == 302
    assert stored_texts(postgres, [before, during, after]) == sorted([before, after])
    assert "In orde" in manage(environment, "load_check", str(setup))
