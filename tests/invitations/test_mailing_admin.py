"""Communications staff write a mailing, check it, test it and send it."""

import pytest
from django.core import mail

from invitations.models import AccessLink, DeliveryStatus, Mailing

pytestmark = pytest.mark.django_db

INDEX = "/beheer/invitations/mailing/"
BODY = "Beste {naam},\n\nDoe mee aan {dialoog}: {link}"


def form_data(dialogue, **overrides) -> dict:
    data = {
        "dialogue": dialogue.pk,
        "kind": "uitnodiging",
        "subject": "Doe mee aan {dialoog}",
        "body": BODY,
        "audience": ["nieuw"],
        "roles": ["griffier"],
    }
    return {**data, **overrides}


def test_staff_write_a_mailing_for_the_only_dialogue(admin_client, dialogue):
    form = admin_client.get(INDEX + "create/").text
    assert f'<option value="{dialogue.pk}" selected>' in form
    response = admin_client.post(INDEX + "create/", form_data(dialogue))
    assert response.status_code == 302
    mailing = Mailing.objects.get()
    assert mailing.audience == ["nieuw"] and mailing.roles == ["griffier"]
    assert "nog niet verstuurd" in admin_client.get(INDEX).text


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"body": "Beste {name}, {link}"}, "Onbekend: {name}"),
        ({"body": "Beste {naam}, kom meedoen"}, "heeft {link} nodig"),
        ({"audience": []}, "Kies wie de mail krijgt."),
    ],
)
def test_a_mailing_with_a_mistake_says_what_is_wrong(
    admin_client, dialogue, overrides, message
):
    response = admin_client.post(INDEX + "create/", form_data(dialogue, **overrides))
    assert response.status_code == 200
    assert message in response.text
    assert overrides.get("body", BODY) in response.text, "what was typed stays"
    assert not Mailing.objects.exists()


def make(admin_client, dialogue) -> Mailing:
    admin_client.post(INDEX + "create/", form_data(dialogue))
    return Mailing.objects.get()


def test_check_page_shows_the_count_and_the_mail_as_sent(
    admin_client, dialogue, register, invitee
):
    mailing = make(admin_client, dialogue)
    page = admin_client.get(f"{INDEX}send/{mailing.pk}/").text
    clerks = sum(1 for r in register if r.role == "griffier") + 1
    assert f"{clerks} ontvangers" in page
    assert "Doe mee aan Dialoog Regio" in page
    assert "https://voorbeeld.invalid/persoonlijke-link" in page
    assert "https://voorbeeld.invalid/afmelden" in page and "geen-mail-meer" not in page
    assert not mail.outbox and not AccessLink.objects.exists()


def test_a_test_mail_goes_to_staff_and_carries_no_real_link(
    admin_client, dialogue, invitee
):
    mailing = make(admin_client, dialogue)
    admin_client.post(
        f"{INDEX}send/{mailing.pk}/",
        {"address": "redactie@vng.example", "testmail": ""},
    )
    assert [m.to for m in mail.outbox] == [["redactie@vng.example"]]
    assert mail.outbox[0].subject == "[Test] Doe mee aan Dialoog Regio"
    assert "geen-mail-meer" not in mail.outbox[0].body
    assert not AccessLink.objects.exists()
    assert not mailing.deliveries.exists()


def test_sending_needs_the_check_then_shows_progress(admin_client, dialogue, invitee):
    mailing = make(admin_client, dialogue)
    refused = admin_client.post(f"{INDEX}send/{mailing.pk}/", {})
    assert "Vink aan dat u de voorbeeldmail hebt gecontroleerd." in refused.text
    assert not mail.outbox
    sent = admin_client.post(
        f"{INDEX}send/{mailing.pk}/", {"confirm": "on"}, follow=True
    )
    count = mailing.deliveries.count()
    assert f"in de wachtrij voor {count} ontvangers" in sent.text
    assert "Voortgang van de mailing" in sent.text
    assert invitee.email in sent.text
    assert mailing.deliveries.filter(status=DeliveryStatus.SENT).count() == count
    assert len(mail.outbox) == count


def test_a_sent_mailing_can_no_longer_be_changed_or_sent_again(
    admin_client, dialogue, invitee
):
    mailing = make(admin_client, dialogue)
    admin_client.post(f"{INDEX}send/{mailing.pk}/", {"confirm": "on"})
    sent = len(mail.outbox)
    again = admin_client.post(f"{INDEX}send/{mailing.pk}/", {"confirm": "on"})
    assert again.status_code == 302 and len(mail.outbox) == sent
    edit = admin_client.post(f"{INDEX}edit/{mailing.pk}/", form_data(dialogue))
    assert edit.status_code in (302, 403)
    listing = admin_client.get(INDEX).text
    assert f"{sent} van {sent} verzonden" in listing and "Voortgang" in listing
