"""The choices staff make on the Deelname pages: a dialogue, and targets."""

from decimal import Decimal

from django import forms

from cms.models import DialoguePage
from invitations.forms_rendering import AccessibleForm

from .groups import PARTITIONS


class DialogueChoiceForm(forms.Form):
    """A dialogue to look at; the only one is chosen already."""

    dialogue = forms.ModelChoiceField(
        label="Dialoog",
        queryset=DialoguePage.objects.order_by("title"),
        empty_label="Kies een dialoog",
        error_messages={
            "required": "Kies de dialoog.",
            "invalid_choice": "Deze dialoog bestaat niet (meer). Kies een andere.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dialogues = list(self.fields["dialogue"].queryset[:2])
        if len(dialogues) == 1:  # nothing to choose: preselect the only one
            self.fields["dialogue"].initial = dialogues[0].pk

    def chosen(self):
        """The dialogue asked for, else the only one; None when there is a choice."""
        if self.is_bound:
            return self.cleaned_data["dialogue"] if self.is_valid() else None
        initial = self.fields["dialogue"].initial
        return DialoguePage.objects.filter(pk=initial).first() if initial else None


class TargetsForm(AccessibleForm):
    """One share (percent) per group of a dimension, filled in with the current."""

    def __init__(self, dimension: str, groups, current: dict, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.dimension = dimension
        self.keys = {}
        for group in groups:
            name = f"groep_{group.key}"
            self.keys[name] = group.key
            self.fields[name] = forms.DecimalField(
                label=group.label,
                min_value=Decimal(0),
                max_value=Decimal(100),
                max_digits=4,
                decimal_places=1,
                initial=current[group.key].share,
                localize=True,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
                error_messages={
                    "required": "Vul een percentage in (0 mag).",
                    "invalid": "Vul een getal in, bijvoorbeeld 12,5.",
                    "min_value": "Een percentage is 0 of meer.",
                    "max_value": "Een percentage is hoogstens 100.",
                    "max_decimal_places": "Eén cijfer achter de komma is genoeg.",
                    "max_digits": "Een percentage is hoogstens 100.",
                },
            )

    def clean(self):
        cleaned = super().clean()
        if self.dimension in PARTITIONS and not self.errors:
            total = sum(cleaned.values(), Decimal(0))
            if total > 100:
                raise forms.ValidationError(
                    f"Samen is dat {total} %: elke deelnemer valt in één groep, dus "
                    "de streefwaarden kunnen samen niet meer dan 100 % zijn."
                )
        return cleaned

    @property
    def shares(self) -> dict:
        return {self.keys[name]: value for name, value in self.cleaned_data.items()}
