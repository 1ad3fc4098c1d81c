"""The Exports page (a form on GET, a file once filled in) and the report files."""

from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from cms.models import DialoguePage

from . import writers
from .exports import DialogueExport
from .forms import EVERYTHING_XLSX, ExportForm
from .models import ReportFile, ReportFileKind, ReportFileStatus
from .report_access import may_read_report
from .routes import FILES_ANCHOR

EXPORT_PERMISSION = "insights.export_contributions"
CSV_TYPE = "text/csv; charset=utf-8"
REPORT_TYPES = {
    ReportFileKind.PDF: "application/pdf",
    ReportFileKind.XLSX: writers.XLSX_TYPE,
}


def filename(first_word: str, dialogue, extension: str) -> str:
    return f"{first_word}-{dialogue.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"


def exports_view(request):
    if not request.user.has_perm(EXPORT_PERMISSION):
        # A plain 403 rather than PermissionDenied, which Wagtail's admin turns
        # into a redirect to the dashboard: a refused download should say so.
        return render(request, "insights/admin/refused.html", status=403)
    form = ExportForm(request.GET if "file" in request.GET else None)
    if not form.is_valid():
        return render(request, "insights/admin/exports.html", {"form": form})
    dialogue = form.cleaned_data["dialogue"]
    export = DialogueExport(dialogue)
    chosen = form.cleaned_data["file"]
    if chosen == EVERYTHING_XLSX:
        return FileResponse(
            writers.xlsx_file(export.sheets()),
            as_attachment=True,
            filename=filename("dialoog", dialogue, "xlsx"),
            content_type=writers.XLSX_TYPE,
        )
    sheet = export.sheet(chosen.removesuffix(".csv"))
    response = StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in writers.csv_chunks(sheet)),
        content_type=CSV_TYPE,
    )
    name = filename(sheet.name, dialogue, "csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def report_file_view(request, dialogue_slug: str, extension: str):
    """The dialogue's report file, once built; else back to the report page."""
    dialogue = get_object_or_404(DialoguePage.objects.live(), slug=dialogue_slug)
    if not may_read_report(request.user, dialogue):
        raise Http404("Het rapport is nog niet gepubliceerd.")
    report_file = ReportFile.objects.filter(
        dialogue=dialogue, kind=extension, status=ReportFileStatus.READY
    ).first()
    if report_file is None:
        report_url = dialogue.url + dialogue.reverse_subpage("report")
        return HttpResponseRedirect(f"{report_url}#{FILES_ANCHOR}")
    built = timezone.localtime(report_file.built_at)
    name = f"rapport-{dialogue.slug}-{built:%Y-%m-%d}.{extension}"
    return HttpResponse(
        bytes(report_file.content),
        content_type=REPORT_TYPES[extension],
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
