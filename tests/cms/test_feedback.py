"""A message shows beside what it is about, once; at the top only if that spot is
not on the page."""

import pytest

from dialogue_blocks.anonymity import destroy_salt
from dialogue_blocks.models import Contribution
from tests.participation import QUESTION_ID

pytestmark = pytest.mark.django_db

POSTED = "Dank u. Uw bijdrage staat op de pagina."


def test_a_placed_message_is_shown_once_beside_its_item(participant_client, phase):
    participant_client.post(f"{phase.url}bijdragen/{QUESTION_ID}/", {"text": "Ja"})
    answer = Contribution.objects.get()
    html = participant_client.get(phase.url).text
    assert html.count(POSTED) == 1
    item = html.split(f'id="bijdrage-{answer.pk}"', 1)[1].split("</article>", 1)[0]
    assert POSTED in item
    assert 'class="messages"' not in html


def test_a_message_whose_spot_is_not_shown_goes_to_the_top(client, dialogue):
    destroy_salt(dialogue)  # sealed: the join section has no form to show it by
    response = client.get(f"{dialogue.url}mijn-bijdragen/", follow=True)
    html = response.text
    assert "Deze dialoog is afgesloten" in html
    top = html.split('<div class="messages" role="status">', 1)[1].split("</div>")[0]
    assert "Doe eerst mee aan de dialoog om dit te zien." in top
    assert html.count("Doe eerst mee aan de dialoog om dit te zien.") == 1
