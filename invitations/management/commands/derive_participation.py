import time

from django.core.management.base import BaseCommand

from invitations.derivation import derive_all_due


class Command(BaseCommand):
    help = (
        "Werkt het register bij (status 'deelnemer', opkomst per gemeente) voor elke "
        "dialoog met minstens k nieuwe deelnemers sinds de vorige verwerking. Draai "
        "het periodiek (cron), of met --every als eigen proces naast de takenwerker."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDEN",
            help="Blijf draaien en kijk zo vaak of een verwerking nodig is.",
        )

    def handle(self, *args, every=None, **options):
        while True:
            ran = derive_all_due()
            self.stdout.write(f"Verwerkingen uitgevoerd: {ran}")
            if not every:
                return
            time.sleep(every)
