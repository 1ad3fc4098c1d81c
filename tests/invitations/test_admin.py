"""Staff keep the stakeholder register and send personal invitations in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from invitations.models import Invitee, InviteeStatus
from invitations.services import send_invitation

pytestmark = pytest.mark.django_db

INDEX = "/beheer/invitations/invitee/"


def test_staff_add_an_invitee(admin_client, dialogue, utrecht):
    response = admin_client.post(
        INDEX + "create/",
        {
            "dialogue": dialogue.pk,
            "name": "Bert Burgemeester",
            "email": "bert@zeist.example",
            "role": "burgemeester",
            "municipality": "utrecht",
            "organisation": "Gemeente Utrecht",
            "invitation_round": "eerste ronde",
        },
    )
    assert response.status_code == 302
    invitee = Invitee.objects.get()
    assert invitee.status == InviteeStatus.NOT_INVITED
    listing = admin_client.get(INDEX).text
    assert "Bert Burgemeester" in listing and "Uitnodiging sturen" in listing


def test_the_invitee_form_knows_common_names_and_the_only_dialogue(
    admin_client, dialogue
):
    form = admin_client.get(INDEX + "create/").text
    assert f'<option value="{dialogue.pk}" selected>' in form
    assert '<datalist id="gemeenten">' in form and '<option value="Zeist">' in form
    data = {"dialogue": dialogue.pk, "name": "Hanna", "role": "griffier"}
    admin_client.post(
        INDEX + "create/", {**data, "email": "h@dh.example", "municipality": "Den Haag"}
    )
    assert Invitee.objects.get().municipality.name == "'s-Gravenhage"
    admin_client.post(
        INDEX + "create/", {**data, "email": "h@vng.example", "municipality": ""}
    )
    assert Invitee.objects.get(email="h@vng.example").municipality is None
    wrong = admin_client.post(
        INDEX + "create/", {**data, "email": "x@x.example", "municipality": "Gotham"}
    )
    assert "Gotham" in wrong.text and "Hanna" in wrong.text
    assert not Invitee.objects.filter(email="x@x.example").exists()


def test_staff_send_one_personal_invitation(admin_client, invitee):
    send_url = f"{INDEX}send_invitation/{invitee.pk}/"
    confirmation = admin_client.get(send_url)
    assert "Verstuur de uitnodiging" in confirmation.text
    assert not mail.outbox  # opening the confirmation sends nothing
    response = admin_client.post(send_url)
    assert response.status_code == 302
    assert mail.outbox[0].to == [invitee.email]
    assert "Beste Anna de Griffier" in mail.outbox[0].body
    invitee.refresh_from_db()
    assert invitee.status == InviteeStatus.INVITED and invitee.invited_at
    assert "Opnieuw uitnodigen" in admin_client.get(INDEX).text


def test_invitation_mail_is_tagged_for_the_provider(invitee, settings):
    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    send_invitation(invitee)
    sent = mail.outbox[0]
    assert sent.anymail_test_params["tags"] == ["toegangslink", "invitation"]
    assert sent.alternatives[0].mimetype == "text/html"


def test_department_editors_cannot_see_the_register(client, dialogue, invitee):
    user = get_user_model().objects.create_user("afdeling", password="x")
    user.groups.add(Group.objects.get(name="Afdeling Utrecht"))
    client.force_login(user)
    response = client.get(INDEX)
    assert response.status_code in (302, 403)
    assert invitee.email not in response.content.decode()
