"""One participant, twenty votes at once: never more points than the budget.

Real threads against PostgreSQL, each with its own connection and client of
the same session, through the page's route as a participant would post.
"""

import json

import pytest
from django.db import connection

from dialogue_blocks import counters, services
from dialogue_blocks.models import WHOLE_BLOCK, Ballot, Vote, VoteTally
from tests.dialogue_blocks.test_concurrency import THREADS, at_once, client_for
from tests.factories import PhasePageFactory
from tests.page_tree import rebuild_page_tree
from tests.participation import DOT_VOTE_ID, dot_vote_block

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="races need a database with concurrent writers; SQLite locks the file",
    ),
]

BUDGET = 5


@pytest.fixture
def home_page(transactional_db):
    """A transactional test starts flushed: the page tree is put back first."""
    return rebuild_page_tree()


@pytest.fixture
def phase(dialogue, themes):
    return PhasePageFactory(
        parent=dialogue,
        body=json.dumps([dot_vote_block(budget=BUDGET, max_per_option=BUDGET)]),
    )


def post(participant, url, data):
    client = client_for(participant)

    def action():
        return client.post(url, data).status_code

    return action


def assert_consistent(phase, participant):
    ballot = Ballot.objects.get(participant=participant)
    points = sum(Vote.objects.filter(ballot=ballot).values_list("points", flat=True))
    assert ballot.spent == points <= BUDGET
    assert counters.vote_mismatches([phase.pk]) == []
    return ballot


@pytest.mark.parametrize("round_", range(3))
def test_twenty_votes_at_once_never_overspend(participant, phase, themes, round_):
    # Each vote alone fits (3 points); any two together would not. Half put
    # them on one theme, half on the other, so a lost update would show.
    url = f"{phase.url}bijdragen/{DOT_VOTE_ID}/"
    actions = [
        post(participant, url, {f"stippen-{themes[n % 2].pk}": 3})
        for n in range(THREADS)
    ]
    statuses = at_once(actions)
    assert statuses == [302] * THREADS
    ballot = assert_consistent(phase, participant)
    assert ballot.spent == 3
    assert len(Vote.objects.filter(ballot=ballot)) == 1


def test_twenty_services_adding_points_at_once_stop_at_the_budget(
    participant, phase, themes
):
    # Straight at the service, each reading the points first and adding one
    # (read, then write, as a careless caller would): what is stored fits.
    options = [str(theme.pk) for theme in themes]

    def add_one(n):
        def action():
            current = services.own_votes(participant, phase, DOT_VOTE_ID)
            wanted = dict(current)
            option = options[n % 2]
            wanted[option] = wanted.get(option, 0) + 1
            try:
                services.cast_vote(
                    participant,
                    phase,
                    DOT_VOTE_ID,
                    wanted,
                    budget=BUDGET,
                    max_per_option=BUDGET,
                    options=options,
                )
            except services.VoteRefused:
                return "refused"
            return "stored"

        return action

    results = at_once([add_one(n) for n in range(THREADS)])
    assert "stored" in results
    assert_consistent(phase, participant)
    whole = VoteTally.objects.get(phase=phase, option=WHOLE_BLOCK)
    assert whole.voters == 1
    assert whole.points <= BUDGET
