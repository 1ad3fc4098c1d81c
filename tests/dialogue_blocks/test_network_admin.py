"""Staff see which network member lists are incomplete, and complete them."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dialogue_blocks.models import Network

pytestmark = pytest.mark.django_db

LIST_URL = "/beheer/snippets/dialogue_blocks/network/"


def edit_url(network: Network) -> str:
    return f"{LIST_URL}edit/{network.pk}/"


def readable(fragment: str) -> str:
    """A piece of HTML as the text a person reads."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def listing_rows(page_html: str) -> dict[str, str]:
    """Each network's row in the admin list, as text, by network code."""
    rows = re.findall(r"<tr>(.*?)</tr>", page_html, re.S)
    found = {}
    for row in rows:
        code = re.search(r'id="snippet_\d+_title">([^<]+)<', row)
        if code:
            found[code.group(1)] = readable(row)
    return found


def edit_data(network: Network, **changes) -> dict:
    """The edit form as staff submit it, unchanged unless told otherwise."""
    data = {
        "code": network.code,
        "name": network.name,
        "description": network.description,
        "expected_member_count": network.expected_member_count or "",
        "members_reference_date": network.members_reference_date or "",
        "members_source": network.members_source,
        "add_members": "",
        "members": list(network.members.values_list("pk", flat=True)),
    }
    return {**data, **changes}


def test_network_list_marks_the_incomplete_lists(admin_client):
    rows = listing_rows(admin_client.get(LIST_URL).text)
    assert list(rows) == sorted(["G4", "G40", "M50", "P10", "K80"])  # by code
    assert "onvolledig 24 van 31 leden" in rows["P10"]
    assert "onvolledig 10 van 64 leden" in rows["K80"]
    for code, size in {"G4": 4, "G40": 41, "M50": 61}.items():
        assert f"{size} van {size} leden" in rows[code]
        assert "onvolledig" not in rows[code]


def test_network_list_counts_members_without_a_query_per_network(admin_client):
    def queries_for_listing() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(LIST_URL).status_code == 200
        return len(captured)

    before = queries_for_listing()
    for number in range(5):
        Network.objects.create(code=f"N{number}", name=f"Netwerk {number}")
    assert queries_for_listing() == before


def test_edit_screen_says_the_list_is_incomplete_and_how_to_complete_it(
    admin_client,
):
    p10 = Network.objects.get(code="P10")
    page = admin_client.get(edit_url(p10)).text
    text = readable(page)
    assert "Ledenlijst onvolledig: 24 van de 31 leden gevonden." in text
    assert "worden niet als P10 geteld" in text
    assert "Leden toevoegen uit een lijst" in text
    assert "VNG Magazine nr. 19 (8 december 2023" in text  # the sources
    g40 = readable(admin_client.get(edit_url(Network.objects.get(code="G40"))).text)
    assert "Ledenlijst volledig: 41 van de 41 leden." in g40
    assert "Ledenlijst onvolledig" not in g40


def test_staff_complete_a_list_by_pasting_names(admin_client):
    p10 = Network.objects.get(code="P10")
    response = admin_client.post(
        edit_url(p10),
        edit_data(
            p10,
            expected_member_count=26,
            # A common name, one without accents, and one already a member.
            add_members="Den Haag\n\nsudwest fryslan\nHulst\n",
        ),
    )
    assert response.status_code == 302
    codes = set(p10.members.values_list("cbs_code", flat=True))
    assert len(codes) == 26 and {"GM0518", "GM1900", "GM0677"} <= codes
    text = readable(admin_client.get(edit_url(p10)).text)
    assert "Ledenlijst volledig: 26 van de 26 leden." in text
    rows = listing_rows(admin_client.get(LIST_URL).text)
    assert "onvolledig" not in rows["P10"] and "26 van 26 leden" in rows["P10"]


def test_pasted_names_that_are_no_municipality_are_refused_with_suggestions(
    admin_client,
):
    k80 = Network.objects.get(code="K80")
    pasted = "Rozendaal\nDen Hag\nAtlantis\nBergen"
    response = admin_client.post(edit_url(k80), edit_data(k80, add_members=pasted))
    assert response.status_code == 200
    text = readable(response.text)
    assert "Regel 2: ‘Den Hag’ staat niet in de lijst van gemeenten. " in text
    assert "Bedoelt u 's-Gravenhage?" in text
    assert "Regel 3: ‘Atlantis’ staat niet in de lijst van gemeenten." in text
    assert "Regel 4: Er zijn meer gemeenten met de naam ‘Bergen’." in text
    assert "Regel 1" not in text
    assert html.escape(pasted, quote=False) in response.text  # nothing typed is lost
    assert k80.members.count() == 10
