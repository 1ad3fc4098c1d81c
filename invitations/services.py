"""Invitations, sign-ups and their links; the bridge to a pseudonymous participant.

The only moment an address meets a participant is `confirm_link`: the address is
hashed (dialogue_blocks.anonymity) and nothing of the link is stored with it.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from dialogue_blocks import services as participation
from dialogue_blocks.anonymity import destroy_salt, email_hash, normalise_email
from dialogue_blocks.models import Municipality, Participant, Role, Source

from .models import AccessLink, Invitee, InviteeStatus, SignUp
from .tokens import hash_token, new_token

LINK_MAIL_TAG = "toegangslink"


def create_access_link(record: Invitee | SignUp) -> str:
    """A fresh token for this record; only its hash is kept."""
    token = new_token()
    AccessLink.objects.create(
        token_hash=hash_token(token),
        invitee=record if isinstance(record, Invitee) else None,
        sign_up=record if isinstance(record, SignUp) else None,
        expires_at=timezone.now() + timedelta(days=settings.ACCESS_LINK_VALID_DAYS),
    )
    return token


def send_link_mail(record: Invitee | SignUp, template: str) -> None:
    """E-mail a new personal link; `template` is 'invitation' or 'sign_in'."""
    token = create_access_link(record)
    dialogue = record.dialogue
    context = {
        "record": record,
        "dialogue": dialogue,
        "link": dialogue.full_url + dialogue.reverse_subpage("join", args=[token]),
        "valid_days": settings.ACCESS_LINK_VALID_DAYS,
    }
    subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{template}.txt", context),
        to=[record.email],
    )
    message.attach_alternative(
        render_to_string(f"emails/{template}.html", context), "text/html"
    )
    message.tags = [LINK_MAIL_TAG, template]
    # A provider that rewrites links would learn the token and the moment of the
    # click for a known address: no tracking on personal links.
    message.track_clicks = False
    message.track_opens = False
    message.send()


class InvitationRefused(Exception):
    """This person unsubscribed, or no address reaches them: do not mail them."""


def invitation_refusal(invitee: Invitee) -> str | None:
    if invitee.status == InviteeStatus.UNSUBSCRIBED:
        return f"{invitee.name} heeft zich afgemeld en krijgt geen uitnodiging meer."
    if invitee.status == InviteeStatus.UNDELIVERABLE:
        return f"Het adres van {invitee.name} is onbestelbaar; pas het eerst aan."
    return None


def send_invitation(invitee: Invitee) -> None:
    """Invite one person; a mass mailing calls this once per invitee."""
    if invitation_refusal(invitee):
        raise InvitationRefused(invitation_refusal(invitee))
    send_link_mail(invitee, "invitation")
    invitee.invited_at = timezone.now()
    if invitee.status == InviteeStatus.NOT_INVITED:
        invitee.status = InviteeStatus.INVITED
    invitee.save(update_fields=["status", "invited_at"])


def records_for_address(dialogue, email: str) -> list[Invitee | SignUp]:
    address = normalise_email(email)
    return [
        *Invitee.objects.filter(dialogue=dialogue, email__iexact=address),
        *SignUp.objects.filter(dialogue=dialogue, email__iexact=address),
    ]


def address_may_receive_link(dialogue, email: str) -> bool:
    """At most a few link e-mails per address per hour, whoever asks for them."""
    address = normalise_email(email)
    recent = AccessLink.objects.filter(
        Q(invitee__dialogue=dialogue, invitee__email__iexact=address)
        | Q(sign_up__dialogue=dialogue, sign_up__email__iexact=address),
        created_at__gte=timezone.now() - timedelta(hours=1),
    )
    return recent.count() < settings.LINK_REQUESTS_PER_ADDRESS_PER_HOUR


@transaction.atomic
def sign_up(
    dialogue, email: str, role: Role, municipality: Municipality, source_page
) -> None:
    """Record a self sign-up and mail a sign-in link (unless the address had many).

    An address that was invited or signed up before gets a link for that record,
    so signing up twice never makes a second record or identity.
    """
    email = normalise_email(email)
    existing = records_for_address(dialogue, email)
    record = existing[0] if existing else None
    if record is None:
        record = SignUp.objects.create(
            dialogue=dialogue,
            email=email,
            role=role,
            municipality=municipality,
            source_page=source_page,
            consented_on=timezone.localdate(),
        )
    if address_may_receive_link(dialogue, email):
        send_link_mail(record, "sign_in")


def send_lost_link(dialogue, email: str) -> None:
    """Mail a fresh link to a known address; silently nothing for an unknown one."""
    existing = records_for_address(dialogue, email)
    if existing and address_may_receive_link(dialogue, email):
        send_link_mail(existing[0], "sign_in")


def link_in_dialogue(dialogue, **lookup) -> AccessLink | None:
    """The link matching the lookup, used or not, if it belongs to this dialogue."""
    link = (
        AccessLink.objects.select_related("invitee", "sign_up").filter(**lookup).first()
    )
    if link is None or link.record.dialogue_id != dialogue.pk:
        return None
    return link


def find_link(dialogue, token: str) -> AccessLink | None:
    return link_in_dialogue(dialogue, token_hash=hash_token(token))


def link_by_id(dialogue, link_id: int | None) -> AccessLink | None:
    return None if link_id is None else link_in_dialogue(dialogue, pk=link_id)


def source_of(record: Invitee | SignUp) -> tuple[Source, object]:
    if isinstance(record, Invitee):
        return Source.INVITATION, None
    page = record.source_page
    if page is not None and page.specific_class.__name__ == "LandingPage":
        return Source.LANDING_PAGE, page
    return Source.DIALOGUE_PAGE, None


class LinkNotUsable(Exception):
    """The link was used already or has expired."""


@transaction.atomic
def confirm_link(
    link: AccessLink, role: Role, municipality: Municipality
) -> tuple[Participant, bool]:
    """Consume the link and return the participant it signs in (new or known)."""
    link = AccessLink.objects.select_for_update().get(pk=link.pk)
    if not link.is_usable():
        raise LinkNotUsable
    record = link.record
    source, source_page = source_of(record)
    participant, created = participation.join_dialogue(
        record.dialogue, record.email, role, municipality, source, source_page
    )
    link.delete()
    if isinstance(record, Invitee):
        record.status = InviteeStatus.PARTICIPANT
        record.save(update_fields=["status"])
    return participant, created


class AddressDoesNotMatch(Exception):
    """The address given is not the one this participant joined with."""


@transaction.atomic
def erase_personal_data(
    participant: Participant, email: str, keep_contributions: bool
) -> None:
    """The participant's right to erasure: their records, profile and links go.

    The participant holds no address, so they confirm theirs; it must hash to
    their pseudonym, which proves the records are theirs.
    """
    dialogue = participant.dialogue
    if dialogue.sealed_at:
        # Nothing links the profile to an address any more, so there is nothing
        # to check and no record to find: the profile itself goes.
        participation.erase_participant(participant, keep_contributions)
        return
    if email_hash(dialogue, email) != participant.email_hash:
        raise AddressDoesNotMatch
    for record in records_for_address(dialogue, email):
        record.delete()
    participation.erase_participant(participant, keep_contributions)


@transaction.atomic
def seal_dialogue(dialogue) -> None:
    """Destroy the salt: after this no key and no database can link anyone."""
    AccessLink.objects.filter(invitee__dialogue=dialogue).delete()
    AccessLink.objects.filter(sign_up__dialogue=dialogue).delete()
    Participant.objects.filter(dialogue=dialogue).update(email_hash=None)
    destroy_salt(dialogue)
