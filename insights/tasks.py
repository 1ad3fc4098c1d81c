"""The report's files are built by the task worker, never inside a request."""

from django_tasks import task

from . import services
from .models import ReportFile


@task()
def build_report_file(report_file_id: int) -> None:
    report_file = ReportFile.objects.select_related("dialogue").get(pk=report_file_id)
    services.build_file(report_file)
