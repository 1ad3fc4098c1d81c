"""Blocking a participant: a warning first, a reason, a record, and a way back."""

import pytest
from wagtail.models import ModelLogEntry, Site

from cms.models import SiteFooter
from dialogue_blocks.models import Contribution, ContributionStatus
from tests.participation import QUESTION_ID, sign_in

from .conftest import QUEUE

pytestmark = pytest.mark.django_db

BLOCKED_NOTICE = "een gespreksleider heeft uw deelname stopgezet"


def block(client, item, **data):
    return client.post(f"{QUEUE}block/{item.pk}/", data)


def test_block_page_warns_what_blocking_does(moderator_client, answer):
    answer("Wacht nog")
    published = answer("Al gepubliceerd", "gepubliceerd")
    html = moderator_client.get(f"{QUEUE}block/{published.pk}/").text
    assert "help-warning" in html and "Wat blokkeren doet" in html
    assert "1 bijdrage van deze deelnemer die nog wacht op moderatie" in html
    assert "Wat al op de pagina staat, blijft staan" in html
    assert "‘Hef blokkade op’" in html
    assert BLOCKED_NOTICE in html  # what the participant will read
    assert 'class="button serious"' in html


def test_block_needs_a_reason_with_the_error_next_to_the_field(
    moderator_client, answer, participant
):
    item = answer("Gepubliceerd", "gepubliceerd")
    html = block(moderator_client, item).text
    error = html.index("Kies een reden om te blokkeren.")
    assert html.rindex(">Reden</label>", 0, error) < error < html.index('name="reason"')
    participant.refresh_from_db()
    assert not participant.is_blocked
    assert not ModelLogEntry.objects.exists()


def test_block_for_another_reason_needs_a_note(moderator_client, answer, participant):
    item = answer("Gepubliceerd", "gepubliceerd")
    html = block(moderator_client, item, reason="anders").text
    assert "Licht de andere reden kort toe." in html
    participant.refresh_from_db()
    assert not participant.is_blocked


def test_block_is_in_the_history_and_the_audit_log(
    moderator_client, moderator, answer, admin_client
):
    waiting = answer("Wacht nog")
    item = answer("Gepubliceerd", "gepubliceerd")
    block(moderator_client, item, reason="verstorend", note="Drie keer gewaarschuwd")
    entry = ModelLogEntry.objects.for_instance(item).get()
    assert entry.action == "moderation.block" and entry.user == moderator
    assert entry.data == {
        "reason": "verstoort de dialoog bewust",
        "note": "Drie keer gewaarschuwd",
        "rejected": 1,
    }
    history = moderator_client.get(f"{QUEUE}inspect/{item.pk}/").text
    assert "Deelnemer geblokkeerd: verstoort de dialoog bewust" in history
    assert "Drie keer gewaarschuwd" in history
    assert "1 wachtende bijdrage afgewezen" in history
    waiting_history = moderator_client.get(f"{QUEUE}inspect/{waiting.pk}/").text
    assert "De deelnemer is geblokkeerd." in waiting_history
    audit_log = admin_client.get("/beheer/reports/site-history/").text
    assert "Deelnemer geblokkeerd" in audit_log and f"Bijdrage {item.pk}" in audit_log


def test_unblock_lets_the_participant_contribute_again_and_is_logged(
    moderator_client, moderator, answer, participant, participant_client, phase
):
    waiting = answer("Wacht nog")
    item = answer("Gepubliceerd", "gepubliceerd")
    block(moderator_client, item, reason="reclame")
    inspect = moderator_client.get(f"{QUEUE}inspect/{item.pk}/").text
    assert f"{QUEUE}unblock/{item.pk}/" in inspect
    assert f"{QUEUE}block/{item.pk}/" not in inspect

    moderator_client.post(f"{QUEUE}unblock/{item.pk}/")
    participant.refresh_from_db()
    assert not participant.is_blocked
    entries = ModelLogEntry.objects.for_instance(item).order_by("timestamp", "pk")
    assert [e.action for e in entries] == ["moderation.block", "moderation.unblock"]
    assert entries.last().user == moderator
    assert "Blokkade van de deelnemer opgeheven" in (
        moderator_client.get(f"{QUEUE}inspect/{item.pk}/").text
    )
    waiting.refresh_from_db()
    assert waiting.status == ContributionStatus.REJECTED  # stays rejected

    participant_client.post(f"{phase.url}bijdragen/{QUESTION_ID}/", {"text": "Weer"})
    assert Contribution.objects.filter(text="Weer").exists()


def test_unblock_is_refused_when_not_blocked(moderator_client, answer, participant):
    item = answer("Gepubliceerd", "gepubliceerd")
    response = moderator_client.post(f"{QUEUE}unblock/{item.pk}/")
    assert response.status_code == 302
    assert not ModelLogEntry.objects.exists()


def test_blocked_participant_is_told_what_it_means_and_whom_to_mail(
    client, participant, phase, dialogue
):
    footer = SiteFooter.for_site(Site.objects.get(is_default_site=True))
    footer.contact_email = "dialoog@vng.example"
    footer.save()
    participant.is_blocked = True
    participant.save()
    sign_in(client, participant)
    for url in (
        phase.url,
        f"{dialogue.url}mijn-gegevens/",
        f"{dialogue.url}mijn-bijdragen/",
    ):
        html = client.get(url).text
        assert "U kunt in deze dialoog niet meer meedoen" in html
        assert BLOCKED_NOTICE in html
        assert 'href="mailto:dialoog@vng.example"' in html
