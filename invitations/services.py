"""The register's side of joining: invitations, sign-ups, links, erasure, sealing.

Joining crosses to the pseudonymous side in two places, `confirm_link` and
`confirm_sign_up`: the address is hashed (dialogue_blocks.anonymity) and the
participant is the only thing the joining transaction writes. What the register
learns of it, it learns later, in batches (invitations.derivation).

A sign-up is stored nowhere until its link is used: its data travels encrypted
in the link (invitations.ciphers), and link e-mails are sent by tasks, so that
neither the database nor the response time tells whether an address is known.
"""

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page

from dialogue_blocks import services as participation
from dialogue_blocks.anonymity import destroy_salt, email_hash, normalise_email
from dialogue_blocks.models import Municipality, Participant

from . import ciphers, derivation, importing
from .models import (
    AccessLink,
    CorrectionRequest,
    CorrectionStatus,
    Invitee,
    InviteeStatus,
    PendingSignUp,
    RegisterFigures,
    SignUp,
)
from .tokens import hash_token, new_token

SIGN_UP = "aanmelding"
LOST_LINK = "link-kwijt"


@dataclass(frozen=True)
class Registration:
    """What the register says about a person: address, role and municipality.

    `record` is the Invitee, SignUp or PendingSignUp it comes from, or None
    for a sign-up whose link has not been used yet.
    """

    dialogue: object
    email: str
    role: str
    municipality: Municipality
    record: object = None
    source_page_id: int | None = None

    @property
    def is_invitation(self) -> bool:
        return isinstance(self.record, Invitee)


def registration_of(record: Invitee | SignUp | PendingSignUp) -> Registration:
    if isinstance(record, PendingSignUp):
        data = ciphers.decrypt(
            record.dialogue, ciphers.PENDING_SIGN_UP, record.sealed_record
        )
        return registration_from(record.dialogue, data, record)
    return Registration(
        record.dialogue, record.email, record.role, record.municipality, record
    )


def registration_from(dialogue, data: dict, record=None) -> Registration:
    return Registration(
        dialogue,
        data["email"],
        data["role"],
        Municipality.objects.get(pk=data["municipality"]),
        record,
        data.get("source_page"),
    )


def records_for_address(dialogue, email: str) -> list:
    """The register's records of this address, invitation first."""
    address = normalise_email(email)
    pending = [
        entry
        for entry in PendingSignUp.objects.filter(dialogue=dialogue)
        if registration_of(entry).email == address
    ]
    return [
        *Invitee.objects.filter(dialogue=dialogue, email__iexact=address),
        *SignUp.objects.filter(dialogue=dialogue, email__iexact=address),
        *pending,
    ]


# Links.


def create_access_link(record) -> str:
    """A fresh token for this record, ending its older unused links."""
    field = {
        Invitee: "invitee",
        SignUp: "sign_up",
        PendingSignUp: "pending_sign_up",
    }[type(record)]
    token = new_token()
    with transaction.atomic():
        # Lock the record: two requests at once must not both delete, then both
        # create, and leave two working links.
        type(record).objects.select_for_update().get(pk=record.pk)
        AccessLink.objects.filter(**{field: record}).delete()
        AccessLink.objects.create(
            token_hash=hash_token(token),
            expires_at=timezone.now() + timedelta(days=settings.ACCESS_LINK_VALID_DAYS),
            **{field: record},
        )
    return token


def link_valid_seconds() -> int:
    return settings.ACCESS_LINK_VALID_DAYS * 86400


def sign_up_token(registration: Registration) -> str:
    """The link that confirms a sign-up: its data, encrypted, and a one-time nonce."""
    return ciphers.encrypt(
        registration.dialogue,
        ciphers.SIGN_UP_LINK,
        {
            "email": registration.email,
            "role": registration.role,
            "municipality": registration.municipality.pk,
            "source_page": registration.source_page_id,
            "nonce": secrets.token_urlsafe(16),
        },
    )


class LinkNotUsable(Exception):
    """The link was used already, has expired, or never existed."""


def link_in_dialogue(dialogue, **lookup) -> AccessLink | None:
    """The link matching the lookup, if it belongs to this dialogue."""
    link = (
        AccessLink.objects.select_related("invitee", "sign_up", "pending_sign_up")
        .filter(**lookup)
        .first()
    )
    if link is None or link.record.dialogue_id != dialogue.pk:
        return None
    return link


def find_link(dialogue, token: str) -> AccessLink | None:
    return link_in_dialogue(dialogue, token_hash=hash_token(token))


def usable_link(dialogue, link_id: int | None) -> AccessLink | None:
    link = None if link_id is None else link_in_dialogue(dialogue, pk=link_id)
    return link if link is not None and link.is_usable() else None


def sign_up_in_token(dialogue, token: str | None) -> Registration | None:
    """The sign-up a link carries, while it is valid and unused."""
    if not token:
        return None
    try:
        data = ciphers.decrypt(
            dialogue, ciphers.SIGN_UP_LINK, token, max_age=link_valid_seconds()
        )
    except ciphers.NotReadable:
        return None
    if caches["limits"].get(used_key(data["nonce"])):
        return None
    return registration_from(dialogue, data)


def used_key(nonce: str) -> str:
    return f"used-sign-up-link:{nonce}"


def claim_sign_up_token(dialogue, token: str) -> None:
    """Single use: the first request to claim a sign-up link's nonce wins."""
    data = ciphers.decrypt(dialogue, ciphers.SIGN_UP_LINK, token)
    if not caches["limits"].add(used_key(data["nonce"]), 1, link_valid_seconds()):
        raise LinkNotUsable


def confirm_link(dialogue, link_id: int) -> tuple[Participant, bool]:
    """Consume the link and return the participant it signs in (new or known).

    The invited role and municipality hold: corrections go through staff.
    """
    link = usable_link(dialogue, link_id)
    if link is None:
        raise LinkNotUsable
    registration = registration_of(link.record)
    with transaction.atomic():
        claimed = AccessLink.objects.select_for_update().filter(pk=link.pk).first()
        if claimed is None or not claimed.is_usable():
            raise LinkNotUsable  # another request used it a moment ago
        claimed.delete()  # deleted, not stamped: no moment of use is kept
        return join(registration, in_register=True)


def confirm_sign_up(dialogue, token: str) -> tuple[Participant, bool]:
    """Use a sign-up link: the register gets ciphertext, the participant is made.

    The pending sign-up is written in its own transaction, before the one that
    makes the participant, and holds nothing a reader of the database can read.
    """
    registration = sign_up_in_token(dialogue, token)
    if registration is None:
        raise LinkNotUsable
    claim_sign_up_token(dialogue, token)
    known = participation.find_participant(dialogue, registration.email)
    if known is not None:
        return known, False  # signed up twice: one identity
    PendingSignUp.objects.create(
        dialogue=dialogue,
        sealed_record=ciphers.encrypt(
            dialogue,
            ciphers.PENDING_SIGN_UP,
            {
                "email": normalise_email(registration.email),
                "role": registration.role,
                "municipality": registration.municipality.pk,
                "source_page": registration.source_page_id,
            },
        ),
    )
    return join(registration, in_register=False)


def join(registration: Registration, in_register: bool) -> tuple[Participant, bool]:
    attributes = derivation.attributes_at_join(
        registration.dialogue,
        registration.role,
        registration.municipality,
        in_register=in_register,
    )
    return participation.join_dialogue(
        registration.dialogue, registration.email, attributes
    )


def is_same_person(registration: Registration, participant: Participant) -> bool:
    """Whether a link belongs to the participant this browser is signed in as."""
    return email_hash(registration.dialogue, registration.email) == (
        participant.email_hash
    )


# Requests for a link: answered by a task, whether the address is known or not.


def request_link(dialogue, kind: str, email: str, **sign_up) -> None:
    """Queue the e-mail this request asks for; the task decides what it holds."""
    from .tasks import send_joining_mail

    request = {"kind": kind, "email": normalise_email(email), **sign_up}
    send_joining_mail.enqueue(
        dialogue.pk, ciphers.encrypt(dialogue, ciphers.JOINING_MAIL, request)
    )


def request_sign_up(
    dialogue, email: str, role: str, municipality: Municipality, source_page
) -> None:
    request_link(
        dialogue,
        SIGN_UP,
        email,
        role=role,
        municipality=municipality.pk,
        source_page=source_page.pk if source_page else None,
    )


def request_lost_link(dialogue, email: str) -> None:
    request_link(dialogue, LOST_LINK, email)


class InvitationRefused(Exception):
    """This person unsubscribed, or no address reaches them: do not mail them."""


def invitation_refusal(invitee: Invitee) -> str | None:
    if invitee.status == InviteeStatus.PARTICIPANT:
        return f"{invitee.name} doet al mee en krijgt geen nieuwe uitnodiging."
    if invitee.status == InviteeStatus.UNSUBSCRIBED:
        return f"{invitee.name} heeft zich afgemeld en krijgt geen uitnodiging meer."
    if invitee.status == InviteeStatus.UNDELIVERABLE:
        return f"Het adres van {invitee.name} is onbestelbaar; pas het eerst aan."
    return None


def send_invitation(invitee: Invitee, reminder: bool = False) -> None:
    """Invite one person, or remind them: a task sends the mail with a fresh link."""
    from .tasks import send_invitation_mail

    if invitation_refusal(invitee):
        raise InvitationRefused(invitation_refusal(invitee))
    send_invitation_mail.enqueue(invitee.pk, reminder=reminder)


# What each bulk action does to whom: an invitation goes to who was not invited
# yet, a reminder to who was invited and does not take part yet.
BULK_INVITE, BULK_REMIND, BULK_ROUND = "uitnodigen", "herinneren", "ronde"
BULK_AUDIENCE = {
    BULK_INVITE: InviteeStatus.NOT_INVITED,
    BULK_REMIND: InviteeStatus.INVITED,
}


def bulk_invite(invitees, action: str) -> tuple[int, int]:
    """Invite or remind each invitee the action fits; (mailed, skipped)."""
    mailed = skipped = 0
    for invitee in invitees:
        if invitee.status != BULK_AUDIENCE[action]:
            skipped += 1
            continue
        send_invitation(invitee, reminder=action == BULK_REMIND)
        mailed += 1
    return mailed, skipped


def set_invitation_round(invitees, invitation_round: str) -> int:
    return Invitee.objects.filter(pk__in=[i.pk for i in invitees]).update(
        invitation_round=invitation_round
    )


def mark_invited(invitee: Invitee) -> None:
    invitee.invited_at = timezone.now()
    if invitee.status == InviteeStatus.NOT_INVITED:
        invitee.status = InviteeStatus.INVITED
    invitee.save(update_fields=["status", "invited_at"])


# Corrections of the register, asked for by the person, approved by staff.


def request_correction(record, role: str, municipality, note: str = ""):
    field = "invitee" if isinstance(record, Invitee) else "sign_up"
    return CorrectionRequest.objects.create(
        role=role, municipality=municipality, note=note, **{field: record}
    )


class NotInRegisterYet(Exception):
    """The participant's sign-up waits for the next batch: no record to correct."""


def request_own_correction(
    participant: Participant, email: str, role: str, municipality, note: str = ""
):
    """A participant asks; their address shows which register record is theirs."""
    dialogue = participant.dialogue
    if email_hash(dialogue, email) != participant.email_hash:
        raise AddressDoesNotMatch
    invitees, sign_ups = register_of(dialogue, email)
    record = invitees.first() or sign_ups.first()
    if record is None:
        raise NotInRegisterYet
    return request_correction(record, role, municipality, note)


@transaction.atomic
def decide_correction(correction: CorrectionRequest, approve: bool) -> None:
    """Approved, the register changes; the next batch carries it to the participant."""
    if approve:
        record = correction.record
        record.role = correction.role
        record.municipality = correction.municipality
        record.save(update_fields=["role", "municipality"])
    correction.status = (
        CorrectionStatus.APPROVED if approve else CorrectionStatus.REFUSED
    )
    correction.save(update_fields=["status"])


# The person's rights, and the end of the dialogue.


class AddressDoesNotMatch(Exception):
    """The address given is not the one this participant joined with."""


def register_of(dialogue, email: str | None = None) -> list:
    """The register's querysets of a dialogue: all of it, or one address."""
    invitees = Invitee.objects.filter(dialogue=dialogue)
    sign_ups = SignUp.objects.filter(dialogue=dialogue)
    if email is not None:
        address = normalise_email(email)
        invitees = invitees.filter(email__iexact=address)
        sign_ups = sign_ups.filter(email__iexact=address)
    return [invitees, sign_ups]


def forget(querysets) -> None:
    """Delete register records and every log entry about them: for good."""
    for queryset in querysets:
        ids = [str(pk) for pk in queryset.values_list("pk", flat=True)]
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(queryset.model),
            object_id__in=ids,
        ).delete()
        queryset.delete()


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
    forget(register_of(dialogue, email))
    for entry in records_for_address(dialogue, email):
        entry.delete()  # a sign-up the register has not taken in yet
    participation.erase_participant(participant, keep_contributions)


def register_figures(dialogue) -> dict:
    """What the report needs of the register, counted: invited and joined per group.

    Per role, province, size class, network and municipality (CBS code). Counts
    only; every figure is still shown through dialogue_blocks.anonymity.
    """
    invited, joined = Counter(), Counter()
    invitees, sign_ups = (
        queryset.select_related("municipality__province").prefetch_related(
            "municipality__networks"
        )
        for queryset in register_of(dialogue)
    )
    records = [
        *((record, record.status == InviteeStatus.PARTICIPANT) for record in invitees),
        *((record, True) for record in sign_ups),
    ]
    for record, takes_part in records:
        municipality = record.municipality
        groups = [("rol", record.role)]
        if municipality is not None:
            groups += [
                ("provincie", municipality.province.name),
                ("grootteklasse", municipality.size_class),
                ("gemeente", municipality.cbs_code),
                *(("netwerk", code) for code in network_codes(municipality)),
            ]
        invited.update(groups)
        if takes_part:
            joined.update(groups)
    return {
        "genodigden": invitees.count(),
        "aanmeldingen": sign_ups.count(),
        "deelnemers": sum(takes_part for _, takes_part in records),
        "groepen": [
            {
                "dimensie": dimension,
                "waarde": value,
                "uitgenodigd": count,
                "deelnemers": joined[(dimension, value)],
            }
            for (dimension, value), count in sorted(invited.items())
        ],
    }


def network_codes(municipality: Municipality) -> list[str]:
    return sorted(network.code for network in municipality.networks.all())


SEAL_PERMISSION = "invitations.seal_dialogue"


def seal_refusal(dialogue, now=None) -> str | None:
    """Why this dialogue cannot be sealed now, or None: only after the last step."""
    if dialogue.sealed_at:
        return f"‘{dialogue.title}’ is al verzegeld op {dialogue.sealed_at:%d-%m-%Y}."
    phases = list(dialogue.phases())
    if not phases:
        return f"‘{dialogue.title}’ heeft nog geen gepubliceerde stappen."
    last = max(phases, key=lambda phase: phase.closes_at)
    if last.closes_at > (now or timezone.now()):
        return (
            f"‘{dialogue.title}’ is nog niet afgelopen: ‘{last.title}’ loopt tot en "
            f"met {last.last_day:%d-%m-%Y}. Verzegel na afloop van de laatste stap."
        )
    return None


def dialogues_to_seal(dialogues, now=None) -> list:
    """Dialogues whose last step has closed and that are not sealed yet."""
    return [dialogue for dialogue in dialogues if seal_refusal(dialogue, now) is None]


@transaction.atomic
def seal_dialogue(dialogue) -> None:
    """The end: keep the figures, forget the people, destroy the salt.

    One transaction, so that nobody sees the last, possibly small batch.
    """
    derivation.derive_participation(dialogue, force=True)
    RegisterFigures.objects.update_or_create(
        dialogue=dialogue, defaults={"figures": register_figures(dialogue)}
    )
    PendingSignUp.objects.filter(dialogue=dialogue).delete()
    forget(register_of(dialogue))
    Participant.objects.filter(dialogue=dialogue).update(email_hash=None)
    destroy_salt(dialogue)


# Importing the register from a file (reading and checking: invitations.importing).


# An address added by hand during a commit makes its insert fail: try again.
IMPORT_ATTEMPTS = 3


def import_invitees(dialogue, rows: list[importing.SourceRow]) -> importing.ImportCheck:
    """Add the file's new, valid rows to the register in one transaction.

    The rows are checked again here, with the dialogue locked, so two imports
    at once, or one after the preview went stale, never add an address twice.
    An invitee added by hand (which takes no lock) between the check and the
    insert makes the insert fail on the unique constraint; the whole attempt
    is rolled back and made again, and then counts that address as present.
    The check says how many were added, skipped as duplicates and refused.
    """
    refusal = importing.import_refusal(dialogue)
    if refusal:
        raise importing.ImportRefused(refusal)
    for _retry in range(IMPORT_ATTEMPTS - 1):
        try:
            return import_once(dialogue, rows)
        except IntegrityError:
            continue
    return import_once(dialogue, rows)


@transaction.atomic
def import_once(dialogue, rows: list[importing.SourceRow]) -> importing.ImportCheck:
    locked = Page.objects.select_for_update().filter(pk=dialogue.pk)
    list(locked.values_list("pk", flat=True))
    check = importing.check_rows(dialogue, rows)
    Invitee.objects.bulk_create(
        importing.invitee_for(dialogue, row) for row in check.new
    )
    return check
