"""The benchmark's vote page, and load_check holding acknowledged ballots against
the database: what `make load` relies on to say "niets verloren".

A ballot is posted as the locustfile posts it: the page's own form, every
field, through the site; the acknowledgements are written as the locustfile
writes them.
"""

import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from cms import bench_data
from cms.bench import signed_in
from cms.models import DialoguePage
from dialogue_blocks import counters
from dialogue_blocks.models import Ballot, GroupVoteTally, Participant, VoteTally
from tests.participation import make_participant, sign_in

pytestmark = pytest.mark.django_db

CONTRIBUTIONS = 12


@pytest.fixture
def setup(tmp_path, home_page):
    """bench_data --out, as make load runs it: (path, what it wrote)."""
    path = tmp_path / "setup.json"
    call_command("bench_data", str(CONTRIBUTIONS), "--out", str(path))
    return path, json.loads(path.read_text())


def voter():
    """A participant who joined after bench_data, signed in."""
    client = Client()
    sign_in(client, make_participant(DialoguePage.objects.get(slug=bench_data.SLUG), 1))
    return client


def vote_form_options(client, described) -> list[str]:
    page = client.get(described["vote_page"])
    assert page.status_code == 200
    return re.findall(r'name="stippen-(\d+)"', page.text)


def post_ballot(client, described, points) -> int:
    """The vote form as the page's form sends it: every field, empty ones empty."""
    page = client.get(described["vote_page"]).text
    fields = re.findall(r'name="stippen-(\d+)"', page)
    response = client.post(
        f"{described['vote_page']}bijdragen/{described['vote_block']}/",
        {f"stippen-{key}": points.get(key, "") for key in fields},
    )
    return response.status_code


def answer_statement(client, described, answer) -> tuple[str, int]:
    """The statement the page shows, answered as its form sends it: (key, status)."""
    page = client.get(described["vote_page"]).text
    statement = re.search(r'name="stelling" value="([\w-]+)"', page).group(1)
    assert f'name="antwoord" value="{answer}"' in page
    response = client.post(
        f"{described['vote_page']}bijdragen/{described['statements_block']}/",
        {"stelling": statement, "antwoord": answer},
    )
    return statement, response.status_code


def acknowledged(tmp_path, *ballots):
    path = tmp_path / "acks.json"
    path.write_text(json.dumps({"joins": 1, "ballots": list(ballots)}))
    return path


def ballot(described, points, outcome="bevestigd", user=0, block=None):
    return {
        "user": user,
        "block": block or described["vote_block"],
        "points": points,
        "outcome": outcome,
    }


def load_check(setup_path, acks) -> str:
    out = StringIO()
    call_command("load_check", str(setup_path), "--acks", str(acks), stdout=out)
    return out.getvalue()


def test_bench_data_builds_a_vote_over_the_top_answers_with_every_ballot_counted(
    setup,
):
    _, described = setup
    options = vote_form_options(voter(), described)
    assert len(options) == bench_data.VOTE_OPTIONS
    assert described["vote_block"] == bench_data.VOTE_ID
    vote_page_id = described["phase_ids"][-1]
    # A ballot for the stippen and one per statement, of every participant.
    assert Ballot.objects.filter(phase_id=vote_page_id).count() == (
        bench_data.PARTICIPANTS * (1 + len(bench_data.STATEMENTS))
    )
    assert counters.vote_mismatches(described["phase_ids"]) == []
    # The benchmark's viewer voted, so sees the results; a visitor sees the gate.
    viewer = signed_in(Participant.objects.get(email_hash=bench_data.VIEWER_HASH))
    assert 'class="vote-table"' in viewer.get(described["vote_page"]).text
    anonymous = Client().get(described["vote_page"]).text
    assert "Wat moet als eerste?" in anonymous and 'name="stippen-' not in anonymous


def test_a_stored_ballot_that_was_acknowledged_passes(setup, tmp_path):
    path, described = setup
    client = voter()
    first, second, *_ = vote_form_options(client, described)
    assert post_ballot(client, described, {first: 1}) == 302
    assert post_ballot(client, described, {first: 2, second: 3}) == 302
    acks = acknowledged(
        tmp_path,
        ballot(described, {first: 1}),
        ballot(described, {first: 2, second: 3}),
    )
    assert "In orde" in load_check(path, acks)


def test_an_acknowledged_ballot_that_is_not_stored_is_reported_lost(setup, tmp_path):
    path, described = setup
    client = voter()
    first, second, *_ = vote_form_options(client, described)
    assert post_ballot(client, described, {first: 1}) == 302
    # Acknowledged as replaced by another, but the database kept the first.
    acks = acknowledged(
        tmp_path,
        ballot(described, {first: 1}),
        ballot(described, {second: 2}),
    )
    with pytest.raises(CommandError) as error:
        load_check(path, acks)
    assert f"bevestigd {{'{second}': 2}}, niet opgeslagen" in str(error.value)


def test_an_answered_statement_is_held_against_the_database(setup, tmp_path):
    path, described = setup
    client = voter()
    first, status = answer_statement(client, described, "eens")
    assert status == 302
    second, status = answer_statement(client, described, "oneens")
    assert status == 302 and second != first
    answered = [
        ballot(described, {"eens": 1}, block=first),
        ballot(described, {"oneens": 1}, block=second),
    ]
    assert "In orde" in load_check(path, acknowledged(tmp_path, *answered))
    never_stored = ballot(described, {"weet_niet": 1}, block=second)
    with pytest.raises(CommandError) as error:
        load_check(path, acknowledged(tmp_path, *answered, never_stored))
    assert f"in blok {second}: 1× bevestigd {{'weet_niet': 1}}" in str(error.value)


def test_a_ballot_whose_answer_never_came_may_or_may_not_be_stored(setup, tmp_path):
    path, described = setup
    client = voter()
    first, second, *_ = vote_form_options(client, described)
    assert post_ballot(client, described, {first: 1}) == 302
    stored_after_all = acknowledged(
        tmp_path,
        ballot(described, {first: 1}, outcome="verstuurd"),
        ballot(described, {second: 1}, outcome="verstuurd", user=1),
    )
    assert "In orde" in load_check(path, stored_after_all)


def test_a_stored_ballot_nobody_was_told_of_is_reported(setup, tmp_path):
    path, described = setup
    client = voter()
    first, *_ = vote_form_options(client, described)
    assert post_ballot(client, described, {first: 1}) == 302
    refused = acknowledged(tmp_path, ballot(described, {first: 1}, outcome="geweigerd"))
    with pytest.raises(CommandError) as error:
        load_check(path, refused)
    assert "1 stembiljetten opgeslagen die niet zo bevestigd zijn" in str(error.value)


def test_a_vote_tally_that_disagrees_with_the_votes_is_reported(setup, tmp_path):
    path, _ = setup
    VoteTally.objects.filter(option="").update(points=0)
    with pytest.raises(CommandError) as error:
        load_check(path, acknowledged(tmp_path))
    assert "vote tally" in str(error.value)


def test_a_group_tally_that_disagrees_with_the_votes_is_reported(setup, tmp_path):
    path, _ = setup
    tally = GroupVoteTally.objects.filter(voters__gt=0).first()
    GroupVoteTally.objects.filter(pk=tally.pk).update(voters=tally.voters + 1)
    with pytest.raises(CommandError) as error:
        load_check(path, acknowledged(tmp_path))
    assert "group tally" in str(error.value)
