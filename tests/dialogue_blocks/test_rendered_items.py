"""List items are kept as HTML under what they show (dialogue_blocks.rendered_items):
whatever changes shows at once, and nothing of one visitor reaches another."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from dialogue_blocks import rendered_items, services
from dialogue_blocks.listing import PAGE_SIZE
from dialogue_blocks.models import Contribution, Support, Theme
from moderation import services as moderation
from tests.factories import PhasePageFactory
from tests.participation import (
    BOARD_ID,
    QUESTION_ID,
    make_participant,
    question_block,
    sign_in,
)

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def answer(phase, dialogue):
    author = make_participant(dialogue, 2)
    return services.create_contribution(
        author, phase, QUESTION_ID, "Samen inkopen werkt goed."
    )


def item_of(html: str, contribution) -> str:
    start = html.index(f'id="bijdrage-{contribution.pk}"')
    return html[start : html.index("</article>", start)]


def support_by_someone(answer, dialogue):
    services.support(make_participant(dialogue, 3), answer)


def edit_by_author(answer, dialogue):
    services.edit_contribution(answer, "Samen inkopen werkt beter dan gedacht.")


def react_by_someone(answer, dialogue):
    services.create_reaction(make_participant(dialogue, 4), answer, "Herkenbaar!")


def more_councillors_join(answer, dialogue):
    """Enough others of the author's role make their label safe to show."""
    for number in range(10, 10 + dialogue.k_threshold):
        make_participant(dialogue, number)


@pytest.mark.parametrize(
    ("change", "before", "after"),
    [
        (support_by_someone, "keer gesteund", "1 keer gesteund"),
        (edit_by_author, "beter dan gedacht", "beter dan gedacht"),
        (react_by_someone, "Herkenbaar!", "Herkenbaar!"),
        (more_councillors_join, "raadslid", "raadslid"),
    ],
)
def test_a_kept_item_shows_what_changed_since(
    client, phase, dialogue, answer, change, before, after
):
    first = item_of(client.get(phase.url).text, answer)
    assert before not in first
    change(answer, dialogue)
    answer.refresh_from_db()
    assert after in item_of(client.get(phase.url).text, answer)


def test_an_item_hidden_after_it_was_kept_is_gone_from_the_page(
    client, phase, answer, admin_user
):
    assert "Samen inkopen" in client.get(phase.url).text
    moderation.hide(answer, admin_user, "persoonlijk")
    assert "Samen inkopen" not in client.get(phase.url).text


def test_every_visitor_posts_from_a_kept_item_with_their_own_token(
    phase, dialogue, answer
):
    """The kept HTML holds a stand-in; each page carries its own visitor's
    token, so a support from a kept item is accepted with CSRF checks on."""
    pages = {}
    for number in (5, 6):
        visitor = Client(enforce_csrf_checks=True)
        sign_in(visitor, make_participant(dialogue, number))
        pages[number] = (visitor, visitor.get(phase.url).text)
    tokens = {
        TOKEN.search(item_of(html, answer)).group(1) for _, html in pages.values()
    }
    assert len(tokens) == 2
    for visitor, html in pages.values():
        assert rendered_items.TOKEN_STAND_IN not in html
        token = TOKEN.search(item_of(html, answer)).group(1)
        response = visitor.post(
            f"{phase.url}bijdrage/{answer.pk}/steun/", {"csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302
    assert Support.objects.filter(contribution=answer).count() == 2


def test_a_waiting_item_kept_for_its_author_is_never_shown_to_another(
    client, phase, dialogue, participant, answer
):
    own = services.create_contribution(
        participant, phase, QUESTION_ID, "Nog even geheim."
    )
    own.status = "wacht"
    own.save(update_fields=["status"])
    author = Client()
    sign_in(author, participant)
    assert "Nog even geheim." in author.get(phase.url).text
    other = Client()
    sign_in(other, make_participant(dialogue, 7))
    assert "Nog even geheim." not in other.get(phase.url).text
    assert "Nog even geheim." not in client.get(phase.url).text


def test_a_reaction_refused_keeps_the_words_for_its_writer_alone(
    phase, dialogue, participant_client, answer
):
    too_long = "Te lang. " * 200
    response = participant_client.post(
        f"{phase.url}bijdrage/{answer.pk}/reageren/", {"text": too_long}
    )
    assert too_long.strip() in response.text
    assert not Contribution.objects.filter(parent=answer).exists()
    other = Client()
    sign_in(other, make_participant(dialogue, 8))
    assert "Te lang." not in other.get(phase.url).text


def test_the_message_after_a_support_stands_next_to_the_kept_item(
    phase, participant_client, answer
):
    assert "Steun<span" in item_of(participant_client.get(phase.url).text, answer)
    response = participant_client.post(
        f"{phase.url}bijdrage/{answer.pk}/steun/", follow=True
    )
    shown = item_of(response.text, answer)
    assert "placed-messages" in shown and "Steun intrekken" in shown
    # The next view has no message, and the item is the kept one again.
    assert "placed-messages" not in item_of(
        participant_client.get(phase.url).text, answer
    )


def test_a_second_edit_shows_as_well_as_the_first(client, phase, answer):
    for text in ("Eerste herziening van de tekst.", "Tweede herziening van de tekst."):
        services.edit_contribution(answer, text)
        assert text in item_of(client.get(phase.url).text, answer)


def test_a_reader_of_kept_items_is_given_no_csrf_cookie(client, phase, answer):
    """Only a page with a form needs the token; reading sets no cookie."""
    for _ in range(2):  # once rendered, once kept
        response = client.get(phase.url)
        assert "Samen inkopen" in response.text
        assert settings.CSRF_COOKIE_NAME not in response.cookies


def test_a_kept_list_shows_an_item_beyond_its_page_in_its_total_and_more_link(
    client, phase, dialogue
):
    """A list is kept whole too: a new item that lands on its second page
    changes only the count and the 'Meer tonen' link, and those show at once."""
    author = make_participant(dialogue, 2)
    for number in range(PAGE_SIZE):
        services.create_contribution(author, phase, QUESTION_ID, f"Antwoord {number}.")
    first = client.get(phase.url).text
    assert "Meer tonen" not in first
    older = services.create_contribution(author, phase, QUESTION_ID, "Het oudste.")
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    Contribution.objects.filter(pk=older.pk).update(created_at=long_ago)
    again = client.get(phase.url).text
    assert "Het oudste." not in again
    assert "Meer tonen" in again
    assert f"{PAGE_SIZE + 1} in totaal" in again


def test_kept_html_stays_within_its_budget_and_drops_the_longest_unseen_first():
    kept = rendered_items.KeptHTML(budget=rendered_items.KeptHTML.cost("x" * 10) * 3)
    for name in ("a", "b", "c"):
        kept.keep((name,), "x" * 10)
    assert kept.get(("a",)) is not None  # seen again: now the most recent
    kept.keep(("d",), "x" * 10)
    assert kept.get(("b",)) is None
    assert [kept.get((name,)) is not None for name in "acd"] == [True, True, True]
    assert kept.used <= kept.budget
    kept.keep(("huge",), "x" * 1000)  # more than the whole budget: not kept
    assert kept.get(("huge",)) is None and kept.get(("d",)) is not None


def test_a_kept_item_shows_its_theme_renamed_at_once(client, dialogue, themes):
    now = timezone.now()
    page = PhasePageFactory(
        parent=dialogue,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7),
        body=json.dumps([question_block(offer_themes=True)]),
    )
    author = make_participant(dialogue, 2)
    answer = services.create_contribution(
        author, page, QUESTION_ID, "Eén loket.", theme=themes[0]
    )
    assert "Thema: Legitimiteit" in item_of(client.get(page.url).text, answer)
    themes[0].title = "Democratische legitimiteit"
    themes[0].save()
    renamed = item_of(client.get(page.url).text, answer)
    assert "Thema: Democratische legitimiteit" in renamed


def board_form_of(html: str) -> str:
    start = html.index(f'action="{BOARD_PATH}')
    return html[start : html.index("</form>", start)]


BOARD_PATH = f"bijdragen/{BOARD_ID}/"


def test_the_kept_board_form_offers_a_theme_renamed_or_added_at_once(
    client, phase, dialogue, themes
):
    sign_in(client, make_participant(dialogue))
    first = board_form_of(client.get(phase.url).text.replace(phase.url, ""))
    assert ">Legitimiteit</option>" in first
    themes[0].title = "Democratische legitimiteit"
    themes[0].save()
    Theme.objects.create(dialogue=dialogue, title="Financiën", sort_order=3)
    again = board_form_of(client.get(phase.url).text.replace(phase.url, ""))
    assert ">Democratische legitimiteit</option>" in again
    assert ">Financiën</option>" in again
    assert ">Legitimiteit</option>" not in again


def test_a_refused_board_post_shows_its_own_words_and_error_not_the_kept_form(
    client, phase, dialogue
):
    sign_in(client, make_participant(dialogue))
    client.get(phase.url)  # the empty form is kept now
    refused = client.post(
        f"{phase.url}{BOARD_PATH}", {"text": "Eén loket voor de regio."}
    )
    form = board_form_of(refused.text.replace(phase.url, ""))
    assert "Kies of het een idee of een zorg is." in form
    assert "Eén loket voor de regio.</textarea>" in form
    fresh = board_form_of(client.get(phase.url).text.replace(phase.url, ""))
    assert "Eén loket" not in fresh and "Kies of het" not in fresh


def test_the_board_and_its_form_show_themes_by_their_order_then_title(
    client, phase, dialogue
):
    Theme.objects.create(dialogue=dialogue, title="Aanpak", sort_order=2)
    Theme.objects.create(dialogue=dialogue, title="Zeggenschap", sort_order=0)
    sign_in(client, make_participant(dialogue))
    html = client.get(phase.url).text.replace(phase.url, "")
    expected = ["Zeggenschap", "Legitimiteit", "Aanpak", "Slagkracht"]
    headings = re.findall(r'<h3 class="theme__title"[^>]*>([^<]+)</h3>', html)
    options = re.findall(r'<option value="\d+">([^<]+)</option>', board_form_of(html))
    assert headings == expected
    assert options == expected
