"""A provincial department edits its own landing pages in the admin, nothing else."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.permissions import department_group_name
from dialogue_blocks.models import Network, Province
from tests.factories import DialoguePageFactory, LandingPageFactory, PhasePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(home_page):
    return DialoguePageFactory(parent=home_page)


@pytest.fixture
def utrecht_editor(client):
    user = get_user_model().objects.create_user("afdeling-utrecht", password="x")
    user.groups.add(Group.objects.get(name="Afdeling Utrecht"))
    client.force_login(user)
    return user


def test_every_province_has_a_department_group():
    names = set(Group.objects.values_list("name", flat=True))
    for province in Province.objects.all():
        assert department_group_name(province) in names


def test_department_edits_and_publishes_its_own_landing_page(
    client, dialogue, utrecht_editor
):
    own = LandingPageFactory(
        parent=dialogue, province=Province.objects.get(name="Utrecht")
    )
    assert client.get("/beheer/").status_code == 200
    response = client.get(f"/beheer/pages/{own.pk}/edit/")
    assert response.status_code == 200
    assert 'name="action-publish"' in response.text


def test_department_cannot_edit_other_pages(client, dialogue, utrecht_editor):
    others = [
        LandingPageFactory(
            parent=dialogue, province=Province.objects.get(name="Gelderland")
        ),
        LandingPageFactory(parent=dialogue, network=Network.objects.get(code="G4")),
        PhasePageFactory(parent=dialogue),
        dialogue,
    ]
    for page in others:
        response = client.get(f"/beheer/pages/{page.pk}/edit/")
        assert response.status_code in (302, 403), page.title
        assert 'name="action-publish"' not in response.text
