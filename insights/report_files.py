"""The report as files: a tagged PDF (WeasyPrint) and a workbook (openpyxl).

The PDF renders the same body template as the report page, with a print style
sheet inlined, and may fetch nothing: every URL it meets is refused. The
workbook holds the report's tables, one sheet each, through the export's
writer, which neutralises anything a spreadsheet would take for a formula.
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from dialogue_blocks.anonymity import Figure

from . import writers
from .report import Report
from .writers import Sheet

PRINT_STYLE = "css/report-print.css"


def pdf_bytes(report: Report) -> bytes:
    with open(finders.find(PRINT_STYLE), encoding="utf-8") as style:
        html = render_to_string(
            "insights/report/pdf.html", {"report": report, "style": style.read()}
        )
    # PDF/UA-1: tagged, with its language and title, for screen readers.
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf(
        pdf_variant="pdf/ua-1"
    )


def xlsx_bytes(report: Report) -> bytes:
    with writers.xlsx_file(report_sheets(report)) as output:
        return output.read()


def report_sheets(report: Report) -> list[Sheet]:
    return [
        Sheet(
            "trechter",
            "Trechter",
            ["stap in de deelname", "deelnemers"],
            iter([[label, number(value)] for label, value in report.funnel]),
        ),
        Sheet(
            "groepen",
            "Deelnemers per groep",
            ["kenmerk", "groep", "deelnemers"],
            iter(group_rows(report)),
        ),
        Sheet(
            "vertegenwoordiging",
            "Vertegenwoordiging",
            [
                "kenmerk",
                "groep",
                "deelnemers",
                "aandeel (%)",
                "streven (%)",
                "verschil (procentpunt)",
                "ondervertegenwoordigd",
            ],
            iter(representation_rows(report)),
        ),
        Sheet(
            "stappen",
            "Stappen",
            ["stap", "naam", "eerste dag", "laatste dag", "stand", "deelnemers"],
            iter(step_rows(report)),
        ),
        Sheet(
            "themas",
            "Thema's",
            ["stap", "thema", "soort", "deelnemers"],
            iter(theme_rows(report)),
        ),
        Sheet(
            "citaten",
            "Meest gesteund",
            ["stap", "soort", "thema", "steun", "tekst"],
            iter(quote_rows(report)),
        ),
        Sheet(
            "uitslagen",
            "Uitslagen",
            ["stap", "blok", "stelling", "keuze", "deelnemers", "stippen"],
            iter(result_rows(report)),
        ),
        Sheet(
            "routekaart",
            "Routekaart",
            ["mijlpaal", "datum", "wie is aan zet", "stand van zaken", "thema's"],
            iter(roadmap_rows(report)),
        ),
    ]


def number(value: Figure):
    """A shown count as a number the spreadsheet can sum; a hidden one as text."""
    return value.value if value.is_shown else str(value)


def group_rows(report: Report):
    for dimension in report.dimensions:
        for group in dimension.groups:
            yield [dimension.name, group.group, number(group.participants)]


def representation_rows(report: Report):
    """As the page: a dimension whose total is below k shows no groups at all."""
    for table in report.representation:
        if not table.joined_total.is_shown:
            continue
        for row in table.rows:
            yield [
                table.title,
                row.label,
                number(row.joined),
                round(row.share, 1) if row.share is not None else None,
                float(row.target.share) if row.target else None,
                row.gap,
                "ja" if row.under_represented else "nee",
            ]


def step_rows(report: Report):
    for step in report.steps:
        yield [
            step.number,
            step.title,
            step.first_day,
            step.last_day,
            step.status,
            number(step.participants),
        ]


def theme_rows(report: Report):
    for step in report.steps:
        for row in step.themes:
            for kind, participants in zip(step.kinds, row.by_kind, strict=True):
                yield [step.number, row.theme, kind, number(participants)]


def quote_rows(report: Report):
    for step in report.steps:
        for quote in step.quotes:
            yield [
                step.number,
                quote.kind,
                quote.theme,
                number(quote.support),
                quote.text,
            ]


def result_rows(report: Report):
    for step in report.steps:
        for block in step.results:
            for statement, row in block.rows():
                points = number(row.value) if block.counts_points else ""
                yield [
                    step.number,
                    block.heading,
                    statement,
                    row.label,
                    number(row.voters),
                    points,
                ]


def roadmap_rows(report: Report):
    for milestone in report.roadmap:
        yield [
            milestone.title,
            milestone.date,
            milestone.owner,
            milestone.status_label,
            ", ".join(theme.title for theme in milestone.themes),
        ]
