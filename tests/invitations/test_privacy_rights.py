"""A participant downloads and erases their data; sealing ends every link for good."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from dialogue_blocks import services
from dialogue_blocks.anonymity import DialogueSealedError, email_hash
from dialogue_blocks.models import Contribution, Participant
from invitations.models import (
    AccessLink,
    Invitee,
    PendingSignUp,
    RegisterFigures,
    SignUp,
)
from invitations.services import send_invitation
from moderation import services as moderation
from tests.participation import make_participant

from .conftest import join_with_link, link_path_in_last_mail, sign_up_data
from .test_unlinkability import database_dump

pytestmark = pytest.mark.django_db


@pytest.fixture
def participant(client, dialogue, invitee):
    send_invitation(invitee)
    join_with_link(
        client,
        link_path_in_last_mail(),
        {"role": "griffier", "municipality": "Utrecht"},
    )
    participant = Participant.objects.get()
    phase = dialogue.phases().first()
    for status in ("gepubliceerd", "wacht"):
        Contribution.objects.create(
            participant=participant,
            phase=phase,
            block_id="6f1c7c53-9b5e-4c52-9d2a-7a0e1f1f0a01",
            text=f"Bijdrage die {status} is",
            status=status,
        )
    return participant


def test_participant_downloads_their_data_as_json(client, dialogue, participant):
    response = client.get(dialogue.url + "mijn-gegevens/download/")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["deelnemer"]["rol"] == "griffier"
    assert data["deelnemer"]["provincie"] == "Utrecht"
    assert {item["tekst"] for item in data["bijdragen"]} == {
        "Bijdrage die gepubliceerd is",
        "Bijdrage die wacht is",
    }
    assert "utrecht.example" not in response.content.decode()


def test_download_holds_supports_flags_and_a_block(client, dialogue, participant):
    other = make_participant(dialogue, number=2)
    phase = dialogue.phases().first()
    theirs = Contribution.objects.create(
        participant=other,
        phase=phase,
        block_id="6f1c7c53-9b5e-4c52-9d2a-7a0e1f1f0a01",
        text="Tekst van een ander",
        status="gepubliceerd",
    )
    services.support(participant, theirs)
    moderation.flag(theirs, participant, "kwetsend", "Dit is op de persoon")
    moderator = get_user_model().objects.create_user("moderator-x", password="x")
    own = Contribution.objects.create(
        participant=participant, phase=phase, block_id=theirs.block_id, text="Eigen"
    )
    moderation.block_author(own, moderator, "verstorend")

    data = client.get(dialogue.url + "mijn-gegevens/download/").json()
    assert data["steun"] == [{"bijdrage": theirs.pk, "tekst": "Tekst van een ander"}]
    assert [(f["bijdrage"], f["toelichting"]) for f in data["meldingen"]] == [
        (theirs.pk, "Dit is op de persoon")
    ]
    assert data["deelnemer"]["geblokkeerd"] is True


def test_visitor_has_no_data_to_download(client, dialogue):
    response = client.get(dialogue.url + "mijn-gegevens/download/")
    assert response.status_code == 302


def erase(client, dialogue, email, choice):
    return client.post(
        dialogue.url + "mijn-gegevens/",
        {"email": email, "contributions": choice, "confirm": "on"},
    )


def test_erasing_and_keeping_contributions_unlinks_the_published_ones(
    client, dialogue, participant, invitee
):
    response = erase(client, dialogue, invitee.email, "bewaren")
    assert response.status_code == 302
    assert not Participant.objects.exists()
    assert not Invitee.objects.filter(email=invitee.email).exists()
    assert not AccessLink.objects.exists()
    kept = Contribution.objects.get()
    assert kept.text == "Bijdrage die gepubliceerd is" and kept.participant is None
    assert "U doet nog niet mee" in client.get(dialogue.url).text


def test_erasing_with_contributions_deletes_them_too(
    client, dialogue, participant, invitee
):
    erase(client, dialogue, invitee.email, "verwijderen")
    assert not Contribution.objects.exists() and not Participant.objects.exists()


def test_erasing_needs_the_address_the_participant_joined_with(
    client, dialogue, participant
):
    response = erase(client, dialogue, "iemand.anders@x.example", "verwijderen")
    assert "niet het e-mailadres waarmee u meedoet" in response.text
    assert Participant.objects.exists() and Invitee.objects.exists()


def test_erasing_needs_an_explicit_confirmation(client, dialogue, participant, invitee):
    response = client.post(
        dialogue.url + "mijn-gegevens/",
        {"email": invitee.email, "contributions": "verwijderen"},
    )
    assert "Bevestig dat u uw gegevens wilt verwijderen." in response.text
    assert Participant.objects.exists()


def end_dialogue(dialogue):
    for phase in dialogue.phases():
        phase.opens_at = timezone.now() - timedelta(days=30)
        phase.closes_at = timezone.now() - timedelta(days=1)
        phase.save()


def test_seal_refuses_while_the_dialogue_runs(dialogue):
    with pytest.raises(CommandError, match="nog niet afgelopen"):
        call_command("dialogue_seal", dialogue.slug, stdout=StringIO())


def test_sealing_destroys_every_way_to_link(
    client, dialogue, participant, invitee, utrecht_landing
):
    end_dialogue(dialogue)
    call_command("dialogue_seal", dialogue.slug, stdout=StringIO())
    assert dialogue.sealed_at is not None
    assert Participant.objects.get().email_hash is None
    assert not AccessLink.objects.exists()
    with pytest.raises(DialogueSealedError):
        email_hash(dialogue, invitee.email)
    # Nobody joins a sealed dialogue, not even with a fresh sign-up.
    newcomer = client.__class__()
    assert "meedoen kan niet meer" in newcomer.get(utrecht_landing.url).text
    response = newcomer.post(utrecht_landing.url + "aanmelden/", sign_up_data())
    assert "Deze dialoog is afgesloten" in response.text
    assert not SignUp.objects.exists()
    with pytest.raises(CommandError, match="al verzegeld"):
        call_command("dialogue_seal", str(dialogue.pk), stdout=StringIO())


def test_admin_shows_whether_a_dialogue_is_sealed(admin_client, dialogue):
    edit_url = f"/beheer/pages/{dialogue.pk}/edit/"
    assert "Niet verzegeld." in admin_client.get(edit_url).text
    end_dialogue(dialogue)
    call_command("dialogue_seal", dialogue.slug, stdout=StringIO())
    assert "Verzegeld op" in admin_client.get(edit_url).text


def test_erasing_keeps_other_peoples_reactions(client, dialogue, participant, invitee):
    answered = Contribution.objects.get(status="gepubliceerd")
    other = make_participant(dialogue, 5)
    reaction = Contribution.objects.create(
        participant=other,
        phase=answered.phase,
        block_id=answered.block_id,
        parent=answered,
        kind="reactie",
        text="Mijn reactie blijft van mij",
        status="gepubliceerd",
    )
    erase(client, dialogue, invitee.email, "verwijderen")
    reaction.refresh_from_db()
    shell = Contribution.objects.get(pk=answered.pk)
    assert shell.text == "" and shell.participant is None
    assert shell.status == "ingetrokken"
    assert reaction.text == "Mijn reactie blijft van mij"


def test_erasing_also_forgets_the_moderation_log(
    client, dialogue, participant, invitee, admin_user
):
    waiting = Contribution.objects.get(status="wacht")
    moderation.reject(waiting, admin_user, "anders")
    assert ModelLogEntry.objects.for_instance(waiting).exists()
    erase(client, dialogue, invitee.email, "verwijderen")
    assert not ModelLogEntry.objects.filter(object_id=str(waiting.pk)).exists()


def test_a_sealed_dialogue_still_lets_a_participant_erase_their_profile(
    client, dialogue, participant, invitee
):
    end_dialogue(dialogue)
    call_command("dialogue_seal", dialogue.slug, stdout=StringIO())
    response = erase(client, dialogue, "iemand@x.example", "verwijderen")
    assert response.status_code == 302
    assert not Participant.objects.exists()


def staff_in(group: str):
    user = get_user_model().objects.create_user(f"{group}-medewerker", password="x")
    user.groups.add(Group.objects.get(name=group))
    return user


def edit_in_admin(admin_client, dialogue, invitee):
    """Staff edit the invitee in the admin: Wagtail logs it."""
    admin_client.post(
        f"/beheer/invitations/invitee/edit/{invitee.pk}/",
        {
            "dialogue": dialogue.pk,
            "name": invitee.name,
            "email": invitee.email,
            "role": invitee.role,
            "municipality": invitee.municipality.name,
            "organisation": "Gemeente Utrecht",
            "invitation_round": "",
        },
    )
    entries = ModelLogEntry.objects.filter(object_id=str(invitee.pk))
    assert entries.exists()
    assert {entry.label for entry in entries} == {f"Genodigde {invitee.pk}"}


def test_erasing_removes_the_log_entries_about_the_person(
    client, admin_client, dialogue, participant, invitee
):
    edit_in_admin(admin_client, dialogue, invitee)
    erase(client, dialogue, invitee.email, "bewaren")
    assert not ModelLogEntry.objects.filter(
        content_type__model="invitee", object_id=str(invitee.pk)
    ).exists()


def test_sealing_keeps_the_figures_and_forgets_the_people(
    client, admin_client, dialogue, participant, invitee, register
):
    edit_in_admin(admin_client, dialogue, invitee)
    end_dialogue(dialogue)
    call_command("dialogue_seal", dialogue.slug, stdout=StringIO())

    figures = RegisterFigures.objects.get(dialogue=dialogue).figures
    assert figures["genodigden"] == len(register) + 1
    assert figures["deelnemers"] == 1  # the last batch ran, below k, unseen
    by_group = {(g["dimensie"], g["waarde"]): g for g in figures["groepen"]}
    assert by_group[("gemeente", "GM0344")] == {
        "dimensie": "gemeente",
        "waarde": "GM0344",
        "uitgenodigd": 3,
        "deelnemers": 1,
    }
    assert not Invitee.objects.exists() and not SignUp.objects.exists()
    assert not PendingSignUp.objects.exists() and not AccessLink.objects.exists()
    assert not ModelLogEntry.objects.filter(
        content_type__model__in=["invitee", "signup"]
    ).exists()
    dump = json.dumps(database_dump(), ensure_ascii=False)
    assert invitee.name not in dump and invitee.email not in dump


def test_staff_seal_from_the_admin_after_confirming(client, dialogue, participant):
    end_dialogue(dialogue)
    client.force_login(staff_in("Communicatie"))
    dashboard = client.get("/beheer/").text
    assert "Verzegelen na afloop" in dashboard
    seal = f"/beheer/dialoog/{dialogue.pk}/verzegelen/"
    assert "kan niet ongedaan worden gemaakt" in client.get(seal).text
    refused = client.post(seal, {})
    assert "Bevestig dat u de dialoog wilt verzegelen." in refused.text
    assert dialogue.sealed_at is None
    client.post(seal, {"confirm": "on"})
    assert dialogue.sealed_at is not None
    assert "Verzegelen na afloop" not in client.get("/beheer/").text


def test_the_admin_refuses_to_seal_a_running_dialogue(client, dialogue, participant):
    client.force_login(staff_in("Communicatie"))
    page = client.post(f"/beheer/dialoog/{dialogue.pk}/verzegelen/", {"confirm": "on"})
    assert "nog niet afgelopen" in page.text
    assert dialogue.sealed_at is None
    assert "Verzegelen na afloop" not in client.get("/beheer/").text


def test_moderators_cannot_seal(client, dialogue):
    end_dialogue(dialogue)
    client.force_login(staff_in("Moderatoren"))
    seal = f"/beheer/dialoog/{dialogue.pk}/verzegelen/"
    refused = client.post(seal, {"confirm": "on"})
    # Wagtail answers a refused permission with a redirect to the dashboard.
    assert (refused.status_code, refused["Location"]) == (302, "/beheer/")
    assert dialogue.sealed_at is None
