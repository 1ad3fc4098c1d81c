"""The choice staff make on the Exports page: which dialogue, which file."""

from django import forms

from cms.models import DialoguePage

CONTRIBUTIONS_CSV = "bijdragen.csv"
REACTIONS_CSV = "reacties.csv"
VOTES_CSV = "stemmen.csv"
EVERYTHING_XLSX = "alles.xlsx"
FILE_CHOICES = [
    (CONTRIBUTIONS_CSV, "Bijdragen (CSV)"),
    (REACTIONS_CSV, "Reacties (CSV)"),
    (VOTES_CSV, "Stemmen (CSV)"),
    (EVERYTHING_XLSX, "Bijdragen, reacties en stemmen (Excel, één tabblad per soort)"),
]


class ExportForm(forms.Form):
    dialogue = forms.ModelChoiceField(
        label="Dialoog",
        queryset=DialoguePage.objects.order_by("title"),
        empty_label="Kies een dialoog",
        error_messages={
            "required": "Kies de dialoog die u wilt exporteren.",
            "invalid_choice": "Deze dialoog bestaat niet (meer). Kies een andere.",
        },
    )
    file = forms.ChoiceField(
        label="Bestand",
        choices=FILE_CHOICES,
        initial=EVERYTHING_XLSX,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies welk bestand u wilt downloaden.",
            "invalid_choice": "Kies een van de bestanden uit de lijst.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dialogues = list(self.fields["dialogue"].queryset[:2])
        if len(dialogues) == 1:  # nothing to choose: preselect the only one
            self.fields["dialogue"].initial = dialogues[0].pk
