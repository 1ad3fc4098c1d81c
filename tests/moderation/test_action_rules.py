"""One rule decides which moderation action a contribution's state allows."""

import pytest
from django.contrib.messages import get_messages
from wagtail.models import ModelLogEntry

from dialogue_blocks.models import Contribution, ContributionStatus, Flag
from moderation import audit, services
from moderation.admin_views import ACTION_BUTTONS
from tests.participation import make_participant

from .conftest import FLAGS, QUEUE

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("action", ["approve", "restore", "reject", "hide", "block"])
def test_a_withdrawn_contribution_cannot_be_acted_on(moderator_client, answer, action):
    item = answer("Ingetrokken tekst", "ingetrokken")
    for method in (moderator_client.get, moderator_client.post):
        response = method(f"{QUEUE}{action}/{item.pk}/", {"reason": "dubbel"})
        assert response.status_code == 302
        assert response.url == f"{QUEUE}inspect/{item.pk}/"
        assert services.WITHDRAWN_REFUSAL in messages_of(response)
    item.refresh_from_db()
    assert item.status == ContributionStatus.WITHDRAWN
    assert not ModelLogEntry.objects.for_instance(item).exists()
    assert not item.participant.is_blocked


def test_the_services_refuse_too(moderator, answer):
    item = answer("Ingetrokken", "ingetrokken")
    with pytest.raises(services.ActionRefused):
        services.approve(item, moderator)
    with pytest.raises(services.ActionRefused):
        services.restore(item, moderator)
    item.refresh_from_db()
    assert item.status == ContributionStatus.WITHDRAWN


def test_a_stale_instance_is_checked_against_the_database(moderator, answer):
    item = answer("Wacht")
    Contribution.objects.filter(pk=item.pk).update(status="ingetrokken")
    with pytest.raises(services.ActionRefused):
        services.approve(item, moderator)  # item.status still says "wacht"
    item.refresh_from_db()
    assert item.status == ContributionStatus.WITHDRAWN


def test_approve_is_refused_for_a_published_contribution(moderator_client, answer):
    item = answer("Al zichtbaar", "gepubliceerd")
    response = moderator_client.post(f"{QUEUE}approve/{item.pk}/")
    assert response.status_code == 302
    assert not ModelLogEntry.objects.for_instance(item).exists()


def test_reply_to_a_reaction_is_refused(moderator_client, answer):
    parent = answer("Bijdrage", "gepubliceerd")
    reaction = answer("Reactie", "gepubliceerd", parent=parent, kind="reactie")
    response = moderator_client.post(
        f"{QUEUE}reply/{reaction.pk}/", {"display_name": "Joost", "text": "Antwoord"}
    )
    assert response.status_code == 302
    assert "Op een reactie kunt u niet reageren" in " ".join(messages_of(response))
    assert not Contribution.objects.filter(parent=reaction).exists()


@pytest.mark.parametrize("status", ["verborgen", "afgewezen", "wacht", "ingetrokken"])
def test_reply_to_an_unpublished_contribution_is_refused(
    moderator_client, answer, status
):
    parent = answer("Niet zichtbaar", status)
    response = moderator_client.post(
        f"{QUEUE}reply/{parent.pk}/", {"display_name": "Joost", "text": "Antwoord"}
    )
    assert response.status_code == 302
    assert not Contribution.objects.filter(parent=parent).exists()


def test_facilitator_reply_cannot_be_bypassed(moderator, answer):
    parent = answer("Bijdrage", "gepubliceerd")
    reaction = answer("Reactie", "gepubliceerd", parent=parent, kind="reactie")
    hidden = answer("Verborgen", "verborgen")
    services.save_display_name(moderator, "Joost")
    for target in (reaction, hidden):
        assert services.action_refusal("reply", target)
        with pytest.raises(services.ActionRefused):
            services.facilitator_reply(target, moderator, "Antwoord")
    assert not Contribution.objects.filter(parent__in=[reaction, hidden]).exists()
    reply = services.facilitator_reply(parent, moderator, "Antwoord")
    assert services.action_refusal("reply", reply)  # no reply to a reply


def test_bulk_approve_skips_what_no_longer_waits(moderator_client, answer):
    waiting = answer("Wacht nog")
    withdrawn = answer("Ingetrokken", "ingetrokken")
    published = answer("Al gepubliceerd", "gepubliceerd")
    response = moderator_client.post(
        f"{QUEUE}bulk/",
        {"action": "approve", "selected": [waiting.pk, withdrawn.pk, published.pk]},
    )
    assert response.status_code == 302
    shown = messages_of(response)
    assert "1 bijdrage(n) goedgekeurd." in shown
    assert any(text.startswith("2 bijdrage(n) overgeslagen") for text in shown)
    for item in (waiting, withdrawn, published):
        item.refresh_from_db()
    assert waiting.status == ContributionStatus.PUBLISHED
    assert withdrawn.status == ContributionStatus.WITHDRAWN
    assert published.status == ContributionStatus.PUBLISHED
    assert not ModelLogEntry.objects.for_instance(withdrawn).exists()
    assert not ModelLogEntry.objects.for_instance(published).exists()


def test_bulk_reject_skips_what_no_longer_waits(moderator_client, answer):
    published = answer("Al gepubliceerd", "gepubliceerd")
    moderator_client.post(
        f"{QUEUE}bulk/",
        {"action": "reject", "selected": [published.pk], "reason": "dubbel"},
    )
    published.refresh_from_db()
    assert published.status == ContributionStatus.PUBLISHED


def test_log_entries_carry_a_number_not_the_text(moderator_client, answer):
    item = answer("Geheime tekst die later gewist wordt")
    moderator_client.post(f"{QUEUE}approve/{item.pk}/")
    moderator_client.post(
        f"{QUEUE}reply/{item.pk}/", {"display_name": "J", "text": "Ok"}
    )
    moderator_client.post(f"{QUEUE}hide/{item.pk}/", {"reason": "persoonlijk"})
    moderator_client.post(f"{QUEUE}restore/{item.pk}/")
    reply = Contribution.objects.get(parent=item)
    entries = ModelLogEntry.objects.for_instance(item)
    assert entries.count() == 3
    assert set(entries.values_list("label", flat=True)) == {f"Bijdrage {item.pk}"}
    assert ModelLogEntry.objects.for_instance(reply).get().label == (
        f"Bijdrage {reply.pk}"
    )
    assert not ModelLogEntry.objects.filter(label__contains="Geheime").exists()


def test_forget_log_entries_removes_them(moderator, answer):
    first, second, kept = answer("Een"), answer("Twee"), answer("Drie")
    for item in (first, second, kept):
        services.approve(item, moderator)
    assert audit.forget_log_entries([first.pk, second.pk]) == 2
    assert not ModelLogEntry.objects.for_instance(first).exists()
    assert not ModelLogEntry.objects.for_instance(second).exists()
    assert ModelLogEntry.objects.for_instance(kept).exists()
    assert audit.forget_log_entries([]) == 0


def action_links(client, item) -> set[str]:
    html = client.get(f"{QUEUE}inspect/{item.pk}/").text
    return {
        action for action, *_ in ACTION_BUTTONS if f"{QUEUE}{action}/{item.pk}/" in html
    }


def test_inspect_shows_only_allowed_actions(moderator_client, answer, dialogue):
    waiting = answer("Wacht")
    assert action_links(moderator_client, waiting) == {"approve", "reject", "block"}

    published = answer("Gepubliceerd", "gepubliceerd")
    Flag.objects.create(
        contribution=published,
        participant=make_participant(dialogue, 41),
        reason="reclame",
    )
    assert action_links(moderator_client, published) == {
        "reject",
        "hide",
        "resolve_flags",
        "reply",
        "block",
    }

    reaction = answer("Reactie", "gepubliceerd", parent=published, kind="reactie")
    assert action_links(moderator_client, reaction) == {"reject", "hide", "block"}

    hidden = answer("Verborgen", "verborgen")
    hidden.participant.is_blocked = True
    hidden.participant.save()
    assert action_links(moderator_client, hidden) == {"restore", "unblock"}

    withdrawn = answer("Ingetrokken", "ingetrokken")
    assert action_links(moderator_client, withdrawn) == set()
    page = moderator_client.get(f"{QUEUE}inspect/{withdrawn.pk}/").text
    assert "ingetrokken; u kunt haar alleen nog bekijken" in page


def flags_list_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(FLAGS).status_code == 200
    return len(queries)


def test_flags_list_queries_do_not_grow_per_row(moderator_client, answer, dialogue):
    reporter = make_participant(dialogue, 42)
    item = answer("Gemeld", "gepubliceerd")
    Flag.objects.create(contribution=item, participant=reporter, reason="reclame")
    moderator_client.get(FLAGS)  # the first request warms per-process caches
    one_row = flags_list_queries(moderator_client)
    for number in range(3):
        more = answer(f"Ook gemeld {number}", "gepubliceerd")
        Flag.objects.create(contribution=more, participant=reporter, reason="anders")
    html = moderator_client.get(FLAGS).text
    assert "reclame of spam" in html and "iets anders" in html
    assert flags_list_queries(moderator_client) == one_row


def test_moderation_mail_says_how_many_it_lists(answer, moderator):
    from django.core import mail

    from moderation.notifications import ITEMS_IN_MAIL, notify_moderators

    for number in range(ITEMS_IN_MAIL + 5):
        answer(f"Wachtend {number}")
    mail.outbox.clear()
    notify_moderators.call()
    body = mail.outbox[0].body
    assert f"wachten {ITEMS_IN_MAIL + 5} bijdragen" in body
    assert "… en nog 5 die u in de wachtrij ziet." in body
    assert "in totaal" not in body
