"""Site search over published pages."""

import pytest

from tests.factories import DialoguePageFactory, PhasePageFactory

pytestmark = pytest.mark.django_db


def test_search_finds_a_published_phase_by_its_summary(client, home_page):
    dialogue = DialoguePageFactory(parent=home_page)
    PhasePageFactory(parent=dialogue, title="Verkennen", summary="Over woondeals")
    response = client.get("/zoeken/", {"q": "woondeals"})
    assert response.status_code == 200
    assert "1 resultaat" in response.text
    assert "Verkennen" in response.text


def test_search_leaves_out_unpublished_pages(client, home_page):
    dialogue = DialoguePageFactory(parent=home_page)
    draft = PhasePageFactory(parent=dialogue, summary="Geheime woondeals")
    draft.unpublish()
    assert "0 resultaten" in client.get("/zoeken/", {"q": "woondeals"}).text


def test_empty_search_explains_what_to_do(client, home_page):
    response = client.get("/zoeken/", {"q": "  "})
    assert "Vul een zoekterm in." in response.text
    assert 'aria-invalid="true"' in response.text
