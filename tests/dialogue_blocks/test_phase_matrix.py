"""(before / open / after) × (visitor / participant / staff): who sees which form."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dialogue_blocks.models import Contribution
from tests.participation import QUESTION_ID, sign_in

pytestmark = pytest.mark.django_db

WHEN = {
    "before": (timedelta(days=2), timedelta(days=9)),
    "open": (timedelta(days=-1), timedelta(days=6)),
    "after": (timedelta(days=-9), timedelta(days=-2)),
}
FORM = f'action="/regio/{{slug}}/bijdragen/{QUESTION_ID}/"'


def set_period(phase, when):
    opens, closes = WHEN[when]
    phase.opens_at = timezone.now() + opens
    phase.closes_at = timezone.now() + closes
    phase.save_revision().publish()


@pytest.fixture
def viewer(request, client, admin_user, participant):
    if request.param == "participant":
        sign_in(client, participant)
    elif request.param == "staff":
        client.force_login(admin_user)
    return request.param


@pytest.mark.parametrize("when", ["before", "open", "after"])
@pytest.mark.parametrize("viewer", ["visitor", "participant", "staff"], indirect=True)
def test_form_only_for_participants_of_an_open_phase(client, phase, when, viewer):
    Contribution.objects.create(
        phase=phase, block_id=QUESTION_ID, text="Al geplaatst", status="gepubliceerd"
    )
    set_period(phase, when)
    html = client.get(phase.url).text
    has_form = FORM.format(slug=phase.slug) in html
    assert has_form == (when == "open" and viewer == "participant")
    assert "Al geplaatst" in html  # contributions stay readable in every case
    if when == "before":
        assert "Deze stap opent op" in html
    elif when == "after":
        assert "Deze stap is gesloten" in html
    elif viewer != "participant":
        assert "Doe mee aan de dialoog" in html


@pytest.mark.parametrize("when", ["before", "after"])
def test_server_refuses_a_post_outside_the_open_period(
    client, phase, participant, when
):
    sign_in(client, participant)
    page_loaded_while_open = client.get(phase.url)
    assert FORM.format(slug=phase.slug) in page_loaded_while_open.text
    set_period(phase, when)
    response = client.post(f"{phase.url}bijdragen/{QUESTION_ID}/", {"text": "Te laat"})
    assert response.status_code == 302
    assert not Contribution.objects.exists()
    assert "Deze stap is niet open" in client.get(phase.url).text


def test_visitor_post_is_refused_with_an_invitation_to_join(client, phase):
    client.post(f"{phase.url}bijdragen/{QUESTION_ID}/", {"text": "Anoniem?"})
    assert not Contribution.objects.exists()
    assert "Doe eerst mee aan de dialoog" in client.get(phase.url).text


def test_blocked_participant_cannot_contribute(client, phase, participant):
    participant.is_blocked = True
    participant.save()
    sign_in(client, participant)
    client.post(f"{phase.url}bijdragen/{QUESTION_ID}/", {"text": "Toch"})
    assert not Contribution.objects.exists()
