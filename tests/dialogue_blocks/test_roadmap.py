"""The Routekaart: milestones by date, and per theme what participants' input fed.

Staff link published contributions to milestones in the admin; participants
see them without an author. What a page reads does not grow with the links.
"""

import json
import re
import uuid
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.permissions import COMMUNICATIONS_GROUP, MODERATORS_GROUP
from cms.phases import Step
from dialogue_blocks.models import Contribution, ContributionStatus, RoadmapLink
from dialogue_blocks.roadmap import FED_SHOWN
from tests.factories import PhasePageFactory, staff
from tests.participation import BOARD_ID, make_participant, support_by

pytestmark = pytest.mark.django_db

ROADMAP_ID = str(uuid.UUID("66666666-6666-4666-8666-666666666666"))
PILOT_ID = str(uuid.UUID("66666666-6666-4666-8666-000000000001"))
ADVICE_ID = str(uuid.UUID("66666666-6666-4666-8666-000000000002"))


def milestone(milestone_id, title, when, status, themes) -> dict:
    value = {
        "title": title,
        "description": "",
        "date": when.isoformat(),
        "owner": "VNG-bestuur",
        "status": status,
        "themes": [theme.pk for theme in themes],
    }
    return {"type": "item", "value": value, "id": milestone_id}


@pytest.fixture
def roadmap_page(dialogue, themes, phase):
    legitimacy, decisiveness = themes
    value = {
        "heading": "Routekaart",
        "intro": "",
        "milestones": [
            milestone(
                PILOT_ID,
                "Pilot in drie regio's",
                date(2027, 9, 1),
                "gepland",
                [legitimacy, decisiveness],
            ),
            milestone(
                ADVICE_ID,
                "Advies aan het bestuur",
                date(2027, 2, 1),
                "uitvoering",
                [decisiveness],
            ),
        ],
    }
    return PhasePageFactory(
        parent=dialogue,
        step=Step.VOORTZETTEN,
        body=json.dumps([{"type": "roadmap", "value": value, "id": ROADMAP_ID}]),
    )


def idea(phase, theme, text, status=ContributionStatus.PUBLISHED, participant=None):
    return Contribution.objects.create(
        participant=participant,
        phase=phase,
        block_id=BOARD_ID,
        kind="idee",
        theme=theme,
        text=text,
        status=status,
    )


def link(roadmap_page, milestone_id, contribution):
    return RoadmapLink.objects.create(
        phase=roadmap_page,
        block_id=ROADMAP_ID,
        milestone_id=milestone_id,
        contribution=contribution,
    )


def outcomes_html(client, page) -> str:
    """The page's "Wat is er met uw inbreng gedaan" section."""
    html = client.get(page.url).content.decode()
    start = html.index("Wat is er met uw inbreng gedaan")
    return html[start : html.index("</section>", start)]


def test_milestones_show_by_date_with_owner_status_and_themes(client, roadmap_page):
    html = client.get(roadmap_page.url).content.decode()
    advice, pilot = html.index("Advies aan het bestuur"), html.index("Pilot in drie")
    assert advice < pilot  # February before September
    assert "1 februari 2027" in html and "1 september 2027" in html
    assert "In uitvoering" in html and "Gepland" in html
    assert "VNG-bestuur" in html
    assert "Legitimiteit, Slagkracht" in html


def test_each_theme_shows_the_milestones_taking_it_up(client, roadmap_page):
    section = outcomes_html(client, roadmap_page)
    legitimacy = section[section.index("Legitimiteit") : section.index("Slagkracht")]
    assert "Pilot in drie regio" in legitimacy
    assert "Advies aan het bestuur" not in legitimacy
    decisiveness = section[section.index("Slagkracht") :]
    assert "Pilot in drie regio" in decisiveness and "Advies aan het" in decisiveness


def test_linked_contributions_show_without_their_author(
    client, dialogue, themes, phase, roadmap_page
):
    author = make_participant(dialogue)
    link(
        roadmap_page,
        ADVICE_ID,
        idea(phase, themes[1], "Mandaat vooraf", participant=author),
    )
    section = outcomes_html(client, roadmap_page)
    assert "Mandaat vooraf" in section
    assert author.role == "raadslid" and "raadslid" not in section.lower()
    assert f"{phase.url}#blok-{BOARD_ID}" in section


@pytest.mark.parametrize(
    "status",
    [
        ContributionStatus.PENDING,
        ContributionStatus.REJECTED,
        ContributionStatus.HIDDEN,
        ContributionStatus.WITHDRAWN,
    ],
)
def test_a_linked_contribution_that_is_no_longer_published_disappears(
    client, themes, phase, roadmap_page, status
):
    contribution = idea(phase, themes[1], "Eerst gepubliceerd")
    link(roadmap_page, ADVICE_ID, contribution)
    assert "Eerst gepubliceerd" in outcomes_html(client, roadmap_page)
    Contribution.objects.filter(pk=contribution.pk).update(status=status)
    assert "Eerst gepubliceerd" not in outcomes_html(client, roadmap_page)


def test_the_most_supported_show_and_the_rest_is_mentioned(
    client, dialogue, themes, phase, roadmap_page
):
    supporters = [make_participant(dialogue, n) for n in range(2, 2 + FED_SHOWN + 1)]
    for number in range(FED_SHOWN + 1):
        contribution = idea(phase, themes[1], f"Voorstel nummer {number}")
        support_by(contribution, supporters[:number])
        link(roadmap_page, ADVICE_ID, contribution)
    section = outcomes_html(client, roadmap_page)
    assert "Voorstel nummer 0" not in section  # the least supported
    assert all(f"Voorstel nummer {n}" in section for n in range(1, FED_SHOWN + 1))
    assert section.index("Voorstel nummer 5") < section.index("Voorstel nummer 1")
    assert "Ook andere bijdragen droegen hieraan bij." in section


def queries_to_render(client, page) -> int:
    client.get(page.url)  # the site's own caches fill on a first request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    return len(queries)


def test_the_page_reads_as_many_queries_for_one_link_as_for_forty(
    client, themes, phase, roadmap_page
):
    link(roadmap_page, ADVICE_ID, idea(phase, themes[1], "De eerste"))
    one = queries_to_render(client, roadmap_page)
    for number in range(40):
        contribution = idea(phase, themes[number % 2], f"Nog een {number}")
        link(roadmap_page, PILOT_ID, contribution)
        link(roadmap_page, ADVICE_ID, contribution)
    assert queries_to_render(client, roadmap_page) == one


LINKS_URL = f"/beheer/routekaart/{{page}}/{ROADMAP_ID}/{ADVICE_ID}/"


def offered_pks(client, url) -> set[int]:
    html = client.get(url).content.decode()
    return {int(pk) for pk in re.findall(r'name="contributions" value="(\d+)"', html)}


def test_communications_links_contributions_on_the_milestones_themes(
    client, dialogue, themes, phase, roadmap_page
):
    on_theme = idea(phase, themes[1], "Over slagkracht")
    off_theme = idea(phase, themes[0], "Over legitimiteit")
    pending = idea(
        phase, themes[1], "Nog niet gecontroleerd", ContributionStatus.PENDING
    )
    client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    index = client.get("/beheer/routekaart/").content.decode()
    assert (
        "Advies aan het bestuur" in index
        and LINKS_URL.format(page=roadmap_page.pk) in index
    )

    url = LINKS_URL.format(page=roadmap_page.pk)
    assert offered_pks(client, url) == {on_theme.pk}
    assert "Over slagkracht" in client.get(url).content.decode()

    response = client.post(url, {"contributions": [on_theme.pk]})
    assert response.status_code == 302
    assert "Over slagkracht" in outcomes_html(client, roadmap_page)

    # The form shows what is linked, ticked; unticking it takes the link away.
    ticked = re.findall(
        r'<input[^>]*value="(\d+)"[^>]*checked', client.get(url).content.decode()
    )
    assert ticked == [str(on_theme.pk)]
    client.post(url, {})
    assert not RoadmapLink.objects.exists()
    assert {off_theme.pk, pending.pk}.isdisjoint(offered_pks(client, url))


def test_a_link_to_something_not_offered_is_refused_next_to_the_field(
    client, themes, phase, roadmap_page
):
    off_theme = idea(phase, themes[0], "Over legitimiteit")
    client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    response = client.post(
        LINKS_URL.format(page=roadmap_page.pk), {"contributions": [off_theme.pk]}
    )
    assert response.status_code == 200
    assert "is geen beschikbare keuze" in response.content.decode()
    assert not RoadmapLink.objects.exists()


def test_moderators_may_not_link(client, themes, phase, roadmap_page):
    contribution = idea(phase, themes[1], "Over slagkracht")
    client.force_login(staff("moderator", MODERATORS_GROUP))
    response = client.post(
        LINKS_URL.format(page=roadmap_page.pk), {"contributions": [contribution.pk]}
    )
    # Wagtail answers a refused admin view with a way back to the dashboard.
    assert response.status_code == 302 and response["Location"] == "/beheer/"
    assert not RoadmapLink.objects.exists()


def test_an_unknown_milestone_is_not_found(client, roadmap_page):
    client.force_login(staff("communicatie", COMMUNICATIONS_GROUP))
    url = f"/beheer/routekaart/{roadmap_page.pk}/{ROADMAP_ID}/{uuid.uuid4()}/"
    assert client.get(url).status_code == 404
