"""Dot voting and polls: budget, changing and withdrawing, visibility, suppression.

Through the page's routes as a participant posts, with the service and the
database checked underneath; the 20-thread race is in test_voting_concurrency.
"""

import json
from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.blocks.struct_block import StructBlockValidationError

from dialogue_blocks import counters, services
from dialogue_blocks.blocks import DotVoteBlock, PollBlock
from dialogue_blocks.models import (
    WHOLE_BLOCK,
    Ballot,
    Contribution,
    Theme,
    Vote,
    VoteTally,
)
from tests.factories import PhasePageFactory
from tests.participation import (
    DOT_VOTE_ID,
    POLL_ID,
    POLL_OPTIONS,
    QUESTION_ID,
    dot_vote_block,
    dot_votes,
    make_participant,
    poll_block,
    question_block,
    sign_in,
)

pytestmark = pytest.mark.django_db

FIRST, SECOND, THIRD = POLL_OPTIONS


def voting_phase(dialogue, *blocks, open_=True):
    """Step 5, Voorkeuren, open (or closed an hour ago) with these blocks."""
    now = timezone.now()
    return PhasePageFactory(
        parent=dialogue,
        step=5,
        opens_at=now - timedelta(days=1),
        closes_at=now + (timedelta(days=7) if open_ else -timedelta(hours=1)),
        body=json.dumps(list(blocks)),
    )


def close(phase):
    phase.closes_at = timezone.now() - timedelta(minutes=1)
    phase.save()


def stored(participant, block_id=DOT_VOTE_ID) -> dict:
    return dict(
        Vote.objects.filter(
            ballot__participant=participant, ballot__block_id=block_id
        ).values_list("option", "points")
    )


def tally(phase, option, block_id=DOT_VOTE_ID) -> tuple[int, int]:
    row = VoteTally.objects.filter(
        phase=phase, block_id=block_id, option=option
    ).first()
    return (row.points, row.voters) if row else (0, 0)


def client_of(participant) -> Client:
    client = Client()
    sign_in(client, participant)
    return client


def vote_url(phase, block_id=DOT_VOTE_ID) -> str:
    return f"{phase.url}bijdragen/{block_id}/"


@pytest.fixture
def phase(dialogue, themes):
    return voting_phase(dialogue, dot_vote_block(), poll_block())


# Dot voting: distributing, the budget, changing, withdrawing.


def test_participant_distributes_points_over_the_themes(
    participant_client, participant, phase, themes
):
    response = participant_client.post(vote_url(phase), dot_votes(themes, 3, 2))
    assert response.status_code == 302
    assert response["Location"] == f"{phase.url}#blok-{DOT_VOTE_ID}"
    assert stored(participant) == {str(themes[0].pk): 3, str(themes[1].pk): 2}
    assert Ballot.objects.get(participant=participant).spent == 5
    assert tally(phase, str(themes[0].pk)) == (3, 1)
    assert tally(phase, WHOLE_BLOCK) == (5, 1)
    page = participant_client.get(phase.url).text
    # The message sits in the block, and the form shows the points given.
    block = page[page.index(f'id="blok-{DOT_VOTE_ID}"') :]
    assert "Uw stippen zijn opgeslagen." in block[: block.index("</form>")]
    assert f'name="stippen-{themes[0].pk}" value="3"' in page
    assert "U heeft er nu 5 verdeeld." in page


def test_more_points_than_the_budget_shows_the_error_and_keeps_the_input(
    participant_client, participant, phase, themes
):
    response = participant_client.post(vote_url(phase), dot_votes(themes, 3, 3))
    assert response.status_code == 200
    page = response.text
    error = "U heeft 6 stippen verdeeld, maar u heeft er 5. Haal er 1 weg"
    assert error in page
    # Next to the options, inside the fieldset, and tied to it for screen readers.
    fieldset = page[page.index("vote-form__options") : page.index("</fieldset>")]
    assert error in fieldset
    assert (
        f'aria-describedby="blok-{DOT_VOTE_ID}-regels blok-{DOT_VOTE_ID}-budget"'
        in (page)
    )
    assert f'name="stippen-{themes[0].pk}" value="3"' in page
    assert f'name="stippen-{themes[1].pk}" value="3"' in page
    assert not Vote.objects.exists()
    assert tally(phase, WHOLE_BLOCK) == (0, 0)


def test_more_than_the_maximum_per_theme_is_refused_by_the_field(
    participant_client, phase, themes
):
    response = participant_client.post(vote_url(phase), dot_votes(themes, 4))
    assert response.status_code == 200
    assert "Per keuze kunt u hoogstens 3 stippen geven." in response.text
    assert 'aria-invalid="true"' in response.text
    assert not Vote.objects.exists()


@pytest.mark.parametrize("value", ["-1", "twee", "1.5"])
def test_a_number_that_is_no_count_of_points_is_refused(
    participant_client, phase, themes, value
):
    response = participant_client.post(
        vote_url(phase), {f"stippen-{themes[0].pk}": value}
    )
    assert response.status_code == 200
    assert "field__error" in response.text
    assert not Vote.objects.exists()


def test_changing_the_distribution_replaces_it(
    participant_client, participant, phase, themes
):
    participant_client.post(vote_url(phase), dot_votes(themes, 3, 2))
    participant_client.post(vote_url(phase), dot_votes(themes, 0, 1))
    assert stored(participant) == {str(themes[1].pk): 1}
    assert Ballot.objects.get(participant=participant).spent == 1
    assert tally(phase, str(themes[0].pk)) == (0, 0)
    assert tally(phase, str(themes[1].pk)) == (1, 1)
    assert tally(phase, WHOLE_BLOCK) == (1, 1)
    assert counters.vote_mismatches([phase.pk]) == []


def test_withdrawing_takes_every_point_back(
    participant_client, participant, phase, themes
):
    participant_client.post(vote_url(phase), dot_votes(themes, 2, 2))
    response = participant_client.post(vote_url(phase), {"intrekken": "1"})
    assert response.status_code == 302
    assert stored(participant) == {}
    assert Ballot.objects.get(participant=participant).spent == 0
    assert tally(phase, WHOLE_BLOCK) == (0, 0)
    assert counters.vote_mismatches([phase.pk]) == []
    page = participant_client.get(phase.url).text
    assert "Uw stippen zijn ingetrokken." in page
    assert "Stippen intrekken" not in page  # nothing left to withdraw


def test_votes_of_several_participants_add_up(dialogue, phase, themes):
    for number, points in enumerate([(3, 2), (1, 0), (0, 3)], start=10):
        person = make_participant(dialogue, number)
        client_of(person).post(vote_url(phase), dot_votes(themes, *points))
    assert tally(phase, str(themes[0].pk)) == (4, 2)
    assert tally(phase, str(themes[1].pk)) == (5, 2)
    assert tally(phase, WHOLE_BLOCK) == (9, 3)
    assert counters.vote_mismatches([phase.pk]) == []


def test_a_closed_step_refuses_votes_and_changes(
    participant_client, participant, phase, themes
):
    participant_client.post(vote_url(phase), dot_votes(themes, 1))
    close(phase)
    response = participant_client.post(vote_url(phase), dot_votes(themes, 3, 2))
    assert response.status_code == 302
    assert stored(participant) == {str(themes[0].pk): 1}
    response = participant_client.post(vote_url(phase), {"intrekken": "1"})
    assert stored(participant) == {str(themes[0].pk): 1}
    page = participant_client.get(phase.url).text
    assert "Deze stap is niet open; uw stippen zijn niet opgeslagen." in page
    assert "Stippen opslaan" not in page


def test_a_visitor_who_has_not_joined_cannot_vote(client, phase, themes):
    response = client.post(vote_url(phase), dot_votes(themes, 1))
    assert response.status_code == 302
    assert not Vote.objects.exists()
    page = client.get(phase.url).text
    assert "Doe mee aan de dialoog" in page
    assert "Stippen opslaan" not in page


def test_the_service_refuses_to_overspend(participant, phase, themes):
    options = [str(theme.pk) for theme in themes]
    with pytest.raises(services.VoteRefused, match="maar u heeft er 5"):
        services.cast_vote(
            participant,
            phase,
            DOT_VOTE_ID,
            {options[0]: 3, options[1]: 3},
            budget=5,
            max_per_option=3,
            options=options,
        )
    with pytest.raises(services.VoteRefused, match="staat niet"):
        services.cast_vote(
            participant,
            phase,
            DOT_VOTE_ID,
            {"999999": 1},
            budget=5,
            max_per_option=3,
            options=options,
        )
    assert not Vote.objects.exists()


def test_the_database_refuses_a_ballot_over_its_budget(participant, phase):
    ballot = Ballot.objects.create(
        participant=participant, phase=phase, block_id=DOT_VOTE_ID, budget=5
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.filter(pk=ballot.pk).update(spent=6)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(ballot=ballot, option="1", points=0)


def test_erasing_a_participant_takes_their_points_out_of_the_totals(
    participant_client, participant, phase, themes
):
    participant_client.post(vote_url(phase), dot_votes(themes, 2, 1))
    services.erase_participant(participant, keep_contributions=True)
    assert tally(phase, WHOLE_BLOCK) == (0, 0)
    assert counters.vote_mismatches([phase.pk]) == []


def test_a_participants_own_download_holds_their_votes(
    participant_client, participant, phase, themes
):
    participant_client.post(vote_url(phase), dot_votes(themes, 2))
    data = services.participant_data(participant)
    assert data["stemmen"] == [
        {
            "stap": phase.title,
            "blok": DOT_VOTE_ID,
            "keuze": str(themes[0].pk),
            "punten": 2,
        }
    ]


# When results show: the editor's choice.


def results_shown(client, phase, block_id=DOT_VOTE_ID) -> bool:
    page = client.get(phase.url).text
    block = page[page.index(f'id="blok-{block_id}"') :]
    block = block[: block.index("</section>")]
    return 'role="img"' in block


@pytest.mark.parametrize(
    ("visibility", "before", "after_voting", "after_closing"),
    [
        ("altijd", True, True, True),
        ("na_stemmen", False, True, True),
        ("na_sluiting", False, False, True),
    ],
)
def test_results_show_as_the_editor_chose(
    dialogue, themes, visibility, before, after_voting, after_closing
):
    phase = voting_phase(dialogue, dot_vote_block(visibility=visibility))
    voter = make_participant(dialogue, 1)
    voter_client, visitor = client_of(voter), Client()
    assert results_shown(voter_client, phase) is before
    assert results_shown(visitor, phase) is before
    voter_client.post(vote_url(phase), dot_votes(themes, 1))
    assert results_shown(voter_client, phase) is after_voting
    # Having voted opens nothing for someone else.
    assert results_shown(visitor, phase) is before
    close(phase)
    assert results_shown(voter_client, phase) is after_closing
    assert results_shown(visitor, phase) is after_closing


def test_withdrawing_hides_results_shown_after_voting_again(dialogue, themes):
    phase = voting_phase(dialogue, dot_vote_block(visibility="na_stemmen"))
    voter_client = client_of(make_participant(dialogue, 1))
    voter_client.post(vote_url(phase), dot_votes(themes, 1))
    voter_client.post(vote_url(phase), {"intrekken": "1"})
    assert not results_shown(voter_client, phase)
    assert "De uitslag ziet u zodra u heeft gestemd" in voter_client.get(phase.url).text


# Suppression below k.


def vote_as(dialogue, phase, themes, first, points, block_id=DOT_VOTE_ID, data=None):
    """Participants numbered from `first` each post the same vote."""
    for number, _ in enumerate(range(points), start=first):
        person = make_participant(dialogue, number)
        client_of(person).post(vote_url(phase, block_id), data)


def test_counts_below_k_read_fewer_than_k_and_take_no_bar(client, dialogue, themes):
    dialogue.k_threshold = 3
    dialogue.save()
    # A third theme with one voter: the two hidden themes then hold three
    # participants together, so the total gives no group below k away and the
    # first theme can stay shown (see test_suppression).
    finance = Theme.objects.create(dialogue=dialogue, title="Financiën", sort_order=3)
    phase = voting_phase(dialogue, dot_vote_block())
    # Four participants on the first theme, two on the second, one on the third.
    vote_as(dialogue, phase, themes, 10, 4, data=dot_votes(themes, 2))
    vote_as(dialogue, phase, themes, 20, 2, data=dot_votes(themes, 0, 3))
    vote_as(dialogue, phase, themes, 30, 1, data=dot_votes([*themes, finance], 0, 0, 1))
    page = client.get(phase.url).text
    table = page[page.index('class="vote-table"') : page.index("</table>")]
    first_row = table[table.index(themes[0].title) :].split("</tr>")[0]
    second_row = table[table.index(themes[1].title) :].split("</tr>")[0]
    assert ">8<" in first_row and ">4<" in first_row
    assert "minder dan 3" in second_row and "niet getoond" in second_row
    assert ">6<" not in second_row  # its points stay hidden with its participants
    assert "7 deelnemers hebben gestemd." in page
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert f"{themes[1].title}: minder dan 3 deelnemers" in svg
    assert svg.count('fill="#0b3a6e"') == 1  # one bar drawn: the shown theme
    assert "Financiën: minder dan 3 deelnemers" in svg


def test_the_kept_results_follow_every_new_vote_and_a_renamed_theme(
    client, dialogue, themes
):
    """The results' HTML is kept under its figures (templatetags/kept.py): the
    next vote and a theme's new name show at once, in the same process."""
    dialogue.k_threshold = 3
    dialogue.save()
    phase = voting_phase(dialogue, dot_vote_block())
    vote_as(dialogue, phase, themes, 10, 3, data=dot_votes(themes, 2))
    assert "3 deelnemers hebben gestemd." in client.get(phase.url).text
    vote_as(dialogue, phase, themes, 20, 1, data=dot_votes(themes, 2))
    page = client.get(phase.url).text
    assert "4 deelnemers hebben gestemd." in page
    assert "3 deelnemers hebben gestemd." not in page
    themes[0].title = "Samen inkopen"
    themes[0].save()
    table = client.get(phase.url).text.split('class="vote-table"')[1]
    assert "Samen inkopen" in table.split("</table>")[0]


def test_too_few_participants_show_no_numbers_at_all(client, dialogue, themes):
    phase = voting_phase(dialogue, dot_vote_block())  # k = 10
    vote_as(dialogue, phase, themes, 10, 4, data=dot_votes(themes, 2, 1))
    page = client.get(phase.url).text
    assert "Minder dan 10 deelnemers hebben gestemd" in page
    table = page[page.index('class="vote-table"') : page.index("</table>")]
    assert ">8<" not in table and ">4<" not in table
    assert table.count("minder dan 10") == len(themes)


def test_a_poll_hides_a_second_answer_so_the_total_gives_none_away(
    client, dialogue, themes
):
    dialogue.k_threshold = 3
    dialogue.save()
    phase = voting_phase(dialogue, poll_block())
    vote_as(dialogue, phase, themes, 10, 5, POLL_ID, {"antwoord": FIRST})
    vote_as(dialogue, phase, themes, 20, 4, POLL_ID, {"antwoord": SECOND})
    vote_as(dialogue, phase, themes, 30, 1, POLL_ID, {"antwoord": THIRD})
    page = client.get(phase.url).text
    table = page[page.index('class="vote-table"') : page.index("</table>")]
    # 10 voted; "Eens per jaar" (1) is below k, and with the total shown the
    # smallest other answer (4) must go too, or 10 - 5 - 4 would give it away.
    assert "10 deelnemers hebben gestemd." in page
    assert ">5<" in table
    assert ">4<" not in table and ">1<" not in table
    assert table.count("minder dan 3") == 2


# Polls: single, multiple, scale.


def test_a_single_choice_poll_keeps_one_answer_and_changes_it(
    participant_client, participant, phase
):
    participant_client.post(vote_url(phase, POLL_ID), {"antwoord": FIRST})
    assert stored(participant, POLL_ID) == {FIRST: 1}
    participant_client.post(vote_url(phase, POLL_ID), {"antwoord": SECOND})
    assert stored(participant, POLL_ID) == {SECOND: 1}
    assert tally(phase, FIRST, POLL_ID) == (0, 0)
    assert tally(phase, SECOND, POLL_ID) == (1, 1)
    page = participant_client.get(phase.url).text
    assert "Uw antwoord is opgeslagen." in page
    assert f'value="{SECOND}" id="blok-{POLL_ID}-antwoord_1" checked' in page


def test_a_single_choice_poll_takes_no_second_answer(
    participant_client, participant, phase
):
    response = participant_client.post(
        vote_url(phase, POLL_ID), {"antwoord": [FIRST, SECOND]}
    )
    # A radio field reads one value; two never make two votes.
    assert sum(stored(participant, POLL_ID).values()) <= 1
    assert response.status_code in (200, 302)


def test_a_poll_without_an_answer_says_so_by_the_field(participant_client, phase):
    response = participant_client.post(vote_url(phase, POLL_ID), {})
    assert response.status_code == 200
    assert "Kies een antwoord." in response.text
    assert not Vote.objects.exists()


def test_a_poll_refuses_an_answer_it_does_not_offer(participant_client, phase):
    response = participant_client.post(vote_url(phase, POLL_ID), {"antwoord": "x"})
    assert response.status_code == 200
    assert "Kies uit de antwoorden hieronder." in response.text
    assert not Vote.objects.exists()


def test_a_multiple_choice_poll_keeps_every_chosen_answer(
    dialogue, participant_client, participant
):
    phase = voting_phase(dialogue, poll_block(kind="meerdere"))
    participant_client.post(vote_url(phase, POLL_ID), {"antwoord": [FIRST, THIRD]})
    assert stored(participant, POLL_ID) == {FIRST: 1, THIRD: 1}
    participant_client.post(vote_url(phase, POLL_ID), {"antwoord": [SECOND]})
    assert stored(participant, POLL_ID) == {SECOND: 1}
    assert tally(phase, WHOLE_BLOCK, POLL_ID) == (1, 1)
    assert 'type="checkbox"' in participant_client.get(phase.url).text
    response = participant_client.post(vote_url(phase, POLL_ID), {})
    assert "Kies minstens één antwoord." in response.text


def test_a_scale_poll_offers_one_to_five(dialogue, participant_client, participant):
    phase = voting_phase(dialogue, poll_block(kind="schaal"))
    page = participant_client.get(phase.url).text
    assert "1 – helemaal oneens" in page and "5 – helemaal eens" in page
    for point in "12345":
        assert f'value="{point}"' in page
    participant_client.post(vote_url(phase, POLL_ID), {"antwoord": "4"})
    assert stored(participant, POLL_ID) == {"4": 1}
    response = participant_client.post(vote_url(phase, POLL_ID), {"antwoord": "6"})
    assert response.status_code == 200
    assert stored(participant, POLL_ID) == {"4": 1}


def test_withdrawing_a_poll_answer(participant_client, participant, phase):
    participant_client.post(vote_url(phase, POLL_ID), {"antwoord": FIRST})
    participant_client.post(vote_url(phase, POLL_ID), {"intrekken": "1"})
    assert stored(participant, POLL_ID) == {}
    assert tally(phase, WHOLE_BLOCK, POLL_ID) == (0, 0)


# The editor's side.


def test_an_editor_cannot_allow_more_per_theme_than_the_budget():
    block = DotVoteBlock()
    value = block.to_python(dot_vote_block(budget=3, max_per_option=4)["value"])
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "aantal stippen per deelnemer" in str(
        error.value.block_errors["max_per_option"]
    )
    block.clean(block.to_python(dot_vote_block(budget=3, max_per_option=3)["value"]))


def test_a_poll_with_choices_needs_two_answers():
    block = PollBlock()
    raw = poll_block()["value"]
    raw["options"] = raw["options"][:1]
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(raw))
    assert "minstens twee" in str(error.value.block_errors["options"])


# What a page costs.


def page_queries(client, phase) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(phase.url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_votes(dialogue, themes):
    phase = voting_phase(dialogue, dot_vote_block(), poll_block())
    viewer = make_participant(dialogue, 1)
    viewer_client, visitor = client_of(viewer), Client()
    viewer_client.post(vote_url(phase), dot_votes(themes, 1, 1))
    viewer_client.post(vote_url(phase, POLL_ID), {"antwoord": FIRST})
    for each in (viewer_client, visitor):  # the first request warms caches up
        each.get(phase.url)
    few = (page_queries(viewer_client, phase), page_queries(visitor, phase))
    for number in range(100, 160):
        person = make_participant(dialogue, number)
        services.cast_vote(
            person,
            phase,
            DOT_VOTE_ID,
            {str(themes[number % 2].pk): 2, str(themes[(number + 1) % 2].pk): 1},
            budget=5,
            max_per_option=3,
            options=[str(theme.pk) for theme in themes],
        )
        services.cast_vote(
            person,
            phase,
            POLL_ID,
            {list(POLL_OPTIONS)[number % 3]: 1},
            budget=1,
            max_per_option=1,
            options=list(POLL_OPTIONS),
        )
    assert Vote.objects.count() > 150
    many = (page_queries(viewer_client, phase), page_queries(visitor, phase))
    assert many == few
    assert "61 deelnemers hebben gestemd." in visitor.get(phase.url).text


# A dot vote over the most supported contributions of an earlier step.


@pytest.fixture
def earlier_answers(dialogue):
    """Step 3 with a question holding four answers, supported 0, 5, 2 and 9 times."""
    earlier = PhasePageFactory(
        parent=dialogue,
        step=3,
        opens_at=timezone.now() - timedelta(days=20),
        closes_at=timezone.now() - timedelta(days=10),
        body=json.dumps([question_block()]),
    )
    answers = [
        Contribution.objects.create(
            participant=make_participant(dialogue, 500 + n),
            phase=earlier,
            block_id=QUESTION_ID,
            text=f"Antwoord met {supports} steun",
            status="gepubliceerd",
            support_count=supports,
        )
        for n, supports in enumerate([0, 5, 2, 9])
    ]
    Contribution.objects.create(
        participant=make_participant(dialogue, 600),
        phase=earlier,
        block_id=QUESTION_ID,
        text="Afgewezen, maar veel steun",
        status="afgewezen",
        support_count=50,
    )
    return earlier, answers


def earlier_dot_vote(earlier, heading="Wat gaat goed?", top=2) -> dict:
    block = dot_vote_block()
    block["value"].update(
        source="eerdere_stap",
        source_page=earlier.pk,
        source_heading=heading,
        top=top,
    )
    return block


def test_a_dot_vote_can_take_the_top_contributions_of_an_earlier_block(
    dialogue, earlier_answers
):
    earlier, answers = earlier_answers
    phase = voting_phase(dialogue, earlier_dot_vote(earlier))
    voter = make_participant(dialogue, 1)
    voter_client = client_of(voter)
    page = voter_client.get(phase.url).text
    start = page.index('class="form vote-form"')
    form = page[start : page.index("</form>", start)]
    assert "Antwoord met 9 steun" in form and "Antwoord met 5 steun" in form
    assert "Antwoord met 2 steun" not in form and "Afgewezen" not in form
    assert form.index("9 steun") < form.index("5 steun")
    response = voter_client.post(
        vote_url(phase),
        {f"stippen-{answers[3].pk}": 3, f"stippen-{answers[2].pk}": 2},
    )
    assert response.status_code == 302
    # Only what the block offers is taken: the third answer's field does not exist.
    assert stored(voter) == {str(answers[3].pk): 3}
    page = voter_client.get(phase.url).text
    table = page[page.index('class="vote-table"') : page.index("</table>")]
    assert ">Bijdrage<" in table


def test_the_editor_names_the_earlier_block_by_its_heading(earlier_answers):
    earlier, _ = earlier_answers
    block = DotVoteBlock()
    block.clean(block.to_python(earlier_dot_vote(earlier)["value"]))
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(earlier_dot_vote(earlier, "Wat schuurt?")["value"]))
    # Picked from a select of the steps' blocks: another heading is no choice.
    assert "geen beschikbare keuze" in str(error.value.block_errors["source_heading"])
    raw = earlier_dot_vote(earlier)["value"]
    raw["source_page"] = None
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(raw))
    assert "source_page" in error.value.block_errors


def test_a_dot_vote_may_not_take_a_later_step(dialogue, earlier_answers):
    from cms.models import earlier_source_errors

    earlier, _ = earlier_answers
    phase = voting_phase(dialogue, earlier_dot_vote(earlier))
    phase.step = 2
    assert earlier_source_errors(phase.body, dialogue, phase.step)
    phase.step = 5
    assert earlier_source_errors(phase.body, dialogue, phase.step) == []


def test_editor_finds_the_voting_blocks_and_their_page_renders(admin_client, phase):
    html = admin_client.get(f"/beheer/pages/{phase.pk}/edit/").text
    for label in ("Stippen verdelen", "Peiling", "Uitslag tonen"):
        assert label in html
    response = phase.make_preview_request()
    preview = (
        response.render().content.decode()
        if hasattr(response, "render")
        else response.content.decode()
    )
    assert "Wat is het belangrijkst?" in preview
    assert "Hoe vaak wilt u overleg?" in preview
