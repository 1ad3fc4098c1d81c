"""Group labels next to contributions obey k-anonymity; never the municipality."""

import pytest

from dialogue_blocks.anonymity import GroupLabels
from dialogue_blocks.models import Contribution
from tests.participation import QUESTION_ID, make_participant

pytestmark = pytest.mark.django_db


def griffiers(dialogue, count, municipality="Arnhem", start=100):
    return [
        make_participant(dialogue, start + n, "griffier", municipality)
        for n in range(count)
    ]


def test_role_and_province_shown_when_k_participants_share_it(dialogue):
    dialogue.k_threshold = 3
    people = griffiers(dialogue, 3)
    assert GroupLabels(dialogue).label_for(people[0]) == "griffier · Gelderland"


def test_below_k_the_label_becomes_coarser(dialogue):
    dialogue.k_threshold = 3
    gelderland = griffiers(dialogue, 2)
    griffiers(dialogue, 1, municipality="Utrecht", start=200)
    # Two griffiers in Gelderland (k−1): province suppressed; three griffiers
    # overall, of size classes the bundled data does not know: the role alone.
    assert GroupLabels(dialogue).label_for(gelderland[0]) == "griffier"


def test_below_k_everywhere_there_is_no_label(dialogue):
    dialogue.k_threshold = 3
    lone = griffiers(dialogue, 2)
    assert GroupLabels(dialogue).label_for(lone[0]) == ""


def test_size_class_label_when_province_is_too_small(dialogue):
    dialogue.k_threshold = 2
    # Arnhem and Haarlem are both bundled with a population of 100,000 or more.
    arnhem = make_participant(dialogue, 1, "burgemeester", "Arnhem")
    make_participant(dialogue, 2, "burgemeester", "Haarlem")
    assert GroupLabels(dialogue).label_for(arnhem) == (
        "burgemeester · zeer grote gemeente"
    )


def test_page_shows_the_label_and_never_the_municipality(client, phase, dialogue):
    dialogue.k_threshold = 2
    dialogue.save()
    people = griffiers(dialogue, 2)
    Contribution.objects.create(
        participant=people[0],
        phase=phase,
        block_id=QUESTION_ID,
        text="Mijn ervaring",
        status="gepubliceerd",
    )
    html = client.get(phase.url).text
    assert "griffier · Gelderland" in html
    assert "Arnhem" not in html
