"""What an editor is told on publishing a step: its last open day, a board that
would show nothing, two steps open at once; and the step and its status in the
page explorer and in a preview's stepper."""

import json
from datetime import datetime

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.phases import Step
from cms.publish_checks import publish_warnings
from dialogue_blocks.models import Theme
from tests.factories import PhasePageFactory
from tests.participation import board_block

pytestmark = pytest.mark.django_db


def moment(text: str) -> datetime:
    return datetime.fromisoformat(f"{text}+01:00")


def publish_new_step(admin_client, dialogue, step, opens_at, closes_at):
    data = nested_form_data(
        {
            "title": Step(step).label,
            "slug": Step(step).label.lower(),
            "step": step,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "summary": "Wat gebeurt er in deze stap?",
            "body": streamfield([]),
            "facilitator_summary": rich_text(""),
            "action-publish": "action-publish",
        }
    )
    return admin_client.post(
        f"/beheer/pages/add/cms/phasepage/{dialogue.pk}/", data, follow=True
    )


def test_publishing_a_step_says_its_last_open_day(admin_client, dialogue):
    response = publish_new_step(
        admin_client, dialogue, Step.VINDEN, "2027-01-04 09:00", "2027-01-19 00:00"
    )
    assert (
        "Stap 1 (Vinden) is open van maandag 4 januari 2027 tot en met "
        "maandag 18 januari 2027." in response.content.decode()
    )


def test_publishing_a_step_that_overlaps_another_warns_with_the_days(
    admin_client, dialogue
):
    PhasePageFactory(
        parent=dialogue,
        step=Step.VERKENNEN,
        opens_at=moment("2027-01-04T09:00"),
        closes_at=moment("2027-01-18T00:00"),
    )
    response = publish_new_step(
        admin_client, dialogue, Step.VERRIJKEN, "2027-01-11 09:00", "2027-01-25 00:00"
    )
    expected = (
        "Stap 4 (Verrijken) en stap 3 (Verkennen) zijn tegelijk open, van maandag "
        "11 januari 2027 tot en met zondag 17 januari 2027."
    )
    assert expected in response.content.decode()


def test_steps_that_follow_each_other_are_not_called_overlapping(dialogue):
    first = PhasePageFactory(
        parent=dialogue,
        step=Step.VERKENNEN,
        opens_at=moment("2027-01-04T09:00"),
        closes_at=moment("2027-01-18T00:00"),
    )
    PhasePageFactory(
        parent=dialogue,
        step=Step.VERRIJKEN,
        opens_at=moment("2027-01-18T00:00"),
        closes_at=moment("2027-02-01T00:00"),
    )
    assert publish_warnings(first) == []


def test_an_idea_board_without_themes_is_warned_about(dialogue):
    phase = PhasePageFactory(parent=dialogue, body=json.dumps([board_block()]))
    (warning,) = publish_warnings(phase)
    assert warning.text.startswith("Het blok ‘Ideeën’ toont geen enkel thema")
    assert "de dialoog heeft nog geen thema's" in warning.text
    assert warning.link == "/beheer/snippets/dialogue_blocks/theme/"
    Theme.objects.create(dialogue=dialogue, title="Slagkracht")
    assert publish_warnings(phase) == []


def test_the_page_explorer_shows_each_steps_number_and_status(
    admin_client, dialogue, phase
):
    listing = admin_client.get(f"/beheer/pages/{dialogue.pk}/").content.decode()
    assert f"{phase.title} · stap {phase.step}, open" in listing


def test_a_preview_shows_the_drafts_dates_in_the_stepper_as_well(dialogue):
    phase = PhasePageFactory(
        parent=dialogue,
        step=Step.VERKENNEN,
        opens_at=moment("2027-01-04T09:00"),
        closes_at=moment("2027-01-18T00:00"),
    )
    phase.opens_at = moment("2027-02-01T09:00")
    phase.closes_at = moment("2027-02-15T00:00")
    phase.save_revision()
    draft = phase.get_latest_revision_as_object()
    html = draft.make_preview_request().render().content.decode()
    assert "1 feb – 14 feb 2027" in html
    assert "4 jan – 17 jan 2027" not in html
