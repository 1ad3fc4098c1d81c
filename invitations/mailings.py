"""Mailings to the register: who receives one, what it says, and its delivery.

The service layer of the mailing concern: the admin and the task worker call
these functions, and only these change a Mailing or a MailDelivery. Everything
here reads the register (invitees and sign-ups) and nothing of participation,
so a mailing can tell staff no more than the register already knows.
"""

from datetime import timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, urlize

from cms import retrying
from dialogue_blocks.models import GroupDimension, Municipality, Network

from . import ciphers, services
from .mail import page_link
from .models import (
    Audience,
    DeliveryStatus,
    Invitee,
    InviteeStatus,
    MailDelivery,
    Mailing,
    MailingKind,
    SignUp,
)

PLACEHOLDERS = ("{naam}", "{link}", "{dialoog}", "{afmelden}")
MAILING_TAG = "mailing"
INTERRUPTED = (
    "De verzending werd onderbroken (de worker stopte). Niet opnieuw verstuurd, "
    "om niemand twee keer te mailen: controleer bij de provider of hij aankwam."
)
STOPPED = (InviteeStatus.UNSUBSCRIBED, InviteeStatus.UNDELIVERABLE)
# A mail the provider took: what tracking reports afterwards changes that not.
DONE = (
    DeliveryStatus.SENT,
    DeliveryStatus.DELIVERED,
    DeliveryStatus.BOUNCED,
    DeliveryStatus.COMPLAINED,
)


# Who receives a mailing.


def municipalities_in_scope(mailing: Mailing) -> set[int] | None:
    """The municipalities the mailing's province, network and size filters leave.

    None when no such filter is set: then a record without a municipality
    (someone of a network office, say) is in scope too.
    """
    provinces = set(mailing.provinces.values_list("pk", flat=True))
    networks = list(mailing.networks.all())
    if not (provinces or networks or mailing.size_classes):
        return None
    scope = set()
    for municipality in Municipality.objects.prefetch_related("networks"):
        if provinces and municipality.province_id not in provinces:
            continue
        if mailing.size_classes and municipality.size_class not in mailing.size_classes:
            continue
        if networks and not set(municipality.networks.all()) & set(networks):
            continue
        scope.add(municipality.pk)
    return scope


def narrowed(queryset, mailing: Mailing, field: str, scope: set[int] | None):
    if mailing.roles:
        queryset = queryset.filter(role__in=mailing.roles)
    if scope is not None:
        queryset = queryset.filter(municipality__in=scope)
    if mailing.not_mailed_for_days:
        since = timezone.now() - timedelta(days=mailing.not_mailed_for_days)
        recent = MailDelivery.objects.filter(sent_at__gte=since).values(field)
        queryset = queryset.exclude(pk__in=recent)
    return queryset


def recipients(mailing: Mailing) -> list:
    """The register's records this mailing reaches, one per address."""
    scope = municipalities_in_scope(mailing)
    statuses = [status for status in mailing.audience if status != Audience.SIGNED_UP]
    invitees = Invitee.objects.filter(dialogue=mailing.dialogue, status__in=statuses)
    if mailing.invitation_round:
        invitees = invitees.filter(invitation_round=mailing.invitation_round)
    records = list(narrowed(invitees, mailing, "invitee", scope).order_by("pk"))
    if Audience.SIGNED_UP in mailing.audience and not mailing.invitation_round:
        sign_ups = SignUp.objects.filter(dialogue=mailing.dialogue, mail_stopped="")
        records += narrowed(sign_ups, mailing, "sign_up", scope).order_by("email")
    seen, unique = set(), []
    for record in records:
        address = services.normalise_email(record.email)
        if address not in seen:
            seen.add(address)
            unique.append(record)
    return unique


# A reminder to one group, as the participation dashboard (insights) offers it.

REMINDER_SUBJECT = "Herinnering: doe mee aan {dialoog}"
REMINDER_BODY = (
    "Beste {naam},\n\n"
    "Onlangs nodigden we u uit voor {dialoog}. Uw stem ontbreekt nog: juist uw "
    "ervaring maakt de uitkomst completer. Meedoen is anoniem en kost een paar "
    "minuten.\n\n"
    "Doe mee met uw persoonlijke link: {link}\n\n"
    "Met vriendelijke groet,\nVNG"
)
# The mailing's filter that holds one group of each dimension.
GROUP_FILTERS = {
    GroupDimension.ROLE: "roles",
    GroupDimension.PROVINCE: "provinces",
    GroupDimension.SIZE_CLASS: "size_classes",
    GroupDimension.NETWORK: "networks",
}


def reminder_for_group(dialogue, dimension: str, group: str) -> dict:
    """A new mailing's fields: a reminder to the group's invitees not joined yet.

    `group` is the key insights.groups gives: a role, a province's id, a size
    class, a network's code (the mailing names a network by its id).
    """
    if dimension == GroupDimension.NETWORK:
        group = str(Network.objects.get(code=group).pk)
    return {
        "dialogue": str(dialogue.pk),
        "kind": MailingKind.REMINDER.value,
        "subject": REMINDER_SUBJECT,
        "body": REMINDER_BODY,
        "audience": [Audience.INVITED.value],
        GROUP_FILTERS[dimension]: [group],
    }


# An invitation to the people of one round: staff's next step after adding the
# people a suggestion named (invitations.suggestions).

INVITATION_SUBJECT = "Uitnodiging: doe mee aan {dialoog}"
INVITATION_BODY = (
    "Beste {naam},\n\n"
    "Deelnemers aan {dialoog} vinden dat uw organisatie of functie niet mag "
    "ontbreken. Daarom nodigen we u uit om mee te doen. Meedoen is anoniem en "
    "kost een paar minuten.\n\n"
    "Doe mee met uw persoonlijke link: {link}\n\n"
    "Met vriendelijke groet,\nVNG"
)


def invitation_for_round(dialogue, invitation_round: str) -> dict:
    """A new mailing's fields: an invitation to the round's invitees not invited yet."""
    return {
        "dialogue": str(dialogue.pk),
        "kind": MailingKind.INVITATION.value,
        "subject": INVITATION_SUBJECT,
        "body": INVITATION_BODY,
        "audience": [Audience.NOT_INVITED.value],
        "invitation_round": invitation_round,
    }


PREFILLED_LISTS = ("audience", *GROUP_FILTERS.values())
PREFILLED_VALUES = ("dialogue", "kind", "subject", "body", "invitation_round")


def prefilled(query) -> dict:
    """A new mailing's initial fields from a link's query (see reminder_for_group).

    Only fields of the mailing form; the form checks every value when staff
    save it, so nothing here is trusted.
    """
    initial = {name: query[name] for name in PREFILLED_VALUES if name in query}
    initial |= {name: query.getlist(name) for name in PREFILLED_LISTS if name in query}
    return initial


def is_mailable(record) -> bool:
    if isinstance(record, Invitee):
        return record.status not in STOPPED
    return not record.mail_stopped


# What a mailing says.


def unsubscribe_link(dialogue, email: str) -> str:
    token = ciphers.encrypt(
        dialogue, ciphers.UNSUBSCRIBE, {"email": services.normalise_email(email)}
    )
    return dialogue.get_site().root_url + reverse(
        "unsubscribe", args=[dialogue.pk, token]
    )


def fill_in(text: str, values: dict[str, str]) -> str:
    """Replace the placeholders; a plain replace, so other braces stay as written."""
    for placeholder, value in values.items():
        text = text.replace(placeholder, value)
    return text


def placeholder_values(mailing: Mailing, record, links: dict) -> dict[str, str]:
    return {
        "{naam}": getattr(record, "name", "") or "deelnemer",
        "{link}": links["link"],
        "{dialoog}": mailing.dialogue.title,
        "{afmelden}": links["unsubscribe"],
    }


def needs_link(mailing: Mailing) -> bool:
    return "{link}" in mailing.body


def compose(mailing: Mailing, record, links: dict, to: str) -> EmailMultiAlternatives:
    """The mail for `record`; `links` holds its personal and unsubscribe links."""
    values = placeholder_values(mailing, record, links)
    body = fill_in(mailing.body, values)
    if "{afmelden}" not in mailing.body:
        body += (
            f"\n\nGeen mail meer over deze dialoog? Meld u af: {links['unsubscribe']}"
        )
    message = EmailMultiAlternatives(
        subject=fill_in(mailing.subject, values), body=body, to=[to]
    )
    html = urlize(escape(body)).replace("\n", "<br>\n")
    message.attach_alternative(
        render_to_string(
            "emails/mailing.html", {"body": html, "dialogue": mailing.dialogue}
        ),
        "text/html",
    )
    message.extra_headers = {
        "List-Unsubscribe": f"<{links['unsubscribe']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    message.tags = [MAILING_TAG, mailing.kind]
    # No provider may rewrite a personal link or see when it is opened.
    message.track_clicks = False
    message.track_opens = False
    return message


# Neither link of a real person is made or shown for staff: a sample is seen by
# them, and a test mail goes to them.
SAMPLE_LINKS = {
    "link": "https://voorbeeld.invalid/persoonlijke-link",
    "unsubscribe": "https://voorbeeld.invalid/afmelden",
}


def sample(mailing: Mailing, record, to: str) -> EmailMultiAlternatives:
    """The mail as this recipient would get it, with stand-ins for both links."""
    return compose(mailing, record, SAMPLE_LINKS, to)


def send_test_mail(mailing: Mailing, record, address: str) -> None:
    message = sample(mailing, record, address)
    message.subject = f"[Test] {message.subject}"
    message.send()


# Sending.


class AlreadyQueued(Exception):
    """This mailing has been sent already: sending it again would mail twice."""


def queue(mailing: Mailing) -> int:
    """Make a delivery per recipient and a task per delivery; returns how many."""
    from .tasks import send_mailing_mail

    with transaction.atomic():
        if Mailing.objects.select_for_update().get(pk=mailing.pk).queued_at:
            raise AlreadyQueued
        deliveries = MailDelivery.objects.bulk_create(
            MailDelivery(
                mailing=mailing,
                **{"invitee" if isinstance(r, Invitee) else "sign_up": r},
            )
            for r in recipients(mailing)
        )
        mailing.queued_at = timezone.now()
        mailing.save(update_fields=["queued_at"])
        task = send_mailing_mail
        if mailing.send_at and mailing.send_at > timezone.now():
            task = task.using(run_after=mailing.send_at)
        # In the same transaction: with the database backend the tasks commit
        # together with their deliveries, or neither does.
        for delivery in deliveries:
            task.enqueue(delivery.pk)
    return len(deliveries)


def claim(delivery_id: int) -> MailDelivery | None:
    """Take a queued delivery for sending, once: the row is locked meanwhile.

    A delivery found half-sent was interrupted by a worker that died during
    the provider call: it may have gone out, so it is failed, not sent again.
    """
    with transaction.atomic():
        delivery = (
            MailDelivery.objects.select_for_update(of=("self",))
            .select_related("mailing__dialogue", "invitee", "sign_up")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status not in (
            DeliveryStatus.QUEUED,
            DeliveryStatus.SENDING,
        ):
            return None
        if delivery.status == DeliveryStatus.SENDING:
            finish(delivery, DeliveryStatus.FAILED, INTERRUPTED)
            return None
        if not is_mailable(delivery.record):
            finish(delivery, DeliveryStatus.SKIPPED)
            return None
        delivery.status = DeliveryStatus.SENDING
        delivery.attempts += 1
        delivery.save(update_fields=["status", "attempts"])
    return delivery


def finish(delivery: MailDelivery, status: str, error: str = "") -> None:
    delivery.status = status
    delivery.error = error[:300]
    delivery.save(update_fields=["status", "error"])


def deliver(delivery_id: int) -> str:
    """Send one delivery; returns what happened, for the worker's log."""
    delivery = claim(delivery_id)
    if delivery is None:
        return "niets te doen"
    mailing, record = delivery.mailing, delivery.record
    links = {
        "link": "",
        "unsubscribe": unsubscribe_link(mailing.dialogue, record.email),
    }
    if needs_link(mailing):
        token = services.create_access_link(record)
        links["link"] = page_link(mailing.dialogue, "join", token)
    message = compose(mailing, record, links, record.email)
    try:
        message.send()
    except retrying.PROVIDER_ERRORS as error:
        return retry_or_fail(delivery, error)
    delivery.status = DeliveryStatus.SENT
    delivery.sent_at = timezone.now()
    delivery.error = ""
    status = getattr(message, "anymail_status", None)
    delivery.message_id = (status and status.message_id) or ""
    delivery.save(update_fields=["status", "sent_at", "error", "message_id"])
    if isinstance(record, Invitee):
        services.mark_invited(record)
    return "verzonden"


def retry_or_fail(delivery: MailDelivery, error: Exception) -> str:
    from .tasks import send_mailing_mail

    reason = f"{type(error).__name__}: {error}"
    if delivery.attempts >= retrying.MAX_ATTEMPTS:
        finish(delivery, DeliveryStatus.FAILED, reason)
        return "mislukt"
    finish(delivery, DeliveryStatus.QUEUED, reason)
    retrying.retry(send_mailing_mail, delivery.attempts, delivery.pk)
    return "opnieuw in de wachtrij"


def progress(mailing: Mailing) -> list[tuple[str, int]]:
    """How many deliveries are in each status, every status named."""
    counts = dict(mailing.deliveries.values_list("status").annotate(count=Count("pk")))
    return [(status.label, counts.get(status.value, 0)) for status in DeliveryStatus]


def summary(mailing: Mailing) -> str:
    """One line for the list of mailings."""
    if not mailing.queued_at:
        return "nog niet verstuurd"
    counts = dict(progress(mailing))
    done = sum(counts[status.label] for status in DONE)
    total = sum(counts.values())
    failed = counts[DeliveryStatus.FAILED.label]
    return f"{done} van {total} verzonden" + (f", {failed} mislukt" if failed else "")


# What becomes of a mail afterwards.


def stop_mail(dialogue, email: str, reason: str) -> int:
    """Nothing more goes to this address: unsubscribed or undeliverable."""
    address = services.normalise_email(email)
    invitees = Invitee.objects.filter(dialogue=dialogue, email__iexact=address)
    sign_ups = SignUp.objects.filter(dialogue=dialogue, email__iexact=address)
    if reason == InviteeStatus.UNSUBSCRIBED:
        # An address that no longer exists stays undeliverable, whatever it asked.
        invitees = invitees.exclude(status=InviteeStatus.UNDELIVERABLE)
        sign_ups = sign_ups.exclude(mail_stopped=InviteeStatus.UNDELIVERABLE)
    return invitees.update(status=reason) + sign_ups.update(mail_stopped=reason)


def unsubscribe_address(dialogue, token: str) -> str:
    """The address in a recipient's own link; ciphers.NotReadable for any other."""
    return ciphers.decrypt(dialogue, ciphers.UNSUBSCRIBE, token)["email"]


def unsubscribe(dialogue, token: str) -> None:
    stop_mail(
        dialogue, unsubscribe_address(dialogue, token), InviteeStatus.UNSUBSCRIBED
    )


TRACKED = {
    "delivered": DeliveryStatus.DELIVERED,
    "bounced": DeliveryStatus.BOUNCED,
    "complained": DeliveryStatus.COMPLAINED,
}


def track(message_id: str, event_type: str) -> bool:
    """Record what the provider reports; a bounce or complaint stops all mail."""
    status = TRACKED.get(event_type)
    delivery = (
        MailDelivery.objects.select_related("mailing", "invitee", "sign_up")
        .filter(message_id=message_id)
        .first()
        if message_id and status
        else None
    )
    if delivery is None:
        return False
    finish(delivery, status)
    if status != DeliveryStatus.DELIVERED:
        stop_mail(
            delivery.mailing.dialogue,
            delivery.record.email,
            InviteeStatus.UNDELIVERABLE,
        )
    return True
