from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cms.models import DialoguePage
from invitations.services import seal_dialogue


class Command(BaseCommand):
    help = (
        "Verzegelt een afgelopen dialoog: vernietigt de sleutel waarmee deelnemers "
        "aan personen te koppelen zijn. Dit kan niet ongedaan worden gemaakt."
    )

    def add_arguments(self, parser):
        parser.add_argument("dialogue", help="De slug of het id van de dialoog.")

    def handle(self, *args, dialogue, **options):
        page = self.find(dialogue)
        if page.sealed_at:
            raise CommandError(f"‘{page.title}’ is al verzegeld op {page.sealed_at}.")
        last_open = (
            page.phases()
            .filter(closes_at__gt=timezone.now())
            .order_by("closes_at")
            .last()
        )
        if last_open is not None:
            raise CommandError(
                f"‘{page.title}’ is nog niet afgelopen: ‘{last_open.title}’ is open "
                f"tot en met {last_open.last_day:%d-%m-%Y}. Verzegel na afloop."
            )
        seal_dialogue(page)
        self.stdout.write(
            self.style.SUCCESS(
                f"‘{page.title}’ is verzegeld. Niemand kan deelnemers nog aan "
                "personen koppelen."
            )
        )

    def find(self, identifier: str) -> DialoguePage:
        pages = DialoguePage.objects.all()
        page = (
            pages.filter(pk=identifier).first()
            if identifier.isdigit()
            else pages.filter(slug=identifier).first()
        )
        if page is None:
            raise CommandError(f"Geen dialoog gevonden met slug of id ‘{identifier}’.")
        return page
