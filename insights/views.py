"""The Exports page: a form on GET, a file once the form is filled in."""

from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from . import writers
from .exports import DialogueExport
from .forms import EVERYTHING_XLSX, ExportForm

EXPORT_PERMISSION = "insights.export_contributions"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
            content_type=XLSX_TYPE,
        )
    sheet = export.sheet(chosen.removesuffix(".csv"))
    response = StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in writers.csv_chunks(sheet)),
        content_type=CSV_TYPE,
    )
    name = filename(sheet.name, dialogue, "csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
