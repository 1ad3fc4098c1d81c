"""Participants answer questions, add ideas and concerns, react, support, edit."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from dialogue_blocks import services
from dialogue_blocks.models import Contribution, ContributionStatus, Support
from tests.participation import (
    BOARD_ID,
    QUESTION_ID,
    make_participant,
    sign_in,
    support_by,
)

pytestmark = pytest.mark.django_db


def post_answer(client, phase, text="Samenwerking op jeugdzorg werkt."):
    return client.post(f"{phase.url}bijdragen/{QUESTION_ID}/", {"text": text})


def test_answer_redirects_to_the_new_answer_with_the_message_beside_it(
    participant_client, phase
):
    response = post_answer(participant_client, phase)
    answer = Contribution.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{phase.url}#bijdrage-{answer.pk}"
    html = participant_client.get(phase.url).text
    item = html.split(f'id="bijdrage-{answer.pk}"', 1)[1].split("</article>", 1)[0]
    assert "Uw bijdrage staat op de pagina." in item
    assert "Samenwerking op jeugdzorg werkt." in item


def test_pre_moderation_holds_the_answer_for_its_author_only(
    participant_client, client, phase, dialogue, participant
):
    dialogue.moderation_mode = "pre"
    dialogue.save()
    post_answer(participant_client, phase)
    contribution = Contribution.objects.get()
    assert contribution.status == ContributionStatus.PENDING
    own_view = participant_client.get(phase.url).text
    assert "wacht op moderatie" in own_view and "Samenwerking op jeugdzorg" in own_view
    mine = participant_client.get(dialogue.url + "mijn-bijdragen/").text
    assert "wacht op moderatie" in mine
    other = client.__class__()
    assert "Samenwerking op jeugdzorg" not in other.get(phase.url).text


def test_invalid_answer_re_renders_the_page_with_the_error_on_the_block(
    participant_client, phase
):
    response = post_answer(participant_client, phase, text=" \u200b\ufeff \n")
    assert response.status_code == 200
    html = response.text
    assert "een lege bijdrage kan niet" in html
    error_at = html.index("een lege bijdrage kan niet")
    assert html.rfind(f'id="blok-{QUESTION_ID}"', 0, error_at) != -1
    assert html.rfind(f'id="blok-{BOARD_ID}"', 0, error_at) == -1
    assert not Contribution.objects.exists()


def test_too_long_answer_keeps_the_text_and_says_how_much_too_long(
    participant_client, phase
):
    text = "é" * 1001
    response = post_answer(participant_client, phase, text=text)
    assert "Uw tekst is 1001 tekens lang; het maximum is 1000" in response.text
    assert text in response.text


def test_an_emoji_counts_as_one_character(participant_client, phase):
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466"
    post_answer(participant_client, phase, text="a" * 999 + family)
    assert Contribution.objects.get().text.endswith(family)


def test_control_and_override_characters_are_removed(participant_client, phase):
    post_answer(participant_client, phase, text="  Goed\u202e idee\x07\r\nRegel 2  ")
    assert Contribution.objects.get().text == "Goed idee\nRegel 2"
    html = participant_client.get(phase.url).text
    assert "Goed idee<br>Regel 2" in html


def test_links_are_shown_but_not_endorsed(participant_client, phase):
    post_answer(
        participant_client, phase, text="Zie https://vng.nl/regio en <b>dit</b>"
    )
    html = participant_client.get(phase.url).text
    assert '<a href="https://vng.nl/regio" rel="nofollow ugc noopener">' in html
    assert "&lt;b&gt;dit&lt;/b&gt;" in html


def test_double_submit_within_a_minute_is_stored_once(participant_client, phase):
    post_answer(participant_client, phase)
    post_answer(participant_client, phase)
    assert Contribution.objects.count() == 1


def test_same_text_after_a_minute_is_a_new_contribution(
    participant_client, phase, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    post_answer(participant_client, phase)
    time_machine.shift(timedelta(seconds=61))
    post_answer(participant_client, phase)
    assert Contribution.objects.count() == 2


def test_idea_and_concern_appear_apart_under_their_theme(
    participant_client, phase, themes
):
    url = f"{phase.url}bijdragen/{BOARD_ID}/"
    participant_client.post(
        url, {"kind": "idee", "theme": themes[0].pk, "text": "Een regioraad"}
    )
    participant_client.post(
        url, {"kind": "zorg", "theme": themes[0].pk, "text": "Te veel overleg"}
    )
    html = participant_client.get(phase.url).text
    first = html.index(f'id="blok-{BOARD_ID}-thema-{themes[0].pk}"')
    second = html.index(f'id="blok-{BOARD_ID}-thema-{themes[1].pk}"')
    ideas, concerns = html[first:second].split("Zorgen (1)")
    assert "Ideeën (1)" in ideas and "Een regioraad" in ideas
    assert "Te veel overleg" in concerns


def test_idea_board_requires_kind_and_theme(participant_client, phase):
    response = participant_client.post(
        f"{phase.url}bijdragen/{BOARD_ID}/", {"text": "Iets"}
    )
    assert "Kies of het een idee of een zorg is." in response.text
    assert "Kies het thema waar het over gaat." in response.text


def test_board_sorts_by_most_support(participant_client, phase, themes, dialogue):
    Contribution.objects.create(
        phase=phase,
        block_id=BOARD_ID,
        kind="idee",
        theme=themes[0],
        text="Oud maar gesteund",
        status="gepubliceerd",
        created_at=timezone.now() - timedelta(days=2),
    )
    newest = Contribution.objects.create(
        phase=phase,
        block_id=BOARD_ID,
        kind="idee",
        theme=themes[0],
        text="Nieuw en ongesteund",
        status="gepubliceerd",
    )
    popular = Contribution.objects.get(text="Oud maar gesteund")
    support_by(
        popular, [make_participant(dialogue, number + 10) for number in range(3)]
    )
    by_newest = participant_client.get(phase.url).text
    assert by_newest.index(newest.text) < by_newest.index(popular.text)
    by_support = participant_client.get(phase.url, {f"sorteer-{BOARD_ID}": "steun"})
    assert by_support.text.index(popular.text) < by_support.text.index(newest.text)


def test_reaction_and_support_on_a_contribution(participant_client, phase, dialogue):
    post_answer(participant_client, phase)
    answer = Contribution.objects.get()
    # The author cannot back their own answer, and is not offered to.
    assert "support-button" not in participant_client.get(phase.url).text
    participant_client.post(f"{phase.url}bijdrage/{answer.pk}/steun/")
    assert not Support.objects.exists()
    sign_in(participant_client, make_participant(dialogue, 2))
    react_url = f"{phase.url}bijdrage/{answer.pk}/reageren/"
    participant_client.post(react_url, {"text": "Herkenbaar!"})
    reaction = Contribution.objects.get(parent=answer)
    assert reaction.kind == "reactie"
    # One level only: a reaction to a reaction is refused.
    participant_client.post(
        f"{phase.url}bijdrage/{reaction.pk}/reageren/", {"text": "x"}
    )
    assert Contribution.objects.count() == 2
    support_url = f"{phase.url}bijdrage/{answer.pk}/steun/"
    participant_client.post(support_url)
    page = participant_client.get(phase.url).text
    assert "1 keer gesteund" in page and "Steun intrekken" in page
    participant_client.post(support_url)  # pressing again changes nothing
    assert Support.objects.count() == 1
    answer.refresh_from_db()
    assert answer.support_count == 1
    withdraw_url = f"{phase.url}bijdrage/{answer.pk}/steun-intrekken/"
    participant_client.post(withdraw_url)
    participant_client.post(withdraw_url)
    assert not Support.objects.exists()
    answer.refresh_from_db()
    assert answer.support_count == 0
    assert "keer gesteund" not in participant_client.get(phase.url).text


def test_reactions_can_be_switched_off_per_question(participant_client, phase):
    body = phase.body
    body[0].value["reactions"] = False
    phase.save_revision().publish()
    post_answer(participant_client, phase)
    answer = Contribution.objects.get()
    participant_client.post(f"{phase.url}bijdrage/{answer.pk}/reageren/", {"text": "x"})
    assert Contribution.objects.count() == 1
    assert "Reageer" not in participant_client.get(phase.url).text


def test_participant_edits_and_withdraws_their_own_answer(participant_client, phase):
    post_answer(participant_client, phase)
    answer = Contribution.objects.get()
    edit_url = f"{phase.url}bijdrage/{answer.pk}/bewerken/"
    assert "Samenwerking op jeugdzorg werkt." in participant_client.get(edit_url).text
    participant_client.post(edit_url, {"text": "Aangepaste tekst"})
    answer.refresh_from_db()
    assert answer.text == "Aangepaste tekst" and answer.edited_at
    withdraw_url = f"{phase.url}bijdrage/{answer.pk}/intrekken/"
    assert "Uw bijdrage intrekken?" in participant_client.get(withdraw_url).text
    participant_client.post(withdraw_url)
    answer.refresh_from_db()
    assert answer.status == ContributionStatus.WITHDRAWN
    assert "Aangepaste tekst" not in participant_client.get(phase.url).text


def test_nobody_edits_someone_elses_answer(client, phase, dialogue, participant):
    answer = Contribution.objects.create(
        participant=participant,
        phase=phase,
        block_id=QUESTION_ID,
        text="Van iemand anders",
        status="gepubliceerd",
    )
    sign_in(client, make_participant(dialogue, 2))
    assert client.get(f"{phase.url}bijdrage/{answer.pk}/bewerken/").status_code == 404
    client.post(f"{phase.url}bijdrage/{answer.pk}/intrekken/")
    answer.refresh_from_db()
    assert answer.status == ContributionStatus.PUBLISHED


def test_unknown_block_is_not_found(participant_client, phase):
    url = f"{phase.url}bijdragen/33333333-3333-4333-8333-333333333333/"
    assert participant_client.post(url, {"text": "x"}).status_code == 404


def test_many_reactions_show_ten_and_the_next_ten_on_request(client, phase, dialogue):
    author, reactor = make_participant(dialogue, 2), make_participant(dialogue, 3)
    answer = services.create_contribution(author, phase, QUESTION_ID, "Veel reacties")
    for n in range(25):
        services.create_reaction(reactor, answer, f"Reactie nummer {n:02d}")
    html = client.get(phase.url).text
    shown = re.findall(r"Reactie nummer (\d+)", html)
    assert shown == [f"{n:02d}" for n in range(10)]  # the first ten, oldest first
    assert "25 in totaal" in html
    after = re.search(rf"\?(na-reacties-{answer.pk}=\d+)#bijdrage-{answer.pk}", html)
    assert after, "a link to the next reactions"
    more = client.get(f"{phase.url}?{after.group(1)}").text
    assert re.findall(r"Reactie nummer (\d+)", more) == [
        f"{n:02d}" for n in range(10, 20)
    ]
