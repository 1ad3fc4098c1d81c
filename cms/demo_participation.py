"""The demo's living dialogue: themes, participation blocks and contributions.

Demo participants are invitees in the register who join through the same
service as real ones (with addresses on the reserved .invalid domain); a batch
then derives the register's status and turnout, so all of it is real data.
"""

import random
import uuid
from datetime import timedelta

from django.utils import timezone

from dialogue_blocks import counters, services
from dialogue_blocks.blocks import PARTICIPATION_BLOCK_TYPES
from dialogue_blocks.blocks.deepening import DEFAULT_KINDS
from dialogue_blocks.models import (
    Ballot,
    Contribution,
    ContributionKind,
    ContributionStatus,
    Municipality,
    Participant,
    RoadmapLink,
    Support,
    Theme,
    Vote,
)
from invitations.derivation import attributes_at_join, derive_participation
from invitations.models import Invitee, InviteeStatus

from . import demo_content as content
from .phases import Step

SEED = 7  # the same demo every time


def ensure_themes(dialogue) -> list[Theme]:
    for order, (title, description) in enumerate(content.THEMES):
        Theme.objects.get_or_create(
            dialogue=dialogue,
            title=title,
            defaults={"description": description, "sort_order": order},
        )
    return list(Theme.objects.filter(dialogue=dialogue))


def question(text: str, offer_themes: bool) -> tuple[str, dict, str]:
    value = {
        "question": text,
        "help_text": "Schrijf vanuit uw eigen ervaring; uw antwoord is anoniem.",
        "max_length": 1000,
        "offer_themes": offer_themes,
        "reactions": True,
    }
    return ("question", value, str(uuid.uuid4()))


def add_blocks_once(page, new_blocks) -> None:
    """Append participation blocks to a demo page that has none yet."""
    if any(child.block_type in PARTICIPATION_BLOCK_TYPES for child in page.body):
        return
    for block_type, value, block_id in new_blocks:
        page.body.append((block_type, value, block_id))
    page.save_revision().publish()


def phase(dialogue, step: Step):
    return dialogue.phases().get(step=step).specific


REGISTER_ROLES = ("burgemeester", "gemeentesecretaris", "griffier")


def demo_invitee(dialogue, role: str, municipality) -> Invitee:
    invitee, _ = Invitee.objects.get_or_create(
        dialogue=dialogue,
        email=f"{role}@{municipality.cbs_code.lower()}.demo.invalid",
        defaults={
            "name": f"{role.capitalize()} van {municipality}",
            "role": role,
            "municipality": municipality,
            "status": InviteeStatus.INVITED,
            "invited_at": timezone.now(),
        },
    )
    return invitee


def demo_register(dialogue, rng) -> list[Invitee]:
    """The register as VNG keeps it: every mayor, secretary and clerk, invited,
    plus the other demo participants. Returns those who will join."""
    municipalities = list(Municipality.objects.filter(is_active=True))
    Invitee.objects.bulk_create(
        (
            Invitee(
                dialogue=dialogue,
                email=f"{role}@{municipality.cbs_code.lower()}.demo.invalid",
                name=f"{role.capitalize()} van {municipality}",
                role=role,
                municipality=municipality,
                status=InviteeStatus.INVITED,
                invited_at=timezone.now(),
            )
            for municipality in municipalities
            for role in REGISTER_ROLES
        ),
        ignore_conflicts=True,
    )
    return [
        demo_invitee(dialogue, role, municipality)
        for role, count in content.DEMO_ROLES
        for municipality in rng.sample(municipalities, count)
    ]


def demo_participants(dialogue, rng) -> list[Participant]:
    """The whole demo register joins, then one batch tells the register."""
    participants = []
    for invitee in demo_register(dialogue, rng):
        attributes = attributes_at_join(
            dialogue, invitee.role, invitee.municipality, in_register=True
        )
        participant, _ = services.join_dialogue(dialogue, invitee.email, attributes)
        participants.append(participant)
    derive_participation(dialogue)
    return participants


def days_ago(rng, most: int):
    return timezone.now() - timedelta(
        days=rng.randint(0, most), hours=rng.randint(0, 9)
    )


def supported(page, block_id, participants, rng, **fields) -> Contribution:
    """A published contribution of a demo participant, with some support."""
    contribution = Contribution.objects.create(
        participant=rng.choice(participants),
        phase=page,
        block_id=block_id,
        status=ContributionStatus.PUBLISHED,
        created_at=days_ago(rng, 12),
        **fields,
    )
    for supporter in rng.sample(participants, rng.randint(0, 9)):
        Support.objects.create(participant=supporter, contribution=contribution)
    return contribution


def fill_block(page, block_id, entries, participants, rng) -> None:
    """Published contributions of (text, kind, theme), with supports and reactions."""
    for text, kind, theme in entries:
        contribution = supported(
            page, block_id, participants, rng, kind=kind, theme=theme, text=text
        )
        if rng.random() < 0.4:
            Contribution.objects.create(
                participant=rng.choice(participants),
                phase=page,
                block_id=block_id,
                parent=contribution,
                kind="reactie",
                text=rng.choice(content.REACTIONS),
                status=ContributionStatus.PUBLISHED,
                created_at=min(
                    timezone.now(),
                    contribution.created_at + timedelta(hours=rng.randint(1, 30)),
                ),
            )


def dot_vote() -> tuple[str, dict, str]:
    value = {
        "heading": content.DOT_VOTE_HEADING,
        "intro": content.DOT_VOTE_INTRO,
        "themes": [],
        "budget": 5,
        "max_per_option": 3,
        "results_visibility": "altijd",
    }
    return ("dot_vote", value, str(uuid.uuid4()))


def poll() -> tuple[str, dict, str]:
    value = {
        "question": content.POLL_QUESTION,
        "intro": "",
        "kind": "enkel",
        "options": content.POLL_OPTIONS,
        "scale_low": "helemaal oneens",
        "scale_high": "helemaal eens",
        "results_visibility": "altijd",
    }
    return ("poll", value, str(uuid.uuid4()))


def statements() -> tuple[str, dict, str]:
    value = {
        "heading": content.STATEMENTS_HEADING,
        "intro": content.STATEMENTS_INTRO,
        "statements": [text for text, *_ in content.STATEMENTS],
        "compare_by": "rol",
        "results_visibility": "altijd",
        "proposals": True,
    }
    return ("statements", value, str(uuid.uuid4()))


def statement_results(voorkeuren) -> tuple[str, dict, str]:
    value = {
        "heading": content.RESULTS_HEADING,
        "intro": content.RESULTS_INTRO,
        "source_page": voorkeuren,
        "source_heading": content.STATEMENTS_HEADING,
    }
    return ("vote_results", value, str(uuid.uuid4()))


def add_results_once(page, voorkeuren) -> None:
    """Voortzetten shows the statements' results, once."""
    if any(child.block_type == "vote_results" for child in page.body):
        return
    page.body.append(statement_results(voorkeuren))
    page.save_revision().publish()


def roadmap(themes) -> tuple[str, dict, str]:
    today = timezone.localdate()
    milestones = [
        {
            "title": title,
            "description": description,
            "date": today + timedelta(days=30 * months),
            "owner": owner,
            "status": status,
            "themes": [themes[index] for index in theme_indexes],
        }
        for title, description, months, owner, status, theme_indexes in (
            content.MILESTONES
        )
    ]
    value = {
        "heading": content.ROADMAP_HEADING,
        "intro": content.ROADMAP_INTRO,
        "milestones": milestones,
    }
    return ("roadmap", value, str(uuid.uuid4()))


def add_roadmap_once(page, themes) -> None:
    """Voortzetten gets the Routekaart, once."""
    if any(child.block_type == "roadmap" for child in page.body):
        return
    page.body.append(roadmap(themes))
    page.save_revision().publish()


def link_roadmap(page) -> None:
    """Each milestone is fed by the two most supported contributions on its themes."""
    for child in page.body:
        if child.block_type != "roadmap":
            continue
        for item in child.value["milestones"].bound_blocks:
            fed = Contribution.objects.filter(
                theme__in=item.value["themes"],
                parent=None,
                status=ContributionStatus.PUBLISHED,
            ).order_by("-support_count", "pk")[:2]
            for contribution in fed:
                RoadmapLink.objects.get_or_create(
                    phase=page,
                    block_id=child.id,
                    milestone_id=item.id,
                    contribution=contribution,
                )


def suggestions() -> tuple[str, dict, str]:
    value = {
        "heading": content.SUGGESTIONS_HEADING,
        "intro": content.SUGGESTIONS_INTRO,
        "max_length": 500,
        "reactions": False,
    }
    return ("suggestions", value, str(uuid.uuid4()))


def fill_suggestions(page, participants, rng) -> None:
    """Who else should join, as the demo's participants named it; one still waits."""
    block = next(child for child in page.body if child.block_type == "suggestions")
    for title, reason in content.SUGGESTIONS:
        supported(
            page,
            block.id,
            participants,
            rng,
            kind=ContributionKind.SUGGESTION,
            title=title,
            text=reason,
        )
    title, reason = content.SUGGESTION_WAITING
    Contribution.objects.create(
        participant=rng.choice(participants),
        phase=page,
        block_id=block.id,
        kind=ContributionKind.SUGGESTION,
        title=title,
        text=reason,
        created_at=days_ago(rng, 3),
    )


def deepening(voorkeuren) -> tuple[str, dict, str]:
    """The Verdiepen board on the three themes the demo's dot vote puts on top."""
    value = {
        "heading": content.DEEPENING_HEADING,
        "intro": content.DEEPENING_INTRO,
        "theme_source": "stemming",
        "themes": [],
        "source_page": voorkeuren,
        "source_heading": content.DOT_VOTE_HEADING,
        "top": 3,
        "kinds": DEFAULT_KINDS,
        "max_length": 1000,
    }
    return ("deepening_board", value, str(uuid.uuid4()))


def fill_statements(page, participants, rng) -> tuple[list, list]:
    """Every demo participant answers every statement, with chances per group.

    Council members and civil servants are the two roles with at least k = 10
    demo participants, so they are the groups compared; the chances in
    demo_content.STATEMENTS make some statements shared and some dividing.
    """
    block = next(child for child in page.body if child.block_type == "statements")
    dialogue = page.dialogue_page()
    keys = [option.key for option in block.value.statement_options(dialogue, block.id)]
    # One participant's proposal waits in the moderation queue.
    Contribution.objects.create(
        participant=participants[0],
        phase=page,
        block_id=block.id,
        kind=ContributionKind.STATEMENT,
        text=content.PROPOSED_STATEMENT,
        status=ContributionStatus.PENDING,
    )
    ballots, votes = [], []
    for participant in participants:
        for key, (_, council, civil, others) in zip(
            keys, content.STATEMENTS, strict=False
        ):
            agree = {"raadslid": council, "ambtenaar": civil}.get(
                participant.role, others
            )
            draw = rng.random()
            answer = (
                "eens"
                if draw < agree
                else ("weet_niet" if draw < agree + (1 - agree) / 5 else "oneens")
            )
            ballot = Ballot(
                participant=participant, phase=page, block_id=key, budget=1, spent=1
            )
            ballots.append(ballot)
            votes.append((ballot, answer, 1))
    return ballots, votes


def fill_votes(page, participants, themes, rng) -> None:
    """Demo ballots as participants would cast them, written in bulk.

    Most participants spread their five points; the themes are weighted so the
    results show a clear order, and the poll's least chosen answer stays below
    k, so a newcomer sees "minder dan k" too. Counted afterwards.
    """
    dot = next(child for child in page.body if child.block_type == "dot_vote")
    question = next(child for child in page.body if child.block_type == "poll")
    answers = [option.key for option in question.value.answer_options()]
    theme_keys = [str(theme.pk) for theme in themes]
    weights = [5, 3, 2, 1][: len(theme_keys)]
    ballots, votes = [], []
    to_spend = min(5, 3 * len(theme_keys))  # whatever the themes, it ends
    for participant in participants[:36]:
        points: dict[str, int] = {}
        while sum(points.values()) < to_spend:
            key = rng.choices(theme_keys, weights)[0]
            if points.get(key, 0) < 3:
                points[key] = points.get(key, 0) + 1
        ballot = Ballot(
            participant=participant,
            phase=page,
            block_id=dot.id,
            budget=5,
            spent=to_spend,
        )
        ballots.append(ballot)
        votes.extend((ballot, key, n) for key, n in points.items())
    for participant in participants[:30]:
        answer = rng.choices(answers, [6, 3, 1][: len(answers)])[0]
        ballot = Ballot(
            participant=participant, phase=page, block_id=question.id, budget=1, spent=1
        )
        ballots.append(ballot)
        votes.append((ballot, answer, 1))
    statement_ballots, statement_votes = fill_statements(page, participants, rng)
    ballots.extend(statement_ballots)
    votes.extend(statement_votes)
    Ballot.objects.bulk_create(ballots)
    Vote.objects.bulk_create(
        Vote(ballot=ballot, option=key, points=n) for ballot, key, n in votes
    )
    counters.recount_votes([page.pk])


def add_participation_figures_once(page) -> None:
    """Who takes part, on the step where people are invited: the Deelname block."""
    if any(child.block_type == "participation" for child in page.body):
        return
    value = {
        "heading": "Wie doen er mee?",
        "intro": "Zo verdeeld doen gemeenten mee, per rol en per provincie, naast "
        "wat we nastreven.",
        "dimensions": ["rol", "provincie"],
    }
    page.body.append(("participation", value, str(uuid.uuid4())))
    page.save_revision().publish()


def build_living_dialogue(dialogue) -> None:
    themes = ensure_themes(dialogue)
    vinden = phase(dialogue, Step.VINDEN)
    add_blocks_once(vinden, [suggestions()])
    add_participation_figures_once(phase(dialogue, Step.VERZAMELEN))
    verkennen = phase(dialogue, Step.VERKENNEN)
    add_blocks_once(
        verkennen,
        [
            question(content.QUESTION_WHAT_WORKS, offer_themes=False),
            question(content.QUESTION_WHAT_CHAFES, offer_themes=True),
        ],
    )
    verrijken = phase(dialogue, Step.VERRIJKEN)
    add_blocks_once(
        verrijken,
        [
            (
                "idea_board",
                {
                    "heading": "Ideeën en zorgen per thema",
                    "intro": "Voeg een idee of een zorg toe bij een thema.",
                    "themes": [],
                    "max_length": 1000,
                },
                str(uuid.uuid4()),
            )
        ],
    )
    voorkeuren = phase(dialogue, Step.VOORKEUREN)
    add_blocks_once(voorkeuren, [dot_vote(), poll(), statements()])
    verdiepen = phase(dialogue, Step.VERDIEPEN)
    add_blocks_once(verdiepen, [deepening(voorkeuren)])
    voortzetten = phase(dialogue, Step.VOORTZETTEN)
    add_results_once(voortzetten, voorkeuren)
    add_roadmap_once(voortzetten, themes)
    if Contribution.objects.filter(phase__in=[verkennen, verrijken]).exists():
        return
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    participants = demo_participants(dialogue, rng)
    questions = [child for child in verkennen.body if child.block_type == "question"]
    for question_block, answers in zip(
        questions,
        [content.ANSWERS_WHAT_WORKS, content.ANSWERS_WHAT_CHAFES],
        strict=True,
    ):
        entries = [(text, ContributionKind.ANSWER, None) for text in answers]
        fill_block(verkennen, question_block.id, entries, participants, rng)
    board = next(child for child in verrijken.body if child.block_type == "idea_board")
    ideas = [(text, kind, themes[index]) for index, kind, text in content.IDEAS]
    fill_block(verrijken, board.id, ideas, participants, rng)
    deepening_board = next(
        child for child in verdiepen.body if child.block_type == "deepening_board"
    )
    worked_out = [(text, kind, themes[i]) for i, kind, text in content.DEEPENING]
    fill_block(verdiepen, deepening_board.id, worked_out, participants, rng)
    fill_suggestions(vinden, participants, rng)
    # Written straight to the tables, with dates in the past: counted afterwards.
    counters.recount([vinden.pk, verkennen.pk, verrijken.pk, verdiepen.pk])
    fill_votes(phase(dialogue, Step.VOORKEUREN), participants, themes, rng)
    link_roadmap(voortzetten)
