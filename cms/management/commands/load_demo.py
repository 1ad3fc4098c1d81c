from django.conf import settings
from django.core.management.base import BaseCommand

from cms.demo import (
    DEMO_STAFF_PASSWORD,
    DEMO_STAFF_USERNAME,
    build_demo,
    point_site_at_dev_server,
)


class Command(BaseCommand):
    help = "Bouwt de demodialoog 'Regionale Samenwerking' (kan vaker draaien)."

    def handle(self, *args, **options):
        # The demo account's password is public: it exists only in development.
        with_staff = settings.DEBUG
        dialogue = build_demo(with_staff_account=with_staff)
        if settings.DEBUG:
            point_site_at_dev_server()
        self.stdout.write(
            self.style.SUCCESS(f"Demodialoog staat klaar: {dialogue.url}")
        )
        if with_staff:
            self.stdout.write(
                "Beheer: http://127.0.0.1:8000/beheer/ — gebruikersnaam "
                f"'{DEMO_STAFF_USERNAME}', wachtwoord '{DEMO_STAFF_PASSWORD}' "
                "(alleen voor ontwikkeling)."
            )
