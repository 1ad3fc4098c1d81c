"""manage.py import_population FILE: exact populations from a StatLine CSV export."""

from django.core.management.base import BaseCommand, CommandError

from dialogue_blocks.reference_data import ReferenceDataError, import_population

from ._reporting import report


class Command(BaseCommand):
    help = (
        "Leest exacte inwonertallen uit een CSV-export van CBS StatLine "
        "('Bevolking op 1 januari', regio's als code zoals GM0363)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="pad naar de CSV-export van StatLine")
        parser.add_argument(
            "--jaar",
            type=int,
            dest="year",
            help="peiljaar, als het bestand geen kolom Perioden heeft",
        )

    def handle(self, *args, **options) -> None:
        try:
            result = import_population(options["file"], year=options["year"])
        except ReferenceDataError as exc:
            raise CommandError(f"{options['file']}: {exc}") from exc
        report(self, "Inwonertallen", result)
