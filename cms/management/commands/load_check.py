import json
from collections import defaultdict
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dialogue_blocks import counters
from dialogue_blocks.models import Contribution, Support


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
        posted = len(acknowledged.get("contributions", []))
        reacted = len(acknowledged.get("reactions", []))
        self.stdout.write(
            f"Bevestigd: {acknowledged.get('joins', 0)} deelnames, {posted} "
            f"bijdragen, {reacted} reacties, "
            f"{sum(len(u) for u in supporters.values())} keer steun."
        )
        return lost
