import json
import os
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone
from wagtail.models import Page

from dialogue_blocks import rendered_items
from dialogue_blocks.models import Theme
from home.models import HomePage
from tests.factories import DialoguePageFactory, PhasePageFactory
from tests.participation import board_block, make_participant, question_block, sign_in

# Playwright's sync API runs an event loop; the ORM next to it is safe in tests.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def nothing_kept():
    """Each test starts without kept HTML (dialogue_blocks.rendered_items), so
    no test passes on what another left; within a test it is on, as live."""
    rendered_items.KEPT.clear()


@pytest.fixture(autouse=True)
def fresh_limits():
    """Rate limits and used sign-up links live in a real cache: none carry over."""
    caches["limits"].clear()
    yield
    caches["limits"].clear()


@pytest.fixture
def home_page(db) -> HomePage:
    """The site root the data migration created."""
    return HomePage.objects.get(depth=2)


@pytest.fixture
def root_page(db) -> Page:
    return Page.get_first_root_node()


@pytest.fixture
def dialogue(home_page):
    return DialoguePageFactory(
        parent=home_page, slug="regio", title="Dialoog Regio", moderation_mode="post"
    )


@pytest.fixture
def themes(dialogue):
    return [
        Theme.objects.create(dialogue=dialogue, title="Legitimiteit", sort_order=1),
        Theme.objects.create(dialogue=dialogue, title="Slagkracht", sort_order=2),
    ]


@pytest.fixture
def phase(dialogue, themes):
    """An open phase with one open question and one idea board."""
    now = timezone.now()
    return PhasePageFactory(
        parent=dialogue,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7),
        body=json.dumps([question_block(), board_block()]),
    )


@pytest.fixture
def participant(dialogue):
    return make_participant(dialogue)


@pytest.fixture
def participant_client(client, participant):
    sign_in(client, participant)
    return client
