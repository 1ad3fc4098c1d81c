"""Twenty presses at once: one support, one row, right counters, never a 500.

Real threads against PostgreSQL, each with its own connection and its own
browser session, through the page's routes as a participant would press.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from dialogue_blocks import counters
from dialogue_blocks.models import Contribution, Support
from tests.page_tree import rebuild_page_tree
from tests.participation import QUESTION_ID, make_participant, sign_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="races need a database with concurrent writers; SQLite locks the file",
    ),
]

THREADS = 20


def at_once(actions) -> list:
    """Run each action in its own thread, all released together; their results."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=(index, action))
        for index, action in enumerate(actions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def client_for(participant) -> Client:
    client = Client()
    sign_in(client, participant)
    return client


@pytest.fixture
def home_page(transactional_db):
    """A transactional test starts flushed: the page tree is put back first."""
    return rebuild_page_tree()


@pytest.fixture
def answer(phase, dialogue):
    author = make_participant(dialogue, 900)
    contribution = Contribution.objects.create(
        participant=author,
        phase=phase,
        block_id=QUESTION_ID,
        text="Een antwoord om te steunen",
        status="gepubliceerd",
    )
    counters.count_new(contribution)
    return contribution


def post_status(client, url, data=None):
    def action():
        return client.post(url, data or {}).status_code

    return action


def presses(participant, url, data=None, times=THREADS):
    """One browser pressing many times: the same session, a client per request."""
    return [post_status(client_for(participant), url, data) for _ in range(times)]


@pytest.mark.parametrize("round_", range(3))
def test_twenty_presses_of_steun_give_one_support(participant, answer, phase, round_):
    # Several rounds: a race shows in some rounds, not in every one.
    url = f"{phase.url}bijdrage/{answer.pk}/steun/"
    statuses = at_once(presses(participant, url))
    assert statuses == [302] * THREADS
    assert Support.objects.filter(contribution=answer).count() == 1
    answer.refresh_from_db()
    assert answer.support_count == 1


def test_twenty_presses_of_steun_intrekken_withdraw_once(participant, answer, phase):
    client_for(participant).post(f"{phase.url}bijdrage/{answer.pk}/steun/")
    url = f"{phase.url}bijdrage/{answer.pk}/steun-intrekken/"
    statuses = at_once(presses(participant, url))
    assert statuses == [302] * THREADS
    assert not Support.objects.filter(contribution=answer).exists()
    answer.refresh_from_db()
    assert answer.support_count == 0


def test_counters_stay_right_under_concurrent_supports_and_withdrawals(
    dialogue, answer, phase
):
    people = [make_participant(dialogue, 100 + n) for n in range(THREADS)]
    for person in people[::2]:  # half of them support it already
        client_for(person).post(f"{phase.url}bijdrage/{answer.pk}/steun/")
    actions = [
        action
        for n, person in enumerate(people)
        # Those who supported withdraw, the others support: each twice at once.
        for action in presses(
            person,
            f"{phase.url}bijdrage/{answer.pk}/"
            + ("steun-intrekken/" if n % 2 == 0 else "steun/"),
            times=2,
        )
    ]
    statuses = at_once(actions)
    assert statuses == [302] * len(actions)
    answer.refresh_from_db()
    supporters = set(
        Support.objects.filter(contribution=answer).values_list(
            "participant_id", flat=True
        )
    )
    assert supporters == {person.pk for person in people[1::2]}
    assert answer.support_count == len(supporters)
    assert counters.mismatches([phase.pk]) == []


def test_twenty_identical_answers_at_once_are_stored_once(participant, phase):
    url = f"{phase.url}bijdragen/{QUESTION_ID}/"
    text = "Twintig keer hetzelfde, tegelijk verstuurd."
    statuses = at_once(presses(participant, url, {"text": text}))
    assert statuses == [302] * THREADS
    assert Contribution.objects.filter(text=text).count() == 1
    assert counters.mismatches([phase.pk]) == []
    assert "Antwoorden (1)" in client_for(participant).get(phase.url).text


def test_twenty_identical_reactions_at_once_are_stored_once(participant, answer, phase):
    url = f"{phase.url}bijdrage/{answer.pk}/reageren/"
    text = "Eens, en nog eens."
    statuses = at_once(presses(participant, url, {"text": text}))
    assert statuses == [302] * THREADS
    assert Contribution.objects.filter(parent=answer, text=text).count() == 1
    answer.refresh_from_db()
    assert answer.reaction_count == 1
    assert counters.mismatches([phase.pk]) == []
