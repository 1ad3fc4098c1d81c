"""Proof that contributions cannot be linked to people, even with the database."""

import hashlib
import json
import logging
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from wagtail.models import Page

from dialogue_blocks.models import Contribution, Participant
from invitations.models import AccessLink, Invitee, SignUp
from invitations.services import send_invitation

from .conftest import join_with_link, link_path_in_last_mail, sign_up_data

pytestmark = pytest.mark.django_db

PERSONAL_MODELS = {Invitee, SignUp, AccessLink, get_user_model()}
IP_MARKER = "198.51.100.173"
AGENT_MARKER = "Markeragent/7f3a-unlinkable"
MARKED_CLIENT = {"REMOTE_ADDR": IP_MARKER, "HTTP_USER_AGENT": AGENT_MARKER}


def related_models(model) -> set:
    return {
        field.related_model
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete and field.related_model is not None
    }


def reachable_from(model) -> set:
    """Models reachable by following foreign keys, stopping at editorial pages.

    Pages carry their editor as owner; an editor is staff, never a participant,
    so the walk does not continue into Wagtail's page tree.
    """
    seen, todo = set(), [model]
    while todo:
        for target in related_models(todo.pop()):
            if target in seen:
                continue
            seen.add(target)
            if not issubclass(target, Page):
                todo.append(target)
    return seen


@pytest.mark.parametrize(
    "model", list(apps.get_app_config("dialogue_blocks").get_models())
)
def test_no_foreign_key_path_leads_from_participation_to_a_person(model):
    assert not (reachable_from(model) & PERSONAL_MODELS)


@pytest.mark.parametrize("model", [Invitee, SignUp, AccessLink])
def test_no_foreign_key_path_leads_from_invitations_to_participation(model):
    participation = set(apps.get_app_config("dialogue_blocks").get_models())
    participation -= {
        apps.get_model("dialogue_blocks", name)
        for name in ("Province", "Municipality", "Network")
    }
    assert not (reachable_from(model) & participation)


def database_dump() -> list[dict]:
    out = StringIO()
    call_command("dumpdata", format="json", stdout=out)
    return json.loads(out.getvalue())


def decoded_sessions() -> str:
    return json.dumps([session.get_decoded() for session in Session.objects.all()])


@pytest.fixture
def joined(client, dialogue, invitee, utrecht_landing, utrecht):
    """One invited and one self-signed-up participant, from a marked client."""
    send_invitation(invitee)
    join_with_link(
        client,
        link_path_in_last_mail(),
        {"role": "griffier", "municipality": "Utrecht"},
        **MARKED_CLIENT,
    )
    other = client.__class__()
    other.post(utrecht_landing.url + "aanmelden/", sign_up_data(), **MARKED_CLIENT)
    join_with_link(
        other,
        link_path_in_last_mail(),
        {"role": "raadslid", "municipality": "Zeist"},
        **MARKED_CLIENT,
    )
    assert Participant.objects.count() == 2
    for participant in Participant.objects.all():
        Contribution.objects.create(
            participant=participant,
            phase=dialogue.phases().first(),
            block_id="6f1c7c53-9b5e-4c52-9d2a-7a0e1f1f0a01",
            text="Meer ruimte voor de raad in regionale samenwerking.",
            status="gepubliceerd",
        )
    return invitee


def test_names_and_addresses_live_only_in_the_invitation_records(joined):
    secrets_of_people = [joined.name, joined.email, "nieuw@zeist.example"]
    for item in database_dump():
        if item["model"] in ("invitations.invitee", "invitations.signup"):
            continue
        serialised = json.dumps(item, ensure_ascii=False).lower()
        for secret in secrets_of_people:
            assert secret.lower() not in serialised, item["model"]
    sessions = decoded_sessions().lower()
    assert not any(secret.lower() in sessions for secret in secrets_of_people)


def test_client_address_and_user_agent_are_stored_nowhere(joined, caplog):
    dump = json.dumps(database_dump()) + decoded_sessions()
    assert IP_MARKER not in dump and AGENT_MARKER not in dump


def test_client_address_and_user_agent_are_not_logged(
    client, dialogue, invitee, caplog
):
    caplog.set_level(logging.DEBUG)
    send_invitation(invitee)
    link = link_path_in_last_mail()
    client.get(link, **MARKED_CLIENT)
    join_with_link(
        client, link, {"role": "griffier", "municipality": "Utrecht"}, **MARKED_CLIENT
    )
    # Used now; opened elsewhere (not signed in), Django logs a 410.
    client.__class__().get(link, follow=True, **MARKED_CLIENT)
    client.get(dialogue.url + "bestaat-niet/", **MARKED_CLIENT)
    logged = caplog.text + "".join(str(record.__dict__) for record in caplog.records)
    assert "Gone" in logged  # the refusal was logged, just not who made it
    assert IP_MARKER not in logged and AGENT_MARKER not in logged
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in logged


def test_tokens_are_stored_only_as_hashes(client, invitee):
    send_invitation(invitee)
    token = link_path_in_last_mail().rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes = 256 bits, base64
    assert token not in json.dumps(database_dump())
    assert (
        AccessLink.objects.get().token_hash
        == hashlib.sha256(token.encode()).hexdigest()
    )


def test_mail_to_participants_carries_no_tracking_of_contributions(joined):
    # Every e-mail sent so far was a link mail to a person's own address.
    assert {tuple(message.to) for message in mail.outbox} == {
        (joined.email,),
        ("nieuw@zeist.example",),
    }


def test_nothing_records_when_someone_joined(joined):
    """Order and moments could line a participant up with a person; none are kept."""
    assert not Session.objects.exists()  # sessions live in the browser's cookie
    assert not AccessLink.objects.exists()  # a used link is deleted, not stamped
    for item in database_dump():
        if item["model"] in ("invitations.signup", "dialogue_blocks.participant"):
            stored = item["fields"]
            assert not any(
                isinstance(value, str) and "T" in value and ":" in value
                for value in stored.values()
            ), item["model"]  # dates only, no moments
    assert not any(
        item["model"] == "dialogue_blocks.participant_networks"
        for item in database_dump()
    )
