"""Contribution search on PostgreSQL uses its index once there is much to search."""

import pytest
from django.db import connection

from dialogue_blocks.models import Contribution
from search.queries import found_contributions
from tests.participation import QUESTION_ID

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the Dutch text index is PostgreSQL's; CI runs this on PostgreSQL",
    ),
]


def test_a_rare_word_is_found_through_the_dutch_text_index(phase, participant):
    Contribution.objects.bulk_create(
        Contribution(
            participant=participant,
            phase=phase,
            block_id=QUESTION_ID,
            text=f"Regionale samenwerking werkt, bijdrage {number}.",
            status="gepubliceerd",
        )
        for number in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE dialogue_blocks_contribution")
    plan = found_contributions("woningbouwcorporaties").explain()
    assert "contribution_text_dutch" in plan
