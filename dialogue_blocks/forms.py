"""Forms for every POST a participation block receives."""

from django import forms

from invitations.forms_rendering import AccessibleForm

from .models import ContributionKind, FlagReason, Theme
from .text import clean_contribution_text, is_blank, visible_length

DEFAULT_MAX_LENGTH = 1000


class ContributionTextField(forms.CharField):
    """Plain text, cleaned by the input rules and counted as a person counts."""

    widget = forms.Textarea

    def __init__(self, max_characters: int = DEFAULT_MAX_LENGTH, **kwargs):
        self.max_characters = max_characters
        kwargs.setdefault("label", "Uw bijdrage")
        super().__init__(strip=False, **kwargs)
        self.widget.attrs.update({"rows": 5, "data-max-characters": max_characters})

    def clean(self, value):
        value = clean_contribution_text(value or "")
        if is_blank(value):
            raise forms.ValidationError(
                "Schrijf eerst iets; een lege bijdrage kan niet."
            )
        length = visible_length(value)
        if length > self.max_characters:
            raise forms.ValidationError(
                f"Uw tekst is {length} tekens lang; het maximum is "
                f"{self.max_characters}. Maak hem {length - self.max_characters} "
                "tekens korter."
            )
        return value


class AnswerForm(AccessibleForm):
    """An answer to an open question, optionally under a theme."""

    def __init__(self, *args, max_characters: int, themes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"] = ContributionTextField(max_characters, label="Uw antwoord")
        if themes is not None:
            self.fields["theme"] = forms.ModelChoiceField(
                queryset=themes,
                required=False,
                label="Thema (niet verplicht)",
                empty_label="Geen thema",
            )


class IdeaForm(AccessibleForm):
    """An idea or a concern under one of the board's themes."""

    kind = forms.ChoiceField(
        label="Is het een idee of een zorg?",
        widget=forms.RadioSelect,
        choices=[
            (ContributionKind.IDEA, "Een idee"),
            (ContributionKind.CONCERN, "Een zorg"),
        ],
        error_messages={"required": "Kies of het een idee of een zorg is."},
    )

    def __init__(self, *args, max_characters: int, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"] = forms.ModelChoiceField(
            queryset=themes,
            label="Thema",
            empty_label="Kies een thema",
            error_messages={"required": "Kies het thema waar het over gaat."},
        )
        self.fields["text"] = ContributionTextField(
            max_characters, label="Uw idee of zorg"
        )
        self.order_fields(["kind", "theme", "text"])


class ReactionForm(AccessibleForm):
    def __init__(self, *args, max_characters: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"] = ContributionTextField(max_characters, label="Uw reactie")


class EditForm(AccessibleForm):
    def __init__(self, *args, max_characters: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"] = ContributionTextField(max_characters, label="Uw tekst")


class FlagForm(AccessibleForm):
    reason = forms.ChoiceField(
        label="Wat is er mis met deze bijdrage?",
        widget=forms.RadioSelect,
        choices=FlagReason.choices,
        error_messages={"required": "Kies wat er mis is."},
    )
    note = forms.CharField(
        label="Toelichting (niet verplicht)",
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConfirmForm(forms.Form):
    """No fields: the POST (with its CSRF token) is the confirmation itself."""


def themes_of(dialogue, chosen: list | None = None):
    themes = Theme.objects.filter(dialogue=dialogue)
    if chosen:
        themes = themes.filter(pk__in=[theme.pk for theme in chosen])
    return themes
