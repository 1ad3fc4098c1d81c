from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.models import DialoguePage
from invitations import importing, services


class Command(BaseCommand):
    help = (
        "Importeert genodigden in het register uit een CSV- of XLSX-bestand met de "
        "kolommen naam, e-mail, rol, gemeente, organisatie en eventueel ronde. "
        "Adressen die al in het register staan, worden overgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Het CSV- of XLSX-bestand.")
        parser.add_argument(
            "--dialogue", required=True, help="De slug of het id van de dialoog."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Laat alleen zien wat er zou gebeuren; sla niets op.",
        )

    def handle(self, *args, file, dialogue, dry_run, **options):
        page = find_dialogue(dialogue)
        if importing.import_refusal(page):
            raise CommandError(importing.import_refusal(page))
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(
                f"Kan ‘{file}’ niet lezen ({error.strerror})."
            ) from error
        try:
            rows = importing.read_register_file(data).rows
        except importing.ImportFileError as error:
            raise CommandError(str(error)) from error
        if dry_run:
            check = importing.check_rows(page, rows)
        else:
            check = services.import_invitees(page, rows)
        # Line numbers and reasons only: no name or address reaches the output.
        for row in check.rows:
            if row.is_new:
                continue
            reasons = "; ".join([row.verdict, *row.error_list])
            self.stdout.write(f"regel {row.line}: {reasons}")
        if dry_run:
            self.stdout.write(
                f"Proef, niets opgeslagen: {len(check.new)} nieuw, "
                f"{check.duplicate_count} dubbel, {check.refused_count} met fouten."
            )
        else:
            self.stdout.write(self.style.SUCCESS(check.summary()))


def find_dialogue(identifier: str) -> DialoguePage:
    pages = DialoguePage.objects.all()
    page = (
        pages.filter(pk=identifier).first()
        if identifier.isdigit()
        else pages.filter(slug=identifier).first()
    )
    if page is None:
        raise CommandError(f"Geen dialoog gevonden met slug of id ‘{identifier}’.")
    return page
