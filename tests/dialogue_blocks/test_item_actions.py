"""What each listed item offers depends on who looks (worked out per item in
ContributionView): the viewer's own items, what they support, and strangers."""

import pytest

from dialogue_blocks import counters
from dialogue_blocks.models import Contribution
from tests.participation import QUESTION_ID, make_participant, sign_in, support_by

pytestmark = pytest.mark.django_db

SORTED = f"?sorteer-{QUESTION_ID}=steun"


def answer(phase, participant, text, status="gepubliceerd", parent=None):
    return Contribution.objects.create(
        participant=participant,
        phase=phase,
        block_id=QUESTION_ID,
        parent=parent,
        kind="reactie" if parent else "antwoord",
        text=text,
        status=status,
    )


def item(html: str, contribution) -> str:
    """The item's own part of the page: up to its reactions or its end."""
    start = html.index(f'id="bijdrage-{contribution.pk}"')
    ends = [html.find(mark, start) for mark in ('<ul class="reactions"', "</article>")]
    return html[start : min(end for end in ends if end != -1)]


@pytest.fixture
def items(phase, dialogue, participant):
    other = make_participant(dialogue, 2)
    found = {
        "own waiting": answer(phase, participant, "Mijn wachtende", status="wacht"),
        "own": answer(phase, participant, "Mijn gepubliceerde"),
        "supported": answer(phase, other, "Al gesteund"),
        "other": answer(phase, other, "Nog niet gesteund"),
    }
    found["reaction"] = answer(phase, other, "Reactie op mij", parent=found["own"])
    counters.recount([phase.pk])  # created here, not through the services
    support_by(found["supported"], [participant])
    return found


def test_a_participant_is_offered_what_they_may_do_with_each_item(
    participant_client, phase, items
):
    html = participant_client.get(phase.url + SORTED).text
    waiting = item(html, items["own waiting"])
    assert "contribution__own" in waiting and "wacht op moderatie" in waiting
    assert "support-button" not in waiting and "Meld ongepast" not in waiting
    own = item(html, items["own"])
    assert "contribution__own" in own and "support-button" not in own
    assert "Meld ongepast" not in own
    # Editing and withdrawing come back to the list as it was sorted.
    own_pk = items["own"].pk
    assert f'bijdrage/{own_pk}/bewerken/{SORTED}"' in own
    assert f'bijdrage/{own_pk}/intrekken/{SORTED}"' in own
    supported = item(html, items["supported"])
    assert "Steun intrekken" in supported and "Meld ongepast" in supported
    assert f'steun-intrekken/{SORTED}"' in supported
    other = item(html, items["other"])
    assert "Steun<span" in other and "Steun intrekken" not in other
    assert "Bewerken" not in other and "contribution__own" not in other
    reaction = item(html, items["reaction"])
    assert 'Steun<span class="visually-hidden"> deze reactie' in reaction
    assert "Reageer" not in reaction  # one level of reactions only
    assert f'bijdrage/{items["other"].pk}/reageren/{SORTED}"' in html


def test_an_anonymous_visitor_reads_the_published_items_and_can_do_nothing(
    client, phase, items
):
    html = client.get(phase.url).text
    assert "Mijn wachtende" not in html
    for name in ("own", "supported", "other", "reaction"):
        shown = item(html, items[name])
        for offer in (
            "support-button",
            "Meld ongepast",
            "Bewerken",
            "contribution__own",
        ):
            assert offer not in shown, (name, offer)
    assert "1 keer gesteund" in item(html, items["supported"])
    assert "reageren/" not in html


def test_another_participant_sees_no_one_elses_waiting_item_or_support(
    client, phase, dialogue, items
):
    sign_in(client, make_participant(dialogue, 3))
    html = client.get(phase.url).text
    assert "Mijn wachtende" not in html and "contribution__own" not in html
    supported = item(html, items["supported"])
    assert "Steun intrekken" not in supported and "Steun<span" in supported
