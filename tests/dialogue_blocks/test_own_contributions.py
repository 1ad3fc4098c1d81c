"""'Mijn bijdragen': what each own text answers, the replies, and the way back."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialogue_blocks.models import Contribution, ContributionStatus
from tests.participation import BOARD_ID, QUESTION_ID, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(phase, participant):
    def make(text="Mijn antwoord", status="gepubliceerd", **fields):
        fields.setdefault("block_id", QUESTION_ID)
        return Contribution.objects.create(
            participant=participant, phase=phase, text=text, status=status, **fields
        )

    return make


def my_contributions(client, dialogue) -> str:
    return client.get(f"{dialogue.url}mijn-bijdragen/").text


def item_html(html: str, contribution) -> str:
    return html.split(f'id="bijdrage-{contribution.pk}"', 1)[1].split(
        'class="my-contribution"', 1
    )[0]


def test_each_item_names_its_step_question_and_theme(
    participant_client, dialogue, phase, themes, own
):
    answer = own("Samen inkopen werkt")
    idea = own("Een regioraad", block_id=BOARD_ID, kind="idee", theme=themes[1])
    html = my_contributions(participant_client, dialogue)
    assert "Open vraag: Wat gaat goed?" in item_html(html, answer)
    board_item = item_html(html, idea)
    assert "Ideeën en zorgen: Ideeën" in board_item
    assert "Thema: Slagkracht" in board_item
    assert "Idee" in board_item
    assert f"Stap {phase.step}: {phase.title}" in board_item


def test_each_item_shows_the_replies_of_others_and_of_facilitators(
    participant_client, dialogue, phase, participant, own
):
    answer = own("Samen inkopen werkt")
    other = make_participant(dialogue, number=2)
    for author, name, text, status in [
        (other, "", "Bij ons ook", "gepubliceerd"),
        (None, "Marieke, VNG", "Wat hielp het meest?", "gepubliceerd"),
        (other, "", "Nog niet goedgekeurd", "wacht"),
    ]:
        Contribution.objects.create(
            participant=author,
            facilitator_name=name,
            phase=phase,
            block_id=QUESTION_ID,
            parent=answer,
            kind="reactie",
            text=text,
            status=status,
        )
    item = item_html(my_contributions(participant_client, dialogue), answer)
    assert "Reacties (2)" in item
    assert "Bij ons ook" in item
    assert "Gespreksleider · Marieke, VNG" in item and "Wat hielp het meest?" in item
    assert "Nog niet goedgekeurd" not in item


def test_an_own_reaction_says_what_it_reacts_to(
    participant_client, dialogue, phase, participant, own
):
    other = make_participant(dialogue, number=2)
    theirs = Contribution.objects.create(
        participant=other,
        phase=phase,
        block_id=QUESTION_ID,
        text="De regio besluit te snel",
        status="gepubliceerd",
    )
    reaction = own("Dat herken ik", parent=theirs, kind="reactie")
    item = item_html(my_contributions(participant_client, dialogue), reaction)
    assert "De regio besluit te snel" in item


def test_the_page_costs_the_same_queries_however_much_was_written(
    participant_client, dialogue, participant, own
):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            my_contributions(participant_client, dialogue)
        return len(captured)

    own("Eerste")
    queries()  # the first request also fills the site's caches
    one = queries()
    other = make_participant(dialogue, number=2)
    for number in range(6):
        answer = own(f"Antwoord {number}")
        Contribution.objects.create(
            participant=other,
            phase=answer.phase,
            block_id=QUESTION_ID,
            parent=answer,
            kind="reactie",
            text="Eens",
            status="gepubliceerd",
        )
    # One more: the group labels, needed once there are replies to label.
    assert queries() == one + 1


def test_a_rejected_item_can_be_rewritten_and_waits_for_a_moderator_again(
    participant_client, dialogue, phase, own
):
    assert dialogue.moderation_mode == "post"
    rejected = own(
        "Wethouder Jansen beslist alles",
        status="afgewezen",
        rejection_reason="herleidbaar",
        rejection_note="Noem geen personen.",
    )
    edit_url = f"{phase.url}bijdrage/{rejected.pk}/bewerken/?terug=mijn-bijdragen"
    form = participant_client.get(edit_url).text
    assert "maakt personen of gemeenten herkenbaar" in form
    assert "Noem geen personen." in form

    response = participant_client.post(edit_url, {"text": "Het college beslist veel"})

    assert response["Location"] == (
        f"{dialogue.url}mijn-bijdragen/#bijdrage-{rejected.pk}"
    )
    rejected.refresh_from_db()
    # Even where texts appear at once, a rejected one waits for a moderator.
    assert rejected.status == ContributionStatus.PENDING
    assert (rejected.rejection_reason, rejected.rejection_note) == ("", "")
    assert rejected.text == "Het college beslist veel"
    item = item_html(my_contributions(participant_client, dialogue), rejected)
    assert "opnieuw ingestuurd en wacht op moderatie" in item
    assert "wacht op moderatie" in item and "Noem geen personen." not in item


def test_a_hidden_item_cannot_be_edited(participant_client, dialogue, phase, own):
    hidden = own(status="verborgen")
    response = participant_client.post(
        f"{phase.url}bijdrage/{hidden.pk}/bewerken/", {"text": "Toch anders"}
    )
    assert response.status_code == 302
    hidden.refresh_from_db()
    assert hidden.text == "Mijn antwoord"


def test_withdrawing_from_my_contributions_returns_there(
    participant_client, dialogue, phase, own
):
    answer = own()
    withdraw_url = f"{phase.url}bijdrage/{answer.pk}/intrekken/?terug=mijn-bijdragen"
    dialog = participant_client.get(withdraw_url).text
    back = f'href="{dialogue.url}mijn-bijdragen/#bijdrage-{answer.pk}"'
    assert back in dialog  # "Nee, terug"

    response = participant_client.post(withdraw_url, {"confirm": "1"})

    assert response["Location"] == (
        f"{dialogue.url}mijn-bijdragen/#bijdrage-{answer.pk}"
    )
    item = item_html(my_contributions(participant_client, dialogue), answer)
    assert "Uw bijdrage is ingetrokken." in item and "ingetrokken" in item


def test_withdraw_dialog_says_who_can_still_read_the_text(
    participant_client, phase, own
):
    answer = own()
    dialog = participant_client.get(f"{phase.url}bijdrage/{answer.pk}/intrekken/").text
    assert "Wie kan de tekst daarna nog lezen?" in dialog
    assert "U zelf" in dialog and "Moderatoren en beheerders van de VNG" in dialog
    assert "Mijn gegevens" in dialog


def test_edit_started_on_the_page_returns_to_the_page_as_it_was(
    participant_client, phase, own
):
    answer = own()
    query = f"sorteer-{QUESTION_ID}=steun&meer-{QUESTION_ID}=40"
    response = participant_client.post(
        f"{phase.url}bijdrage/{answer.pk}/bewerken/?{query}", {"text": "Anders"}
    )
    assert response["Location"] == f"{phase.url}?{query}#bijdrage-{answer.pk}"
    assert not mail.outbox
