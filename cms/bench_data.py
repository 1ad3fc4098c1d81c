"""Data for `make bench` and `make load`: a dialogue with N contributions per block.

Never the demo: its own dialogue ("Benchmark", slug `benchmark`), rebuilt on
every call, with a fixed number of participants so that only the number of
contributions, reactions and supports changes with N. Rows go in with
bulk_create and the counters are recounted afterwards, as any bulk loader must.
The voting step has a dot vote over the question's most supported answers and
a few statements; every participant has voted and answered them all, so the
viewer's page shows the results and the comparison of groups as well.
"""

import json
import random
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from dialogue_blocks import counters
from dialogue_blocks.blocks.voting import EARLIER_SOURCE
from dialogue_blocks.consensus import ANSWERS
from dialogue_blocks.models import (
    Ballot,
    Contribution,
    ContributionStatus,
    Municipality,
    Participant,
    Province,
    Role,
    SizeClass,
    Support,
    Theme,
    Vote,
)
from dialogue_blocks.results import AFTER_VOTING
from home.models import HomePage

from .models import DialoguePage, PhasePage, StandardPage
from .phases import Step

SLUG = "benchmark"
QUESTION_ID = "b0000000-0000-4000-8000-000000000001"
BOARD_ID = "b0000000-0000-4000-8000-000000000002"
VOTE_ID = "b0000000-0000-4000-8000-000000000003"
QUESTION = "Wat gaat goed in de samenwerking?"
VOTE_OPTIONS = 5
VOTE_BUDGET = 5
VOTE_MAX_PER_OPTION = 3
STATEMENTS_ID = "b0000000-0000-4000-8000-000000000004"
STATEMENTS = [
    "De VNG moet vaker regionaal bijeenkomen.",
    "Kleine gemeenten worden genoeg gehoord.",
    "De ledenraadpleging kost te veel tijd.",
    "Samenwerking tussen gemeenten hoort bij de VNG.",
    "De VNG legt haar keuzes goed uit.",
    "Raadsleden moeten meer meepraten.",
]
PARTICIPANTS = 300
THEMES = 5
REACTION_SHARE = 0.4
MOST_SUPPORTS = 9
# The signed-in participant whose page the benchmark also measures.
VIEWER_HASH = "0" * 64
SEED = 2026


@dataclass
class BenchSite:
    dialogue: DialoguePage
    question_page: PhasePage
    board_page: PhasePage
    vote_page: PhasePage
    plain_page: StandardPage
    viewer: Participant


def question_body() -> str:
    value = {
        "question": QUESTION,
        "help_text": "",
        "max_length": 1000,
        "offer_themes": False,
        "reactions": True,
    }
    return json.dumps([{"type": "question", "value": value, "id": QUESTION_ID}])


def board_body() -> str:
    value = {
        "heading": "Ideeën en zorgen",
        "intro": "",
        "themes": [],
        "max_length": 1000,
    }
    return json.dumps([{"type": "idea_board", "value": value, "id": BOARD_ID}])


def statement_key(number: int) -> str:
    """The statement's list item id, which is also its ballot's block id."""
    return str(uuid.uuid5(uuid.UUID(STATEMENTS_ID), str(number)))


def vote_body(question_page) -> str:
    """Stippen over the question's most supported answers (a bounded list), and
    statements."""
    dot_vote = {
        "heading": "Wat moet als eerste?",
        "intro": "",
        "source": EARLIER_SOURCE,
        "themes": [],
        "source_page": question_page.pk,
        "source_heading": QUESTION,
        "top": VOTE_OPTIONS,
        "picked": [],
        "budget": VOTE_BUDGET,
        "max_per_option": VOTE_MAX_PER_OPTION,
        "results_visibility": AFTER_VOTING,
    }
    statements = {
        "heading": "Wat vindt u ervan?",
        "intro": "",
        "statements": [
            {"type": "item", "value": text, "id": statement_key(n)}
            for n, text in enumerate(STATEMENTS)
        ],
        "compare_by": "rol",
        "results_visibility": AFTER_VOTING,
        "proposals": False,
    }
    return json.dumps(
        [
            {"type": "dot_vote", "value": dot_vote, "id": VOTE_ID},
            {"type": "statements", "value": statements, "id": STATEMENTS_ID},
        ]
    )


def plain_body() -> str:
    text = (
        "<p>" + "Een gewone alinea over deze dialoog en hoe u meedoet. " * 12 + "</p>"
    )
    return json.dumps(
        [{"type": "paragraph", "value": text, "id": str(uuid.uuid4())}] * 4
    )


def open_step(dialogue, step, body) -> PhasePage:
    now = timezone.now()
    return dialogue.add_child(
        instance=PhasePage(
            title=step.label,
            slug=step.slug,
            step=step,
            opens_at=now - timedelta(days=30),
            closes_at=now + timedelta(days=30),
            summary="Een open stap om te meten.",
            body=body,
        )
    )


def build_pages() -> tuple[DialoguePage, list[PhasePage], StandardPage]:
    home = HomePage.objects.get(depth=2)
    for old in DialoguePage.objects.filter(slug=SLUG):
        old.delete()
    dialogue = home.add_child(
        instance=DialoguePage(
            title="Benchmark",
            slug=SLUG,
            intro="Meetdialoog voor make bench en make load.",
            moderation_mode="post",
        )
    )
    question = open_step(dialogue, Step.VERKENNEN, question_body())
    board = open_step(dialogue, Step.VERRIJKEN, board_body())
    vote = open_step(dialogue, Step.VOORKEUREN, vote_body(question))
    plain = dialogue.add_child(
        instance=StandardPage(
            title="Over de meting",
            slug="over",
            intro="Een gewone pagina.",
            body=plain_body(),
        )
    )
    return dialogue, [question, board, vote], plain


def make_participants(dialogue, rng) -> list[Participant]:
    provinces = list(Province.objects.all())
    sizes = [s for s in SizeClass.values if s != SizeClass.UNKNOWN]
    roles = [role for role in Role.values if role != Role.OTHER]
    people = [
        Participant(
            dialogue=dialogue,
            email_hash=VIEWER_HASH if n == 0 else secrets.token_hex(32),
            role=rng.choice(roles),
            province=rng.choice(provinces),
            size_class=rng.choice(sizes),
            network_codes=[],
            batched=True,
        )
        for n in range(PARTICIPANTS)
    ]
    return Participant.objects.bulk_create(people, batch_size=500)


def spread_contributions(page, block_id, count, people, themes, rng) -> None:
    """`count` published items, REACTION_SHARE with a reaction, up to 9 supports."""
    now = timezone.now()

    def moment():
        return now - timedelta(seconds=rng.randint(60, 14 * 24 * 3600))

    top = Contribution.objects.bulk_create(
        (
            Contribution(
                participant=rng.choice(people),
                phase=page,
                block_id=block_id,
                kind=rng.choice(["idee", "zorg"]) if themes else "antwoord",
                theme=rng.choice(themes) if themes else None,
                text=f"Bijdrage {n}: " + "een gedachte over samenwerking. " * 6,
                status=ContributionStatus.PUBLISHED,
                created_at=moment(),
            )
            for n in range(count)
        ),
        batch_size=1000,
    )
    Contribution.objects.bulk_create(
        (
            Contribution(
                participant=rng.choice(people),
                phase=page,
                block_id=block_id,
                kind="reactie",
                theme=parent.theme,
                parent=parent,
                text="Een reactie daarop.",
                status=ContributionStatus.PUBLISHED,
                created_at=min(now, parent.created_at + timedelta(hours=2)),
            )
            for parent in top
            if rng.random() < REACTION_SHARE
        ),
        batch_size=1000,
    )
    Support.objects.bulk_create(
        (
            Support(participant=supporter, contribution=contribution)
            for contribution in top
            for supporter in rng.sample(people[1:], rng.randint(0, MOST_SUPPORTS))
        ),
        batch_size=2000,
    )


def viewer_activity(viewer, pages, themes) -> None:
    """Own waiting items in both blocks, and support for the newest of others."""
    for page, block_id, kind, theme in [
        (pages[0], QUESTION_ID, "antwoord", None),
        (pages[1], BOARD_ID, "idee", themes[0]),
    ]:
        Contribution.objects.create(
            participant=viewer,
            phase=page,
            block_id=block_id,
            kind=kind,
            theme=theme,
            text="Mijn eigen bijdrage, die nog wacht.",
            status=ContributionStatus.PENDING,
        )
        newest = Contribution.objects.filter(
            phase=page, parent=None, status=ContributionStatus.PUBLISHED
        ).exclude(participant=viewer)[:10]
        Support.objects.bulk_create(
            [Support(participant=viewer, contribution=c) for c in newest],
            ignore_conflicts=True,
        )


def spread_points(options, rng) -> dict[str, int]:
    """A valid dot vote: the budget, or as much of it as the options can hold."""
    points = dict.fromkeys(options, 0)
    for _ in range(min(VOTE_BUDGET, len(options) * VOTE_MAX_PER_OPTION)):
        room = [key for key, n in points.items() if n < VOTE_MAX_PER_OPTION]
        points[rng.choice(room)] += 1
    return {key: n for key, n in points.items() if n}


def cast_ballots(vote_page, people, rng) -> None:
    """Every participant's stippen over the vote's options (the top answers) and
    answer to every statement, as the forms allow."""
    options = [option.key for option in vote_page.body[0].value.top_contributions()]
    ballots = [
        (block_id, person, points)
        for person in people
        for block_id, points in [
            (VOTE_ID, spread_points(options, rng) if options else {}),
            *(
                (statement_key(n), {rng.choice(list(ANSWERS)): 1})
                for n in range(len(STATEMENTS))
            ),
        ]
        if points
    ]
    made = Ballot.objects.bulk_create(
        (
            Ballot(
                participant=person,
                phase=vote_page,
                block_id=block_id,
                budget=VOTE_BUDGET if block_id == VOTE_ID else 1,
                spent=sum(points.values()),
            )
            for block_id, person, points in ballots
        ),
        batch_size=1000,
    )
    Vote.objects.bulk_create(
        (
            Vote(ballot=ballot, option=key, points=n)
            for ballot, (_, _, points) in zip(made, ballots, strict=True)
            for key, n in points.items()
        ),
        batch_size=2000,
    )
    counters.recount_votes([vote_page.pk])


@transaction.atomic
def build(count: int) -> BenchSite:
    """The benchmark dialogue with `count` answers and `count` ideas and concerns."""
    rng = random.Random(SEED)  # noqa: S311 - test data, not security
    dialogue, (question_page, board_page, vote_page), plain = build_pages()
    themes = [
        Theme.objects.create(dialogue=dialogue, title=f"Thema {n + 1}", sort_order=n)
        for n in range(THEMES)
    ]
    people = make_participants(dialogue, rng)
    spread_contributions(question_page, QUESTION_ID, count, people, [], rng)
    spread_contributions(board_page, BOARD_ID, count, people, themes, rng)
    viewer = people[0]
    viewer_activity(viewer, [question_page, board_page], themes)
    counters.recount([question_page.pk, board_page.pk])
    # After the recount: the vote's options are the answers with most support.
    cast_ballots(vote_page, people, rng)
    gather_statistics()
    return BenchSite(dialogue, question_page, board_page, vote_page, plain, viewer)


def gather_statistics() -> None:
    """Let PostgreSQL plan with statistics on the rows just written, as
    autovacuum gives a live database within a minute of such a burst: right
    after a bulk load it plans the listing queries blind, and the benchmark
    would measure that. SQLite keeps none unless asked, and none are asked
    of it in production either."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def invitation_links(dialogue, count: int) -> list[str]:
    """`count` invited people and the path of each one's personal link (load test)."""
    from invitations.models import Invitee, InviteeStatus
    from invitations.services import create_access_link

    municipalities = list(Municipality.objects.filter(is_active=True)[:50])
    invitees = Invitee.objects.bulk_create(
        Invitee(
            dialogue=dialogue,
            name=f"Deelnemer {n}",
            email=f"belasting-{n}@bench.invalid",
            role=Role.values[n % len(Role.values)],
            municipality=municipalities[n % len(municipalities)],
            status=InviteeStatus.INVITED,
        )
        for n in range(count)
    )
    return [
        dialogue.url + dialogue.reverse_subpage("join", args=[create_access_link(i)])
        for i in invitees
    ]
