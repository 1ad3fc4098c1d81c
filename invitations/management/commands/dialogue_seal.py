from django.core.management.base import BaseCommand, CommandError

from cms.models import DialoguePage
from invitations.services import seal_dialogue, seal_refusal


class Command(BaseCommand):
    help = (
        "Verzegelt een afgelopen dialoog: vernietigt de sleutel waarmee deelnemers "
        "aan personen te koppelen zijn. Dit kan niet ongedaan worden gemaakt."
    )

    def add_arguments(self, parser):
        parser.add_argument("dialogue", help="De slug of het id van de dialoog.")

    def handle(self, *args, dialogue, **options):
        page = self.find(dialogue)
        refusal = seal_refusal(page)
        if refusal:
            raise CommandError(refusal)
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
