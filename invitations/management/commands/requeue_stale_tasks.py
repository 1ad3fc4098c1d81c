"""Give tasks left RUNNING by a killed worker back to the queue.

django-tasks-db marks a task RUNNING when a worker takes it and never looks at
it again: a worker killed mid-task leaves it so for ever. Run before starting
workers (`make worker` does). Our tasks are safe to run twice (a mailing's
delivery is claimed once, see invitations.mailings.claim).
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


def requeue_stale_tasks(older_than: timedelta) -> int:
    """Tasks RUNNING for longer than any of ours takes become READY again."""
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING,
        started_at__lt=timezone.now() - older_than,
    ).update(status=TaskResultStatus.READY, started_at=None)


class Command(BaseCommand):
    help = "Zet taken die een gestopte worker als RUNNING achterliet terug in de rij."

    def add_arguments(self, parser):
        parser.add_argument(
            "--minutes",
            type=int,
            default=10,
            help="Zo lang loopt geen van onze taken (standaard 10).",
        )

    def handle(self, *args, minutes, **options):
        count = requeue_stale_tasks(timedelta(minutes=minutes))
        self.stdout.write(f"{count} taken opnieuw in de rij gezet.")
