"""Joining by invitation link and by open sign-up, and the session that follows."""

import json
from datetime import timedelta
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.core import mail, signing
from django.core.signing import JSONSerializer
from django.utils import timezone

from dialogue_blocks.models import MunicipalityTurnout, Participant
from invitations.derivation import derive_participation
from invitations.models import (
    AccessLink,
    CorrectionRequest,
    Invitee,
    InviteeStatus,
    PendingSignUp,
    SignUp,
)
from invitations.services import send_invitation
from tests.participation import make_participant

from .conftest import (
    join_with_link,
    link_path_in_last_mail,
    lost_link_data,
    sign_up_data,
)

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
    assert "<dd>griffier</dd>" in page.text and "<dd>Utrecht</dd>" in page.text
    response = join_with_link(client, link)
    assert response.status_code == 302 and response["Location"] == dialogue.url
    participant = Participant.objects.get()
    assert participant.role == "griffier"
    assert participant.province.name == "Utrecht"
    followed = client.get(dialogue.url)
    assert "U doet mee als <strong>griffier uit Utrecht</strong>" in followed.text


def test_joining_tells_the_register_nothing_until_a_batch(client, dialogue, invitee):
    send_invitation(invitee)
    join_with_link(client, link_path_in_last_mail())
    invitee.refresh_from_db()
    assert invitee.status == InviteeStatus.INVITED
    assert not MunicipalityTurnout.objects.filter(participant_count__gt=0).exists()
    assert derive_participation(dialogue) is None  # fewer than k have joined
    dialogue.k_threshold = 1
    derive_participation(dialogue)
    invitee.refresh_from_db()
    assert invitee.status == InviteeStatus.PARTICIPANT
    counted = MunicipalityTurnout.objects.get(participant_count__gt=0)
    assert (counted.municipality.name, counted.participant_count) == ("Utrecht", 1)


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
    join_with_link(client, link)
    elsewhere = client.__class__()  # not signed in: someone else, or a scanner
    again = elsewhere.get(link, follow=True)
    assert again.status_code == 410
    assert "Deze link werkt niet meer" in again.text
    assert "Stuur mij een nieuwe link" in again.text
    join_with_link(elsewhere, link)
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
    response = client.post(dialogue.url + "bevestig-deelname/", follow=True)
    assert response.status_code == 410
    assert not Participant.objects.exists()


def test_confirmation_cannot_change_the_invited_role_and_municipality(client, invitee):
    send_invitation(invitee)
    join_with_link(
        client,
        link_path_in_last_mail(),
        {"role": "burgemeester", "municipality": "Súdwest-Fryslân"},
    )
    participant = Participant.objects.get()
    assert participant.role == "griffier"
    assert participant.province.name == "Utrecht"


def test_invitee_asks_a_correction_that_staff_approve(
    client, admin_client, dialogue, invitee
):
    send_invitation(invitee)
    link = link_path_in_last_mail()
    client.get(link)
    asked = client.post(
        dialogue.url + "correctie-aanvragen/",
        {"role": "raadslid", "municipality": "Súdwest-Fryslân", "note": "Andere rol"},
    )
    assert asked["Location"] == dialogue.url + "bevestig-deelname/"
    correction = CorrectionRequest.objects.get()
    assert (correction.role, correction.municipality.name) == (
        "raadslid",
        "Súdwest-Fryslân",
    )
    join_with_link(client, link)  # meanwhile, they join as the register says
    joined = Participant.objects.get()
    assert joined.role == "griffier"
    # Enough others share the corrected group for the role to be stored.
    for number in range(5):
        make_participant(dialogue, number, "raadslid", "Súdwest-Fryslân")
    decide = f"/beheer/invitations/correctionrequest/decide/{correction.pk}/"
    assert "Súdwest-Fryslân" in admin_client.get(decide).text
    admin_client.post(decide, {"decision": "goedkeuren"})
    invitee.refresh_from_db()
    assert invitee.role == "raadslid" and invitee.municipality.name == "Súdwest-Fryslân"
    dialogue.k_threshold = 1
    derive_participation(dialogue, force=True)
    participant = Participant.objects.get(pk=joined.pk)
    assert participant.role == "raadslid"
    assert participant.province.name == "Fryslân"


def test_correction_with_unknown_municipality_explains_and_keeps_input(
    client, dialogue, invitee
):
    send_invitation(invitee)
    client.get(link_path_in_last_mail())
    response = client.post(
        dialogue.url + "correctie-aanvragen/",
        {"role": "raadslid", "municipality": "Utrecth"},
    )
    assert response.status_code == 200
    assert "staat niet in de lijst van gemeenten" in response.text
    assert 'value="Utrecth"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert not CorrectionRequest.objects.exists()


def test_newcomer_signs_up_on_a_landing_page(client, dialogue, utrecht_landing):
    response = client.post(utrecht_landing.url + "aanmelden/", sign_up_data())
    assert response.status_code == 302
    assert response["Location"] == utrecht_landing.url + "#doe-mee"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nieuw@zeist.example"]
    # Until the link is used, nothing about the address is stored.
    assert not SignUp.objects.exists() and not PendingSignUp.objects.exists()
    assert not AccessLink.objects.exists()
    join_with_link(client, link_path_in_last_mail())
    participant = Participant.objects.get()
    # No council member is in the register yet: with fewer than m records that
    # share it, even the role would point at this person, so nothing is stored.
    assert participant.role == "" and participant.province is None
    # Confirmed, the register holds only ciphertext until the next batch.
    pending = PendingSignUp.objects.get()
    assert "zeist" not in pending.sealed_record.lower()
    assert not SignUp.objects.exists()
    dialogue.k_threshold = 1
    derive_participation(dialogue)
    sign_up = SignUp.objects.get()
    assert sign_up.email == "nieuw@zeist.example"
    assert sign_up.source_page_id == utrecht_landing.pk
    assert not PendingSignUp.objects.exists()


def test_a_sign_up_link_works_once(client, dialogue, utrecht_landing):
    client.post(utrecht_landing.url + "aanmelden/", sign_up_data())
    link = link_path_in_last_mail()
    join_with_link(client, link)
    other = client.__class__()
    again = other.get(link, follow=True)
    assert again.status_code == 410
    assert "Deze link werkt niet meer" in again.text


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
        join_with_link(client, link_path_in_last_mail())
    dialogue.k_threshold = 1
    derive_participation(dialogue)
    assert SignUp.objects.count() == 1
    assert Participant.objects.count() == 1
    assert (
        MunicipalityTurnout.objects.get(participant_count__gt=0).participant_count == 1
    )


def test_the_same_address_in_other_case_is_the_same_participant(
    client, dialogue, utrecht_landing, invitee
):
    send_invitation(invitee)
    join_with_link(client, link_path_in_last_mail())
    client.post(
        utrecht_landing.url + "aanmelden/",
        sign_up_data(email="  ANNA.Griffier@Utrecht.example "),
    )
    join_with_link(client, link_path_in_last_mail())
    assert Participant.objects.count() == 1
    assert not SignUp.objects.exists()  # the invitation record was reused


def test_lost_link_reveals_nothing_about_unknown_addresses(client, dialogue, invitee):
    known = client.post(dialogue.url + "link-kwijt/", lost_link_data(invitee.email))
    unknown = client.post(
        dialogue.url + "link-kwijt/", lost_link_data("onbekend@x.example")
    )
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [invitee.email]

    def page_text(response):
        return response.text.replace(invitee.email, "ADRES").replace(
            "onbekend@x.example", "ADRES"
        )

    assert page_text(known) == page_text(unknown)


def test_link_mails_are_throttled_per_address_whatever_the_cookie(
    client, dialogue, invitee, settings
):
    for _ in range(settings.LINK_REQUESTS_PER_ADDRESS_PER_HOUR + 2):
        client.cookies.clear()  # a fresh cookie jar each time: the server counts
        response = client.post(
            dialogue.url + "link-kwijt/", lost_link_data(invitee.email)
        )
    assert len(mail.outbox) == settings.LINK_REQUESTS_PER_ADDRESS_PER_HOUR
    assert "al vaak een link aangevraagd" in response.text


def test_an_unknown_address_is_limited_the_same_way(client, dialogue, settings):
    for _ in range(settings.LINK_REQUESTS_PER_ADDRESS_PER_HOUR):
        client.post(dialogue.url + "link-kwijt/", lost_link_data("niemand@x.example"))
    refused = client.post(
        dialogue.url + "link-kwijt/", lost_link_data("niemand@x.example")
    )
    assert "al vaak een link aangevraagd" in refused.text


def test_link_mails_have_a_ceiling_per_dialogue(client, dialogue, settings):
    settings.LINK_MAILS_PER_DIALOGUE_PER_HOUR = 2
    for number in range(2):
        client.post(dialogue.url + "link-kwijt/", lost_link_data(f"p{number}@x.nl"))
    refused = client.post(dialogue.url + "link-kwijt/", lost_link_data("p9@x.nl"))
    assert "erg veel links aangevraagd" in refused.text


def test_lost_link_asks_the_captcha(client, dialogue, invitee):
    response = client.post(
        dialogue.url + "link-kwijt/",
        {**lost_link_data(invitee.email), "captcha_1": "fout"},
    )
    assert "De tekens kloppen niet" in response.text
    assert not mail.outbox


def test_signing_out_ends_every_copy_of_the_session(client, invitee, dialogue):
    send_invitation(invitee)
    join_with_link(client, link_path_in_last_mail())
    copy = client.__class__()
    copy.cookies = SimpleCookie(client.cookies.output(header="", sep=";"))
    assert "U doet mee als" in copy.get(dialogue.url).text
    client.post(dialogue.url + "afmelden/")
    assert "U doet nog niet mee" in client.get(dialogue.url).text
    assert "U doet nog niet mee" in copy.get(dialogue.url).text


def test_the_session_cookie_does_not_show_the_participant(client, invitee, dialogue):
    send_invitation(invitee)
    join_with_link(client, link_path_in_last_mail())
    participant = Participant.objects.get()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    payload = signing.loads(
        cookie,
        salt="django.contrib.sessions.backends.signed_cookies",
        serializer=JSONSerializer,
    )
    assert participant.pk not in json.dumps(payload) + cookie


def test_a_used_link_on_a_signed_in_device_leads_to_the_dialogue(
    client, invitee, dialogue
):
    send_invitation(invitee)
    link = link_path_in_last_mail()
    join_with_link(client, link)
    again = client.get(link, follow=True)
    assert again.status_code == 200
    assert "U doet al mee" in again.text


def test_another_persons_link_on_a_signed_in_device_warns_first(
    client, invitee, dialogue, utrecht
):
    send_invitation(invitee)
    join_with_link(client, link_path_in_last_mail())
    other = Invitee.objects.create(
        dialogue=dialogue,
        name="Bert",
        email="bert@x.example",
        role="raadslid",
        municipality=utrecht,
    )
    send_invitation(other)
    page = client.get(link_path_in_last_mail(), follow=True)
    assert "Deze link is van iemand anders" in page.text
    assert "griffier uit Utrecht" in page.text


def test_session_lasts_the_configured_days(client, invitee, settings):
    send_invitation(invitee)
    join_with_link(client, link_path_in_last_mail())
    expected = settings.PARTICIPANT_SESSION_DAYS * 86400
    assert expected - 60 < client.session.get_expiry_age() <= expected


def test_my_contributions_is_empty_for_a_new_participant(client, invitee, dialogue):
    assert client.get(dialogue.url + "mijn-bijdragen/").status_code == 302
    send_invitation(invitee)
    join_with_link(client, link_path_in_last_mail())
    page = client.get(dialogue.url + "mijn-bijdragen/")
    assert page.status_code == 200
    assert "U heeft nog niets bijgedragen" in page.text
