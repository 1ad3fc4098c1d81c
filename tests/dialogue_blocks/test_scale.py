"""A phase page's query count does not grow with its number of contributions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialogue_blocks.models import Contribution, Support
from tests.participation import BOARD_ID, QUESTION_ID, make_participant

pytestmark = pytest.mark.django_db

MAX_QUERIES = 30


def fill(phase, dialogue, themes, count):
    authors = [make_participant(dialogue, n, "raadslid") for n in range(10)]
    contributions = Contribution.objects.bulk_create(
        Contribution(
            participant=authors[n % 10],
            phase=phase,
            block_id=QUESTION_ID if n % 2 else BOARD_ID,
            kind="antwoord" if n % 2 else ("idee" if n % 4 else "zorg"),
            theme=None if n % 2 else themes[n % len(themes)],
            text=f"Bijdrage {n}",
            status="gepubliceerd",
        )
        for n in range(count)
    )
    Contribution.objects.bulk_create(
        Contribution(
            participant=authors[0],
            phase=phase,
            block_id=parent.block_id,
            parent=parent,
            theme=parent.theme,
            kind="reactie",
            text="Reactie",
            status="gepubliceerd",
        )
        for parent in contributions[:50]
    )
    Support.objects.bulk_create(
        Support(participant=author, contribution=contribution)
        for contribution in contributions[:100]
        for author in authors[:3]
    )


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_query_count_is_the_same_at_0_and_500_contributions(
    participant_client, phase, dialogue, themes
):
    participant_client.get(phase.url)  # warm up the caches of the first request
    empty = queries_for(participant_client, phase.url)
    fill(phase, dialogue, themes, 500)
    full = queries_for(participant_client, phase.url)
    assert full == empty
    assert full <= MAX_QUERIES


def test_each_block_shows_twenty_and_a_more_link(client, phase, dialogue, themes):
    fill(phase, dialogue, themes, 500)
    html = client.get(phase.url).text
    question = html[
        html.index(f'id="blok-{QUESTION_ID}"') : html.index(f'id="blok-{BOARD_ID}"')
    ]
    assert question.count('class="contribution"') == 20
    assert f"?meer-{QUESTION_ID}=40#blok-{QUESTION_ID}" in question
    more = client.get(phase.url, {f"meer-{QUESTION_ID}": 40}).text
    question = more[
        more.index(f'id="blok-{QUESTION_ID}"') : more.index(f'id="blok-{BOARD_ID}"')
    ]
    assert question.count('class="contribution"') == 40
