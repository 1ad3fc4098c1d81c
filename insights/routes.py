"""The report's sub-routes of a dialogue page: the page, and building its files.

The files themselves are served by insights.views at `<dialogue>/rapport.pdf`
and `rapport.xlsx`: Wagtail's page routes take no dot in a path.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from . import services
from .models import ReportFile, ReportFileKind
from .report import build_report
from .report_access import may_build_report, may_read_report
from .report_forms import BuildReportFileForm

FILES_ANCHOR = "bestanden"


def files_by_kind(dialogue) -> list[tuple[str, str, ReportFile | None]]:
    """(kind, its label, its file or None) for every kind of report file."""
    files = {
        f.kind: f for f in ReportFile.objects.filter(dialogue=dialogue).defer("content")
    }
    return [(kind, label, files.get(kind)) for kind, label in ReportFileKind.choices]


class ReportRoutesMixin(RoutablePageMixin):
    @path("rapport/", name="report")
    def report_route(self, request, form=None):
        if not may_read_report(request.user, self):
            raise Http404("Het rapport is nog niet gepubliceerd.")
        return self.render(
            request,
            template="insights/report/page.html",
            context_overrides={
                "report": build_report(self),
                "files": files_by_kind(self),
                "may_build": may_build_report(request.user),
                "build_form": form,
            },
        )

    @path("rapport/bestanden/", name="build_report_file")
    def build_report_file_route(self, request):
        report_url = self.url + self.reverse_subpage("report")
        if not may_build_report(request.user):
            raise Http404("Alleen medewerkers maken de bestanden van het rapport.")
        if request.method != "POST":
            return HttpResponseRedirect(f"{report_url}#{FILES_ANCHOR}")
        form = BuildReportFileForm(request.POST)
        if not form.is_valid():
            return self.report_route(request, form=form)
        report_file, queued = services.queue_report_file(
            self, form.cleaned_data["kind"]
        )
        report_file.refresh_from_db(fields=["status"])
        messages.success(request, queued_message(report_file, queued))
        return HttpResponseRedirect(f"{report_url}#{FILES_ANCHOR}")


def queued_message(report_file: ReportFile, queued: bool) -> str:
    name = report_file.get_kind_display()
    if report_file.is_ready:
        return f"Het rapport als {name} is klaar om te downloaden."
    if not queued:
        return f"Het rapport als {name} wordt al gemaakt."
    return (
        f"Het rapport als {name} wordt gemaakt. Vernieuw deze pagina over een "
        "minuut om het te downloaden."
    )
