"""The admin's forms for mailings: writing one, a test mail, and sending it."""

import re

from django import forms

from dialogue_blocks.models import Role, SizeClass

from .admin_forms import DialogueChosenForm
from .mailings import PLACEHOLDERS
from .models import Audience, MailingKind

PLACEHOLDER_PATTERN = re.compile(r"\{[^{}\s]*\}")
NEEDS_LINK = (MailingKind.INVITATION, MailingKind.REMINDER)


def unknown_placeholders(text: str) -> list[str]:
    return [
        found
        for found in dict.fromkeys(PLACEHOLDER_PATTERN.findall(text))
        if found not in PLACEHOLDERS
    ]


class MailingForm(DialogueChosenForm):
    """Text and audience of a mailing."""

    audience = forms.MultipleChoiceField(
        label="Ontvangers",
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Kies wie de mail krijgt."},
    )
    roles = forms.MultipleChoiceField(
        label="Alleen deze rollen",
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Niets aangevinkt: alle rollen.",
    )
    size_classes = forms.MultipleChoiceField(
        label="Alleen gemeenten van deze grootte",
        choices=SizeClass.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Niets aangevinkt: alle gemeenten.",
    )

    def clean_subject(self):
        return self.placeholders_known("subject")

    def clean_body(self):
        return self.placeholders_known("body")

    def placeholders_known(self, field: str) -> str:
        text = self.cleaned_data[field]
        unknown = unknown_placeholders(text)
        if unknown:
            raise forms.ValidationError(
                f"Onbekend: {', '.join(unknown)}. U kunt {', '.join(PLACEHOLDERS)} "
                "gebruiken."
            )
        return text

    def clean(self):
        cleaned = super().clean()
        body = cleaned.get("body")
        if cleaned.get("kind") in NEEDS_LINK and body and "{link}" not in body:
            self.add_error(
                "body",
                "Een uitnodiging of herinnering heeft {link} nodig: de persoonlijke "
                "link waarmee de ontvanger meedoet.",
            )
        return cleaned


class TestMailForm(forms.Form):
    address = forms.EmailField(
        label="Stuur een testmail naar",
        error_messages={
            "required": "Vul het adres in waar de testmail heen moet.",
            "invalid": "Vul een geldig e-mailadres in, bijvoorbeeld naam@vng.nl.",
        },
    )


class SendMailingForm(forms.Form):
    confirm = forms.BooleanField(
        label="Ik heb de voorbeeldmail gecontroleerd; verstuur hem.",
        error_messages={
            "required": "Vink aan dat u de voorbeeldmail hebt gecontroleerd."
        },
    )
