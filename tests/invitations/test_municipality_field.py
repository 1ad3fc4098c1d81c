"""The municipality field of the sign-up and join forms: names people use."""

import html
import re

import pytest

from dialogue_blocks.models import Municipality, Network, Province
from invitations.models import CorrectionRequest, SignUp
from invitations.services import send_invitation
from tests.factories import LandingPageFactory

from .conftest import link_path_in_last_mail, sign_up_data

pytestmark = pytest.mark.django_db


def field_error(page_html: str, field: str = "municipality") -> str:
    """The text of the error shown next to a field, as a person reads it."""
    found = re.search(
        rf'<div class="field__error" id="id_{field}_error">(.*?)</div>',
        page_html,
        re.S,
    )
    assert found, f"no error next to the {field} field"
    text = re.sub(r"<[^>]+>", "", found.group(1))
    return " ".join(html.unescape(text).split())


def datalist_names(page_html: str) -> list[str]:
    found = re.search(r'<datalist id="gemeenten">(.*?)</datalist>', page_html, re.S)
    assert found, "the page has no list of municipalities"
    return [html.unescape(name) for name in re.findall(r'value="([^"]*)"', found[1])]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Den Haag", "GM0518"),
        ("den bosch", "GM0796"),
        ("Sudwest Fryslan", "GM1900"),
        ("\u2019s-Gravenhage", "GM0518"),
        ("Bergen (NH.)", "GM0373"),
        ("GM0363", "GM0363"),
    ],
)
def test_sign_up_accepts_the_names_people_use(client, utrecht_landing, typed, code):
    response = client.post(
        utrecht_landing.url + "aanmelden/", sign_up_data(municipality=typed)
    )
    assert response.status_code == 302
    opened = client.get(link_path_in_last_mail(), follow=True)
    name = Municipality.objects.get(cbs_code=code).name
    assert f"<dd>{html.escape(name)}</dd>" in opened.text


def test_sign_up_suggests_a_close_match_next_to_the_field(client, utrecht_landing):
    response = client.post(
        utrecht_landing.url + "aanmelden/", sign_up_data(municipality="Den Hag")
    )
    assert response.status_code == 200
    assert field_error(response.text) == (
        "Fout: ‘Den Hag’ staat niet in de lijst van gemeenten. Bedoelt u 's-Gravenhage?"
    )
    assert 'value="Den Hag"' in response.text  # what was typed stays
    assert not SignUp.objects.exists()


def test_sign_up_asks_which_bergen(client, utrecht_landing):
    response = client.post(
        utrecht_landing.url + "aanmelden/", sign_up_data(municipality="Bergen")
    )
    assert response.status_code == 200
    assert "Bedoelt u Bergen (L.) in Limburg of Bergen (NH.) in Noord-Holland?" in (
        field_error(response.text)
    )
    assert not SignUp.objects.exists()


def ask_correction(client, dialogue, municipality: str):
    return client.post(
        dialogue.url + "correctie-aanvragen/",
        {"role": "raadslid", "municipality": municipality},
    )


def test_a_correction_accepts_a_common_name(client, dialogue, invitee):
    send_invitation(invitee)
    client.get(link_path_in_last_mail())
    assert ask_correction(client, dialogue, "Den Haag").status_code == 302
    assert CorrectionRequest.objects.get().municipality.cbs_code == "GM0518"


def test_a_correction_with_a_near_miss_suggests_and_keeps_input(
    client, dialogue, invitee
):
    send_invitation(invitee)
    client.get(link_path_in_last_mail())
    response = ask_correction(client, dialogue, "Utrecth")
    assert response.status_code == 200
    assert field_error(response.text).endswith("Bedoelt u Utrecht?")
    assert 'value="Utrecth"' in response.text


def names_in_order(municipalities) -> list[str]:
    """Names in the database's own order, as the page sorts them."""
    return list(municipalities.order_by("name").values_list("name", flat=True))


def test_province_landing_page_lists_its_municipalities_first(client, dialogue):
    zuid_holland = Province.objects.get(name="Zuid-Holland")
    landing = LandingPageFactory(parent=dialogue, province=zuid_holland)
    names = datalist_names(client.get(landing.url).text)

    active = Municipality.objects.filter(is_active=True)
    own = names_in_order(active.filter(province=zuid_holland))
    assert len(own) == 50 and "'s-Gravenhage" in own
    assert names[:50] == own
    assert names[50:] == names_in_order(active.exclude(province=zuid_holland))


def test_network_landing_page_lists_its_members_first(client, dialogue):
    g4 = Network.objects.get(code="G4")
    landing = LandingPageFactory(parent=dialogue, network=g4)
    names = datalist_names(client.get(landing.url).text)
    assert sorted(names[:4]) == sorted(
        ["'s-Gravenhage", "Amsterdam", "Rotterdam", "Utrecht"]
    )
    assert names[:4] == names_in_order(g4.members.all())
    assert len(names) == len(set(names)) == 342


def test_dialogue_page_lists_municipalities_alphabetically(client, dialogue):
    names = datalist_names(client.get(dialogue.url).text)
    assert names == names_in_order(Municipality.objects.filter(is_active=True))
