"""The admin speaks Dutch and offers only our own groups."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow

from cms.permissions import COMMUNICATIONS_GROUP, PAGE_REVIEW

pytestmark = pytest.mark.django_db


def test_only_our_own_groups_can_be_chosen():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Moderators", "Editors"}.isdisjoint(names)
    assert {"Communicatie", "Moderatoren"} <= names


def test_page_review_goes_to_communications_under_a_dutch_name():
    workflow = Workflow.objects.get()
    assert workflow.name == PAGE_REVIEW
    review = GroupApprovalTask.objects.get()
    assert review.name == PAGE_REVIEW
    assert list(review.groups.values_list("name", flat=True)) == [COMMUNICATIONS_GROUP]


def test_the_publish_menu_names_page_review_in_dutch(admin_client, dialogue):
    html = admin_client.get(f"/beheer/pages/{dialogue.pk}/edit/").text
    assert PAGE_REVIEW in html
    assert "Moderators approval" not in html
