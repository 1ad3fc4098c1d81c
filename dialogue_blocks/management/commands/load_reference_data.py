"""manage.py load_reference_data: the bundled provinces, municipalities, networks."""

from django.core.management.base import BaseCommand, CommandError

from dialogue_blocks.reference_data import ReferenceDataError, load_reference_data

from ._reporting import report


class Command(BaseCommand):
    help = (
        "Laadt de meegeleverde provincies, gemeenten (1 januari 2024) en netwerken "
        "uit fixtures/reference/. Veilig om te herhalen."
    )

    def handle(self, *args, **options) -> None:
        try:
            results = load_reference_data()
        except (ReferenceDataError, OSError, ValueError, KeyError) as exc:
            raise CommandError(f"Referentiegegevens niet geladen: {exc}") from exc
        for label, result in results.items():
            report(self, label.capitalize(), result)
