"""The counters a page shows follow every change, made by whichever service.

Each test makes its changes through the services a participant or moderator
uses and then asks `counters.mismatches`, which recounts from the rows.
"""

import pytest
from django.contrib.auth import get_user_model

from dialogue_blocks import counters, services
from dialogue_blocks.models import Contribution, ListingTally
from moderation import services as moderation
from moderation.models import FacilitatorProfile
from tests.participation import BOARD_ID, QUESTION_ID, make_participant, support_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(dialogue):
    return [make_participant(dialogue, 10 + n) for n in range(4)]


@pytest.fixture
def staff(db):
    user = get_user_model().objects.create_user("gespreksleider", password="x")
    FacilitatorProfile.objects.create(user=user, display_name="Marieke, VNG")
    return user


def answer_by(participant, phase, text="Een antwoord"):
    return services.create_contribution(participant, phase, QUESTION_ID, text)


def total(phase, block_id=QUESTION_ID) -> int:
    return sum(
        ListingTally.objects.filter(phase=phase, block_id=block_id).values_list(
            "published", flat=True
        )
    )


def test_posting_reacting_and_supporting_are_counted(phase, people, staff):
    answer = answer_by(people[0], phase)
    services.create_reaction(people[1], answer, "Eens")
    moderation.facilitator_reply(answer, staff, "Dank voor uw antwoord")
    support_by(answer, people[1:])
    answer.refresh_from_db()
    assert (answer.reaction_count, answer.support_count) == (2, 3)
    assert total(phase) == 1
    assert counters.mismatches([phase.pk]) == []


def test_moderation_moves_the_counts_both_ways(phase, people, staff):
    answer = answer_by(people[0], phase)
    reaction = services.create_reaction(people[1], answer, "Eens")
    moderation.hide(reaction, staff, "persoonlijk")
    answer.refresh_from_db()
    assert answer.reaction_count == 0
    moderation.restore(reaction, staff)
    moderation.reject(answer, staff, "onderwerp")
    assert total(phase) == 0
    moderation.restore(answer, staff)
    answer.refresh_from_db()
    assert total(phase) == 1 and answer.reaction_count == 1
    assert counters.mismatches([phase.pk]) == []


def test_pre_moderation_counts_only_once_approved(phase, dialogue, people, staff):
    dialogue.moderation_mode = "pre"
    dialogue.save()
    answer = answer_by(people[0], phase)
    assert total(phase) == 0
    moderation.approve(answer, staff)
    assert total(phase) == 1
    assert counters.mismatches([phase.pk]) == []


def test_reports_that_take_a_text_off_the_page_lower_the_count(phase, dialogue, people):
    dialogue.flag_threshold = 2
    dialogue.save()
    answer = answer_by(people[0], phase)
    for reporter in people[1:3]:
        moderation.flag(answer, reporter, "kwetsend")
    answer.refresh_from_db()
    assert answer.status == "wacht" and total(phase) == 0
    assert counters.mismatches([phase.pk]) == []


def test_editing_into_a_hold_and_withdrawing_are_counted(phase, people):
    answer = answer_by(people[0], phase)
    services.edit_contribution(answer, "Een nieuwe tekst")
    assert total(phase) == 1
    services.withdraw_contribution(answer)
    assert total(phase) == 0
    assert counters.mismatches([phase.pk]) == []


@pytest.mark.parametrize("keep_contributions", [True, False])
def test_erasing_a_participant_keeps_every_counter_right(
    phase, people, keep_contributions
):
    leaving, other = people[0], people[1]
    own = answer_by(leaving, phase, "Van wie vertrekt")
    answered = answer_by(leaving, phase, "Waar anderen op reageerden")
    services.create_reaction(other, answered, "Goed punt")
    others = answer_by(other, phase, "Van een ander")
    services.create_reaction(leaving, others, "Reactie van wie vertrekt")
    support_by(others, [leaving])
    support_by(own, [other])
    services.erase_participant(leaving, keep_contributions=keep_contributions)
    others.refresh_from_db()
    assert others.support_count == 0
    assert others.reaction_count == (1 if keep_contributions else 0)
    assert counters.mismatches([phase.pk]) == []


def test_deleting_a_theme_moves_its_count_to_no_theme(phase, people, themes):
    for theme in themes:
        services.create_contribution(
            people[0], phase, BOARD_ID, f"Idee bij {theme}", kind="idee", theme=theme
        )
    themes[0].delete()
    assert total(phase, BOARD_ID) == 2
    assert counters.mismatches([phase.pk]) == []


def test_recount_repairs_counters_after_a_bulk_insert(phase, people):
    answer = answer_by(people[0], phase)
    Contribution.objects.bulk_create(
        Contribution(
            participant=people[1],
            phase=phase,
            block_id=QUESTION_ID,
            parent=answer,
            kind="reactie",
            text=f"Reactie {n}",
            status="gepubliceerd",
        )
        for n in range(3)
    )
    assert counters.mismatches([phase.pk])
    counters.recount([phase.pk])
    assert counters.mismatches([phase.pk]) == []
