"""The POST that asks for a report file to be built."""

from django import forms

from .models import ReportFileKind


class BuildReportFileForm(forms.Form):
    kind = forms.ChoiceField(
        choices=ReportFileKind.choices,
        widget=forms.HiddenInput,
        error_messages={
            "required": "Kies welk bestand u wilt laten maken.",
            "invalid_choice": "Dit soort bestand kan niet gemaakt worden.",
        },
    )
