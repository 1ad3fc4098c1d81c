"""Moderators work the queue: waiting first, in context, every action recorded."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from dialogue_blocks.models import Contribution, ContributionStatus
from tests.participation import BOARD_ID

from .conftest import QUEUE

pytestmark = pytest.mark.django_db


def test_queue_lists_waiting_items_first_and_oldest_first(moderator_client, answer):
    now = timezone.now()
    answer("Gepubliceerd en oud", "gepubliceerd", created_at=now - timedelta(days=3))
    answer("Wacht sinds gisteren", created_at=now - timedelta(days=1))
    answer("Wacht sinds vanochtend", created_at=now - timedelta(hours=2))
    html = moderator_client.get(QUEUE).text
    assert (
        html.index("Wacht sinds gisteren")
        < html.index("Wacht sinds vanochtend")
        < html.index("Gepubliceerd en oud")
    )


def test_queue_filters_by_status(moderator_client, answer):
    answer("Wachtend")
    answer("Gepubliceerd", "gepubliceerd")
    html = moderator_client.get(QUEUE, {"status__exact": "wacht"}).text
    assert "Wachtend" in html and "Gepubliceerd</" not in html


def test_inspect_shows_the_question_and_the_parent(moderator_client, answer):
    parent = answer("De oorspronkelijke bijdrage", "gepubliceerd")
    reaction = answer("Een reactie erop", parent=parent, kind="reactie")
    html = moderator_client.get(f"{QUEUE}inspect/{reaction.pk}/").text
    assert "Wat gaat goed?" in html  # the question of the block
    assert "De oorspronkelijke bijdrage" in html and "Een reactie erop" in html


def test_approve_publishes_and_is_logged(moderator_client, moderator, answer, client):
    item = answer()
    moderator_client.post(f"{QUEUE}approve/{item.pk}/")
    item.refresh_from_db()
    assert item.status == ContributionStatus.PUBLISHED
    entry = ModelLogEntry.objects.for_instance(item).get()
    assert entry.action == "moderation.approve" and entry.user == moderator
    history = moderator_client.get(f"{QUEUE}inspect/{item.pk}/").text
    assert "Goedgekeurd" in history and "moderator" in history


def test_reject_with_reason_is_shown_to_the_author(
    moderator_client, answer, participant_client, dialogue
):
    item = answer()
    moderator_client.post(
        f"{QUEUE}reject/{item.pk}/",
        {"reason": "persoonlijk", "note": "Richt u op de inhoud."},
    )
    item.refresh_from_db()
    assert item.status == ContributionStatus.REJECTED
    entry = ModelLogEntry.objects.for_instance(item).get()
    assert entry.data == {
        "reason": "persoonlijke aanval of kwetsend",
        "note": "Richt u op de inhoud.",
    }
    mine = participant_client.get(dialogue.url + "mijn-bijdragen/").text
    assert "persoonlijke aanval of kwetsend" in mine
    assert "Richt u op de inhoud." in mine


def test_reject_needs_a_reason_from_the_list(moderator_client, answer):
    item = answer()
    response = moderator_client.post(f"{QUEUE}reject/{item.pk}/", {"reason": "zomaar"})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == ContributionStatus.PENDING


def test_reject_preselects_no_reason(moderator_client, answer):
    item = answer()
    page = moderator_client.get(f"{QUEUE}reject/{item.pk}/").text
    assert '<option value="" selected>Kies een reden</option>' in page
    response = moderator_client.post(f"{QUEUE}reject/{item.pk}/", {})
    assert "Kies een reden om af te wijzen." in response.text
    item.refresh_from_db()
    assert item.status == ContributionStatus.PENDING


def test_bulk_page_preselects_no_reason(moderator_client, answer):
    answer()
    page = moderator_client.get(f"{QUEUE}bulk/").text
    assert '<option value="" selected>Kies een reden</option>' in page


def test_hide_asks_a_reason_and_logs_it(moderator_client, answer, client, phase):
    item = answer("Zichtbaar", "gepubliceerd")
    response = moderator_client.post(f"{QUEUE}hide/{item.pk}/")
    assert "Kies een reden om te verbergen." in response.text
    assert "Zichtbaar" in client.__class__().get(phase.url).text

    moderator_client.post(f"{QUEUE}hide/{item.pk}/", {"reason": "herleidbaar"})
    entry = ModelLogEntry.objects.for_instance(item).get(action="moderation.hide")
    assert entry.data == {"reason": "maakt personen of gemeenten herkenbaar"}


def test_hide_and_restore(moderator_client, answer, client, phase):
    item = answer("Zichtbaar", "gepubliceerd")
    moderator_client.post(f"{QUEUE}hide/{item.pk}/", {"reason": "persoonlijk"})
    assert "Zichtbaar" not in client.__class__().get(phase.url).text
    moderator_client.post(f"{QUEUE}restore/{item.pk}/")
    assert "Zichtbaar" in client.__class__().get(phase.url).text
    actions = ModelLogEntry.objects.for_instance(item).values_list("action", flat=True)
    assert set(actions) == {"moderation.hide", "moderation.restore"}


def test_bulk_approve_and_reject(moderator_client, answer):
    first, second, third = answer("Een"), answer("Twee"), answer("Drie")
    moderator_client.post(
        f"{QUEUE}bulk/", {"action": "approve", "selected": [first.pk, second.pk]}
    )
    moderator_client.post(
        f"{QUEUE}bulk/",
        {"action": "reject", "selected": [third.pk], "reason": "dubbel"},
    )
    statuses = {
        c.text: c.status for c in (first, second, third) if not c.refresh_from_db()
    }
    assert statuses == {
        "Een": "gepubliceerd",
        "Twee": "gepubliceerd",
        "Drie": "afgewezen",
    }


def test_bulk_reject_without_reason_changes_nothing(moderator_client, answer):
    item = answer()
    response = moderator_client.post(
        f"{QUEUE}bulk/", {"action": "reject", "selected": [item.pk]}
    )
    assert "Kies een reden om af te wijzen." in response.text
    item.refresh_from_db()
    assert item.status == ContributionStatus.PENDING


def test_nobody_edits_or_deletes_a_contribution_in_the_admin(admin_client, answer):
    item = answer()
    assert admin_client.get(f"{QUEUE}edit/{item.pk}/").status_code in (302, 403)
    assert admin_client.get(f"{QUEUE}delete/{item.pk}/").status_code in (302, 403)


def checked_boxes(html: str) -> int:
    return html.count(" checked>")


def test_bulk_page_shows_kind_and_question_per_row(
    moderator_client, answer, phase, themes, participant
):
    answer("Een antwoord dat wacht")
    Contribution.objects.create(
        participant=participant,
        phase=phase,
        block_id=BOARD_ID,
        kind="idee",
        theme=themes[0],
        text="Een idee dat wacht",
    )
    html = moderator_client.get(f"{QUEUE}bulk/").text
    assert '<th scope="col">Soort</th><th scope="col">Vraag of thema</th>' in html
    answer_row = html[html.index("Een antwoord dat wacht") :]
    assert "<td>antwoord</td>" in answer_row[:400]
    assert "Open vraag:</span> Wat gaat goed?" in answer_row[:600]
    idea_row = html[html.index("Een idee dat wacht") :]
    assert "<td>idee</td>" in idea_row[:400]
    assert "Ideeën en zorgen:</span> Ideeën" in idea_row[:600]  # label, heading
    assert f"Thema: {themes[0].title}" in idea_row[:700]


def test_bulk_select_all_works_without_javascript(moderator_client, answer):
    for text in ("Een", "Twee", "Drie"):
        answer(text)
    page = moderator_client.get(f"{QUEUE}bulk/").text
    assert '<a href="?alles=1" data-select-all="selected"' in page
    assert checked_boxes(page) == 0
    all_ticked = moderator_client.get(f"{QUEUE}bulk/?alles=1").text
    assert checked_boxes(all_ticked) == 3
    assert ">Niets selecteren</a>" in all_ticked
    assert "js/moderation.js" in all_ticked  # ticks in place where scripts run


def test_bulk_keeps_the_chosen_boxes_after_an_error(moderator_client, answer):
    first, _second = answer("Een"), answer("Twee")
    html = moderator_client.post(
        f"{QUEUE}bulk/", {"action": "reject", "selected": [first.pk]}
    ).text
    assert "Kies een reden om af te wijzen." in html
    assert f'value="{first.pk}" id="kies-{first.pk}" checked>' in html
    assert checked_boxes(html) == 1


def test_queue_writes_hours_the_dutch_way(moderator_client, answer):
    answer("Wacht even", created_at=timezone.now() - timedelta(minutes=12))
    for page in (QUEUE, "/beheer/"):  # the queue and the dashboard's panel
        html = moderator_client.get(page).text
        assert "0,2 uur" in html and "0.2 uur" not in html


def test_queue_filters_fold_away_in_a_details_element(moderator_client, answer):
    answer()
    html = moderator_client.get(QUEUE).text
    details = html.index('<details class="changelist-filter col3 queue-filters"')
    assert details < html.index("<summary><h2>Filter</h2></summary>", details)
    assert details < html.index("Op status", details) < html.index("</details>")
    assert " open" not in html[details : html.index(">", details)]  # folded
