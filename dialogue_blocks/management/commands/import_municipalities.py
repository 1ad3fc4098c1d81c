"""manage.py import_municipalities FILE: apply CBS's "Gemeenten alfabetisch" CSV."""

from django.core.management.base import BaseCommand, CommandError

from dialogue_blocks.reference_data import ReferenceDataError, import_municipalities

from ._reporting import report


class Command(BaseCommand):
    help = (
        "Werkt gemeenten bij met het CBS-bestand 'Gemeenten alfabetisch' (CSV): "
        "namen en provincies per code, nieuwe gemeenten erbij, ontbrekende "
        "gemeenten op 'opgeheven' (nooit verwijderd)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="pad naar het CSV-bestand van het CBS")

    def handle(self, *args, **options) -> None:
        try:
            result = import_municipalities(options["file"])
        except ReferenceDataError as exc:
            raise CommandError(f"{options['file']}: {exc}") from exc
        report(self, "Gemeenten", result)
