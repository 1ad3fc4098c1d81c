"""Stellingen: one answer per statement, progress, shares, consensus and division;
and the Resultaten block that shows them on another step.

Participants answer through the page's routes or through services.cast_vote
(tested as a route in test_voting); the expected measures are computed by hand
from the formulas in dialogue_blocks.consensus.
"""

import json
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.blocks.struct_block import StructBlockValidationError

from dialogue_blocks import counters, services
from dialogue_blocks.blocks import ResultsBlock
from dialogue_blocks.consensus import AGREE, ANSWERS, DISAGREE, UNSURE, compare
from dialogue_blocks.models import WHOLE_BLOCK, GroupVoteTally, Vote, VoteTally
from dialogue_blocks.results import Option
from tests.dialogue_blocks.test_voting import client_of, close, voting_phase
from tests.factories import PhasePageFactory
from tests.participation import make_participant

pytestmark = pytest.mark.django_db

BLOCK_ID = str(uuid.UUID("55555555-5555-4555-8555-555555555555"))
S1, S2, S3 = (
    str(uuid.UUID(f"6666666{n}-6666-4666-8666-666666666666")) for n in (1, 2, 3)
)
TEXTS = {
    S1: "De VNG moet vaker in de regio zijn.",
    S2: "Gemeenten moeten meer zelf beslissen.",
    S3: "Het rijk moet taken terugnemen.",
}


def statements_block(visibility="altijd", compare_by="rol") -> dict:
    value = {
        "heading": "Wat vindt u ervan?",
        "intro": "",
        "statements": [
            {"type": "item", "value": text, "id": key} for key, text in TEXTS.items()
        ],
        "compare_by": compare_by,
        "results_visibility": visibility,
    }
    return {"type": "statements", "value": value, "id": BLOCK_ID}


def answer(participant, phase, statement, option):
    return services.cast_vote(
        participant,
        phase,
        statement,
        {option: 1},
        budget=1,
        max_per_option=1,
        options=list(ANSWERS),
    )


def url(phase) -> str:
    return f"{phase.url}bijdragen/{BLOCK_ID}/"


@pytest.fixture
def small_k(dialogue):
    dialogue.k_threshold = 2
    dialogue.save()
    return dialogue


@pytest.fixture
def phase(small_k):
    return voting_phase(small_k, statements_block())


# The hand-computed fixture, k = 2, groups by role:
#   burgemeester (3):  S1 eens eens eens;  S2 eens eens eens;  S3 weet niet ×3
#   raadslid (3):      S1 eens eens oneens; S2 oneens ×3;     S3 eens, weet niet, oneens
#   griffier (1):      S1 eens  (fewer than k: left out)
ANSWERS_BY_ROLE = {
    "burgemeester": [
        {S1: AGREE, S2: AGREE, S3: UNSURE},
        {S1: AGREE, S2: AGREE, S3: UNSURE},
        {S1: AGREE, S2: AGREE, S3: UNSURE},
    ],
    "raadslid": [
        {S1: AGREE, S2: DISAGREE, S3: AGREE},
        {S1: AGREE, S2: DISAGREE, S3: UNSURE},
        {S1: DISAGREE, S2: DISAGREE, S3: DISAGREE},
    ],
    "griffier": [{S1: AGREE}],
}


@pytest.fixture
def answered(small_k, phase):
    number = 10
    for role, people in ANSWERS_BY_ROLE.items():
        for answers in people:
            number += 1
            person = make_participant(small_k, number, role=role)
            for statement, option in answers.items():
                answer(person, phase, statement, option)
    return phase


def options() -> list[Option]:
    return [Option(key, text) for key, text in TEXTS.items()]


def test_consensus_and_division_match_the_formulas_by_hand(answered, small_k):
    comparison = compare(answered, options(), "rol", small_k.k_threshold)
    by_key = {each.key: each for each in comparison.statements}
    # p_g = (agree + 1) / (votes + 2); consensus = product; spread = max - min.
    # S1: burgemeester 4/5 = 0.8, raadslid 3/5 = 0.6
    assert by_key[S1].consensus == pytest.approx(0.8 * 0.6)  # 0.48
    assert by_key[S1].spread == pytest.approx(0.8 - 0.6)  # 0.2
    # S2: burgemeester 4/5 = 0.8, raadslid 1/5 = 0.2
    assert by_key[S2].consensus == pytest.approx(0.8 * 0.2)  # 0.16
    assert by_key[S2].spread == pytest.approx(0.6)
    # S3: burgemeester 1/5 = 0.2, raadslid 2/5 = 0.4
    assert by_key[S3].consensus == pytest.approx(0.2 * 0.4)  # 0.08
    assert by_key[S3].spread == pytest.approx(0.2)
    # Only on S1 does every group agree (p_g > 1/2); S2 divides most.
    assert [each.key for each in comparison.common] == [S1]
    assert [each.key for each in comparison.divided][0] == S2
    assert by_key[S2].highest.label == "burgemeester"
    assert by_key[S2].lowest.label == "raadslid"


def test_a_group_with_fewer_than_k_participants_is_left_out(answered, small_k):
    comparison = compare(answered, options(), "rol", small_k.k_threshold)
    labels = {group.label for each in comparison.statements for group in each.groups}
    assert labels == {"burgemeester", "raadslid"}
    assert comparison.left_out == 1  # the one griffier, on S1
    page = client_of(make_participant(small_k, 99)).get(answered.url).text
    assert "kleinere groepen laten we weg (bij deze stellingen samen 1 keer)" in page


def test_the_page_names_the_measures_and_shows_both_lists(answered, small_k):
    page = client_of(make_participant(small_k, 99)).get(answered.url).text
    common = page[page.index("Wat ons verbindt") : page.index("Waar we verschillen")]
    assert "groepsbrede overeenstemming" in common
    assert "(aantal eens + 1) gedeeld door (aantal antwoorden + 2)" in common
    assert "overeenstemming 0,48" in common
    assert TEXTS[S1] in common and TEXTS[S2] not in common
    divided = page[page.index("Waar we verschillen") :]
    assert "hoogste en het laagste gladgestreken aandeel" in divided
    assert "verschil 0,60: burgemeester 80% eens, raadslid 20% eens" in divided


def test_shares_per_statement_are_suppressed_below_k(answered):
    """Through anonymity.suppress_breakdown, as a poll's answers (k = 2)."""
    page = client_of(make_participant(answered.get_parent().specific, 98)).get(
        answered.url
    )

    def row(statement) -> str:
        text = page.text[page.text.index(f'<th scope="row">{TEXTS[statement]}') :]
        return text[: text.index("</tr>")]

    # S1: 6 eens, 1 oneens, 0 weet niet of 7: the two below k hold one person
    # together, which the total would give away, so the 6 is hidden with them.
    assert "86%" not in row(S1) and row(S1).count("niet getoond") == 3
    # S2: 3 eens, 3 oneens, 0 weet niet of 6: the 0 is below k, and secondary
    # suppression hides one more so that it cannot be worked out from the total.
    assert row(S2).count("50%") == 1 and row(S2).count("niet getoond") == 2
    assert row(S2).endswith(">6</td>")


def test_one_answer_per_statement_that_can_be_changed(phase, small_k):
    person = make_participant(small_k, 1)
    client = client_of(person)
    response = client.post(url(phase), {"stelling": S2, "antwoord": AGREE})
    assert response.status_code == 302
    assert response["Location"] == f"{phase.url}#blok-{BLOCK_ID}"
    client.post(url(phase), {"stelling": S2, "antwoord": DISAGREE})
    votes = Vote.objects.filter(ballot__participant=person, ballot__block_id=S2)
    assert list(votes.values_list("option", "points")) == [(DISAGREE, 1)]
    tallies = dict(
        VoteTally.objects.filter(phase=phase, block_id=S2).values_list(
            "option", "voters"
        )
    )
    assert tallies == {AGREE: 0, DISAGREE: 1, WHOLE_BLOCK: 1}
    role = GroupVoteTally.objects.filter(
        phase=phase, block_id=S2, dimension="rol", group="raadslid"
    )
    assert dict(role.values_list("option", "voters")) == {
        AGREE: 0,
        DISAGREE: 1,
        WHOLE_BLOCK: 1,
    }
    assert counters.true_group_counts([phase.pk]) == {
        key: value
        for key, value in (
            ((t.phase_id, t.block_id, t.dimension, t.group, t.option), t.voters)
            for t in GroupVoteTally.objects.filter(phase=phase)
        )
        if value
    }
    client.post(url(phase), {"stelling": S2, "intrekken": "1"})
    assert not votes.exists()


def test_progress_shows_the_next_unanswered_statement(phase, small_k):
    client = client_of(make_participant(small_k, 1))
    page = client.get(phase.url).text
    assert "Stelling 1 van 3" in page and TEXTS[S1] in page
    client.post(url(phase), {"stelling": S1, "antwoord": AGREE})
    page = client.get(phase.url).text
    assert "Stelling 2 van 3" in page
    assert "Uw antwoord is opgeslagen." in page
    assert f'name="stelling" value="{S2}"' in page
    # Back to the first one, to change it: its answer is checked.
    page = client.get(f"{phase.url}?stelling-{BLOCK_ID}=1").text
    assert "Stelling 1 van 3" in page
    assert f'name="stelling" value="{S1}"' in page
    radio = page[page.index(f'value="{AGREE}"') :]
    assert "checked" in radio[: radio.index(">")]
    for statement in (S2, S3):
        client.post(url(phase), {"stelling": statement, "antwoord": UNSURE})
    page = client.get(phase.url).text
    assert "U heeft alle 3 stellingen beantwoord." in page
    assert "3 van 3 beantwoord" in page


def test_no_answer_shows_the_error_next_to_the_field(phase, small_k):
    client = client_of(make_participant(small_k, 1))
    response = client.post(url(phase), {"stelling": S2})
    assert response.status_code == 200
    page = response.content.decode()
    field = page[page.index('class="field field--choices field--error"') :]
    assert "Kies eens, oneens of weet niet." in field[: field.index("</fieldset>")]
    assert "Stelling 2 van 3" in page  # the statement that was answered stays
    assert not Vote.objects.exists()


def test_a_closed_step_keeps_no_answer_and_says_so_in_its_words(phase, small_k):
    client = client_of(make_participant(small_k, 1))
    close(phase)
    response = client.post(url(phase), {"stelling": S2, "antwoord": "eens"})
    assert response.status_code == 302
    assert not Vote.objects.exists()
    page = client.get(phase.url).text
    assert "Deze stap is niet open; uw antwoord of voorstel is niet opgeslagen." in page


def test_an_unknown_statement_is_refused(phase, small_k):
    client = client_of(make_participant(small_k, 1))
    response = client.post(
        url(phase), {"stelling": str(uuid.uuid4()), "antwoord": "eens"}
    )
    assert response.status_code == 200
    assert not Vote.objects.exists()


def page_queries(client, phase) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(phase.url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_votes(phase, small_k):
    viewer = client_of(make_participant(small_k, 1))
    for statement in TEXTS:
        viewer.post(url(phase), {"stelling": statement, "antwoord": AGREE})
    viewer.get(phase.url)  # warms caches up
    few = page_queries(viewer, phase)
    roles = ["burgemeester", "raadslid", "griffier", "wethouder"]
    for number in range(100, 160):
        person = make_participant(small_k, number, role=roles[number % 4])
        for index, statement in enumerate(TEXTS):
            answer(person, phase, statement, list(ANSWERS)[(number + index) % 3])
    assert Vote.objects.count() > 150
    assert page_queries(viewer, phase) == few
    assert "Wat ons verbindt" in viewer.get(phase.url).text


# Resultaten on another step.


def results_block(source, heading="Wat vindt u ervan?") -> dict:
    return {
        "type": "vote_results",
        "value": {
            "heading": "Wat we vonden",
            "intro": "",
            "source_page": source.pk,
            "source_heading": heading,
        },
        "id": str(uuid.uuid4()),
    }


def later_phase(dialogue, *blocks):
    now = timezone.now()
    return PhasePageFactory(
        parent=dialogue,
        step=7,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7),
        body=json.dumps(list(blocks)),
    )


def test_results_block_shows_the_statements_named_by_heading(answered, small_k):
    later = later_phase(small_k, results_block(answered))
    page = client_of(make_participant(small_k, 97)).get(later.url).text
    assert "Wat we vonden" in page
    assert "Stellingen ‘Wat vindt u ervan?’ uit de stap" in page
    assert "overeenstemming 0,48" in page


def test_results_block_refuses_a_heading_that_is_not_there(answered):
    block = ResultsBlock()
    block.clean(block.to_python(results_block(answered)["value"]))
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(results_block(answered, "Iets anders?")["value"]))
    # Picked from a select of the steps' blocks: another heading is no choice.
    assert "geen beschikbare keuze" in str(error.value.block_errors["source_heading"])


def test_results_block_waits_when_the_source_shows_results_after_closing(small_k):
    source = voting_phase(small_k, statements_block(visibility="na_sluiting"))
    later = later_phase(small_k, results_block(source))
    page = client_of(make_participant(small_k, 1)).get(later.url).text
    assert "De uitslag verschijnt als die stap gesloten is." in page
    assert "Wat ons verbindt" not in page


def test_results_block_may_not_take_a_later_step(small_k, answered):
    from cms.models import earlier_source_errors

    later = later_phase(small_k, results_block(answered))
    assert earlier_source_errors(later.body, small_k, 7) == []
    assert earlier_source_errors(later.body, small_k, 4)


def test_group_tallies_follow_when_the_derivation_rewrites_attributes(phase, small_k):
    """The batch may generalise stored attributes; the group tallies are recounted."""
    from invitations.derivation import update_participants

    person = make_participant(small_k, 1, role="raadslid")
    answer(person, phase, S1, AGREE)
    groups = GroupVoteTally.objects.filter(phase=phase, block_id=S1, dimension="rol")
    assert set(groups.filter(voters__gt=0).values_list("group", flat=True)) == {
        "raadslid"
    }
    # One participant alone shares no combination with m municipalities: the
    # batch generalises every attribute away, and the tallies follow.
    update_participants(small_k, [person], {})
    assert person.role == "" and person.province_id is None
    assert not groups.filter(voters__gt=0).exists()
    assert counters.true_group_counts([phase.pk]) == {}
