from django.conf import settings
from django.core.management.base import BaseCommand

from cms.demo import (
    DEMO_MODERATOR_USERNAME,
    DEMO_STAFF_PASSWORD,
    DEMO_STAFF_USERNAME,
    build_demo,
)


class Command(BaseCommand):
    help = "Bouwt de demodialoog 'Regionale Samenwerking' (kan vaker draaien)."

    def handle(self, *args, **options):
        # The demo account's password is public: it exists only in development.
        with_staff = settings.DEBUG
        dialogue = build_demo(with_staff_account=with_staff)
        self.stdout.write(
            self.style.SUCCESS(f"Demodialoog staat klaar: {dialogue.url}")
        )
        if with_staff:
            self.stdout.write(
                "Beheer: /beheer/ (met make run: http://127.0.0.1:8000/beheer/) — "
                f"redactie '{DEMO_STAFF_USERNAME}' en moderator "
                f"'{DEMO_MODERATOR_USERNAME}', beide met wachtwoord "
                f"'{DEMO_STAFF_PASSWORD}' (alleen voor ontwikkeling). E-mail van "
                "de site verschijnt in het venster van de server."
            )
