"""Facilitators reply as 'Gespreksleider'; each role sees only its own screens."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import ModelLogEntry

from dialogue_blocks.models import Contribution, Province
from tests.factories import LandingPageFactory

from .conftest import FLAGS, QUEUE, user_in

pytestmark = pytest.mark.django_db


def test_facilitator_replies_from_the_admin(moderator_client, moderator, answer, phase):
    parent = answer("Een vraag aan de VNG", "gepubliceerd")
    moderator_client.post(
        f"{QUEUE}reply/{parent.pk}/",
        {"display_name": "Marieke, VNG", "text": "Dank u, we nemen dit mee."},
    )
    reply = Contribution.objects.get(parent=parent)
    assert reply.participant is None and reply.status == "gepubliceerd"
    assert ModelLogEntry.objects.for_instance(reply).get().user == moderator
    html = moderator_client.__class__().get(phase.url).text
    assert "Gespreksleider · Marieke, VNG" in html
    assert "Dank u, we nemen dit mee." in html


def test_facilitator_replies_on_the_page_when_signed_in(
    moderator_client, answer, phase
):
    parent = answer("Op de pagina", "gepubliceerd")
    page = moderator_client.get(phase.url).text
    assert "Reageer als gespreksleider" in page
    moderator_client.post(
        f"{phase.url}bijdrage/{parent.pk}/gespreksleider/",
        {"display_name": "Joost", "text": "Goed punt."},
    )
    assert Contribution.objects.get(parent=parent).facilitator_name == "Joost"
    # The chosen name is remembered for the next reply.
    form = moderator_client.get(f"{phase.url}bijdrage/{parent.pk}/gespreksleider/")
    assert 'value="Joost"' in form.text


def test_visitors_and_participants_cannot_reply_as_facilitator(
    participant_client, answer, phase
):
    parent = answer("Tekst", "gepubliceerd")
    url = f"{phase.url}bijdrage/{parent.pk}/gespreksleider/"
    response = participant_client.post(url, {"display_name": "Nep", "text": "Nep"})
    assert response.status_code == 404
    assert "Reageer als gespreksleider" not in participant_client.get(phase.url).text


def test_facilitator_summary_shows_on_the_phase_page_once_it_closes(client, phase):
    phase.facilitator_summary = "<p>Regie en capaciteit sprongen eruit.</p>"
    phase.save_revision().publish()
    assert "Samenvatting van de gespreksleiders" not in client.get(phase.url).text
    phase.closes_at = timezone.now() - timedelta(minutes=1)
    phase.opens_at = phase.closes_at - timedelta(days=7)
    phase.save_revision().publish()
    html = client.get(phase.url).text
    assert "Samenvatting van de gespreksleiders" in html
    assert "Regie en capaciteit sprongen eruit." in html


@pytest.fixture
def landing(dialogue):
    utrecht = Province.objects.get(name="Utrecht")
    return LandingPageFactory(parent=dialogue, province=utrecht)


def test_moderators_moderate_but_edit_no_page(moderator_client, phase, answer):
    answer()
    assert moderator_client.get(QUEUE).status_code == 200
    assert moderator_client.get(FLAGS).status_code == 200
    edit = moderator_client.get(f"/beheer/pages/{phase.pk}/edit/")
    assert edit.status_code in (302, 403)
    assert 'name="action-publish"' not in edit.text


def test_communications_edit_pages_but_do_not_moderate(client, phase, answer):
    client.force_login(user_in("Communicatie", "communicatie"))
    edit = client.get(f"/beheer/pages/{phase.pk}/edit/")
    assert edit.status_code == 200 and 'name="action-publish"' in edit.text
    assert client.get("/beheer/snippets/dialogue_blocks/theme/").status_code == 200
    assert client.get("/beheer/snippets/dialogue_blocks/network/").status_code == 200
    assert client.get("/beheer/invitations/invitee/").status_code == 200
    assert client.get(QUEUE).status_code in (302, 403)


def test_department_sees_neither_queue_nor_register(client, landing):
    client.force_login(user_in(f"Afdeling {landing.province.name}", "afdeling"))
    assert client.get(f"/beheer/pages/{landing.pk}/edit/").status_code == 200
    assert client.get(QUEUE).status_code in (302, 403)
    assert client.get("/beheer/invitations/invitee/").status_code in (302, 403)


def test_role_groups_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Communicatie", "Moderatoren"} <= names
