"""Joining by invitation link and by open sign-up, and the session that follows."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dialogue_blocks.models import MunicipalityTurnout, Participant
from invitations.models import AccessLink, InviteeStatus, SignUp
from invitations.services import send_invitation

from .conftest import join_with_link, link_path_in_last_mail, sign_up_data

pytestmark = pytest.mark.django_db


def test_invited_person_joins_through_the_link(client, dialogue, invitee, utrecht):
    send_invitation(invitee)
    link = link_path_in_last_mail()
    opened = client.get(link)
    # The token leaves the address bar at once, and leaks to no one on the way.
    assert opened.status_code == 302
    assert opened["Referrer-Policy"] == "no-referrer"
    assert opened["Location"] == dialogue.url + "bevestig-deelname/"
    page = client.get(opened["Location"])
    assert link.rsplit("/", 2)[1] not in page.text
    assert "Wat is anoniem, en wat ziet de VNG?" in page.text
    assert 'value="Utrecht"' in page.text  # municipality prefilled
    response = join_with_link(
        client, link, {"role": "griffier", "municipality": "Utrecht"}
    )
    assert response.status_code == 302 and response["Location"] == dialogue.url
    participant = Participant.objects.get()
    assert participant.role == "griffier"
    assert participant.province.name == "Utrecht"
    assert participant.source == "uitnodiging"
    invitee.refresh_from_db()
    assert invitee.status == InviteeStatus.PARTICIPANT
    followed = client.get(dialogue.url)
    assert "U doet mee als <strong>griffier uit Utrecht</strong>" in followed.text


def test_opening_a_link_does_not_use_it(client, invitee):
    send_invitation(invitee)
    link = link_path_in_last_mail()
    for _ in range(3):  # e-mail scanners and previews open links too
        confirmation = client.get(link, follow=True)
        assert "Ja, ik doe mee" in confirmation.text
    assert AccessLink.objects.exists()
    assert not Participant.objects.exists()


def test_used_link_is_refused_with_a_way_to_get_a_new_one(client, invitee):
    send_invitation(invitee)
    link = link_path_in_last_mail()
    join_with_link(client, link, {"role": "griffier", "municipality": "Utrecht"})
    again = client.get(link, follow=True)
    assert again.status_code == 410
    assert "Deze link werkt niet meer" in again.text
    assert "Stuur mij een nieuwe link" in again.text
    join_with_link(client, link, {"role": "griffier", "municipality": "Utrecht"})
    assert Participant.objects.count() == 1


def test_expired_link_is_refused(client, invitee, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    send_invitation(invitee)
    link = link_path_in_last_mail()
    time_machine.shift(timedelta(days=30, seconds=1))
    assert client.get(link, follow=True).status_code == 410
    join_with_link(client, link, {"role": "griffier", "municipality": "Utrecht"})
    assert not Participant.objects.exists()


def test_unknown_token_is_refused(client, dialogue):
    response = client.get(dialogue.url + "deelnemen/verzonnen-token/", follow=True)
    assert response.status_code == 410


def test_confirmation_without_an_opened_link_is_refused(client, dialogue):
    response = client.post(
        dialogue.url + "bevestig-deelname/",
        {"role": "griffier", "municipality": "Utrecht"},
    )
    assert response.status_code == 410
    assert not Participant.objects.exists()


def test_invitee_can_correct_role_and_municipality(client, invitee):
    send_invitation(invitee)
    join_with_link(
        client,
        link_path_in_last_mail(),
        {"role": "raadslid", "municipality": "Súdwest-Fryslân"},
    )
    participant = Participant.objects.get()
    assert participant.role == "raadslid"
    assert participant.province.name == "Fryslân"
    counted = MunicipalityTurnout.objects.get(participant_count__gt=0)
    assert counted.municipality.name == "Súdwest-Fryslân"
    assert counted.participant_count == 1


def test_confirmation_with_unknown_municipality_explains_and_keeps_input(
    client, invitee
):
    send_invitation(invitee)
    response = join_with_link(
        client,
        link_path_in_last_mail(),
        {"role": "raadslid", "municipality": "Utrecth"},
    )
    assert response.status_code == 200
    assert "staat niet in de lijst van gemeenten" in response.text
    assert 'value="Utrecth"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert not Participant.objects.exists()


def test_newcomer_signs_up_on_a_landing_page(client, dialogue, utrecht_landing):
    response = client.post(utrecht_landing.url + "aanmelden/", sign_up_data())
    assert response.status_code == 302
    assert response["Location"] == utrecht_landing.url + "#doe-mee"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuw@zeist.example"]
    join_with_link(
        client, link_path_in_last_mail(), {"role": "raadslid", "municipality": "Zeist"}
    )
    participant = Participant.objects.get()
    assert participant.source == "landingspagina"
    assert participant.source_page_id == utrecht_landing.pk


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "geen-adres", "Vul een geldig e-mailadres in"),
        ("role", "", "Kies uw rol."),
        ("municipality", "Atlantis", "staat niet in de lijst van gemeenten"),
        ("consent", "", "Geef aan dat u akkoord gaat"),
        ("captcha_1", "fout", "De tekens kloppen niet"),
    ],
)
def test_sign_up_with_bad_input_shows_the_error_and_keeps_the_rest(
    client, utrecht_landing, field, value, message
):
    data = sign_up_data(**{field: value})
    if not value:
        data.pop(field)
    response = client.post(utrecht_landing.url + "aanmelden/", data)
    assert response.status_code == 200
    assert message in response.text
    if field != "email":
        assert 'value="nieuw@zeist.example"' in response.text
    assert not mail.outbox and not SignUp.objects.exists()


def test_signing_up_twice_keeps_one_identity(client, dialogue, utrecht_landing):
    for _ in range(2):
        client.post(utrecht_landing.url + "aanmelden/", sign_up_data())
        join_with_link(
            client,
            link_path_in_last_mail(),
            {"role": "raadslid", "municipality": "Zeist"},
        )
    assert SignUp.objects.count() == 1
    assert Participant.objects.count() == 1
    assert (
        MunicipalityTurnout.objects.get(participant_count__gt=0).participant_count == 1
    )


def test_the_same_address_in_other_case_is_the_same_participant(
    client, dialogue, utrecht_landing, invitee
):
    send_invitation(invitee)
    join_with_link(
        client,
        link_path_in_last_mail(),
        {"role": "griffier", "municipality": "Utrecht"},
    )
    client.post(
        utrecht_landing.url + "aanmelden/",
        sign_up_data(email="  ANNA.Griffier@Utrecht.example "),
    )
    join_with_link(
        client,
        link_path_in_last_mail(),
        {"role": "griffier", "municipality": "Utrecht"},
    )
    assert Participant.objects.count() == 1
    assert not SignUp.objects.exists()  # the invitation record was reused


def test_lost_link_reveals_nothing_about_unknown_addresses(client, dialogue, invitee):
    known = client.post(dialogue.url + "link-kwijt/", {"email": invitee.email})
    unknown = client.post(dialogue.url + "link-kwijt/", {"email": "onbekend@x.example"})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [invitee.email]

    def page_text(response):
        return response.text.replace(invitee.email, "ADRES").replace(
            "onbekend@x.example", "ADRES"
        )

    assert page_text(known) == page_text(unknown)


def test_link_mails_are_throttled_per_address(client, dialogue, invitee, settings):
    for _ in range(settings.LINK_REQUESTS_PER_ADDRESS_PER_HOUR + 2):
        client.cookies.clear()  # a new session each time: only the address counts
        client.post(dialogue.url + "link-kwijt/", {"email": invitee.email})
    assert len(mail.outbox) == settings.LINK_REQUESTS_PER_ADDRESS_PER_HOUR


def test_link_requests_are_throttled_per_session(client, dialogue, settings):
    for number in range(settings.LINK_REQUESTS_PER_SESSION_PER_HOUR):
        client.post(dialogue.url + "link-kwijt/", {"email": f"p{number}@x.example"})
    refused = client.post(dialogue.url + "link-kwijt/", {"email": "laatste@x.example"})
    assert "al vaak een link aangevraagd" in refused.text


def test_participant_signs_out(client, invitee, dialogue):
    send_invitation(invitee)
    join_with_link(
        client,
        link_path_in_last_mail(),
        {"role": "griffier", "municipality": "Utrecht"},
    )
    client.post(dialogue.url + "afmelden/")
    assert "U doet nog niet mee" in client.get(dialogue.url).text


def test_session_lasts_the_configured_days(client, invitee, settings):
    send_invitation(invitee)
    join_with_link(
        client,
        link_path_in_last_mail(),
        {"role": "griffier", "municipality": "Utrecht"},
    )
    expected = settings.PARTICIPANT_SESSION_DAYS * 86400
    assert expected - 60 < client.session.get_expiry_age() <= expected


def test_my_contributions_is_empty_for_a_new_participant(client, invitee, dialogue):
    assert client.get(dialogue.url + "mijn-bijdragen/").status_code == 302
    send_invitation(invitee)
    join_with_link(
        client,
        link_path_in_last_mail(),
        {"role": "griffier", "municipality": "Utrecht"},
    )
    page = client.get(dialogue.url + "mijn-bijdragen/")
    assert page.status_code == 200
    assert "U heeft nog niets bijgedragen" in page.text
