"""Mailings: the audience, the worker that sends them, and what comes back.

Real parts throughout: django-tasks-db and its `db_worker`, anymail's test
backend, anymail's own webhook views. Only the provider is stood in for: a
backend that refuses, as a provider's API does when it is down.
"""

import base64
import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cms import retrying
from dialogue_blocks.models import Network, Province
from invitations import mailings
from invitations.models import (
    AccessLink,
    Audience,
    DeliveryStatus,
    Invitee,
    InviteeStatus,
    MailDelivery,
    Mailing,
    MailingKind,
    SignUp,
)
from tests.providers import REFUSING_PROVIDER
from tests.worker import DATABASE_TASKS, run_worker

from .conftest import join_with_link

pytestmark = pytest.mark.django_db

ANYMAIL_TEST = "anymail.backends.test.EmailBackend"
BODY = "Beste {naam},\n\nDoe mee aan {dialoog}: {link}\n\nAfmelden: {afmelden}"
LINK = re.compile(r"https?://\S+/deelnemen/\S+/")
UNSUBSCRIBE = re.compile(r"https?://\S+/geen-mail-meer/\d+/[^\s/]+/")


def make_mailing(dialogue, **fields) -> Mailing:
    defaults = {
        "subject": "Uitnodiging voor {dialoog}",
        "body": BODY,
        "audience": [InviteeStatus.NOT_INVITED],
    }
    provinces = fields.pop("provinces", [])
    mailing = Mailing.objects.create(dialogue=dialogue, **{**defaults, **fields})
    mailing.provinces.set(provinces)
    return mailing


def mail_tasks():
    """The queue's mailing tasks (Wagtail queues its own indexing tasks too)."""
    return DBTaskResult.objects.filter(task_path__endswith="send_mailing_mail")


@pytest.fixture
def worker_keeps_connection(monkeypatch):
    """The worker closes old connections between tasks; the test's must stay."""
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections",
        lambda: None,
    )


# The audience.


def test_audience_follows_status_role_and_province(dialogue, register, invitee):
    invitee.status = InviteeStatus.INVITED
    invitee.save()
    mailing = make_mailing(
        dialogue, audience=[InviteeStatus.INVITED, InviteeStatus.NOT_INVITED]
    )
    assert len(mailings.recipients(mailing)) == len(register) + 1
    mailing.roles = ["griffier"]
    mailing.save()
    clerks = mailings.recipients(mailing)
    assert invitee in clerks and {r.role for r in clerks} == {"griffier"}
    mailing.audience = [InviteeStatus.NOT_INVITED]
    mailing.save()
    assert invitee not in mailings.recipients(mailing)
    mailing.provinces.set([Province.objects.get(name="Zeeland")])
    assert mailings.recipients(mailing) == []


def test_audience_by_network_and_size_class(dialogue, register):
    g40 = Network.objects.get(code="G40")
    mailing = make_mailing(dialogue)
    mailing.networks.set([g40])
    members = set(g40.members.values_list("pk", flat=True))
    found = mailings.recipients(mailing)
    assert found and all(r.municipality_id in members for r in found)
    mailing.networks.clear()
    mailing.size_classes = [register[0].municipality.size_class]
    mailing.save()
    assert all(
        r.municipality.size_class == register[0].municipality.size_class
        for r in mailings.recipients(mailing)
    )


def test_an_address_in_the_register_twice_gets_one_mail(dialogue, invitee, utrecht):
    SignUp.objects.create(
        dialogue=dialogue,
        email=invitee.email.upper(),
        role="griffier",
        municipality=utrecht,
        consented_on=timezone.localdate(),
    )
    mailing = make_mailing(
        dialogue, audience=[Audience.NOT_INVITED, Audience.SIGNED_UP]
    )
    addresses = [r.email.lower() for r in mailings.recipients(mailing)]
    assert addresses.count(invitee.email) == 1


def test_recently_mailed_people_can_be_left_out(dialogue, invitee, register):
    first = make_mailing(dialogue, audience=[InviteeStatus.NOT_INVITED])
    MailDelivery.objects.create(
        mailing=first,
        invitee=invitee,
        status=DeliveryStatus.SENT,
        sent_at=timezone.now(),
    )
    later = make_mailing(dialogue, not_mailed_for_days=7)
    assert invitee not in mailings.recipients(later)
    assert len(mailings.recipients(later)) == len(register)


# Sending by the worker.


@override_settings(TASKS=DATABASE_TASKS, EMAIL_BACKEND=ANYMAIL_TEST)
def test_mailing_is_sent_by_the_worker_with_a_personal_link_that_works(
    client, dialogue, register, invitee, worker_keeps_connection
):
    mailing = make_mailing(dialogue, roles=["griffier"])
    count = mailings.queue(mailing)
    assert count == Invitee.objects.filter(role="griffier").count()
    assert not mail.outbox, "nothing is sent inside the request"
    assert mail_tasks().filter(status=TaskResultStatus.READY).count() == count
    run_worker()
    assert len(mail.outbox) == count
    message = next(m for m in mail.outbox if m.to == [invitee.email])
    assert message.subject == "Uitnodiging voor Dialoog Regio"
    assert message.body.startswith("Beste Anna de Griffier,")
    assert (
        message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    )
    assert UNSUBSCRIBE.search(message.extra_headers["List-Unsubscribe"])
    assert message.track_clicks is False and message.track_opens is False
    assert mailings.summary(mailing) == f"{count} van {count} verzonden"
    invitee.refresh_from_db()
    assert invitee.status == InviteeStatus.INVITED
    path = "/" + LINK.search(message.body).group(0).split("/", 3)[3]
    response = join_with_link(client, path)
    assert response.status_code == 302
    assert "Welkom" in client.get(response["Location"]).text


@override_settings(EMAIL_BACKEND=ANYMAIL_TEST)
def test_a_new_link_ends_the_older_one(client, dialogue, invitee):
    mailings.queue(make_mailing(dialogue, audience=[InviteeStatus.NOT_INVITED]))
    first = LINK.search(mail.outbox[-1].body).group(0)
    invitee.status = InviteeStatus.INVITED
    invitee.save()
    mailings.queue(
        make_mailing(dialogue, kind=MailingKind.REMINDER, audience=["uitgenodigd"])
    )
    assert AccessLink.objects.filter(invitee=invitee).count() == 1
    opened = client.get("/" + first.split("/", 3)[3])
    assert "link-werkt-niet" in opened["Location"]


def test_a_mailing_is_queued_once(dialogue, register):
    mailing = make_mailing(dialogue)
    mailings.queue(mailing)
    with pytest.raises(mailings.AlreadyQueued):
        mailings.queue(mailing)
    assert MailDelivery.objects.count() == len(register)
    assert len(mail.outbox) == len(register)


@override_settings(TASKS=DATABASE_TASKS)
def test_a_scheduled_announcement_waits_for_its_moment(dialogue, register):
    moment = timezone.now() + timedelta(days=2)
    mailing = make_mailing(
        dialogue,
        kind=MailingKind.ANNOUNCEMENT,
        body="Stap 5 is open. {afmelden}",
        send_at=moment,
    )
    mailings.queue(mailing)
    assert {t.run_after for t in mail_tasks()} == {moment}


@override_settings(TASKS=DATABASE_TASKS, EMAIL_BACKEND=REFUSING_PROVIDER)
def test_a_refusing_provider_is_retried_with_backoff_then_shown_as_failed(
    dialogue, invitee, worker_keeps_connection
):
    mailing = make_mailing(
        dialogue, roles=["griffier"], provinces=[invitee.municipality.province]
    )
    mailings.queue(mailing)
    delivery = MailDelivery.objects.get(invitee=invitee)
    waits = []
    for attempt in range(1, retrying.MAX_ATTEMPTS + 1):
        mail_tasks().filter(status=TaskResultStatus.READY).update(
            run_after=timezone.now()
        )
        before = timezone.now()
        run_worker()
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
        retry = mail_tasks().filter(status=TaskResultStatus.READY).first()
        if retry:
            waits.append(round((retry.run_after - before).total_seconds() / 60))
    assert waits == [1, 4, 16]
    assert delivery.status == DeliveryStatus.FAILED
    assert "503 Service Unavailable" in delivery.error
    total = mailing.deliveries.count()
    assert mailings.summary(mailing) == f"0 van {total} verzonden, {total} mislukt"


@override_settings(TASKS=DATABASE_TASKS, EMAIL_BACKEND=ANYMAIL_TEST)
def test_a_killed_worker_resumes_without_sending_anything_twice(
    dialogue, register, worker_keeps_connection
):
    """The state a SIGKILL leaves: one task RUNNING for ever, its delivery mid-send,
    another task RUNNING whose delivery it had not touched yet."""
    mailing = make_mailing(dialogue, roles=["griffier"])
    mailings.queue(mailing)
    tasks = list(mail_tasks().order_by("enqueued_at")[:2])
    started = timezone.now() - timedelta(minutes=30)
    for task in tasks:
        task.status, task.started_at = TaskResultStatus.RUNNING, started
        task.save()
    mid_send = MailDelivery.objects.get(pk=tasks[0].args_kwargs["args"][0])
    mid_send.status, mid_send.attempts = DeliveryStatus.SENDING, 1
    mid_send.save()
    run_worker()
    assert DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count() == 2
    call_command("requeue_stale_tasks", verbosity=0)
    run_worker()
    total = mailing.deliveries.count()
    assert len(mail.outbox) == total - 1
    assert len({m.to[0] for m in mail.outbox}) == total - 1
    mid_send.refresh_from_db()
    assert mid_send.status == DeliveryStatus.FAILED
    assert "onderbroken" in mid_send.error
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).exists()


def test_a_worker_that_is_still_running_keeps_its_task():
    assert call_command("requeue_stale_tasks", verbosity=0) is None
    assert not DBTaskResult.objects.exists()


# Unsubscribing.


def unsubscribe_path(message) -> str:
    return "/" + UNSUBSCRIBE.search(message.body).group(0).split("/", 3)[3]


def test_unsubscribe_asks_then_stops_all_mail_to_the_address(client, dialogue, invitee):
    mailings.queue(make_mailing(dialogue, roles=["griffier"]))
    path = unsubscribe_path(mail.outbox[-1])
    page = client.get(path)
    assert "Geen mail meer over Dialoog Regio?" in page.text
    invitee.refresh_from_db()
    assert invitee.status == InviteeStatus.INVITED, "opening the page changes nothing"
    done = client.post(path)
    assert "U bent afgemeld" in done.text
    invitee.refresh_from_db()
    assert invitee.status == InviteeStatus.UNSUBSCRIBED
    mail.outbox.clear()
    mailings.queue(
        make_mailing(dialogue, roles=["griffier"], audience=list(InviteeStatus.values))
    )
    assert invitee.email not in {m.to[0] for m in mail.outbox}


def test_one_click_unsubscribe_of_a_mail_program_needs_no_form(
    client, dialogue, invitee
):
    mailings.queue(make_mailing(dialogue, roles=["griffier"]))
    path = unsubscribe_path(mail.outbox[-1])
    client.handler.enforce_csrf_checks = True
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    invitee.refresh_from_db()
    assert invitee.status == InviteeStatus.UNSUBSCRIBED


def test_a_forged_unsubscribe_link_changes_nothing(client, dialogue, invitee):
    response = client.post(f"/geen-mail-meer/{dialogue.pk}/niet-echt/")
    assert response.status_code == 404
    assert "Deze afmeldlink werkt niet" in response.text
    invitee.refresh_from_db()
    assert invitee.status == InviteeStatus.NOT_INVITED


def test_someone_who_unsubscribed_after_queueing_is_skipped(dialogue, invitee):
    with override_settings(TASKS=DATABASE_TASKS):
        mailings.queue(make_mailing(dialogue, roles=["griffier"]))
    mailings.stop_mail(dialogue, invitee.email, InviteeStatus.UNSUBSCRIBED)
    delivery = MailDelivery.objects.get(invitee=invitee)
    assert mailings.deliver(delivery.pk) == "niets te doen"
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SKIPPED
    assert invitee.email not in {m.to[0] for m in mail.outbox}


# What the provider reports back (Postmark's tracking webhook, through anymail).

WEBHOOK_SECRET = "dialoog:geheim-van-de-webhook"


def delivered_mail(dialogue, invitee) -> MailDelivery:
    mailing = make_mailing(dialogue)
    return MailDelivery.objects.create(
        mailing=mailing,
        invitee=invitee,
        status=DeliveryStatus.SENT,
        message_id="8b1c0f9e-postmark-id",
        sent_at=timezone.now(),
    )


def report(client, payload: dict, secret: str = WEBHOOK_SECRET):
    token = base64.b64encode(secret.encode()).decode()
    with override_settings(ANYMAIL={"WEBHOOK_SECRET": WEBHOOK_SECRET}):
        return client.post(
            "/anymail/postmark/tracking/",
            json.dumps(payload),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Basic {token}",
        )


@pytest.mark.parametrize(
    "payload, status, invitee_status",
    [
        (
            {"RecordType": "Delivery", "DeliveredAt": "2026-12-02T10:00:00Z"},
            DeliveryStatus.DELIVERED,
            InviteeStatus.NOT_INVITED,
        ),
        (
            {"RecordType": "Bounce", "Type": "HardBounce", "TypeCode": 1},
            DeliveryStatus.BOUNCED,
            InviteeStatus.UNDELIVERABLE,
        ),
        (
            {"RecordType": "SpamComplaint", "Type": "SpamComplaint", "TypeCode": 512},
            DeliveryStatus.COMPLAINED,
            InviteeStatus.UNDELIVERABLE,
        ),
    ],
)
def test_tracking_webhook_records_delivery_bounce_and_complaint(
    client, dialogue, invitee, payload, status, invitee_status
):
    delivery = delivered_mail(dialogue, invitee)
    payload = {
        **payload,
        "MessageID": delivery.message_id,
        "Recipient": invitee.email,
        "Email": invitee.email,
    }
    assert report(client, payload).status_code == 200
    delivery.refresh_from_db()
    invitee.refresh_from_db()
    assert delivery.status == status
    assert invitee.status == invitee_status


def test_tracking_webhook_refuses_a_caller_without_the_secret(
    client, dialogue, invitee
):
    delivery = delivered_mail(dialogue, invitee)
    payload = {
        "RecordType": "Bounce",
        "Type": "HardBounce",
        "MessageID": delivery.message_id,
    }
    assert report(client, payload, secret="iemand:anders").status_code == 400
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT


def test_an_undeliverable_address_gets_no_more_mailings(dialogue, invitee):
    delivery = delivered_mail(dialogue, invitee)
    mailings.track(delivery.message_id, "bounced")
    mailing = make_mailing(dialogue, audience=list(Audience.values), roles=["griffier"])
    assert invitee not in mailings.recipients(mailing)
