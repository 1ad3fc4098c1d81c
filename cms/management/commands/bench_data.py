import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db.models import Max

from cms import bench_data
from dialogue_blocks.models import Ballot, Support


class Command(BaseCommand):
    help = (
        "Bouwt de meetdialoog 'Benchmark' met N bijdragen per blok (voor make bench "
        "en make load); nooit de demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="bijdragen per blok")
        parser.add_argument(
            "--invitations",
            type=int,
            default=0,
            help="zoveel genodigden met een persoonlijke link erbij",
        )
        parser.add_argument(
            "--out", type=Path, help="JSON-bestand met de adressen van de meetdialoog"
        )

    def handle(self, *args, count, invitations, out, **options):
        site = bench_data.build(count)
        links = bench_data.invitation_links(site.dialogue, invitations)
        description = {
            "question_page": site.question_page.url,
            "board_page": site.board_page.url,
            "vote_page": site.vote_page.url,
            "plain_page": site.plain_page.url,
            "phase_ids": [site.question_page.pk, site.board_page.pk, site.vote_page.pk],
            "question_block": bench_data.QUESTION_ID,
            "board_block": bench_data.BOARD_ID,
            "vote_block": bench_data.VOTE_ID,
            "vote_budget": bench_data.VOTE_BUDGET,
            "vote_max_per_option": bench_data.VOTE_MAX_PER_OPTION,
            "statements_block": bench_data.STATEMENTS_ID,
            "themes": list(
                site.dialogue.themes.values_list("pk", flat=True).order_by("pk")
            ),
            "invitation_links": links,
            # Supports made after this are the load test's: see load_check.
            "support_watermark": Support.objects.aggregate(top=Max("pk"))["top"] or 0,
            "ballot_watermark": Ballot.objects.aggregate(top=Max("pk"))["top"] or 0,
        }
        if out:
            out.write_text(json.dumps(description, indent=2))
        self.stdout.write(
            f"Meetdialoog met {count} bijdragen per blok en {len(links)} "
            f"uitnodigingen: {site.dialogue.url}"
        )
