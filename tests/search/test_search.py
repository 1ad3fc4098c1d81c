"""Site search over published pages and published contributions."""

import pytest
from django.db import connection

from dialogue_blocks.models import Contribution
from tests.factories import (
    DialoguePageFactory,
    LandingPageFactory,
    PhasePageFactory,
    StandardPageFactory,
)
from tests.participation import QUESTION_ID, question_block

pytestmark = pytest.mark.django_db


def search(client, query, **filters):
    return client.get("/zoeken/", {"q": query, **filters}).text


def test_search_finds_a_published_phase_by_its_summary(client, home_page):
    dialogue = DialoguePageFactory(parent=home_page)
    PhasePageFactory(parent=dialogue, title="Verkennen", summary="Over woondeals")
    page = search(client, "woondeals")
    assert "1 pagina en 0 bijdragen" in page
    assert "Verkennen" in page and "Stap 3 · Verkennen" in page


def test_search_leaves_out_unpublished_pages(client, home_page):
    dialogue = DialoguePageFactory(parent=home_page)
    draft = PhasePageFactory(parent=dialogue, summary="Geheime woondeals")
    draft.unpublish()
    assert "0 pagina's en 0 bijdragen" in search(client, "woondeals")


def test_empty_search_explains_what_to_do(client, home_page):
    response = client.get("/zoeken/", {"q": "  "})
    assert "Vul een zoekterm in." in response.text
    assert 'aria-invalid="true"' in response.text


@pytest.fixture
def answers(phase, participant):
    """Four answers about the region's water, in every status there is."""

    def answer(text, status):
        return Contribution.objects.create(
            participant=participant,
            phase=phase,
            block_id=QUESTION_ID,
            text=text,
            status=status,
        )

    return {
        status: answer(f"Het waterschap {status} mee.", status)
        for status in ("gepubliceerd", "wacht", "afgewezen", "verborgen", "ingetrokken")
    }


def test_search_finds_published_contributions_with_step_block_and_anchor(
    client, phase, answers
):
    page = search(client, "waterschap")
    assert "1 bijdrage" in page
    assert "Het <mark>waterschap</mark> gepubliceerd mee." in page
    assert f'href="{phase.url}#blok-{QUESTION_ID}"' in page
    assert "Stap 3 · Verkennen" in page
    assert question_block()["value"]["question"] in page  # the block it answers


def test_search_never_finds_what_is_not_published(client, answers):
    page = search(client, "waterschap")
    for status in ("wacht", "afgewezen", "verborgen", "ingetrokken"):
        assert f"waterschap</mark> {status}" not in page


def test_the_dialogue_and_its_steps_rank_above_landing_pages(client, home_page):
    dialogue = DialoguePageFactory(
        parent=home_page, title="Dialoog over samenwerking", intro="Samenwerking."
    )
    LandingPageFactory(
        parent=dialogue,
        title="Samenwerking in de regio Utrecht",
        intro="Samenwerking",
        province_id=1,
    )
    PhasePageFactory(parent=dialogue, title="Verkennen", summary="Samenwerking")
    results = search(client, "samenwerking").split('id="paginas-kop"')[1]
    order = [
        results.index(title)
        for title in (
            ">Dialoog over samenwerking<",
            ">Verkennen<",
            ">Samenwerking in de regio Utrecht<",
        )
    ]
    assert order == sorted(order)


def test_a_word_inside_a_longer_word_is_found(client, home_page):
    StandardPageFactory(parent=home_page, title="Privacyverklaring", intro="Wie wat")
    assert ">Privacyverklaring<" in search(client, "privacy")


def test_a_word_at_the_start_of_a_contribution_word_is_found(
    client, phase, participant
):
    Contribution.objects.create(
        participant=participant,
        phase=phase,
        block_id=QUESTION_ID,
        text="De privacyregels zijn streng.",
        status="gepubliceerd",
    )
    assert "1 bijdrage" in search(client, "privacy")


def test_search_narrows_to_a_step_and_a_theme(client, phase, participant, themes):
    for theme, text in zip(themes, ("Water verbindt.", "Water scheidt."), strict=True):
        Contribution.objects.create(
            participant=participant,
            phase=phase,
            block_id=QUESTION_ID,
            text=text,
            theme=theme,
            status="gepubliceerd",
        )
    assert "2 bijdragen" in search(client, "water")
    by_theme = search(client, "water", thema=themes[0].pk)
    assert "1 bijdrage" in by_theme and "verbindt" in by_theme
    assert "0 bijdragen" in search(client, "water", stap=5)
    assert "2 bijdragen" in search(client, "water", stap=phase.step)
    assert "Kies een thema uit de lijst." in search(client, "water", thema="abc")


def test_the_snippet_shows_text_as_text(client, phase, participant):
    Contribution.objects.create(
        participant=participant,
        phase=phase,
        block_id=QUESTION_ID,
        text='Water <script>alert("x")</script> &amp; meer',
        status="gepubliceerd",
    )
    page = search(client, "water")
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Dutch stemming is PostgreSQL's; CI runs this on PostgreSQL",
)
def test_dutch_stemming_finds_other_forms_of_a_word(client, phase, participant):
    phase.summary = "Wat gemeenten delen"
    phase.save_revision().publish()
    Contribution.objects.create(
        participant=participant,
        phase=phase,
        block_id=QUESTION_ID,
        text="Gemeenten werken samen aan de woningen.",
        status="gepubliceerd",
    )
    assert ">Verkennen<" in search(client, "gemeente")
    found = search(client, "woning")
    assert "1 bijdrage" in found and "<mark>woning</mark>en" in found


def test_a_suggestion_is_found_by_the_name_it_suggests(client, phase, participant):
    Contribution.objects.create(
        participant=participant,
        phase=phase,
        block_id=QUESTION_ID,
        kind="suggestie",
        title="Omgevingsdiensten",
        text="Zij voeren de regionale taken al uit.",
        status="gepubliceerd",
    )
    page = search(client, "omgevingsdiensten")
    assert "1 bijdrage" in page
    assert "<mark>Omgevingsdiensten</mark>: Zij voeren" in page
