import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from dialogue_blocks.models import Contribution
from tests.participation import QUESTION_ID

QUEUE = "/beheer/dialogue_blocks/contribution/"
FLAGS = "/beheer/dialogue_blocks/flaggedcontribution/"


def user_in(group_name: str, username: str, email: str = ""):
    user = get_user_model().objects.create_user(
        username, email=email or f"{username}@vng.example", password="x"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def moderator(db):
    return user_in("Moderatoren", "moderator")


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def answer(phase, participant):
    """Make a contribution to the phase's question (by default: waiting)."""

    def make(text="Een antwoord", status="wacht", **fields):
        fields.setdefault("participant", participant)
        return Contribution.objects.create(
            phase=phase, block_id=QUESTION_ID, text=text, status=status, **fields
        )

    return make
