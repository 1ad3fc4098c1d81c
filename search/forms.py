from django import forms
from wagtail.models import Page

from cms.models import DialoguePage
from cms.phases import Step
from dialogue_blocks.models import Theme


class SearchForm(forms.Form):
    """A search term, optionally narrowed to one step of the method or one theme."""

    q = forms.CharField(
        label="Zoekterm",
        max_length=200,
        strip=True,
        error_messages={"required": "Vul een zoekterm in."},
    )
    stap = forms.TypedChoiceField(
        label="Stap",
        choices=[("", "Alle stappen"), *Step.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    thema = forms.ModelChoiceField(
        label="Thema",
        queryset=Theme.objects.none(),
        empty_label="Alle thema's",
        required=False,
        error_messages={"invalid_choice": "Kies een thema uit de lijst."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        live = Page.objects.live().public().type(DialoguePage).values("pk")
        self.fields["thema"].queryset = Theme.objects.filter(dialogue__in=live)
