"""State changes of insights: queueing and building the report's files."""

import logging

from django.db import transaction
from django.utils import timezone

from .models import ReportFile, ReportFileKind, ReportFileStatus
from .report import build_report
from .report_files import pdf_bytes, xlsx_bytes

logger = logging.getLogger(__name__)

RENDERERS = {ReportFileKind.PDF: pdf_bytes, ReportFileKind.XLSX: xlsx_bytes}


def queue_report_file(dialogue, kind: str) -> tuple[ReportFile, bool]:
    """The dialogue's file of this kind, queued to be built anew unless a build
    is under way already; True if this call queued it."""
    with transaction.atomic():
        report_file, created = ReportFile.objects.select_for_update().get_or_create(
            dialogue=dialogue, kind=kind
        )
        if report_file.is_pending and not created:
            return report_file, False
        report_file.status = ReportFileStatus.QUEUED
        report_file.progress = 0
        report_file.save(update_fields=["status", "progress"])
    # Imported here: the task module imports this one.
    from .tasks import build_report_file

    build_report_file.enqueue(report_file.pk)
    return report_file, True


def set_progress(report_file: ReportFile, done: int, total: int) -> None:
    # Most of the work is the steps; the last part is rendering the file.
    percent = round(90 * done / total)
    ReportFile.objects.filter(pk=report_file.pk).update(progress=percent)


def build_file(report_file: ReportFile) -> None:
    """Build the report and store it as the file; a failure is stored too."""
    ReportFile.objects.filter(pk=report_file.pk).update(
        status=ReportFileStatus.BUILDING, progress=0
    )
    try:
        report = build_report(
            report_file.dialogue,
            progress=lambda done, total: set_progress(report_file, done, total),
        )
        content = RENDERERS[report_file.kind](report)
    except Exception:
        logger.exception("Rapportbestand %s kon niet gemaakt worden", report_file.pk)
        ReportFile.objects.filter(pk=report_file.pk).update(
            status=ReportFileStatus.FAILED
        )
        raise
    ReportFile.objects.filter(pk=report_file.pk).update(
        status=ReportFileStatus.READY,
        progress=100,
        content=content,
        built_at=timezone.now(),
    )
