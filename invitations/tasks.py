"""E-mails of the register, sent by the task worker, never inside a request.

A task's arguments are stored (by the database task backend) until its result
is cleaned up, so they hold no token and nothing readable about an address:
ids of register records, or ciphertext (invitations.ciphers).
"""

from django.apps import apps
from django_tasks import task

from cms.retrying import retried

from . import ciphers, services
from .mail import page_link, send_link_mail
from .models import Invitee


def dialogue_by_id(dialogue_id: int):
    return apps.get_model("cms", "DialoguePage").objects.get(pk=dialogue_id)


@task()
@retried
def send_invitation_mail(invitee_id: int, reminder: bool = False) -> None:
    invitee = Invitee.objects.select_related("dialogue").get(pk=invitee_id)
    token = services.create_access_link(invitee)
    send_link_mail(
        invitee.email,
        invitee.dialogue,
        "invitation",
        page_link(invitee.dialogue, "join", token),
        record=invitee,
        reminder=reminder,
    )
    services.mark_invited(invitee)


@task()
@retried
def send_joining_mail(dialogue_id: int, sealed_request: str) -> str:
    """A sign-in link for a known address; a sign-up link, or nothing, otherwise.

    Returns what was sent, for the worker's log: never the address.
    """
    dialogue = dialogue_by_id(dialogue_id)
    request = ciphers.decrypt(dialogue, ciphers.JOINING_MAIL, sealed_request)
    records = services.records_for_address(dialogue, request["email"])
    if records:
        token = services.create_access_link(records[0])
        link = page_link(dialogue, "join", token)
    elif request["kind"] == services.SIGN_UP:
        token = services.sign_up_token(services.registration_from(dialogue, request))
        link = page_link(dialogue, "confirm_sign_up", token)
    else:
        return "niets (onbekend adres)"
    send_link_mail(request["email"], dialogue, "sign_in", link)
    return "link"


@task()
def send_mailing_mail(delivery_id: int) -> str:
    """One recipient of a mailing; safe to run again (invitations.mailings.claim)."""
    from . import mailings

    return mailings.deliver(delivery_id)
