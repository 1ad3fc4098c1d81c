"""Forms for every moderation POST."""

from django import forms

from dialogue_blocks.forms import ContributionTextField
from dialogue_blocks.models import RejectionReason

from .models import BlockReason, FacilitatorProfile


class ConfirmActionForm(forms.Form):
    """No fields: the POST (with its CSRF token) confirms the action."""


# No reason is preselected: a moderator who rejects must choose one on purpose.
REASON_CHOICES = [("", "Kies een reden")] + RejectionReason.choices
REASON_REQUIRED = "Kies een reden om af te wijzen."


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label="Reden",
        choices=REASON_CHOICES,
        error_messages={"required": REASON_REQUIRED},
    )
    note = ContributionTextField(
        500,
        label="Toelichting voor de deelnemer (niet verplicht)",
        required=False,
        rows=3,
        help_text="De deelnemer ziet de reden en deze toelichting in ‘Mijn bijdragen’.",
    )


class HideForm(forms.Form):
    reason = forms.ChoiceField(
        label="Reden",
        choices=REASON_CHOICES,
        error_messages={"required": "Kies een reden om te verbergen."},
    )


class BlockForm(forms.Form):
    reason = forms.ChoiceField(
        label="Reden",
        choices=[("", "Kies een reden")] + BlockReason.choices,
        help_text="Komt in de geschiedenis van deze bijdrage en in het logboek.",
        error_messages={"required": "Kies een reden om te blokkeren."},
    )
    note = ContributionTextField(
        300,
        label="Toelichting voor moderatoren (niet verplicht)",
        required=False,
        rows=3,
        help_text="De deelnemer ziet deze toelichting niet. Noem geen namen.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == BlockReason.OTHER and not cleaned.get("note"):
            self.add_error("note", "Licht de andere reden kort toe.")
        return cleaned


class FacilitatorReplyForm(forms.Form):
    display_name = ContributionTextField(
        80,
        single_line=True,
        stored_max_length=FacilitatorProfile._meta.get_field("display_name").max_length,
        label="Uw naam bij de reactie",
        help_text="Bijvoorbeeld ‘Marieke, VNG’. Deelnemers zien: Gespreksleider · "
        "uw naam.",
        error_messages={"required": "Kies de naam waarmee u reageert."},
    )
    text = ContributionTextField(2000, label="Uw reactie")


class BulkForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("approve", "goedkeuren"), ("reject", "afwijzen")]
    )
    selected = forms.ModelMultipleChoiceField(
        queryset=None,
        error_messages={"required": "Kies eerst een of meer bijdragen."},
    )
    reason = forms.ChoiceField(
        label="Reden bij afwijzen", choices=REASON_CHOICES, required=False
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selected"].queryset = queryset

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "reject" and not cleaned.get("reason"):
            self.add_error("reason", REASON_REQUIRED)
        return cleaned
