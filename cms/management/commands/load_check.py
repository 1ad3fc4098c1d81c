import json
from collections import Counter, defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dialogue_blocks import counters
from dialogue_blocks.models import Ballot, Contribution, Support

# What came of a posted ballot, as loadtest/locustfile.py writes it down.
STORED, REFUSED, UNANSWERED = "bevestigd", "geweigerd", "verstuurd"
NOTHING = frozenset()


def possible_ballots(posted) -> dict[tuple, set[frozenset]]:
    """Per (participant, block): what their stored ballot may be, after these posts.

    A ballot replaces the one before: a stored one is all it can be, a refused
    one changes nothing, one whose answer never came may or may not be stored.
    """
    possible = defaultdict(lambda: {NOTHING})
    for ballot in posted:
        key = (ballot["user"], ballot["block"])
        points = frozenset(ballot["points"].items())
        if ballot["outcome"] == STORED:
            possible[key] = {points}
        elif ballot["outcome"] == UNANSWERED:
            possible[key] = possible[key] | {points}
    return possible


def stored_ballots(watermark: int) -> dict[str, Counter]:
    """Per block, the ballots made after bench_data, as their points."""
    found = defaultdict(dict)
    ballots = Ballot.objects.filter(pk__gt=watermark).values_list(
        "pk", "block_id", "votes__option", "votes__points"
    )
    for pk, block_id, option, points in ballots.order_by():
        found[str(block_id)].setdefault(pk, set())
        if option is not None:
            found[str(block_id)][pk].add((option, points))
    return {
        block: Counter(frozenset(points) for points in per_ballot.values())
        for block, per_ballot in found.items()
    }


def lost_ballots(posted, watermark: int) -> list[str]:
    """Acknowledged ballots that are not stored, and stored ones nobody sent."""
    sure, unsure = defaultdict(Counter), Counter()
    for (_, block), possible in possible_ballots(posted).items():
        if len(possible) == 1:
            sure[block][next(iter(possible))] += 1
        else:
            unsure[block] += 1
    stored = stored_ballots(watermark)
    problems = []
    for block in set(sure) | set(stored):
        expected = Counter({b: n for b, n in sure[block].items() if b})
        here = Counter({b: n for b, n in stored.get(block, Counter()).items() if b})
        problems += [
            f"stemmen in blok {block}: {n}× bevestigd {dict(points)}, niet opgeslagen"
            for points, n in (expected - here).items()
        ]
        unexplained = (here - expected).total()
        if unexplained > unsure[block]:
            problems.append(
                f"stemmen in blok {block}: {unexplained} stembiljetten opgeslagen "
                f"die niet zo bevestigd zijn (onbeantwoord: {unsure[block]})"
            )
    return problems


class Command(BaseCommand):
    help = (
        "Controleert na make load (of een storing) dat elke bevestigde schrijfactie "
        "in de database staat en dat alle tellers kloppen met de rijen."
    )

    def add_arguments(self, parser):
        parser.add_argument("setup", type=Path, help="het bestand van bench_data --out")
        parser.add_argument(
            "--acks", type=Path, help="wat de server bevestigde (van de locustfile)"
        )

    def handle(self, *args, setup, acks, **options):
        described = json.loads(setup.read_text())
        problems = counters.mismatches(described["phase_ids"])
        problems += counters.vote_mismatches(described["phase_ids"])
        if acks:
            problems += self.lost_writes(described, json.loads(acks.read_text()))
        if problems:
            raise CommandError("\n".join(["Niet in orde:", *problems[:50]]))
        self.stdout.write("In orde: niets verloren, alle tellers kloppen.")

    def lost_writes(self, described, acknowledged) -> list[str]:
        lost = []
        for kind in ("contributions", "reactions"):
            texts = acknowledged.get(kind, [])
            stored = set(
                Contribution.objects.filter(text__in=texts).values_list(
                    "text", flat=True
                )
            )
            lost += [
                f"{kind}: niet opgeslagen: {t!r}" for t in texts if t not in stored
            ]
        supporters = defaultdict(set)
        for contribution_id, user in acknowledged.get("supports", []):
            supporters[contribution_id].add(user)
        new = Support.objects.filter(pk__gt=described["support_watermark"])
        for contribution_id, users in supporters.items():
            found = new.filter(contribution_id=contribution_id).count()
            if found < len(users):
                lost.append(
                    f"steun voor {contribution_id}: {len(users)} bevestigd, "
                    f"{found} opgeslagen"
                )
        ballots = acknowledged.get("ballots", [])
        lost += lost_ballots(ballots, described.get("ballot_watermark", 0))
        outcomes = Counter(ballot["outcome"] for ballot in ballots)
        posted = len(acknowledged.get("contributions", []))
        reacted = len(acknowledged.get("reactions", []))
        self.stdout.write(
            f"Bevestigd: {acknowledged.get('joins', 0)} deelnames, {posted} "
            f"bijdragen, {reacted} reacties, "
            f"{sum(len(u) for u in supporters.values())} keer steun, "
            f"{outcomes[STORED]} keer gestemd (geweigerd: {outcomes[REFUSED]}, "
            f"zonder antwoord: {outcomes[UNANSWERED]})."
        )
        return lost
